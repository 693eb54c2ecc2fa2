"""run_diff on crafted manifests (format jupyter-ext/snapshot@1, see docs/internals.md)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from jupyter_ext.diff import run_diff

JSONDict = dict[str, Any]


def manifest(**over: Any) -> JSONDict:
    m: JSONDict = {
        "format": "jupyter-ext/snapshot@1",
        "id": "01JDX0000000000000000000AA",
        "created": "2026-11-25T17:20:00.000Z",
        "author": {"username": "ana", "name": "Ana Ruiz"},
        "notebook": {"path": "exp/churn.ipynb", "name": "churn.ipynb", "key": "exp/churn.ipynb"},
        "params": {"lr": 0.01, "epochs": 10, "model": "xgb"},
        "metrics": {"accuracy": 0.9, "loss": 0.5, "f1": 0.0},
        "data": [
            {"path": "data/train.csv", "size": 100, "hash": "sha256:aaa", "mode": "read"},
            {"path": "data/test.csv", "size": 50, "hash": "sha256:bbb", "mode": "read"},
        ],
        "kernel": {"name": "python3", "language": "python", "implementation": "cpython",
                   "implementation_version": "3.11.7", "executable": "/usr/bin/python3",
                   "state": "idle"},
        "environment": {"os": "Linux", "hostname": "h1", "python": "3.11.7",
                        "imported_packages": {"numpy": "1.26.4", "pandas": "2.1.0",
                                              "scipy": "1.11.0"}},
        "git": {"commit": "abc123", "branch": "main", "dirty": False,
                "remote": "https://github.com/x/y"},
    }  # fmt: skip
    m.update(over)
    return m


def by_name(rows: list[JSONDict], key: str = "name") -> dict[str, JSONDict]:
    return {r[key]: r for r in rows}


@pytest.fixture
def pair() -> tuple[JSONDict, JSONDict]:
    base = manifest()
    remote = copy.deepcopy(base)
    remote["id"] = "01JDX0000000000000000000BB"
    remote["created"] = "2026-11-25T18:20:30.000Z"
    remote["author"] = {"username": "bo"}
    remote["params"] = {"lr": 0.1, "model": "xgb", "batch": 32}  # changed, removed, added
    remote["metrics"] = {"accuracy": 0.93, "loss": 0.25, "f1": 0.5, "auc": 0.8}
    remote["data"][0]["hash"] = "sha256:ccc"  # same size, new content
    remote["data"].append({"path": "data/extra.csv", "size": 1, "hash": "sha256:ddd"})
    del remote["data"][1]
    remote["environment"]["imported_packages"] = {"numpy": "2.1.0", "pandas": "2.1.0",
                                                  "scipy": "1.9.0", "torch": "2.5.0"}  # fmt: skip
    remote["kernel"]["implementation_version"] = "3.12.1"
    remote["git"]["commit"] = "def456"
    remote["git"]["dirty"] = True
    return base, remote


def test_params(pair: tuple[JSONDict, JSONDict]) -> None:
    rd = run_diff(*pair)
    assert rd["params"] == [
        {"name": "batch", "base": None, "remote": 32, "change": "added"},
        {"name": "epochs", "base": 10, "remote": None, "change": "removed"},
        {"name": "lr", "base": 0.01, "remote": 0.1, "change": "changed"},
    ]


def test_metrics_deltas_and_percentages(pair: tuple[JSONDict, JSONDict]) -> None:
    m = by_name(run_diff(*pair)["metrics"])
    assert m["accuracy"]["delta"] == pytest.approx(0.03)
    assert m["accuracy"]["delta_pct"] == pytest.approx(3.0 / 0.9)
    assert m["loss"]["delta"] == pytest.approx(-0.25)
    assert m["loss"]["delta_pct"] == pytest.approx(-50.0)
    assert m["f1"]["delta"] == pytest.approx(0.5) and m["f1"]["delta_pct"] is None  # base 0
    assert m["auc"]["change"] == "added" and m["auc"]["delta"] is None
    assert m["accuracy"]["change"] == "changed"


def test_unchanged_metric_is_listed_with_zero_delta() -> None:
    rd = run_diff(manifest(), manifest())
    acc = by_name(rd["metrics"])["accuracy"]
    assert acc["change"] == "unchanged" and acc["delta"] == 0 and acc["delta_pct"] == 0
    assert rd["params"] == [] and rd["packages"] == [] and rd["kernel"] == {}
    assert rd["git"]["changed"] is False
    assert rd["summary"].startswith("no run changes")


def test_data_files_by_hash(pair: tuple[JSONDict, JSONDict]) -> None:
    d = by_name(run_diff(*pair)["data"], "path")
    assert d["data/train.csv"]["change"] == "content-changed"
    assert d["data/train.csv"]["base_hash"] == "sha256:aaa"
    assert d["data/train.csv"]["remote_hash"] == "sha256:ccc"
    assert d["data/train.csv"]["base_size"] == d["data/train.csv"]["remote_size"] == 100
    assert d["data/test.csv"]["change"] == "removed"
    assert d["data/extra.csv"]["change"] == "added"


def test_data_unchanged_and_unknown() -> None:
    base = manifest(data=[{"path": "a", "size": 5, "hash": "sha256:x"},
                          {"path": "b", "size": 5, "hash": "sha256:y"}])  # fmt: skip
    remote = manifest(data=[{"path": "a", "size": 5, "hash": "sha256:x"},
                            {"path": "b", "size": 5, "hash": "md5:z"}])  # fmt: skip
    d = by_name(run_diff(base, remote)["data"], "path")
    assert d["a"]["change"] == "unchanged"
    assert d["b"]["change"] == "unknown"  # different hash kinds, same size: cannot tell


def test_packages(pair: tuple[JSONDict, JSONDict]) -> None:
    p = by_name(run_diff(*pair)["packages"])
    assert p["numpy"] == {"name": "numpy", "base": "1.26.4", "remote": "2.1.0",
                          "change": "changed", "direction": "upgrade"}  # fmt: skip
    assert p["scipy"]["direction"] == "downgrade"  # 1.11 -> 1.9 is numeric, not lexical
    assert p["torch"]["change"] == "added"
    assert "pandas" not in p


def test_kernel_git_author_time_notebook(pair: tuple[JSONDict, JSONDict]) -> None:
    rd = run_diff(*pair)
    assert rd["kernel"] == {"implementation_version": {"base": "3.11.7", "remote": "3.12.1"}}
    assert rd["git"]["base_commit"] == "abc123" and rd["git"]["remote_commit"] == "def456"
    assert rd["git"]["changed"] is True
    assert rd["git"]["base_dirty"] is False and rd["git"]["remote_dirty"] is True
    assert rd["author"] == {"base": "ana", "remote": "bo", "same": False}
    assert rd["time"]["elapsed_s"] == pytest.approx(3630.0)
    assert rd["notebook"] == {"same": True, "base_path": "exp/churn.ipynb",
                              "remote_path": "exp/churn.ipynb"}  # fmt: skip
    assert rd["summary"] == (
        "3 params, 4 metrics, 3 data files, 3 packages, kernel, git commit changed"
    )
    json.dumps(rd)  # JSON-serializable for REST/CLI


def test_kernel_change() -> None:
    remote = manifest()
    remote["kernel"] = {**remote["kernel"], "name": "ir", "language": "R"}
    rd = run_diff(manifest(), remote)
    assert rd["kernel"]["name"] == {"base": "python3", "remote": "ir"}
    assert rd["kernel"]["language"] == {"base": "python", "remote": "R"}


@pytest.mark.parametrize("side", ["base", "remote"])
def test_missing_side_is_unknown(side: str) -> None:
    m = manifest()
    rd = run_diff(None, m) if side == "base" else run_diff(m, None)
    assert rd[f"{side}_known"] is False
    assert {p["change"] for p in rd["params"]} == {"unknown"}
    assert all(p[side] is None for p in rd["params"])
    assert {d["change"] for d in rd["data"]} == {"unknown"}
    assert all(x["delta"] is None for x in rd["metrics"])
    assert rd["git"]["changed"] is None and rd["author"]["same"] is None
    assert "unknown" in rd["summary"]
    json.dumps(rd)


def test_both_missing_and_sparse_manifests() -> None:
    rd = run_diff(None, None)
    assert rd["params"] == [] and "both sides" in rd["summary"]
    sparse = run_diff({"id": "x"}, {"id": "y", "git": None, "params": {"a": 1}})
    assert sparse["params"] == [{"name": "a", "base": None, "remote": 1, "change": "added"}]
    assert sparse["git"]["changed"] is False  # neither side in git
