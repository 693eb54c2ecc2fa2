"""Every read from the store is bounded, and only regular files inside the store are opened.

Issue 13: a FIFO named like a manifest wedged every worker; a symlink to /dev/zero ate memory;
a 32 kB zstd blob declaring 1 GiB allocated 1 GiB on every read; a self-referencing delta
answered "Unhandled error"; 242 bytes of correctly hashed blobs (a chunk list naming one chunk
thousands of times) came back as a 239 MiB notebook and `verify` said intact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zstandard
from store_helpers import make_notebook, pack_of, replace_stored, take

from jupyter_ext.store import CorruptObject, Store, blob_hash, new_ulid
from jupyter_ext.store.codec import canonical_json, encode_blob
from jupyter_ext.store.refs import blob_key

GiB = 2**30


def zstd_bomb(size: int = GiB, declare: bool = True) -> bytes:
    """A small zstd frame of *size* zero bytes (declaring its size in the header or not)."""
    cctx = zstandard.ZstdCompressor(level=1, write_content_size=declare)
    obj = cctx.compressobj(size=size if declare else -1)
    zeros = bytes(2**20)
    parts = [obj.compress(zeros) for _ in range(size // len(zeros))]
    return b"".join([*parts, obj.flush()])


def within(seconds: float, run: Callable[[], Any]) -> Any:
    """run() in a thread; fails (instead of hanging the suite) when it does not finish."""
    out: dict[str, Any] = {}

    def target() -> None:
        try:
            out["value"] = run()
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s (hung)"
    if "error" in out:
        raise out["error"]
    return out.get("value")


@pytest.fixture
def folder_store(tmp_path: Path) -> Store:
    from jupyter_ext.store import init_store

    init_store(str(tmp_path / "shared"))
    return Store(tmp_path / "shared", tmp_path / "local", sync_interval=0)


def test_a_fifo_named_like_a_manifest_hangs_nothing(folder_store: Store, tmp_path: Path) -> None:
    good = take(folder_store, make_notebook(2))
    fifo_id = new_ulid()
    os.mkfifo(tmp_path / "shared" / "snapshots" / f"{fifo_id}.json")
    reader = Store(folder_store.url, tmp_path / "reader", sync_interval=0)
    assert within(10, lambda: [i["id"] for i in reader.list()[0]]) == [good["id"]]
    with pytest.raises(CorruptObject, match="not a regular file"):
        within(10, lambda: reader.get_manifest(fifo_id))
    report = within(10, reader.verify)
    assert [p["kind"] for p in report["problems"]] == ["bad-manifest"]


def test_symlinks_to_dev_zero_are_refused(folder_store: Store, tmp_path: Path) -> None:
    summary = take(folder_store, make_notebook(4))
    manifest = folder_store.get_manifest(summary["id"])
    victim = manifest["content"]["cells"]
    path = tmp_path / "shared" / pack_of(folder_store, victim)  # the take's one pack
    path.unlink()
    path.symlink_to("/dev/zero")
    zero_id = new_ulid()
    (tmp_path / "shared" / "snapshots" / f"{zero_id}.json").symlink_to("/dev/zero")
    reader = Store(folder_store.url, tmp_path / "reader", sync_interval=0)
    assert within(10, lambda: [i["id"] for i in reader.list()[0]]) == [summary["id"]]
    with pytest.raises(CorruptObject, match="symbolic link"):
        within(10, lambda: reader.get_notebook(summary["id"]))
    report = within(20, reader.verify)
    kinds = sorted({p["kind"] for p in report["problems"]})
    assert kinds == ["bad-manifest", "bad-pack", "corrupt-blob"], report["problems"]
    # the symlinked pack, and every blob of it a snapshot reaches, are named by the pack
    assert {p["object"] for p in report["problems"] if p["kind"] != "bad-manifest"} == {
        f"objects/pack/{path.name}"
    }


@pytest.mark.parametrize("declare", [True, False])
def test_a_zstd_bomb_is_refused_before_allocating(store: Store, declare: bool) -> None:
    summary = take(store, make_notebook(3))
    bomb = zstd_bomb(GiB, declare)
    assert len(bomb) < 64 * 1024
    victim = store.get_manifest(summary["id"])["content"]["cells"]
    pack = replace_stored(store, victim, b"z" + bomb)
    fake = "ab" * 32
    store.backend.write(blob_key(fake), b"z" + bomb)
    reader = Store(store.url, Path(store.local_dir).parent / "reader", sync_interval=0)
    for read in (lambda: reader.read_blob(fake), lambda: reader.get_notebook(summary["id"])):
        t0 = time.perf_counter()
        with pytest.raises(CorruptObject, match="too large|more than"):
            read()
        assert time.perf_counter() - t0 < 5
    problems = reader.verify()["problems"]
    assert [(p["kind"], p["object"]) for p in problems] == [("too-large", pack)]


def test_reading_a_bomb_does_not_grow_the_process(tmp_path: Path) -> None:
    """RSS measured in a fresh process: reading a 1 GiB-declaring blob three times."""
    from jupyter_ext.store import init_store

    url = str(tmp_path / "shared")
    init_store(url)
    fake = "cd" * 32
    key = Path(url) / blob_key(fake)
    key.parent.mkdir(parents=True)
    key.write_bytes(b"z" + zstd_bomb())
    script = f"""
import resource, json
from jupyter_ext.store import Store
store = Store({url!r}, {str(tmp_path / "l")!r})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
errors = []
for _ in range(3):
    try:
        store.read_blob({fake!r})
    except Exception as exc:
        errors.append(type(exc).__name__)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"growth_kib": after - before, "errors": errors}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print("RSS growth reading a 1 GiB zstd bomb 3x:", result)
    assert result["errors"] == ["TooLarge"] * 3
    assert result["growth_kib"] < 64 * 1024, result


def test_a_self_referencing_or_cyclic_delta_is_corrupt(store: Store) -> None:
    a, b = "a1" * 32, "b2" * 32
    store.backend.write(blob_key(a), b"d\x01" + bytes.fromhex(a) + zstd_bomb(1000))
    store.backend.write(blob_key(b), b"d\x01" + bytes.fromhex(a) + zstd_bomb(1000))
    for digest in (a, b):
        with pytest.raises(CorruptObject, match="cyclic"):
            store.read_blob(digest)
    # a delta frame that declares a huge size is refused like any other bomb
    c = "c3" * 32
    store.backend.write(blob_key(c), encode_blob(b"base" * 100))
    real_c = blob_hash(b"base" * 100)
    store.backend.write(blob_key(real_c), encode_blob(b"base" * 100))
    d = "d4" * 32
    store.backend.write(blob_key(d), b"d\x01" + bytes.fromhex(real_c) + zstd_bomb(GiB))
    with pytest.raises(CorruptObject, match="too large"):
        store.read_blob(d)


def _chunk_bomb(store: Store, repeats: int) -> str:
    """A correctly hashed snapshot whose chunk list names one 20 kB chunk *repeats* times."""
    node = {"v": {"cell_type": "code", "metadata": {}, "source": "x" * 20_000, "outputs": []}}
    chunk = b"[" + canonical_json(node) + b"]"
    cells = bytes.fromhex(blob_hash(chunk)) * repeats
    meta = canonical_json({"v": {"nbformat": 4, "nbformat_minor": 5, "metadata": {}}})
    for data in (chunk, cells, meta):
        store.backend.write(blob_key(blob_hash(data)), encode_blob(data))
    sid = new_ulid()
    manifest = {
        "format": "jupyter-ext/snapshot@1", "id": sid, "created": "2026-01-01T00:00:00.000Z",
        "author": {"username": "eve"}, "message": "", "tags": [],
        "notebook": {"path": "b.ipynb", "name": "b.ipynb", "key": "b.ipynb"}, "parent": None,
        "content": {"nbformat": 4, "nbformat_minor": 5, "metadata": blob_hash(meta),
                    "cells": blob_hash(cells), "cell_count": repeats, "bytes": 30_000},
        "refs": [],
    }  # fmt: skip
    store.backend.write(f"snapshots/{sid}.json", json.dumps(manifest).encode())
    return sid


def test_a_notebook_is_bounded_by_what_its_manifest_declares(store: Store) -> None:
    sid = _chunk_bomb(store, 3000)  # 60 MB of notebook from ~100 kB of blobs
    t0 = time.perf_counter()
    with pytest.raises(CorruptObject, match="more than"):
        store.get_notebook(sid)
    with pytest.raises(CorruptObject, match="more than"):
        store.cell_hashes(sid)
    assert time.perf_counter() - t0 < 5
    t0 = time.perf_counter()
    report = store.verify()
    print(f"verify of the chunk-list bomb: {time.perf_counter() - t0:.2f} s")
    assert [(p["kind"], p["object"]) for p in report["problems"]] == [
        ("too-large", f"snapshot/{sid}.json".replace("snapshot/", "snapshots/"))
    ]


def test_oversized_manifests_and_blobs_name_the_object(store: Store) -> None:
    from jupyter_ext.store.manifest_schema import MAX_MANIFEST_BYTES

    sid = new_ulid()
    store.backend.write(f"snapshots/{sid}.json", b"{" + b" " * MAX_MANIFEST_BYTES + b"}")
    with pytest.raises(CorruptObject, match="too large") as info:
        store.get_manifest(sid)
    assert info.value.object == f"snapshots/{sid}.json"


def test_symlinked_folders_do_not_lead_out_of_the_store(
    folder_store: Store, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    old = time.time() - 60 * 86400
    decoy = outside / "ab" / ("cd" * 31)
    decoy.parent.mkdir()
    decoy.write_bytes(b"rnot ours")
    os.utime(decoy, (old, old))
    root = tmp_path / "shared"
    os.rmdir(root / "objects")
    (root / "objects").symlink_to(outside)
    os.rmdir(root / "snapshots")
    (root / "snapshots").symlink_to(outside)
    summary = take(folder_store, make_notebook(3))
    assert summary["queued"], "a take does not write through a symlinked folder"
    assert sorted(os.listdir(outside)) == ["ab"] and decoy.exists()
    folder_store.gc(grace=__import__("datetime").timedelta(days=14))
    assert decoy.exists(), "gc never deletes outside the store"
