"""Tombstones count only when written by the snapshot's author, age by when the store got them,
and take effect on cached manifests; junk comment files are skipped and not counted."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from store_helpers import make_notebook, take

from jupyter_ext.store import SnapshotNotFound, Store, StoreError, new_ulid
from jupyter_ext.store.comments import add_comment, comment_counts, list_comments
from jupyter_ext.store.ids import ulid_floor

DAY = 86400.0


def _ids(store: Store) -> list[str]:
    return [item["id"] for item in store.list(limit=100)[0]]


def test_a_forged_tombstone_hides_nothing_and_verify_names_it(
    store: Store, other_store: Store
) -> None:
    sid = take(store, make_notebook(3))["id"]  # ana's
    forged = f"tombstones/{new_ulid()}-{sid}.json"
    record = {"snapshot": sid, "deleted_by": "mallory", "time": "2026-01-01T00:00:00.000Z"}
    store.backend.write(forged, json.dumps(record).encode())
    junk = f"tombstones/{new_ulid()}-{sid}.json"
    store.backend.write(junk, b"not json")
    for reader in (other_store, store):
        assert _ids(reader) == [sid]
        assert reader.get_notebook(sid) == make_notebook(3)
    problems = other_store.verify()["problems"]
    assert sorted((p["kind"], p["object"]) for p in problems) == sorted(
        [("forged-tombstone", forged), ("forged-tombstone", junk)]
    )
    old_gc = Store(store.url, Path(store.local_dir).parent / "gc", sync_interval=0,
                   clock=lambda: time.time() + 30 * DAY)  # fmt: skip
    assert old_gc.gc()["removed_manifests"] == []
    assert _ids(other_store) == [sid]


def test_gc_ages_a_tombstone_by_when_the_store_received_it(store: Store) -> None:
    sid = take(store, make_notebook(3))["id"]
    back_dated = ulid_floor(int((time.time() - 60 * DAY) * 1000))
    record = {"snapshot": sid, "deleted_by": "ana", "time": "2020-01-01T00:00:00.000Z"}
    store.backend.write(f"tombstones/{back_dated}-{sid}.json", json.dumps(record).encode())
    assert _ids(store) == [], "the author's own tombstone counts"
    result = store.gc(grace=timedelta(days=14))
    assert result["removed_manifests"] == [], "received just now: within the grace"
    assert store.backend.mtime(f"snapshots/{sid}.json") is not None
    later = Store(store.url, Path(store.local_dir).parent / "later", sync_interval=0,
                  clock=lambda: time.time() + 15 * DAY)  # fmt: skip
    assert later.gc()["removed_manifests"] == [sid]


def test_a_tombstone_takes_effect_on_a_cached_manifest(store: Store, other_store: Store) -> None:
    sid = take(store, make_notebook(3))["id"]
    assert other_store.get_notebook(sid) == make_notebook(3)  # cached on this server
    store.delete(sid, username="ana")
    with pytest.raises(SnapshotNotFound):
        other_store.get_manifest(sid)
    with pytest.raises(SnapshotNotFound):
        other_store.get_notebook(sid)
    with pytest.raises(SnapshotNotFound):
        add_comment(other_store, sid, author={"username": "bob"}, text="still there?")


def test_junk_comment_files_are_skipped_and_not_counted(store: Store, other_store: Store) -> None:
    sid = take(store, make_notebook(2))["id"]
    real = add_comment(store, sid, author={"username": "ana", "name": "Ana"}, text="nice")
    junk = {
        "bad json": b"{",
        "wrong types": json.dumps({"id": "x", "snapshot": sid, "text": 5}).encode(),
        "oversized": json.dumps({"id": "x", "snapshot": sid, "text": "y" * 400_000}).encode(),
        "not an object": b"[1, 2]",
    }
    for data in junk.values():
        store.backend.write(f"comments/{sid}-{new_ulid()}.json", data)
    for reader in (other_store, store):
        assert [c["id"] for c in list_comments(reader, sid)] == [real["id"]]
        assert comment_counts(reader) == {sid: 1}


def test_a_fifo_or_dev_zero_comment_is_skipped(tmp_path: Path) -> None:
    from jupyter_ext.store import init_store

    init_store(str(tmp_path / "s"))
    store = Store(tmp_path / "s", tmp_path / "l", sync_interval=0)
    sid = take(store, make_notebook(2))["id"]
    os.mkfifo(tmp_path / "s" / "comments" / f"{sid}-{new_ulid()}.json")
    (tmp_path / "s" / "comments" / f"{sid}-{new_ulid()}.json").symlink_to("/dev/zero")
    assert list_comments(store, sid) == [] and comment_counts(store) == {}


def test_only_the_author_may_delete_still_holds(store: Store) -> None:
    sid = take(store, make_notebook(2))["id"]
    with pytest.raises(StoreError):
        store.delete(sid, username="bob")
