"""Stores written by older code stay readable: tests/store/fixtures/v1_store was written by the
code before packs (loose objects only; make_v1_store.py made it) and is read, verified, synced
and gc'ed by today's code, also after new-format snapshots land next to the old ones."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from store_helpers import ANA

from jupyter_ext.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

from make_v1_store import VERSIONS, notebook  # noqa: E402

INFO = {"path": "exp/history.ipynb", "name": "history.ipynb", "key": "exp/history.ipynb"}
DAY = 86400.0


@pytest.fixture
def old_store(tmp_path: Path) -> str:
    """A copy of the fixture whose files are a month old (git checkouts are always new)."""
    url = str(tmp_path / "v1")
    shutil.copytree(FIXTURES / "v1_store", url)
    month_ago = time.time() - 30 * DAY
    for folder, _dirs, files in os.walk(url):
        for name in files:
            os.utime(os.path.join(folder, name), (month_ago, month_ago))
    return url


def _by_message(store: Store) -> dict[str, str]:
    items, _cursor = store.list(limit=100)
    return {item["message"]: item["id"] for item in items}


def test_old_store_reads_exactly(old_store: str, tmp_path: Path) -> None:
    store = Store(old_store, tmp_path / "local", sync_interval=0)
    ids = _by_message(store)
    assert sorted(ids) == [f"v{v}" for v in range(VERSIONS)]
    for v in range(VERSIONS):
        assert store.get_notebook(ids[f"v{v}"]) == notebook(v)
    report = store.verify()
    assert report["ok"], report["problems"]
    assert report["manifests"] == VERSIONS
    store.close()


def test_new_snapshots_on_an_old_store_read_verify_and_gc(old_store: str, tmp_path: Path) -> None:
    store = Store(old_store, tmp_path / "local", sync_interval=0)
    ids = _by_message(store)
    newer = notebook(VERSIONS)
    new_id = store.take(newer, author=ANA, notebook_info=INFO, message="new")["id"]
    store.delete(ids["v0"], username="ana")
    assert store.verify()["ok"]
    store.close()
    # a server a day ahead: the tombstone and the old blobs are past a one-hour grace
    later = Store(old_store, tmp_path / "later", sync_interval=0,
                  clock=lambda: time.time() + DAY, gc_grace=timedelta(hours=1))  # fmt: skip
    result = later.gc(grace=timedelta(hours=1))
    assert result["errors"] == []
    assert result["removed_manifests"] == [ids["v0"]]
    assert result["deleted_blobs"] > 0  # what only v0 used (its own image among them)
    report = later.verify()
    assert report["ok"], report["problems"]
    # what is live of the old one-file-per-blob layout now lives in packs
    assert result["packs"]["loose_packed"] > 0
    loose = [k for k, _m, _s in later.backend.walk("objects") if not k.startswith("objects/pack/")]
    assert loose == []
    marker = json.loads((Path(old_store) / "jupyter-ext-store.json").read_text())
    assert marker["version"] == 2  # older jupyter-ext now asks to be upgraded
    assert later.get_notebook(new_id) == newer
    for v in range(1, VERSIONS):
        assert later.get_notebook(ids[f"v{v}"]) == notebook(v)
    later.close()


def test_a_fresh_server_syncs_an_old_store(old_store: str, tmp_path: Path) -> None:
    """Outbox delivery to an old store, and a new server joining it, see every snapshot."""
    store = Store(old_store, tmp_path / "local", sync_interval=0)
    _by_message(store)
    os.rename(old_store, old_store + ".away")  # the share is unmounted: the take queues
    queued = store.take(notebook(VERSIONS), author=ANA, notebook_info=INFO, message="queued")
    assert queued["queued"]
    os.rename(old_store + ".away", old_store)
    store._available_at = -1e9
    result = store.sync()
    assert result["delivered"] == [queued["id"]] and result["errors"] == []
    store.close()
    fresh = Store(old_store, tmp_path / "fresh", sync_interval=0)
    ids = _by_message(fresh)
    assert sorted(ids) == sorted([*(f"v{v}" for v in range(VERSIONS)), "queued"])
    assert fresh.get_notebook(ids["queued"]) == notebook(VERSIONS)
    assert fresh.verify()["ok"]
    fresh.close()


def test_gc_packing_an_old_store_marks_it_for_packs(old_store: str, tmp_path: Path) -> None:
    """No take by new code: gc alone moves the loose blobs into packs, so it must mark the store
    too, or an older jupyter-ext would meet blobs it cannot find instead of "upgrade"."""
    gc_store = Store(old_store, tmp_path / "gc", sync_interval=0)
    result = gc_store.gc()
    assert result["errors"] == [] and result["packs"]["loose_packed"] > 0
    marker = json.loads((Path(old_store) / "jupyter-ext-store.json").read_text())
    assert marker["version"] == 2
    fresh = Store(old_store, tmp_path / "fresh", sync_interval=0)
    ids = _by_message(fresh)
    assert fresh.get_notebook(ids["v1"]) == notebook(1)
