"""Index.add writes in batches: re-indexing replaces every trace of the earlier version, across
batch boundaries, and a snapshot deleted before it is indexed stays hidden."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_ext.store.ids import new_ulid
from jupyter_ext.store.index import ADD_BATCH, Index
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
