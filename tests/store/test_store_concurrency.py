"""Many writers at once, and kill -9 at random instants: only whole snapshots are visible."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import make_notebook, take

from jupyter_ext.store import Store


def _writer(url: str, local_dir: str, worker: int, count: int) -> None:
    store = Store(url, local_dir)
    nb = make_notebook(30, seed=worker, image_every=6)
    for i in range(count):
        nb["cells"][i % 30]["source"] = f"worker {worker} take {i}"
        summary = take(store, nb, path=f"w{worker}.ipynb", message=f"w{worker}-{i}")
        assert not summary["queued"], summary
    store.close()


def test_eight_processes_ten_takes_each(store_url: str, tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")  # no inherited sqlite/s3fs state
    procs = [
        ctx.Process(target=_writer, args=(store_url, str(tmp_path / f"w{w}"), w, 10))
        for w in range(8)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(240)
        assert p.exitcode == 0
    reader = Store(store_url, tmp_path / "reader", sync_interval=0)
    items, cursor = reader.list(limit=1000)
    assert len(items) == 80 and cursor is None
    assert len({i["id"] for i in items}) == 80
    assert {i["message"] for i in items} == {f"w{w}-{i}" for w in range(8) for i in range(10)}
    report = reader.verify()
    assert report["ok"], report["problems"]
    assert report["manifests"] == 80


CRASH_LOOP = """
import sys
from jupyter_ext.store import Store
sys.path[:0] = [{helpers!r}, {tests!r}]
from store_helpers import make_notebook, take
store = Store({url!r}, {local!r})
nb = make_notebook(200, seed=3, image_every=4)
i = 0
print("ready", flush=True)
while True:
    nb["cells"][i % 200]["source"] = "take %d" % i
    nb["cells"][(i * 7) % 200]["outputs"][0]["text"] = "x" * (i % 5000)
    take(store, nb, message="loop %d" % i)
    i += 1
    print("done", i, flush=True)
"""


def test_kill_9_leaves_only_whole_snapshots(store_url: str, tmp_path: Path) -> None:
    url = store_url
    rng = random.Random(42)
    helpers = str(Path(__file__).parent)
    for round_ in range(12):
        code = CRASH_LOOP.format(
            helpers=helpers,
            tests=str(Path(helpers).parent),
            url=url,
            local=str(tmp_path / f"l{round_}"),
        )
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        if round_ == 0:  # at least one whole snapshot, whatever the backend's speed
            assert proc.stdout.readline().startswith(b"done")
        time.sleep(rng.uniform(0.0, 0.8))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    reader = Store(url, tmp_path / "reader", sync_interval=0)
    report = reader.verify()
    assert report["ok"], report["problems"]
    items, _ = reader.list(limit=1000)
    assert report["manifests"] == len(items) > 0
    for item in items:
        nb = reader.get_notebook(item["id"])
        assert len(nb["cells"]) == 200


def test_listing_while_another_thread_indexes_never_sees_half_a_row(tmp_path) -> None:
    """Server threads share one index connection: a reader must not see a writer's
    half-done transaction (a snapshot row whose summary is not written yet)."""
    import threading

    from jupyter_ext.store.index import Index

    index = Index(str(tmp_path / "index.sqlite"))
    errors: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        try:
            while not done.is_set():
                index.list(limit=50)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever broke
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for batch in range(40):
        summaries = [
            {"id": f"01M8{batch:03d}{i:019d}"[:26], "created": "2026-01-01T00:00:00Z",
             "author": {"username": "a"}, "notebook": {"path": "n.ipynb", "key": "n.ipynb"},
             "message": "m", "tags": ["t"], "params": {"lr": i}, "metrics": {"acc": 0.5}}
            for i in range(25)
        ]  # fmt: skip
        index.add(summaries)
    done.set()
    for thread in threads:
        thread.join()
    index.close()
    assert errors == []


def _open_together(path: str, n: int) -> tuple[list[object], list[BaseException]]:
    import threading

    from jupyter_ext.store.index import Index

    opened: list[object] = []
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def open_index() -> None:
        start.wait()
        try:
            opened.append(Index(path))
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=open_index) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return opened, errors


def test_a_new_index_opened_by_many_at_once_gets_one_whole_schema(tmp_path: Path) -> None:
    """The first requests to a server, or the CLI and a server, open a new index together."""
    from jupyter_ext.store.index import Index

    for round_ in range(15):
        opened, errors = _open_together(str(tmp_path / f"index-{round_}.sqlite"), 8)
        assert errors == [], f"round {round_}: {errors}"
        indexes = [ix for ix in opened if isinstance(ix, Index)]
        indexes[0].add([{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "created": "2026-01-01"}])
        assert all(ix.count() == 1 for ix in indexes)
        for ix in indexes:
            ix.close()
