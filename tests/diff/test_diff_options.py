"""DiffOptions: each option hides exactly its kind of change, and nothing else."""

from __future__ import annotations

import copy
from typing import Any

import nbdime
import pytest

from jupyter_ext.diff import DiffOptions, diff_notebooks

JSONDict = dict[str, Any]


def code(source: str, outputs: list[JSONDict] | None = None, count: int | None = 1,
         cid: str = "a", **meta: Any) -> JSONDict:  # fmt: skip
    return {"cell_type": "code", "id": cid, "metadata": dict(meta), "execution_count": count,
            "source": source, "outputs": outputs or []}  # fmt: skip


def result(text: str, count: int | None = 1) -> JSONDict:
    return {"output_type": "execute_result", "execution_count": count, "metadata": {},
            "data": {"text/plain": text}}  # fmt: skip


def nb(*cells: JSONDict, **meta: Any) -> JSONDict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": dict(meta), "cells": list(cells)}


def keys_touched(diff: list[Any]) -> set[str]:
    """Every mapping key named anywhere in the diff (e.g. {"cells", "outputs", "source"})."""
    found: set[str] = set()
    for e in diff:
        if isinstance(e["key"], str):
            found.add(e["key"])
        if e["op"] == "patch":
            found |= keys_touched(e["diff"])
    return found


def test_ignore_outputs_hides_output_only_changes() -> None:
    base = nb(code("x", [result("1")]), code("y", [result("2")], cid="b"))
    remote = copy.deepcopy(base)
    remote["cells"][0]["outputs"] = [result("999"), {"output_type": "stream", "name": "stdout",
                                                      "text": "hi\n"}]  # fmt: skip
    assert diff_notebooks(base, remote) != []
    assert diff_notebooks(base, remote, DiffOptions(ignore_outputs=True)) == []


def test_ignore_outputs_still_shows_source_and_keeps_inserted_cells_exact() -> None:
    base = nb(code("x", [result("1")]))
    remote = nb(code("x + 1", [result("2")]), code("new", [result("3")], cid="n"))
    diff = diff_notebooks(base, remote, DiffOptions(ignore_outputs=True))
    assert "outputs" not in keys_touched(diff)
    assert "source" in keys_touched(diff)
    patched = nbdime.patch(base, diff)
    assert patched["cells"][0]["source"] == "x + 1"
    assert patched["cells"][0]["outputs"] == base["cells"][0]["outputs"]  # ignored: kept
    assert patched["cells"][1] == remote["cells"][1]  # inserted cell: exact, with its outputs


def test_ignore_metadata_by_key() -> None:
    base = nb(code("x", collapsed=False, ExecuteTime={"start": "1"}), ExecuteTime="t0")
    remote = nb(code("x", collapsed=True, ExecuteTime={"start": "2"}), ExecuteTime="t1")
    assert diff_notebooks(base, remote) != []
    options = DiffOptions(ignore_metadata=["ExecuteTime", "collapsed"])
    assert diff_notebooks(base, remote, options) == []
    remote["cells"][0]["metadata"]["tags"] = ["parameters"]
    diff = diff_notebooks(base, remote, options)
    assert keys_touched(diff) == {"cells", "metadata", "tags"}
    assert nbdime.patch(base, diff)["cells"][0]["metadata"]["tags"] == ["parameters"]


def test_ignore_metadata_dotted_path() -> None:
    base = nb(code("x", jupyter={"source_hidden": False, "outputs_hidden": False}))
    remote = nb(code("x", jupyter={"source_hidden": True, "outputs_hidden": False}))
    assert (
        diff_notebooks(base, remote, DiffOptions(ignore_metadata=["jupyter.source_hidden"])) == []
    )
    remote["cells"][0]["metadata"]["jupyter"]["outputs_hidden"] = True
    diff = diff_notebooks(base, remote, DiffOptions(ignore_metadata=["jupyter.source_hidden"]))
    assert "outputs_hidden" in keys_touched(diff)
    assert "source_hidden" not in keys_touched(diff)


def test_ignore_metadata_true_hides_all_metadata() -> None:
    base = nb(code("x", a=1), kernelspec={"name": "python3"})
    remote = nb(code("x", a=2, b=3), kernelspec={"name": "ir"})
    assert diff_notebooks(base, remote, DiffOptions(ignore_metadata=True)) == []
    remote["cells"][0]["source"] = "y"
    assert keys_touched(diff_notebooks(base, remote, DiffOptions(ignore_metadata=True))) == {
        "cells", "source"}  # fmt: skip


def test_ignore_execution_count() -> None:
    base = nb(code("x", [result("1", count=3)], count=3), code("y", count=4, cid="b"))
    remote = nb(code("x", [result("1", count=7)], count=7), code("y", count=None, cid="b"))
    assert diff_notebooks(base, remote) != []
    assert diff_notebooks(base, remote, DiffOptions(ignore_execution_count=True)) == []
    # An output really changed: shown, and an inserted output keeps its real count.
    remote["cells"][0]["outputs"].append(result("2", count=7))
    diff = diff_notebooks(base, remote, DiffOptions(ignore_execution_count=True))
    patched = nbdime.patch(base, diff)
    assert patched["cells"][0]["outputs"][-1] == result("2", count=7)
    assert patched["cells"][0]["execution_count"] == 3


@pytest.mark.parametrize("new_source", [
    "def f(x):\n    return x  \n",        # trailing spaces
    "def f(x):\n\n    return x\n\n",      # blank lines
    "def f(x):\n    return  x",           # inner run of spaces
    "def f(x):\n\treturn x",              # tab for spaces
])  # fmt: skip
def test_ignore_whitespace_hides_whitespace_only_changes(new_source: str) -> None:
    base = nb(code("def f(x):\n    return x"))
    remote = nb(code(new_source))
    assert diff_notebooks(base, remote) != []
    assert diff_notebooks(base, remote, DiffOptions(ignore_whitespace=True)) == []


def test_ignore_whitespace_real_change_is_exact() -> None:
    base = nb(code("def f(x):\n    return x"), code("a = 1  ", cid="b"))
    remote = nb(code("def f(x):\n    return x + 1  \n"), code("a = 1", cid="b"))
    diff = diff_notebooks(base, remote, DiffOptions(ignore_whitespace=True))
    patched = nbdime.patch(base, diff)
    assert patched["cells"][0]["source"] == remote["cells"][0]["source"]  # exact text
    assert patched["cells"][1]["source"] == "a = 1  "  # whitespace-only: untouched


def test_default_options_object_is_default() -> None:
    assert DiffOptions().is_default
    assert DiffOptions(ignore_metadata=[]).is_default  # an empty list ignores nothing
    assert not DiffOptions(ignore_metadata=["tags"]).is_default
    base = nb(code("x"))
    remote = nb(code("y"))
    assert diff_notebooks(base, remote, DiffOptions()) == diff_notebooks(base, remote)


def test_ignore_metadata_key_containing_a_dot() -> None:
    base, remote = nb(code("x")), nb(code("x"))
    base["cells"][0]["metadata"]["vscode.cell"] = 1
    remote["cells"][0]["metadata"]["vscode.cell"] = 2
    assert diff_notebooks(base, remote, DiffOptions(ignore_metadata=["vscode.cell"])) == []
