"""Listing from the index: filters, query, paging, incremental sync, rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from store_helpers import ANA, BOB, make_notebook, take

from jupyter_ext.store import InvalidSnapshotId, QueryError, SnapshotNotFound, Store
from jupyter_ext.store.ids import ulid_floor, ulid_ms


def _ids(items: list[dict]) -> list[str]:
    return [i["id"] for i in items]


@pytest.fixture
def runs(store: Store) -> list[dict]:
    """Six runs by two people on two notebooks with params/metrics."""
    out = []
    specs = [
        (ANA, "exp/churn.ipynb", "baseline run", ["baseline"], {"lr": 0.1}, {"accuracy": 0.8}),
        (ANA, "exp/churn.ipynb", "try lr", [], {"lr": 0.01}, {"accuracy": 0.91}),
        (BOB, "exp/churn.ipynb", "bob two words here", ["fast"], {"lr": 0.001, "opt": "adam"},
         {"accuracy": 0.95}),
        (BOB, "eda/explore.ipynb", "look at data", ["eda"], {}, {}),
        (ANA, "eda/explore.ipynb", "more plots", ["eda", "baseline"], {"opt": "sgd"}, {}),
        (BOB, "exp/churn.ipynb", "final", ["baseline"], {"lr": 0.05}, {"accuracy": 0.9}),
    ]  # fmt: skip
    for n, (author, path, msg, tags, params, metrics) in enumerate(specs):
        kernel = {"name": "python3" if n % 2 == 0 else "ir", "display_name": "K"}
        facts = {"params": params, "metrics": metrics, "kernel": kernel}
        out.append(take(store, make_notebook(3, seed=n), path=path, author=author, message=msg,
                        tags=tags, facts=facts))  # fmt: skip
    return out


def test_newest_first_and_summary_shape(store: Store, runs: list[dict]) -> None:
    items, cursor = store.list()
    assert _ids(items) == _ids(runs)[::-1] and cursor is None
    item = items[0]
    assert set(item) >= {
        "id",
        "created",
        "author",
        "message",
        "tags",
        "notebook",
        "parent",
        "params",
        "metrics",
        "cell_count",
        "kernel",
        "queued",
        "comment_count",
    }
    assert item["parent"] == runs[2]["id"]  # previous snapshot of the same notebook key
    assert item["notebook"]["path"] == "exp/churn.ipynb" and item["cell_count"] == 3
    assert store.list(sort="oldest")[0][0]["id"] == runs[0]["id"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"notebook": "eda/explore.ipynb"}, [4, 3]),
        ({"author": "bob"}, [5, 3, 2]),
        ({"query": "author:ana tag:baseline"}, [4, 0]),
        ({"query": "lr>0.01"}, [5, 0]),
        ({"query": "lr>=0.01 accuracy>=0.9"}, [5, 1]),
        ({"query": "accuracy<0.9"}, [0]),
        ({"query": "lr!=0.1"}, [5, 4, 3, 2, 1]),
        ({"query": "opt=adam"}, [2]),
        ({"query": "opt!=adam tag:eda"}, [4, 3]),
        ({"query": 'message:"two words"'}, [2]),
        ({"query": "notebook:CHURN"}, [5, 2, 1, 0]),
        ({"query": "kernel:ir"}, [5, 3, 1]),
        ({"query": "PLOTS"}, [4]),
        ({"query": "fast"}, [2]),  # free text matches tags
        ({"query": "eda/"}, [4, 3]),  # and paths
        ({"query": "nothing-matches-this"}, []),
    ],
)
def test_filters(store: Store, runs: list[dict], kwargs: dict, expected: list[int]) -> None:
    assert _ids(store.list(**kwargs)[0]) == [runs[i]["id"] for i in expected]


def test_id_prefix_and_since(store: Store, runs: list[dict]) -> None:
    assert _ids(store.list(query=f"id:{runs[3]['id'][:-2]}")[0]) == [runs[3]["id"]]
    assert _ids(store.list(since=runs[4]["id"])[0]) == [runs[5]["id"], runs[4]["id"]]
    assert len(store.list(since="2000-01-01T00:00:00Z")[0]) == 6
    assert store.list(since="2999-01-01")[0] == []
    with pytest.raises(InvalidSnapshotId):
        store.list(since="yesterday-ish")


def test_paging_with_cursor(store: Store, runs: list[dict]) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        items, cursor = store.list(limit=4 if not seen else 1, cursor=cursor)
        seen += _ids(items)
        if cursor is None:
            break
    assert seen == _ids(runs)[::-1]
    page1, c = store.list(limit=2, sort="-metric:accuracy")
    page2, _ = store.list(limit=2, sort="-metric:accuracy", cursor=c)
    assert _ids(page1 + page2) == [runs[i]["id"] for i in (2, 1, 5, 0)]
    with pytest.raises(QueryError):
        store.list(cursor="garbage!")
    with pytest.raises(QueryError):
        store.list(query="lr=>1")


def test_bad_ids_rejected_before_io(store: Store) -> None:
    for bad in ["../../etc/passwd", "01J", "", "01jdx0000000000000000000000", "8" * 26]:
        with pytest.raises(InvalidSnapshotId):
            store.get_manifest(bad)
    with pytest.raises(SnapshotNotFound):
        store.get_manifest(ulid_floor(1))


def test_other_server_sees_new_snapshots(store: Store, other_store: Store) -> None:
    assert other_store.list()[0] == []
    a = take(store, make_notebook(3))["id"]
    assert _ids(other_store.list()[0]) == [a]


def test_incremental_sync_picks_up_late_older_manifest(store: Store, other_store: Store) -> None:
    """A slow writer's manifest (older ULID) lands after a newer one was indexed."""
    newer = take(store, make_notebook(3))["id"]
    assert _ids(other_store.list()[0]) == [newer]
    # a manifest whose id is 5 minutes older than `newer`, written only now
    late_id = ulid_floor(ulid_ms(newer) - 5 * 60 * 1000)[:-4] + "ABCD"
    manifest = json.loads(store.backend.read(f"snapshots/{newer}.json"))
    manifest.update(id=late_id, message="slow writer")
    store.backend.create(f"snapshots/{late_id}.json", json.dumps(manifest).encode())
    assert _ids(other_store.list()[0]) == [newer, late_id]
    # beyond the 15-minute window only a full sync finds it
    ancient = ulid_floor(ulid_ms(newer) - 60 * 60 * 1000)[:-4] + "WXYZ"
    manifest.update(id=ancient)
    store.backend.create(f"snapshots/{ancient}.json", json.dumps(manifest).encode())
    assert ancient not in _ids(other_store.list()[0])
    assert other_store.sync(full=True)["indexed"] == 1
    assert _ids(other_store.list()[0]) == [newer, late_id, ancient]


def test_index_is_rebuildable(store: Store, runs: list[dict], tmp_path: Path) -> None:
    store.delete(runs[0]["id"], username="ana")
    store.close()
    os.remove(Path(store.local_dir) / "index.sqlite")
    rebuilt = Store(store.url, store.local_dir, sync_interval=0)
    assert _ids(rebuilt.list()[0]) == _ids(runs[1:])[::-1]
    assert _ids(rebuilt.list(query="lr>0.01")[0]) == [runs[5]["id"]]
    rebuilt.close()


def test_sync_interval_limits_listing(store_url: str, tmp_path: Path) -> None:
    writer = Store(store_url, tmp_path / "w", sync_interval=0)
    reader = Store(store_url, tmp_path / "r", sync_interval=3600)
    reader.sync()
    take(writer, make_notebook(2))
    assert reader.list()[0] == []  # synced recently: served from the index
    assert len(reader.sync()["delivered"]) == 0 and len(reader.list()[0]) == 1
