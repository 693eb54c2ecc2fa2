"""kill -9 of the server at random instants while it takes snapshots, 20 times: only whole
snapshots are visible, `verify` is clean, and every visible snapshot reads back."""

import json
import os
import random
import signal
import threading
import time

import httpx
import pytest
from api_helpers import SERVER_HEADERS, start_server

from jupyter_ext.store import Store, init_store


def notebook(n: int) -> dict:
    cells = [{"cell_type": "code", "execution_count": 1, "id": f"c{i}", "metadata": {},
              "outputs": [{"output_type": "stream", "name": "stdout", "text": f"{n}-{i}\n" * 50}],
              "source": f"x = {n} + {i}"} for i in range(60)]  # fmt: skip
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def client(base: str, n: int, stop: threading.Event, acknowledged: list[str]) -> None:
    """Take snapshots until told to stop or the server dies; remember what it acknowledged."""
    with httpx.Client(headers=SERVER_HEADERS, timeout=30) as http:
        while not stop.is_set():
            body = {"path": f"k{n}.ipynb", "content": notebook(n), "message": "k"}
            try:
                response = http.post(f"{base}/jupyter-ext/api/snapshots", content=json.dumps(body))
            except httpx.HTTPError:
                return  # the server died under us
            if response.status_code == 201:
                acknowledged.append(response.json()["id"])


@pytest.mark.timeout(900)
def test_kill_9_of_the_server_leaves_only_whole_snapshots(tmp_path):
    store_dir, root = tmp_path / "store", tmp_path / "root"
    root.mkdir()
    init_store(str(store_dir))  # made on purpose
    env = {**os.environ, "JUPYTER_SNAPSHOT_STORE": str(store_dir),
           "JUPYTER_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    rng = random.Random(7)
    acknowledged: list[str] = []
    for round_ in range(20):
        server, base = start_server(root, env)
        stop = threading.Event()

        threads = [
            threading.Thread(target=client, args=(base, round_ * 10 + i, stop, acknowledged))
            for i in range(4)
        ]
        for thread in threads:
            thread.start()
        if round_ % 2:
            # every other round kills only after a take was acknowledged: a loaded machine can
            # make first takes slower than any fixed delay, and then nothing would be tested
            before, deadline = len(acknowledged), time.monotonic() + 120
            while len(acknowledged) == before and time.monotonic() < deadline:
                time.sleep(0.02)
        time.sleep(rng.uniform(0.2, 1.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for thread in threads:
            thread.join()

    store = Store(str(store_dir), str(tmp_path / "verify-local"))
    report = store.verify()
    assert report["ok"], report["problems"]
    visible: set[str] = set()
    cursor: str | None = None
    while True:  # fast takes leave more than one page's worth
        items, cursor = store.list(limit=1000, cursor=cursor)
        visible |= {item["id"] for item in items}
        if cursor is None:
            break
    # Every acknowledged snapshot survived the kills; every visible one is whole.
    assert set(acknowledged) <= visible
    assert acknowledged, "the server acknowledged takes between kills"
    for snapshot_id in visible:
        assert store.get_notebook(snapshot_id)["cells"]
