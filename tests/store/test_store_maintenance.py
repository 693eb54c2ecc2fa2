"""Tombstones, gc and verify."""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from store_helpers import ANA, BOB, make_notebook, replace_stored, stored_bytes, take

from jupyter_ext.store import (
    PermissionDenied,
    SnapshotNotFound,
    Store,
    StoreError,
    blob_hash,
    init_store,
)
from jupyter_ext.store.codec import encode_blob
from jupyter_ext.store.ids import ulid_floor

DAY = 86400.0


def _shifted(store: Store, days: float) -> Store:
    """The same store seen by a server whose clock is *days* ahead (S3 mtimes can't be set)."""
    return Store(
        store.url,
        Path(store.local_dir).parent / f"shift{days}",
        clock=lambda: time.time() + days * DAY,
    )


def test_only_the_author_can_delete(store: Store, other_store: Store) -> None:
    sid = take(store, make_notebook(3))["id"]
    with pytest.raises(PermissionDenied):
        store.delete(sid, username="bob")
    with pytest.raises(PermissionDenied):
        store.delete(sid, username="")
    result = store.delete(sid, username="ana")
    assert result["deleted"] and result["tombstone"].startswith("tombstones/")
    assert store.list()[0] == []
    with pytest.raises(SnapshotNotFound):
        store.get_manifest(sid)
    # another server learns of the tombstone on its next sync
    assert other_store.list()[0] == []
    keys = store.backend.list("tombstones")
    assert len(keys) == 1 and keys[0].endswith(f"-{sid}.json")


def test_delete_keeps_other_snapshots(store: Store) -> None:
    a = take(store, make_notebook(3), author=BOB)["id"]
    b = take(store, make_notebook(3, seed=1))["id"]
    store.delete(b, username="ana")
    assert [i["id"] for i in store.list()[0]] == [a]
    assert store.verify()["ok"]


def _orphan(store: Store, content: bytes) -> str:
    digest = blob_hash(content)
    store.backend.write(f"objects/{digest[:2]}/{digest[2:]}", encode_blob(content))
    return digest


def test_gc_removes_old_orphans_only(store: Store) -> None:
    nb = make_notebook(20, image_every=5)
    sid = take(store, nb)["id"]
    orphan = _orphan(store, b"nobody references me" * 10)
    late = _shifted(store, 30)
    # young orphan (written now) is kept under the normal clock
    kept = store.gc()
    assert kept["deleted_blobs"] == 0 and kept["kept_young"] > 0
    dry = late.gc(dry_run=True)
    assert dry["deleted_blobs"] == 1
    assert late.read_blob(orphan)
    done = late.gc()
    assert done["deleted_blobs"] == 1
    with pytest.raises(StoreError):
        late.read_blob(orphan)
    assert late.get_notebook(sid) == nb  # referenced blobs, however old, survive
    assert late.verify()["ok"]


def test_gc_removes_temp_files_of_killed_writers_after_the_grace(tmp_path: Path) -> None:
    """kill -9 between writing a temp file and renaming/linking it leaves `.tmp-*` files in any
    folder (a manifest's in snapshots/): invisible to readers, kept through the grace, then gone."""
    init_store(str(tmp_path / "s"))
    store = Store(tmp_path / "s", tmp_path / "l", sync_interval=0)
    sid = take(store, make_notebook(5))["id"]
    temps = [tmp_path / "s" / f / ".tmp-4242-0123456789ab" for f in ("objects/ab", "snapshots")]
    for temp in temps:
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(b'{"format": "jupyter-ext/snap')  # half a manifest
    assert [item["id"] for item in store.list()[0]] == [sid] and store.verify()["ok"]
    assert store.gc()["deleted_blobs"] == 0 and all(t.exists() for t in temps)
    assert _shifted(store, 15).gc()["deleted_blobs"] == 2
    assert not any(t.exists() for t in temps)
    assert store.get_notebook(sid) and store.verify()["ok"]


def test_gc_refuses_a_grace_shorter_than_writers_assume(store: Store) -> None:
    with pytest.raises(StoreError, match="shorter"):
        store.gc(grace=timedelta(hours=1))


def test_tombstoned_snapshot_blobs_kept_within_grace_then_collected(store: Store) -> None:
    nb = make_notebook(10, seed=9)
    nb["cells"][0]["outputs"][0]["text"] = "unique " * 400
    sid = take(store, nb)["id"]
    store.delete(sid, username="ana")
    n_blobs = sum(len(store.packs.entries(name)) for name in store.packs.names())
    assert _shifted(store, 10).gc()["deleted_blobs"] == 0  # tombstone younger than grace
    result = _shifted(store, 30).gc()
    assert result["removed_manifests"] == [sid]
    assert result["deleted_blobs"] == n_blobs
    assert list(store.backend.walk("objects")) == []
    assert store.verify()["ok"]


def test_writer_freshens_old_blob_so_gc_keeps_it(tmp_path: Path) -> None:
    init_store(str(tmp_path / "s"))
    store = Store(tmp_path / "s", tmp_path / "l", sync_interval=0)
    nb = make_notebook(10)
    take(store, nb)
    old = time.time() - 30 * DAY
    for key, _m, _s in store.backend.walk("objects"):
        os.utime(tmp_path / "s" / key, (old, old))
    (pack,) = [k for k, _m, _s in store.backend.walk("objects")]
    fresh = Store(tmp_path / "s", tmp_path / "l2", sync_interval=0)  # no known-blob cache
    nb["cells"][3]["source"] = "one cell changed"
    take(fresh, nb)  # finds the other blobs in the parent's pack, present but old: touches it
    ages = {k: time.time() - m for k, m, _s in fresh.backend.walk("objects")}
    assert len(ages) == 2 and ages[pack] < 60, ages  # the old pack, touched, and a small new one
    assert fresh.gc(grace=timedelta(days=14))["deleted_blobs"] == 0
    assert Store(tmp_path / "s", tmp_path / "l3").get_notebook(fresh.list()[0][0]["id"]) == nb


def test_gc_concurrent_with_takes_keeps_every_snapshot_whole(tmp_path: Path) -> None:
    """Writers reuse old blobs of an expired deleted snapshot while gc collects them."""
    url = str(tmp_path / "s")
    init_store(url)
    first = Store(url, tmp_path / "l0", sync_interval=0)
    nb = make_notebook(60, image_every=3)
    sid = take(first, nb)["id"]
    old = time.time() - 30 * DAY
    # deleted 30 days ago (by its author; aged by when the store received it): its blobs are
    # protected by nothing but the writers below
    tomb = f"tombstones/{ulid_floor(int(old * 1000))}-{sid}.json"
    first.backend.write(tomb, json.dumps({"snapshot": sid, "deleted_by": "ana"}).encode())
    os.utime(tmp_path / "s" / tomb, (old, old))
    for key, _m, _s in first.backend.walk("objects"):
        os.utime(tmp_path / "s" / key, (old, old))
    gc_store = Store(url, tmp_path / "gc", sync_interval=0)
    errors: list[BaseException] = []
    stop = threading.Event()
    rounds = [0]

    def gc_loop() -> None:
        try:
            while not stop.is_set():
                gc_store.gc()
                rounds[0] += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=gc_loop)
    thread.start()
    try:
        for i in range(15):
            writer = Store(url, tmp_path / f"w{i}", sync_interval=0)  # no known-blob cache
            nb["cells"][i]["source"] = f"edit {i}"
            assert not take(writer, nb, author=ANA)["queued"]
    finally:
        stop.set()
        thread.join()
    assert not errors and rounds[0] > 0
    report = Store(url, tmp_path / "check").verify()
    assert report["ok"] and report["manifests"] == 15, report["problems"]


def test_verify_names_corrupt_missing_and_truncated(store: Store) -> None:
    nb = make_notebook(30, image_every=5)
    a = take(store, nb)["id"]
    nb2 = make_notebook(30, seed=5, image_every=5)
    b = take(store, nb2)["id"]
    c = take(store, make_notebook(3, seed=11))["id"]
    assert store.verify()["ok"]
    blobs = store.get_manifest(a)["content"]
    raw = stored_bytes(store, blobs["metadata"])
    corrupt_key = replace_stored(store, blobs["metadata"], raw[:-1] + bytes([raw[-1] ^ 1]))
    missing = store.get_manifest(b)["content"]["cells"]
    missing_key = f"objects/{missing[:2]}/{missing[2:]}"
    replace_stored(store, missing, None)
    manifest_key = f"snapshots/{c}.json"
    store.backend.write(manifest_key, store.backend.read(manifest_key)[:40])
    report = store.verify()
    assert not report["ok"]
    found = {(p["kind"], p["object"]) for p in report["problems"]}
    assert ("corrupt-blob", corrupt_key) in found
    assert ("missing-blob", missing_key) in found
    assert ("bad-manifest", manifest_key) in found
    assert len(report["problems"]) == 3
    with pytest.raises(StoreError) as info:
        Store(store.url, Path(store.local_dir).parent / "x").get_notebook(a)
    assert corrupt_key in str(info.value)


def test_delta_bases_survive_gc_of_the_parent(store: Store) -> None:
    """v2's changed chunks are stored as deltas against v1's; deleting v1 must not break v2."""
    nb = make_notebook(200, image_every=9)
    v1 = take(store, nb)["id"]
    nb["cells"][50]["source"] = "changed"
    v2 = take(store, nb)["id"]
    assert stored_bytes(store, store.get_manifest(v2)["content"]["cells"])[:1] == b"d"
    store.delete(v1, username="ana")
    result = _shifted(store, 30).gc()
    assert result["removed_manifests"] == [v1]
    fresh = Store(store.url, Path(store.local_dir).parent / "fresh")
    assert fresh.get_notebook(v2) == nb
    assert fresh.verify()["ok"]


def test_verify_names_a_missing_delta_base(store: Store) -> None:
    nb = make_notebook(200)
    v1 = take(store, nb)["id"]
    nb["cells"][10]["source"] = "changed"
    take(store, nb)
    base = store.get_manifest(v1)["content"]["cells"]  # v2's chunk list is a delta against it
    replace_stored(store, base, None)
    report = Store(store.url, Path(store.local_dir).parent / "v").verify()
    kinds = {(p["kind"], p["object"]) for p in report["problems"]}
    assert ("missing-blob", f"objects/{base[:2]}/{base[2:]}") in kinds
