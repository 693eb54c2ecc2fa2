"""Notebooks shaped like the real revisions where plain nbdime was as fast as us: still exact,
aligned like nbdime, and much faster; nbdime's webapp test notebooks patch exactly too."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import nbdime
import nbformat
import pytest
from diff_strategies import load_notebook
from nbdime.diff_format import validate_diff
from slow_shapes import slow_shape_pair

from jupyter_ext.diff import diff_notebooks, diff_notebooks_with_stats

JSONDict = dict[str, Any]


def nbdime_diff(a: JSONDict, b: JSONDict) -> list[Any]:
    node: Any = nbformat.from_dict  # untyped
    result: list[Any] = nbdime.diff_notebooks(node(a), node(b))
    return result


def cell_ops(diff: list[Any]) -> list[tuple[str, int]]:
    cells = [e for e in diff if e["key"] == "cells"]
    return [(e["op"], e["key"]) for e in cells[0]["diff"]] if cells else []


@pytest.mark.parametrize("seed", range(3))
def test_slow_shape_patches_exactly_and_aligns_like_nbdime(seed: int) -> None:
    base, remote = slow_shape_pair(seed)
    diff, stats = diff_notebooks_with_stats(base, remote)
    validate_diff(diff, deep=True)
    assert nbdime.patch(base, diff) == remote
    assert not stats.fallback
    # Same cells patched, inserted and removed as plain nbdime.
    assert cell_ops(diff) == cell_ops(nbdime_diff(base, remote))


def test_slow_shape_edited_sources_are_line_patches() -> None:
    base, remote = slow_shape_pair(0)
    diff = diff_notebooks(base, remote)
    patched = [e for e in diff[0]["diff"] if e["op"] == "patch"]
    source_ops = [s for e in patched for s in e["diff"] if s["key"] == "source"]
    assert len(source_ops) == 5  # the five edited 3-4 kB sources
    for op in source_ops:
        ops = {e["op"] for e in op["diff"]}
        assert "patch" in ops and "addrange" in ops  # edited lines char-patched, one line added
        assert len(op["diff"]) <= 4  # a few lines, not the whole source


def test_slow_shape_is_at_least_twice_as_fast_as_nbdime() -> None:
    """The shape where our diff used to be no faster than nbdime (0.99x on a real pair)."""
    base, remote = slow_shape_pair(1)
    t0 = time.perf_counter()
    nbdime_diff(base, remote)
    plain = time.perf_counter() - t0
    ours = []
    for _ in range(3):
        t0 = time.perf_counter()
        diff_notebooks(base, remote)
        ours.append(time.perf_counter() - t0)
    assert min(ours) * 2 <= plain, (min(ours), plain)


def webapp_pairs() -> list[tuple[Path, Path]]:
    folder = Path(nbdime.__file__).parent / "webapp" / "testnotebooks"
    return list(itertools.permutations(sorted(folder.glob("*.ipynb")), 2))


@pytest.mark.parametrize(("base_path", "remote_path"), webapp_pairs(),
                         ids=lambda p: p.stem)  # fmt: skip
def test_nbdime_webapp_notebooks_patch_exactly(base_path: Path, remote_path: Path) -> None:
    base, remote = load_notebook(base_path), load_notebook(remote_path)
    diff = diff_notebooks(base, remote)
    assert nbdime.patch(base, diff) == remote
    assert bool(diff) == bool(nbdime_diff(base, remote))
