"""Catalogs: a new index joins from a few summary files instead of reading every manifest."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from store_helpers import BOB, make_notebook, take

from jupyter_ext.store import Store, catalog, sync
from jupyter_ext.store.backend import publish

HOURS = 3600.0


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "BLOCK", 3)


def joiner(url: str, tmp_path: Path, name: str, *, ahead: float = 0.0) -> Store:
    """A new server (empty index) whose clock runs *ahead* seconds."""
    return Store(url, tmp_path / name, sync_interval=0, clock=lambda: time.time() + ahead)


def listing(store: Store) -> list[dict[str, Any]]:
    items, _cursor = store.list(limit=1000)
    return items


def catalog_names(store: Store) -> list[str]:
    return store.backend.list(catalog.FOLDER)


def seed(store: Store, store_url: str, tmp_path: Path, n: int = 7) -> list[str]:
    """n snapshots now, then one dated 2 hours later: the blocks before it are settled."""
    ids = [take(store, make_notebook(2, seed=i), message=f"run {i}")["id"] for i in range(n)]
    later = joiner(store_url, tmp_path, "later", ahead=2 * HOURS)
    ids.append(take(later, make_notebook(2, seed=99), message="later run", author=BOB)["id"])
    later.close()
    return ids


def manifest_reads(store: Store) -> list[str]:
    """Counts the manifests *store* GETs from now on."""
    read = store.backend.read
    seen: list[str] = []

    def counting(key: str, limit: int | None = None) -> bytes:
        if key.startswith("snapshots/"):
            seen.append(key)
        return read(key, limit)

    store.backend.read = counting  # type: ignore[method-assign]
    return seen


def test_no_catalog_for_recent_runs_and_an_old_store_joins_unchanged(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = [take(store, make_notebook(2, seed=i))["id"] for i in range(7)]
    fresh = joiner(store_url, tmp_path, "fresh")
    assert [s["id"] for s in listing(fresh)] == ids[::-1]
    assert catalog_names(fresh) == []  # nothing settled yet: late writers may still land
    fresh.close()


def test_settled_blocks_get_catalogs_and_a_new_index_joins_from_them(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)
    first = joiner(store_url, tmp_path, "first", ahead=2 * HOURS)
    from_manifests = listing(first)
    first.close()
    names = catalog_names(store)
    assert [n.split("-")[:2] for n in names] == [
        [catalog.ORIGIN, ids[2]],
        [ids[2], ids[5]],
    ]
    second = joiner(store_url, tmp_path, "second")
    reads = manifest_reads(second)
    from_catalogs = listing(second)
    assert from_catalogs == from_manifests
    assert [s["id"] for s in from_catalogs] == ids[::-1]
    assert sorted(reads) == [f"snapshots/{sid}.json" for sid in ids[6:]]  # only the uncovered
    # and it keeps up incrementally afterwards
    new = take(store, make_notebook(2, seed=7))["id"]
    assert new in [s["id"] for s in listing(second)]
    second.close()
    assert store.verify()["ok"]


def test_a_damaged_catalog_costs_speed_only_and_verify_names_it(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)
    joiner(store_url, tmp_path, "first", ahead=2 * HOURS).sync()
    names = catalog_names(store)
    damaged = f"{catalog.FOLDER}/{names[0]}"
    store.backend.write(damaged, b"z" + b"\x00" * 40)
    fresh = joiner(store_url, tmp_path, "fresh")
    assert [s["id"] for s in listing(fresh)] == ids[::-1]
    fresh.close()
    report = store.verify()
    assert not report["ok"]
    assert [(p["kind"], p["object"]) for p in report["problems"]] == [("bad-catalog", damaged)]


def test_verify_names_a_catalog_that_lies_about_a_manifest(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    seed(store, store_url, tmp_path)
    joiner(store_url, tmp_path, "first", ahead=2 * HOURS).sync()
    cat = catalog.parse_name(catalog_names(store)[0])
    assert cat is not None
    entries = catalog.read(store, cat)
    entries[1] = {**entries[1], "message": "forged message"}
    lie, data = catalog.encode(cat.after, cat.last, entries[:1] + entries[1:])
    publish(store.backend, lie.key, data)
    report = store.verify()
    details = [p["detail"] for p in report["problems"] if p["object"] == lie.key]
    assert any("disagrees with the manifest" in d for d in details)


def test_concurrent_joiners_write_each_catalog_once(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)
    joiners = [joiner(store_url, tmp_path, f"j{i}", ahead=2 * HOURS) for i in range(3)]
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(len(joiners))

    def join(s: Store) -> None:
        barrier.wait()
        results.append(s.sync())

    threads = [threading.Thread(target=join, args=(s,)) for s in joiners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r["errors"] for r in results] == [[], [], []]
    assert len(catalog_names(store)) == 2
    for s in joiners:
        assert [x["id"] for x in listing(s)] == ids[::-1]
        s.close()


def test_tombstoned_snapshots_stay_hidden_when_joining_from_catalogs(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)
    joiner(store_url, tmp_path, "first", ahead=2 * HOURS).sync()
    store.delete(ids[1], username="ana")
    fresh = joiner(store_url, tmp_path, "fresh")
    assert ids[1] not in [s["id"] for s in listing(fresh)]
    fresh.close()
    # gc removes the tombstoned manifest; the catalog still names it: hidden, and not a problem
    gc_store = joiner(store_url, tmp_path, "gc", ahead=30 * 24 * HOURS)
    from datetime import timedelta

    assert gc_store.gc(grace=timedelta(days=14))["removed_manifests"] == [ids[1]]
    gc_store.close()
    assert store.backend.mtime(f"snapshots/{ids[1]}.json") is None
    fresh2 = joiner(store_url, tmp_path, "fresh2")
    assert [s["id"] for s in listing(fresh2)] == [i for i in ids[::-1] if i != ids[1]]
    fresh2.close()
    assert store.verify()["ok"]


def test_a_late_arrival_inside_a_cataloged_range_is_found(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)
    joiner(store_url, tmp_path, "first", ahead=2 * HOURS).sync()
    # a writer whose clock runs 3 hours behind: its id sorts inside the cataloged blocks
    behind = joiner(store_url, tmp_path, "behind", ahead=-3 * HOURS)
    late = take(behind, make_notebook(2, seed=50), message="late")["id"]
    behind.close()
    assert late < ids[0]  # inside the first catalog's range
    fresh = joiner(store_url, tmp_path, "fresh")
    assert late in [s["id"] for s in listing(fresh)]
    fresh.close()
    assert store.verify()["ok"]


def test_an_incremental_refresh_writes_the_missing_catalogs_a_few_at_a_time(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    ids = seed(store, store_url, tmp_path)  # two settled blocks, no catalog: nobody joined
    assert catalog_names(store) == []
    server = joiner(store_url, tmp_path, "server", ahead=2 * HOURS)
    listing(server)  # its join wrote both; remove them: a quiet period with no joiner
    for name in catalog_names(server):
        server.backend.delete(f"{catalog.FOLDER}/{name}")

    sync.refresh(server)  # incremental: one catalog per refresh, in chain order
    assert [n.split("-")[:2] for n in catalog_names(store)] == [[catalog.ORIGIN, ids[2]]]
    sync.refresh(server)
    assert [n.split("-")[:2] for n in catalog_names(store)] == [
        [catalog.ORIGIN, ids[2]],
        [ids[2], ids[5]],
    ]
    reads = manifest_reads(server)
    sync.refresh(server)  # nothing settled is left uncataloged: no manifest is read for it
    assert reads == [] and len(catalog_names(store)) == 2
    server.close()

    newcomer = joiner(store_url, tmp_path, "newcomer")
    reads = manifest_reads(newcomer)
    assert [s["id"] for s in listing(newcomer)] == ids[::-1]
    assert sorted(reads) == [f"snapshots/{sid}.json" for sid in ids[6:]]
    newcomer.close()


def test_a_server_joining_from_catalogs_keeps_lineage(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    """Runs linked by a file's hash stay linked when the joiner reads their catalog entries."""
    made = {"path": "features.csv", "hash": "sha256:" + "ab" * 32, "mode": "write"}
    used = {"path": "features.csv", "hash": "sha256:" + "ab" * 32, "mode": "read"}
    writer = take(store, make_notebook(2, seed=1), path="prep.ipynb", facts={"data": [made]})["id"]
    reader = take(store, make_notebook(2, seed=2), path="train.ipynb", facts={"data": [used]})["id"]
    seed(store, store_url, tmp_path, n=2)  # fills the block and settles it
    first = joiner(store_url, tmp_path, "first", ahead=2 * HOURS)
    listing(first)  # the join writes the catalogs
    first.close()
    assert catalog_names(store)
    fresh = joiner(store_url, tmp_path, "fresh", ahead=2 * HOURS)
    reads = manifest_reads(fresh)
    listing(fresh)
    assert f"snapshots/{writer}.json" not in reads  # it came from a catalog
    lineage = fresh.index.lineage(reader)
    assert [u["snapshot"] for u in lineage["upstream"]] == [writer]
    assert [d["snapshot"] for d in fresh.index.lineage(writer)["downstream"]] == [reader]
    fresh.close()
    assert store.verify()["ok"]
