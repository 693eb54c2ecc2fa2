"""Huge request bodies cannot grow the server's memory: the 413 comes with bounded memory.

The server is a real subprocess so that its peak resident memory (VmHWM) is its own.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
from api_helpers import SERVER_HEADERS, start_server

LIMIT = 20 * 1024 * 1024
MB = 1024 * 1024


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def body_of(total: int) -> Iterator[bytes]:
    """A notebook-shaped JSON body of *total* bytes, produced in 1 MB pieces."""
    head = b'{"path": "huge.ipynb", "content": {"cells": [], "metadata": {}, "x": "'
    tail = b'"}}'
    yield head
    left = total - len(head) - len(tail)
    while left > 0:
        piece = min(left, MB)
        yield b"a" * piece
        left -= piece
    yield tail


def test_a_body_far_over_the_limit_is_413_without_buffering_it(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    env = {**os.environ, "JUPYTER_SNAPSHOT_STORE": str(tmp_path / "store"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    server, base = start_server(root, env, f"--SnapshotApp.max_body_bytes={LIMIT}")
    url = f"{base}/jupyter-ext/api/snapshots"
    try:
        with httpx.Client(headers=SERVER_HEADERS, timeout=120) as http:
            nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
            ok = http.post(url, content=json.dumps({"path": "small.ipynb", "content": nb}))
            assert ok.status_code == 201, ok.text
            before = peak_rss(server.pid)

            total = 300 * MB
            reply = http.post(url, content=body_of(total), headers={"Content-Length": str(total)})
            assert reply.status_code == 413
            assert f"larger than {LIMIT} bytes" in reply.json()["message"]
            grown = peak_rss(server.pid) - before
            assert grown < 2 * LIMIT, f"peak memory grew {grown / MB:.0f} MB for a 300 MB body"

            # Just under the limit is still accepted, and the server still answers.
            fits = http.post(url, content=body_of(LIMIT - 1024))
            assert fits.status_code == 400, fits.text  # no nbformat: a clear 400, not a 413
            assert "nbformat" in fits.json()["message"] or "notebook" in fits.json()["message"]
            assert http.get(f"{base}/api/status").status_code == 200
    finally:
        server.kill()
        server.wait()
