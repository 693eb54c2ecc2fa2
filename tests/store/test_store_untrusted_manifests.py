"""One schema/parser for manifests: a teammate's odd manifest is skipped, never fatal.

Issue 13: a parameter `seed = 1` followed by 400 zeros made the take answer 500 and every later
listing fail; wrong-typed manifests (`"tags": 5`, `"params": [1]`, `"notebook": "x"`), an id
that is not the file's, NaN/Infinity and oversized manifests did the same or worse.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from store_helpers import BOB, make_notebook, take

from jupyter_ext.store import CorruptObject, Store, StoreError, new_ulid

BIG = 10**400


def _ids(store: Store) -> list[str]:
    return [item["id"] for item in store.list(limit=100)[0]]


def test_a_huge_integer_parameter_is_kept_as_text(store: Store, other_store: Store) -> None:
    summary = take(store, make_notebook(3), facts={"params": {"seed": BIG, "lr": 0.1},
                                                    "metrics": {"loss": float("nan")}})  # fmt: skip
    assert not summary["queued"]
    assert summary["params"] == {"seed": str(BIG), "lr": 0.1}
    assert summary["metrics"] == {"loss": None}
    for reader in (store, other_store):
        items = reader.list()[0]
        assert [i["id"] for i in items] == [summary["id"]]
        json.dumps(items, allow_nan=False)  # strict JSON for the browser
        assert reader.get_manifest(summary["id"])["params"]["seed"] == str(BIG)
    assert store.list(query="lr>0.05")[0][0]["id"] == summary["id"]
    assert store.verify()["ok"]


def _plant(store: Store, manifest: Any, sid: str | None = None) -> str:
    sid = sid or new_ulid()
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
    store.backend.write(f"snapshots/{sid}.json", raw)
    return sid


def test_a_teammates_bad_manifests_are_skipped_and_named_by_verify(
    store: Store, other_store: Store
) -> None:
    good = take(store, make_notebook(3))
    base = store.get_manifest(good["id"])
    time.sleep(0.002)

    def variant(**changes: Any) -> dict[str, Any]:
        return {**base, "id": "", **changes}

    bad: dict[str, Any] = {
        "tags": variant(tags=5),
        "params": variant(params=[1]),
        "notebook": variant(notebook="x"),
        "author": variant(author="eve"),
        "content": variant(content={"metadata": 7}),
    }
    planted = {}
    for name, manifest in bad.items():
        sid = new_ulid()
        manifest["id"] = sid
        planted[name] = _plant(store, manifest, sid)
    planted["not json"] = _plant(store, b'{"id": ')
    planted["huge int"] = _plant(store, b"")  # filled below with its own id
    sid = planted["huge int"]
    store.backend.write(
        f"snapshots/{sid}.json",
        json.dumps({**base, "id": sid}).encode()[:-1] + b',"big":1' + b"0" * 400 + b"}",
    )
    planted["someone else's id"] = _plant(store, {**base, "author": BOB})  # id = good's
    planted["too large"] = _plant(store, b" " * (9 * 2**20))
    nan_sid = new_ulid()
    nan = json.dumps({**base, "id": nan_sid, "metrics": {"acc": float("nan"), "x": 1e999}})
    _plant(store, nan.encode(), nan_sid)  # non-finite values are normalised to null, not fatal

    for reader in (other_store, store):
        ids = _ids(reader)
        assert sorted(ids) == sorted([good["id"], nan_sid]), ids
        assert reader.list()[0][0]["author"]["username"] == "ana", "good's author is intact"
        json.dumps(reader.list()[0], allow_nan=False)
    nan_item = next(i for i in other_store.list()[0] if i["id"] == nan_sid)
    assert nan_item["metrics"] == {"acc": None, "x": None}
    for sid in planted.values():
        with pytest.raises(CorruptObject):
            other_store.get_manifest(sid)
    report = other_store.verify()
    named = {p["object"] for p in report["problems"] if p["kind"] == "bad-manifest"}
    assert named == {f"snapshots/{sid}.json" for sid in planted.values()}, report["problems"]


def test_take_refuses_a_manifest_its_own_index_would_reject(store: Store) -> None:
    with pytest.raises(StoreError, match="invalid manifest"):
        take(store, make_notebook(2), facts={"params": [1]})
    with pytest.raises(StoreError, match="invalid manifest"):
        store.take(make_notebook(2), author={"username": "ana"},
                   notebook_info={"path": 5, "name": "x"})  # fmt: skip
    assert store.backend.list("snapshots") == [] and store.outbox.list("snapshots") == []
    assert _ids(store) == []


def test_bad_manifests_cost_little_time(store: Store, tmp_path: Path) -> None:
    good = take(store, make_notebook(2))
    for _ in range(200):
        _plant(store, {"id": "nope", "tags": 5})
    t0 = time.perf_counter()
    reader = Store(store.url, tmp_path / "reader", sync_interval=0)
    assert _ids(reader) == [good["id"]]
    report = reader.verify()
    elapsed = time.perf_counter() - t0
    assert len(report["problems"]) == 200
    assert elapsed < 10, elapsed
