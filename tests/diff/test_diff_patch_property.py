"""Property: with default options, nbdime.patch(base, diff_notebooks(base, remote)) == remote."""

from __future__ import annotations

import copy
import json
from typing import Any

import nbdime
from diff_strategies import notebook_pairs, rerun_pairs
from hypothesis import HealthCheck, given, settings
from nbdime.diff_format import validate_diff
from nbdime.diff_utils import to_diffentry_dicts

from jupyter_ext.diff import DiffOptions, diff_notebooks
from jupyter_ext.diff.options import project_notebook

JSONDict = dict[str, Any]
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_exact(base: JSONDict, remote: JSONDict) -> list[Any]:
    base_before, remote_before = copy.deepcopy(base), copy.deepcopy(remote)
    diff = diff_notebooks(base, remote)
    assert base == base_before and remote == remote_before, "inputs must not be mutated"
    validate_diff(diff, deep=True)
    assert nbdime.patch(base, diff) == remote
    # The diff survives JSON (REST/CLI) and still patches exactly.
    via_json = to_diffentry_dicts(json.loads(json.dumps(diff)))
    assert nbdime.patch(base, via_json) == remote
    return diff


@SETTINGS
@given(notebook_pairs())
def test_patch_reproduces_remote(pair: tuple[JSONDict, JSONDict]) -> None:
    base, remote = pair
    check_exact(base, remote)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebook_pairs(max_cells=40))
def test_patch_reproduces_remote_bigger_notebooks(pair: tuple[JSONDict, JSONDict]) -> None:
    """Bigger gaps: cells paired by id or by source before nbdime aligns the rest."""
    base, remote = pair
    check_exact(base, remote)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rerun_pairs())
def test_patch_reproduces_remote_rerun_without_ids(pair: tuple[JSONDict, JSONDict]) -> None:
    base, remote = pair
    check_exact(base, remote)


@settings(max_examples=40, deadline=None)
@given(notebook_pairs())
def test_self_diff_is_empty(pair: tuple[JSONDict, JSONDict]) -> None:
    base, _ = pair
    assert diff_notebooks(base, base) == []
    assert diff_notebooks(base, copy.deepcopy(base)) == []


OPTION_SETS = [
    DiffOptions(ignore_outputs=True),
    DiffOptions(ignore_metadata=True),
    DiffOptions(ignore_metadata=["ExecuteTime", "collapsed", "jupyter.source_hidden"]),
    DiffOptions(ignore_execution_count=True),
    DiffOptions(ignore_whitespace=True),
    DiffOptions(True, True, True, True),
]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebook_pairs())
def test_options_exact_modulo_ignored(pair: tuple[JSONDict, JSONDict]) -> None:
    """With options, patching base gives remote up to the ignored facts, and nothing else."""
    base, remote = pair
    for options in OPTION_SETS:
        diff = diff_notebooks(base, remote, options)
        validate_diff(diff, deep=True)
        patched = json.loads(json.dumps(nbdime.patch(base, diff)))
        assert project_notebook(patched, options) == project_notebook(remote, options), options


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebook_pairs(max_cells=20))
def test_patch_exact_when_big_gaps_are_chunked(pair: tuple[JSONDict, JSONDict]) -> None:
    """The bounded-time path for unrelated notebooks (forced on small ones) stays exact."""
    from unittest.mock import patch

    from jupyter_ext.diff import notebook as nbmod

    base, remote = pair
    with patch.object(nbmod, "MAX_PAIRS", 4), patch.object(nbmod, "PAIR_BUDGET", 8):
        check_exact(base, remote)
