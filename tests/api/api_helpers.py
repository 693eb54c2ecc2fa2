"""Notebooks, paths and a subprocess server the API tests share."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import nbformat

NBDIME_FILES = Path(nbformat.__file__).parent.parent / "nbdime" / "tests" / "files"


def make_notebook(lr: float = 0.01, accuracy: float = 0.9, extra: str = "") -> dict:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(f"lr = {lr}\nepochs = 3", metadata={"tags": ["parameters"]})
    work = nbformat.v4.new_code_cell("print('training')" + extra, execution_count=2)
    work.outputs = [nbformat.v4.new_output("stream", name="stdout", text="training\n")]
    metrics = nbformat.v4.new_code_cell("log_metric(accuracy=...)", execution_count=3)
    metrics.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter-ext.metrics+json": {"metrics": {"accuracy": accuracy}},
                "text/plain": f"accuracy={accuracy}",
            },
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Churn model"), params, work, metrics]
    return json.loads(nbformat.writes(nb))


SERVER_TOKEN = "subprocess-token"
SERVER_HEADERS = {"Authorization": f"token {SERVER_TOKEN}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(root: Path, env: dict[str, str], *args: str) -> tuple[subprocess.Popen, str]:
    """A real jupyter server process with the extension (for kills and memory probes);
    returns once /api/status answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--allow-root", f"--port={port}",
         f"--IdentityProvider.token={SERVER_TOKEN}", f"--ServerApp.root_dir={root}",
         "--ServerApp.open_browser=False", "--SnapshotApp.sync_interval=0", *args],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/status", headers=SERVER_HEADERS).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the jupyter server did not start")
