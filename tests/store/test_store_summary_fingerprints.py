"""List summaries carry a code fingerprint and metric sparklines, so the views need no
notebook or manifest downloads to tell "same code" or draw a trend — through catalogs too."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest
from store_helpers import make_notebook, take

from jupyter_ext.store import Store, catalog
from jupyter_ext.store.fingerprints import SPARK_POINTS, code_hash, spark


def by_id(store: Store) -> dict[str, dict[str, Any]]:
    items, _ = store.list(limit=100)
    return {i["id"]: i for i in items}


def with_parameters(nb: dict[str, Any], lr: float) -> dict[str, Any]:
    nb = copy.deepcopy(nb)
    nb["cells"].insert(0, {
        "id": "params", "cell_type": "code", "metadata": {"tags": ["parameters"]},
        "execution_count": None, "source": f"lr = {lr}", "outputs": [],
    })  # fmt: skip
    return nb


def test_runs_of_one_sweep_share_the_code_hash_and_an_edit_changes_it(store: Store) -> None:
    base = make_notebook(3)
    a = take(store, with_parameters(base, 0.1))["id"]
    b = take(store, with_parameters(base, 0.01))["id"]
    edited = with_parameters(base, 0.1)
    edited["cells"][2]["source"] += "\nprint('changed')"
    c = take(store, edited)["id"]
    summaries = by_id(store)
    assert summaries[a]["code_hash"] == summaries[b]["code_hash"] == code_hash(base)
    assert summaries[c]["code_hash"] != summaries[a]["code_hash"]
    assert summaries[a]["code_hash"].startswith("sha256:")


def test_markdown_and_outputs_do_not_change_the_code_hash() -> None:
    nb = make_notebook(3)
    other = copy.deepcopy(nb)
    other["cells"][0]["outputs"] = []
    other["cells"].append({"id": "md", "cell_type": "markdown", "metadata": {}, "source": "# hi"})
    assert code_hash(nb) == code_hash(other)
    # sources are length-prefixed: moving text across a cell boundary is a different program
    split = copy.deepcopy(nb)
    split["cells"][0]["source"] = nb["cells"][0]["source"] + nb["cells"][1]["source"][:3]
    split["cells"][1]["source"] = nb["cells"][1]["source"][3:]
    assert code_hash(split) != code_hash(nb)


def test_a_metric_logged_per_epoch_has_a_sparkline_and_a_single_value_has_none(
    store: Store,
) -> None:
    history = {"loss": [0.9, 0.5, 0.3], "accuracy": [0.8], "lr": [0.1, float("nan"), 0.05]}
    sid = take(store, make_notebook(2), facts={"metrics_history": history})["id"]
    lines = by_id(store)[sid]["metrics_history"]
    assert lines == {"loss": [[1, 0.9], [2, 0.5], [3, 0.3]], "lr": [[1, 0.1], [3, 0.05]]}


def test_long_histories_are_cut_to_a_few_points_keeping_first_and_last() -> None:
    line = spark({"loss": [float(i) for i in range(10_000)]})["loss"]
    assert len(line) <= SPARK_POINTS
    assert line[0] == [1, 0.0] and line[-1] == [10_000, 9999.0]
    assert spark({"loss": "not a list"}) == {} and spark(["x"]) == {}


def test_catalogs_carry_fingerprints_and_a_hostile_sparkline_is_dropped(
    store: Store, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog, "BLOCK", 2)
    ids = [
        take(store, make_notebook(2, seed=i), facts={"metrics_history": {"loss": [1.0, 0.5]}})["id"]
        for i in range(2)
    ]
    later = Store(store_url, tmp_path / "later", sync_interval=0, clock=lambda: time.time() + 7200)
    take(later, make_notebook(2, seed=9))
    first = Store(store_url, tmp_path / "first", sync_interval=0, clock=later.clock)
    first.list()
    assert store.backend.list(catalog.FOLDER), "the first join wrote a catalog"
    joined = Store(store_url, tmp_path / "joined", sync_interval=0, clock=later.clock)
    read = joined.backend.read
    manifests_read: list[str] = []

    def counting(key: str, limit: int | None = None) -> bytes:
        if key.startswith("snapshots/"):
            manifests_read.append(key)
        return read(key, limit)

    joined.backend.read = counting  # type: ignore[method-assign]
    summaries = by_id(joined)
    assert not any(sid in key for sid in ids for key in manifests_read), "read from the catalog"
    for sid in ids:
        assert summaries[sid]["metrics_history"] == {"loss": [[1, 1.0], [2, 0.5]]}
        assert summaries[sid]["code_hash"] == by_id(store)[sid]["code_hash"]
    for s in (first, joined, later):
        s.close()
    hostile = store.summary(
        {"id": ids[0], "content": {"code_hash": "md5:nope"}},
        sparklines={"loss": [[1, "x"], [2]], "ok": [[1, 1.0], [2, 2.0]], 5: []},
    )
    assert hostile["code_hash"] is None
    assert hostile["metrics_history"] == {"ok": [[1, 1.0], [2, 2.0]]}
