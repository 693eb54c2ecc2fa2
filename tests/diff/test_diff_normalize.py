"""Notebooks straight from json.load (multiline text as lists of lines) diff like nbformat's."""

from __future__ import annotations

import copy
import json
from typing import Any

import nbdime
from diff_strategies import nbdime_files_dir, notebook_pairs
from hypothesis import HealthCheck, given, settings
from nbformat.v4.rwbase import split_lines

from jupyter_ext.diff import diff_notebooks, format_diff_text, normalize_notebook

JSONDict = dict[str, Any]


def as_lines(nb: JSONDict) -> JSONDict:
    """The on-disk form: what nbformat.write produces, read back with json.load."""
    from nbformat import from_dict

    node = from_dict(copy.deepcopy(nb))  # type: ignore[no-untyped-call]
    lines: JSONDict = json.loads(json.dumps(split_lines(node)))  # type: ignore[no-untyped-call]
    return lines


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebook_pairs())
def test_lines_form_diffs_like_joined_form(pair: tuple[JSONDict, JSONDict]) -> None:
    base, remote = pair
    raw_base, raw_remote = as_lines(base), as_lines(remote)
    before = copy.deepcopy(raw_base)
    assert normalize_notebook(raw_base) == base
    assert raw_base == before  # not modified
    diff = diff_notebooks(raw_base, raw_remote)
    assert diff == diff_notebooks(base, remote)
    assert nbdime.patch(normalize_notebook(raw_base), diff) == remote


def test_normalize_is_identity_when_already_joined() -> None:
    cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "x\ny"}
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    assert normalize_notebook(nb) is nb


def test_raw_json_files_from_disk() -> None:
    files = nbdime_files_dir()
    base = json.loads((files / "src-and-output--1.ipynb").read_text())
    remote = json.loads((files / "src-and-output--2.ipynb").read_text())
    assert isinstance(base["cells"][0]["source"], list)
    diff = diff_notebooks(base, remote)
    assert nbdime.patch(normalize_notebook(base), diff) == normalize_notebook(remote)
    assert "/cells/" in format_diff_text(base, diff, None, color=False)
