"""Schemathesis fuzzes every operation of the served OpenAPI document against a real server.

All checks (see schemathesis.toml): no 5xx, documented statuses, schema-conformant responses,
valid input accepted, invalid input refused, auth enforced; and no traceback in the server log.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jupyter_ext.store import init_store

ST = shutil.which("st") or str(Path(sys.executable).parent / "st")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    init_store(str(tmp_path / "store"))  # made on purpose
    env = {
        **os.environ,
        "JUPYTER_SNAPSHOT_STORE": str(tmp_path / "store"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_SNAPSHOT_AUTHOR": "fuzz",
    }
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--allow-root",
            f"--port={port}",
            "--IdentityProvider.token=fuzz-token",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.allow_unauthenticated_access=False",
            "--ServerApp.open_browser=False",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/jupyter-ext/api", tmp_path / "server.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.timeout(600)
def test_schemathesis_finds_nothing(live_server, tmp_path):
    base, server_log = live_server
    started = time.monotonic()
    result = subprocess.run(
        [
            ST,
            "--config-file",
            str(Path(__file__).with_name("schemathesis.toml")),
            "run",
            f"{base}/openapi.json",
            "--url",
            base,
            "-H",
            "Authorization: token fuzz-token",
            "--max-examples",
            "25",
            "--request-timeout",
            "60",
            "--wait-for-schema",
            "90",
            "--generation-deterministic",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=540,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert time.monotonic() - started < 540
    assert "Traceback" not in server_log.read_text(), server_log.read_text()[-4000:]
