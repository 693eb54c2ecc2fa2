"""nbdime's own test notebooks: every pair within a family patches exactly; self-diffs are empty."""

from __future__ import annotations

import copy
import itertools
from functools import cache
from pathlib import Path
from typing import Any

import nbdime
import nbformat
import pytest
from diff_strategies import load_notebook, nbdime_files_dir

from jupyter_ext.diff import diff_notebooks


def families() -> dict[str, list[str]]:
    """``foo--1.ipynb``, ``foo--2.ipynb`` and ``foo.ipynb`` form the family ``foo``."""
    groups: dict[str, list[str]] = {}
    for path in sorted(nbdime_files_dir().glob("*.ipynb")):
        groups.setdefault(path.stem.split("--")[0], []).append(path.name)
    return groups


@cache
def load(name: str) -> dict[str, Any]:
    # Loaded once: nbformat invents random ids for cells missing one (nbformat_minor 5).
    return load_notebook(nbdime_files_dir() / name)


PAIRS = [
    (x, y)
    for names in families().values()
    for x, y in itertools.product(names, names)
    if x != y
]  # fmt: skip
ALL = [name for names in families().values() for name in names]


def test_there_are_real_pairs() -> None:
    assert len(PAIRS) >= 40


@pytest.mark.parametrize(("base_name", "remote_name"), PAIRS)
def test_real_pair_patches_exactly(base_name: str, remote_name: str) -> None:
    base, remote = load(base_name), load(remote_name)
    diff = diff_notebooks(base, remote)
    assert nbdime.patch(base, diff) == remote
    # nbdime agrees these differ / are equal.
    node: Any = nbformat.from_dict  # untyped
    reference = nbdime.diff_notebooks(node(base), node(remote))
    assert nbdime.patch(base, reference) == remote
    assert bool(reference) == bool(diff)


@pytest.mark.parametrize("name", ALL)
def test_real_notebook_self_diff_is_empty(name: str) -> None:
    nb = load(name)
    assert diff_notebooks(nb, nb) == []
    assert diff_notebooks(nb, copy.deepcopy(nb)) == []


def test_real_pair_matches_nbdime_shape(nbdime_files: Path) -> None:
    """Same top-level shape as nbdime's diff: one patch op on "cells"."""
    base, remote = load("src-and-output--1.ipynb"), load("src-and-output--2.ipynb")
    ours = diff_notebooks(base, remote)
    assert [e["key"] for e in ours] == ["cells"]
    assert ours[0]["op"] == "patch"
    keys = [e["key"] for e in ours[0]["diff"]]
    assert keys == sorted(keys)
