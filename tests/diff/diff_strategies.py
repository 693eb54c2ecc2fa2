"""Test helpers for tests/diff: hypothesis strategies for notebook pairs, notebook loading.

Values come from small alphabets on purpose, so that generated notebooks contain duplicate cells,
near-identical sources and repeated outputs, the cases that stress cell alignment.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

JSONDict = dict[str, Any]

LINES = ["x = 1", "x = 2", "print(x)", "", "  ", "import numpy as np", "y = x * 2  ", "# note"]
TEXTS = ["", "1\n", "hello\nworld\n", "0.93", "a b c"]
# Images: short and long (>= 256 chars, so they are replaced by hash tokens in gaps).
IMAGES = [
    base64.b64encode(bytes([i]) * n).decode() for i in range(3) for n in (30, 400)
]  # fmt: skip


def nbdime_files_dir() -> Path:
    """nbdime's own test notebooks, shipped in its package."""
    import nbdime

    return Path(nbdime.__file__).parent / "tests" / "files"


def load_notebook(path: Path) -> JSONDict:
    """A notebook as plain dicts, the way the server hands them to the diff (nbformat v4)."""
    import nbformat

    node = nbformat.read(str(path), as_version=4)  # type: ignore[no-untyped-call]
    plain: JSONDict = json.loads(json.dumps(node))
    return plain


sources = st.lists(st.sampled_from(LINES), min_size=0, max_size=4).map("\n".join)
metadata = st.dictionaries(
    st.sampled_from(["collapsed", "tags", "ExecuteTime", "scrolled", "jupyter"]),
    st.one_of(st.booleans(), st.sampled_from(TEXTS), st.lists(st.sampled_from(["a", "b"]),
              max_size=2), st.fixed_dictionaries({"source_hidden": st.booleans()})),
    max_size=3,
)  # fmt: skip
exec_counts = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def outputs(draw: st.DrawFn) -> JSONDict:
    kind = draw(st.sampled_from(["stream", "execute_result", "display_data", "error"]))
    if kind == "stream":
        return {"output_type": "stream", "name": draw(st.sampled_from(["stdout", "stderr"])),
                "text": draw(st.sampled_from(TEXTS))}  # fmt: skip
    if kind == "error":
        evalue = draw(st.sampled_from(TEXTS))
        tb = draw(st.lists(st.sampled_from(TEXTS), max_size=2))
        return {"output_type": "error", "ename": "ValueError", "evalue": evalue, "traceback": tb}
    data: JSONDict = {"text/plain": draw(st.sampled_from(TEXTS))}
    if draw(st.booleans()):
        data["image/png"] = draw(st.sampled_from(IMAGES))
    if draw(st.integers(0, 4)) == 0:
        data["text/html"] = "<b>" + draw(st.sampled_from(TEXTS)) + "</b>"
    out: JSONDict = {"output_type": kind, "metadata": draw(metadata), "data": data}
    if kind == "execute_result":
        out["execution_count"] = draw(exec_counts)
    return out


@st.composite
def cells(draw: st.DrawFn, with_id: bool) -> JSONDict:
    kind = draw(st.sampled_from(["code", "code", "markdown", "raw"]))
    cell: JSONDict = {"cell_type": kind, "metadata": draw(metadata), "source": draw(sources)}
    if kind == "code":
        cell["execution_count"] = draw(exec_counts)
        cell["outputs"] = draw(st.lists(outputs(), max_size=3))
    elif kind == "markdown" and draw(st.integers(0, 5)) == 0:
        cell["attachments"] = {"a.png": {"image/png": draw(st.sampled_from(IMAGES))}}
    if with_id:
        cell["id"] = f"c{draw(st.integers(0, 10**9))}"
    return cell


@st.composite
def notebooks(draw: st.DrawFn, with_ids: bool, max_cells: int = 12) -> JSONDict:
    cell_list = draw(st.lists(cells(with_ids), max_size=max_cells))
    if with_ids:  # ids are unique within a notebook
        for i, c in enumerate(cell_list):
            c["id"] = f"{c['id']}-{i}"
    return {
        "nbformat": 4,
        "nbformat_minor": draw(st.integers(0, 5)),
        "metadata": draw(metadata),
        "cells": cell_list,
    }


@st.composite
def edited(draw: st.DrawFn, nb: JSONDict, with_ids: bool) -> JSONDict:
    """A copy of ``nb`` after random inserts, deletes, moves and in-place modifications."""
    out = copy.deepcopy(nb)
    cl = out["cells"]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(
            ["insert", "duplicate", "delete", "move", "source", "outputs", "image", "meta",
             "count", "nbmeta", "minor", "rerun"]))  # fmt: skip
        if op == "rerun":  # "restart and run all": every execution count changes
            for c in cl:
                if c["cell_type"] == "code":
                    c["execution_count"] = (c["execution_count"] or 0) + 10
            continue
        if op == "insert" or (op not in ("nbmeta", "minor") and not cl):
            new = draw(cells(with_ids))
            if with_ids:
                new["id"] = f"new-{draw(st.integers(0, 10**9))}"
            cl.insert(draw(st.integers(0, len(cl))), new)
            continue
        i = draw(st.integers(0, max(0, len(cl) - 1)))
        if op == "duplicate":
            dup = copy.deepcopy(cl[i])
            if with_ids:
                dup["id"] = f"dup-{draw(st.integers(0, 10**9))}"
            cl.insert(draw(st.integers(0, len(cl))), dup)
        elif op == "delete":
            del cl[i]
        elif op == "move":
            cell = cl.pop(i)
            cl.insert(draw(st.integers(0, len(cl))), cell)
        elif op == "source":
            cl[i]["source"] = draw(sources)
        elif op == "outputs" and cl[i]["cell_type"] == "code":
            cl[i]["outputs"] = draw(st.lists(outputs(), max_size=3))
        elif op == "image" and cl[i]["cell_type"] == "code":
            cl[i]["outputs"].append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": draw(st.sampled_from(IMAGES))},
                }
            )
        elif op == "meta":
            cl[i]["metadata"] = draw(metadata)
        elif op == "count" and cl[i]["cell_type"] == "code":
            cl[i]["execution_count"] = draw(exec_counts)
        elif op == "nbmeta":
            out["metadata"] = draw(metadata)
        elif op == "minor":
            out["nbformat_minor"] = draw(st.integers(0, 5))
    return out


@st.composite
def notebook_pairs(draw: st.DrawFn, max_cells: int = 12) -> tuple[JSONDict, JSONDict]:
    with_ids = draw(st.booleans())
    base = draw(notebooks(with_ids, max_cells))
    if draw(st.integers(0, 9)) == 0:  # sometimes unrelated notebooks
        return base, draw(notebooks(with_ids, max_cells))
    return base, draw(edited(base, with_ids))


@st.composite
def rerun_pairs(draw: st.DrawFn, max_cells: int = 30) -> tuple[JSONDict, JSONDict]:
    """Code-only notebooks without ids, remote re-run (every count changed) and edited:
    big gaps, where cells are paired by source before nbdime aligns the rest."""
    base = draw(notebooks(False, max_cells))
    base["cells"] = [c for c in base["cells"] if c["cell_type"] == "code"]
    remote = draw(edited(base, False))
    for c in remote["cells"]:
        if c["cell_type"] == "code":
            c["execution_count"] = (c["execution_count"] or 0) + 10
    return base, remote
