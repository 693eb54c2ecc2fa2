"""Packs: a take writes its new blobs as one object; readers find them, hostile packs are input
like any other, gc repacks what is live."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from s3_fault_proxy import FaultProxy
from store_helpers import ANA, make_bucket, make_notebook, pack_of, replace_stored, take

from jupyter_ext.store import CorruptObject, Store, init_store
from jupyter_ext.store.layout import MARKER
from jupyter_ext.store.packs import PACK_DIR, encode_pack, pack_key

DAY = 86400.0


def _files(store: Store, prefix: str) -> list[str]:
    return sorted(key for key, _m, _s in store.backend.walk(prefix))


def _blobs_in_packs(store: Store) -> int:
    return sum(len(store.packs.entries(name)) for name in store.packs.names())


def test_a_take_is_one_pack_and_one_manifest(store: Store, tmp_path: Path) -> None:
    nb = make_notebook(300, image_every=5)
    first = take(store, nb)
    assert _files(store, "objects") == [_files(store, PACK_DIR)[0]]  # no loose blob at all
    assert len(_files(store, "snapshots")) == 1
    assert _blobs_in_packs(store) > 100
    nb["cells"][7]["source"] = "x = 2"
    second = take(store, nb)
    assert len(_files(store, PACK_DIR)) == 2
    assert take(store, nb)["id"]  # nothing new: no pack at all
    assert len(_files(store, PACK_DIR)) == 2
    reader = Store(store.url, tmp_path / "reader", sync_interval=0)  # knows no pack yet
    for sid, want in ((second["id"], nb),):
        assert reader.get_notebook(sid) == want
    assert reader.get_notebook(first["id"])["cells"][7]["source"] != "x = 2"
    assert reader.verify()["ok"]


def test_the_marker_says_packs_once_the_first_one_lands(tmp_path: Path) -> None:
    url = str(tmp_path / "team")
    init_store(url)
    assert json.loads((tmp_path / "team" / MARKER).read_text())["version"] == 1
    store = Store(url, tmp_path / "l", sync_interval=0)
    take(store, make_notebook(3))
    marker = json.loads((tmp_path / "team" / MARKER).read_text())
    assert marker["version"] == 2  # older jupyter-ext now says "upgrade", not "missing blob"
    (tmp_path / "team" / MARKER).write_text(json.dumps({**marker, "version": 3}))
    with pytest.raises(Exception, match="upgrade jupyter-ext"):
        Store(url, tmp_path / "l2", sync_interval=0).list()


def test_a_first_take_on_s3_is_a_handful_of_puts(
    fault_proxy: FaultProxy, moto_endpoint: str, tmp_path: Path
) -> None:
    proxy = fault_proxy
    bucket = make_bucket(moto_endpoint)
    init_store(f"s3://{bucket}/team")
    store = Store(f"s3://{bucket}/team", tmp_path / "l", {"endpoint_url": proxy.endpoint},
                  sync_interval=0)  # fmt: skip
    take(store, make_notebook(3))  # the marker becomes version 2 on the first take
    proxy.clear()
    nb = make_notebook(1000, seed=3, image_every=4)
    take(store, nb, path="big.ipynb")
    puts = proxy.requests("PUT", ".")
    assert 1 <= len(puts) <= 3, proxy.log  # one pack, one manifest
    nb["cells"][10]["source"] = "changed"
    proxy.clear()
    take(store, nb, path="big.ipynb")
    assert len(proxy.requests("PUT", ".")) == 2, proxy.log
    assert len(proxy.requests("HEAD", ".")) <= 2, proxy.log  # no request per blob


def _hostile(store: Store, name: str, raw: bytes) -> None:
    store.backend.write(pack_key(name), raw)


def _head(count: int, size: int, version: int = 1) -> bytes:
    return b"JXPK" + bytes([version, 0, 0, 0]) + count.to_bytes(4, "big") + size.to_bytes(8, "big")


ENTRY = bytes.fromhex("cd" * 32) + (2**40).to_bytes(8, "big") + (10).to_bytes(4, "big")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not a pack at all",
        _head(2**32 - 1, 2**40),  # claims 4 billion blobs
        _head(1, 64),  # index cut short
        _head(0, 20, version=9),  # a format from the future
        encode_pack([("ab" * 32, b"r" + b"x" * 10)])[:-5],  # a blob cut short
        _head(1, 2**41) + ENTRY,  # says it is 2 TB: a blob far past its real end
    ],
    ids=["empty", "junk", "huge-count", "short-index", "future", "short-blob", "outside"],
)
def test_hostile_packs_cost_nothing_but_their_own_blobs(store: Store, tmp_path: Path,
                                                        raw: bytes) -> None:  # fmt: skip
    nb = make_notebook(20, image_every=4)
    sid = take(store, nb)["id"]
    real = pack_of(store, store.get_manifest(sid)["content"]["cells"]).split("/")[-1][:-5]
    # the newest packs in the store are garbage planted by a teammate, one named like ours
    _hostile(store, "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", raw)
    moved = "00" + real[2:]  # the real pack under another name: the manifest's hint is stale
    store.backend.write(pack_key(moved), store.backend.read(pack_key(real)))
    store.backend.delete(pack_key(real))
    reader = Store(store.url, tmp_path / "reader", sync_interval=0)
    t0 = time.perf_counter()
    assert reader.get_notebook(sid) == nb  # found past the hostile pack
    assert time.perf_counter() - t0 < 10
    with pytest.raises(CorruptObject):
        reader.read_blob("ee" * 32)  # in no healthy pack: the bad one is named, not hidden
    report = Store(store.url, tmp_path / "verifier", sync_interval=0).verify()
    assert [(p["kind"], p["object"]) for p in report["problems"]] == [
        ("bad-pack", pack_key("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"))
    ]


def test_a_blob_whose_bytes_were_swapped_is_refused(store: Store, tmp_path: Path) -> None:
    sid = take(store, make_notebook(10, seed=4))["id"]
    cells = store.get_manifest(sid)["content"]["cells"]
    other = store.get_manifest(sid)["content"]["metadata"]
    key = replace_stored(store, cells, store.stored(other)[0])  # valid bytes, wrong blob
    with pytest.raises(CorruptObject, match="does not match its hash"):
        Store(store.url, tmp_path / "r", sync_interval=0).get_notebook(sid)
    problems = Store(store.url, tmp_path / "v", sync_interval=0).verify()["problems"]
    assert [(p["kind"], p["object"]) for p in problems] == [("corrupt-blob", key)]


def _age(store: Store, root: Path, days: float) -> None:
    old = time.time() - days * DAY
    for key, _m, _s in store.backend.walk(""):
        os.utime(root / key, (old, old))


def test_gc_repacks_what_is_live_into_one_pack(tmp_path: Path) -> None:
    url = tmp_path / "s"
    init_store(str(url))
    store = Store(url, tmp_path / "l", sync_interval=0)
    nb = make_notebook(60, image_every=3)
    ids = []
    for i in range(8):
        nb["cells"][i]["source"] = f"version {i}"
        nb["cells"][i * 3]["outputs"] = [{"output_type": "stream", "name": "stdout",
                                          "text": f"only in version {i} " * 50}]  # fmt: skip
        ids.append(take(store, nb, message=f"v{i}")["id"])
    wants = {sid: store.get_notebook(sid) for sid in ids}
    store.delete(ids[0], username="ana")
    _age(store, url, 30)
    before = sum(s for _k, _m, s in store.backend.walk("objects"))
    dry = store.gc(dry_run=True)
    assert dry["packs"]["packs_rewritten"] == 8 and len(_files(store, PACK_DIR)) == 8
    result = store.gc()
    assert result["errors"] == [] and result["removed_manifests"] == [ids[0]]
    assert result["packs"]["packs_rewritten"] == 8 and result["packs"]["packs_written"] == 1
    assert result["deleted_blobs"] > 0  # what only v0 had
    assert len(_files(store, PACK_DIR)) == 1
    assert sum(s for _k, _m, s in store.backend.walk("objects")) < before
    fresh = Store(url, tmp_path / "fresh", sync_interval=0)  # hints are stale: found anyway
    for sid in ids[1:]:
        assert fresh.get_notebook(sid) == wants[sid]
    assert fresh.verify()["ok"]
    # the one pack, all live: the next gc leaves it alone
    _age(store, url, 30)
    assert store.gc()["packs"]["packs_rewritten"] == 0
    assert store.get_notebook(ids[-1]) == wants[ids[-1]]  # its cache pointed at the old packs


def test_a_writer_racing_gc_keeps_its_blobs(tmp_path: Path) -> None:
    """A take that reuses blobs of an old pack touches it; gc then leaves that pack alone."""
    url = tmp_path / "s"
    init_store(str(url))
    store = Store(url, tmp_path / "l", sync_interval=0)
    nb = make_notebook(40, image_every=4)
    take(store, nb, author=ANA)
    other = make_notebook(5, seed=9)
    take(store, other, path="other.ipynb")
    _age(store, url, 30)
    writer = Store(url, tmp_path / "w", sync_interval=0)
    nb["cells"][0]["source"] = "edit"
    sid = take(writer, nb)["id"]  # reuses the old pack: touched
    result = Store(url, tmp_path / "gc", sync_interval=0).gc(grace=timedelta(days=14))
    assert result["errors"] == []
    assert Store(url, tmp_path / "r", sync_interval=0).get_notebook(sid) == nb


def test_junk_pack_hints_in_a_manifest_are_ignored(store: Store, tmp_path: Path) -> None:
    from jupyter_ext.store import new_ulid

    nb = make_notebook(12, image_every=3)
    sid = take(store, nb)["id"]
    manifest = json.loads(store.backend.read(f"snapshots/{sid}.json"))
    forged = new_ulid()
    junk = ["../../../etc/passwd", 5, None, "7" * 26, "X" * 5000, *[forged] * 500]
    store.backend.write(f"snapshots/{forged}.json",
                        json.dumps({**manifest, "id": forged, "packs": junk}).encode())  # fmt: skip
    reader = Store(store.url, tmp_path / "reader", sync_interval=0)
    assert reader.get_notebook(forged) == nb
    assert reader.verify()["ok"]
