"""A store on a real full (ENOSPC) or read-only (EROFS) filesystem: a small tmpfs (tests run as
root, as CI does). Snapshots queue in the outbox and are delivered once there is room again."""

from __future__ import annotations

import base64
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import make_notebook, take

from jupyter_ext.store import Store, init_store


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    _mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt))
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _big_notebook() -> dict:
    nb = make_notebook(10)
    rng = random.Random(0)
    for cell in nb["cells"]:
        png = base64.b64encode(b"\x89PNG" + rng.randbytes(60_000)).decode()
        cell["outputs"].append({"output_type": "display_data", "metadata": {},
                                "data": {"image/png": png}})  # fmt: skip
    return nb


def test_full_then_read_only_store_queues_and_delivers(tiny_fs: Path, tmp_path: Path) -> None:
    init_store(str(tiny_fs / "store"))
    store = Store(tiny_fs / "store", tmp_path / "local", sync_interval=0)
    small = take(store, make_notebook(3))
    assert not small["queued"]
    nb = _big_notebook()  # 600 kB of images on a 256 kB filesystem
    full = take(store, nb)
    assert full["queued"] and "full" in full["queue_reason"], full["queue_reason"]

    _mount("-o", "remount,ro", str(tiny_fs))
    nb2 = make_notebook(5, seed=4)
    ro = take(store, nb2)
    assert ro["queued"] and "read-only" in ro["queue_reason"], ro["queue_reason"]
    assert store.sync()["pending"] == [full["id"], ro["id"]]

    _mount("-o", "remount,rw,size=8m", str(tiny_fs))
    result = store.sync()
    assert result["delivered"] == [full["id"], ro["id"]], result
    assert [i["queued"] for i in store.list()[0]] == [False, False, False]
    fresh = Store(tiny_fs / "store", tmp_path / "fresh")
    assert fresh.get_notebook(full["id"]) == nb and fresh.get_notebook(ro["id"]) == nb2
    assert fresh.verify()["ok"]
