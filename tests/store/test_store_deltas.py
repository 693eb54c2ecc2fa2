"""Changed big parts (a re-rendered plot, a longer log) cost what changed, not their size."""

from __future__ import annotations

import base64
import copy
import random
import time
from pathlib import Path

from store_helpers import make_notebook, stored_bytes, take

from jupyter_ext.store import Store, blob_hash


def _with_image(seed: int, *, ids: bool) -> dict:
    nb = make_notebook(12)
    png = b"\x89PNG\r\n\x1a\n" + random.Random(seed).randbytes(60_000)
    nb["cells"][5]["outputs"].append({
        "output_type": "display_data", "metadata": {},
        "data": {"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"},
    })  # fmt: skip
    if not ids:
        nb["nbformat_minor"] = 4
        for cell in nb["cells"]:
            del cell["id"]
    return nb


def _stored_size(store: Store, png_b64: str) -> int:
    return len(stored_bytes(store, blob_hash(base64.b64decode(png_b64))))


def test_a_rerendered_image_is_stored_as_a_small_delta(store: Store) -> None:
    for ids in (True, False):
        path = f"exp/plot-{ids}.ipynb"
        first = _with_image(1, ids=ids)
        take(store, first, path=path)
        second = copy.deepcopy(first)
        data = second["cells"][5]["outputs"][-1]["data"]
        png = bytearray(base64.b64decode(data["image/png"]))
        png[30_000:30_010] = b"0123456789"  # a few bytes differ, e.g. a label
        data["image/png"] = base64.b64encode(bytes(png)).decode()
        # a cell inserted above it: the image's cell moved, found by its source
        second["cells"].insert(2, copy.deepcopy(second["cells"][0]))
        second["cells"][2]["source"] = "inserted = True"
        sid = take(store, second, path=path)["id"]
        assert _stored_size(store, data["image/png"]) < 2_000  # the full image is 60 kB
        other = Store(store.url, store.local_dir + "-reader", sync_interval=0)
        assert other.get_notebook(sid) == second
        other.close()
    report = store.verify()
    assert report["ok"], report["problems"]


def test_an_unrelated_new_image_is_stored_whole(store: Store) -> None:
    first = _with_image(1, ids=False)
    take(store, first)
    second = _with_image(2, ids=False)
    sid = take(store, second)["id"]
    assert _stored_size(store, second["cells"][5]["outputs"][-1]["data"]["image/png"]) > 60_000
    assert store.get_notebook(sid) == second


def test_gc_keeps_the_base_of_a_delta_image_when_its_snapshot_is_deleted(store: Store) -> None:
    """A delta's base blob stays while any live blob needs it, whoever referenced it first."""
    first = _with_image(1, ids=True)
    old = take(store, first)["id"]
    second = copy.deepcopy(first)
    data = second["cells"][5]["outputs"][-1]["data"]
    png = bytearray(base64.b64decode(data["image/png"]))
    png[30_000:30_010] = b"0123456789"
    data["image/png"] = base64.b64encode(bytes(png)).decode()
    sid = take(store, second)["id"]
    assert _stored_size(store, data["image/png"]) < 2_000  # a delta against the first image
    store.delete(old, username="ana")
    later = Store(
        store.url,
        store.local_dir + "-later",
        sync_interval=0,
        clock=lambda: time.time() + 30 * 86400.0,
    )
    assert later.gc()["removed_manifests"] == [old]
    reader = Store(store.url, store.local_dir + "-reader", sync_interval=0)
    assert reader.get_notebook(sid) == second
    assert store.verify()["ok"]
    reader.close()
    later.close()


def test_a_long_history_keeps_delta_chains_short(store: Store, tmp_path: Path) -> None:
    """Unchanged chunks were once taken as depth 0 whatever their stored depth, so chains grew
    by one per version until readers refused them (> 40 blobs): 50 versions must stay readable."""
    from jupyter_ext.store.codec import MAX_DEPTH, base_of
    from jupyter_ext.store.notebook import split_hashes

    nb = make_notebook(40, seed=2)
    for v in range(50):  # each end of the notebook changes every other version
        nb["cells"][0 if v % 2 else 39]["source"] = f"version {v}"
        take(store, nb)
    fresh = Store(store.url, tmp_path / "fresh", sync_interval=0)
    latest = fresh.list(limit=1)[0][0]["id"]
    assert fresh.get_notebook(latest) == nb
    cells = fresh.get_manifest(latest)["content"]["cells"]
    longest = 0
    for start in [cells, *split_hashes(fresh.read_blob(cells))]:
        digest: str | None = start
        links = 0
        while digest is not None:
            digest = base_of(stored_bytes(fresh, digest))
            links += digest is not None
        longest = max(longest, links)
    assert 0 < longest <= MAX_DEPTH
    assert fresh.verify()["ok"]
