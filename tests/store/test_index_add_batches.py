"""Index.add writes in batches: re-indexing replaces every trace of the earlier version, across
batch boundaries, and a snapshot deleted before it is indexed stays hidden."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_ext.store.ids import new_ulid
from jupyter_ext.store.index import ADD_BATCH, BULK_MIN, Index
from jupyter_ext.store.query import parse_query


def summary(sid: str, i: int, tag: str = "sweep") -> dict[str, Any]:
    return {
        "id": sid, "created": "2026-12-01T00:00:00Z", "author": {"username": "ana"},
        "message": f"run {i}", "notebook": {"path": "exp/a.ipynb", "key": "k"},
        "tags": [tag], "params": {"lr": i / 10}, "metrics": {"acc": i / 1000},
        "data_io": [["data.csv", f"sha256:{i:064x}", "read"]],
    }  # fmt: skip


def found(index: Index, text: str) -> set[str]:
    seen: set[str] = set()
    cursor = None
    while True:
        items, cursor = index.list(query=parse_query(text), limit=500, cursor=cursor)
        seen |= {item["id"] for item in items}
        if not cursor:
            return seen


def test_reindexing_across_batches_replaces_tags_values_and_search(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "index.sqlite"))
    ids = [new_ulid() for _ in range(ADD_BATCH + 500)]
    assert index.add(summary(sid, i) for i, sid in enumerate(ids)) == len(ids)
    assert len(found(index, "tag:sweep")) == len(ids)
    index.tombstone("tombstones/x.json", ids[-1])

    redone = [summary(ids[i], 7000 + i, tag="final") for i in (0, ADD_BATCH - 1, ADD_BATCH)]
    index.add([*redone, summary(ids[1], 4242, tag="final")])
    assert found(index, "tag:final") == {ids[0], ids[1], ids[ADD_BATCH - 1], ids[ADD_BATCH]}
    assert len(found(index, "tag:sweep")) == len(ids) - 5  # 4 re-tagged, 1 deleted
    assert found(index, '"run 7000"') == {ids[0]} and found(index, '"run 0"') == set()
    assert found(index, "lr=424.2") == {ids[1]} and found(index, "lr=0.1") == set()
    assert index.lineage(ids[0])["upstream"] == []  # data_io replaced, no duplicate rows

    late = new_ulid()
    index.tombstone("tombstones/late.json", late)  # deleted before it was indexed
    index.add([summary(late, 1)])
    assert late not in found(index, "tag:sweep")
    assert index.count() == len(ids) - 1  # two deleted


def index_names(index: Index) -> set[str]:
    rows = index.db.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")
    return {r[0] for r in rows}


def test_a_join_sized_add_lists_what_small_adds_list_and_keeps_every_index(
    tmp_path: Path,
) -> None:
    """A join into an empty index builds the secondary indexes once at the end: the result is
    the same index, duplicates and an earlier tombstone included."""
    ids = [new_ulid() for _ in range(BULK_MIN + 300)]
    rows = [summary(sid, i, tag="odd" if i % 2 else "even") for i, sid in enumerate(ids)]
    rows += [summary(ids[5], 9999, tag="final")]  # the same id again, later: it wins
    bulk = Index(str(tmp_path / "bulk.sqlite"))
    small = Index(str(tmp_path / "small.sqlite"))
    expected = index_names(bulk)
    for index in (bulk, small):
        index.tombstone("tombstones/t.json", ids[7])
    assert bulk.add(rows) == len(ids)
    for start in range(0, len(rows), 1000):  # too small to skip the indexes
        small.add(rows[start : start + 1000])

    assert index_names(bulk) == expected
    plan = bulk.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM vals WHERE name='lr' AND num > 1"
    ).fetchall()
    assert "USING" in str(plan) and "INDEX" in str(plan)  # not a scan of every value
    for text in ("tag:odd", "tag:final", "lr>500", '"run 9999"', "acc<0.002", "author:ana"):
        assert found(bulk, text) == found(small, text), text
    assert found(bulk, "tag:final") == {ids[5]}
    assert ids[7] not in found(bulk, "tag:odd")  # tombstoned before the join
    assert bulk.count() == small.count() == len(ids) - 1
    assert bulk.lineage(ids[5])["upstream"] == small.lineage(ids[5])["upstream"]


def test_indexes_dropped_by_a_process_that_died_mid_join_come_back_on_open(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "index.sqlite")
    index = Index(path)
    expected = index_names(index)
    with index.db:
        for name in ("vals_sort", "tags_tag", "snap_author"):
            index.db.execute(f"DROP INDEX {name}")
    index.close()
    assert index_names(Index(path)) == expected
