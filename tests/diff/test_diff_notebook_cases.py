"""Specific notebook-diff cases: big images, unrelated notebooks, nbdime quirks, speed, imports."""

from __future__ import annotations

import base64
import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbdime
import pytest

from jupyter_ext.diff import diff_notebooks
from jupyter_ext.diff import notebook as nbmod

JSONDict = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]


def image_nb(png: str, n_other: int = 0) -> JSONDict:
    plot = {"cell_type": "code", "id": "plot", "metadata": {}, "execution_count": 2,
            "source": "plt.plot(x)",
            "outputs": [{"output_type": "display_data", "metadata": {},
                         "data": {"image/png": png, "text/plain": "<Figure>"}}]}  # fmt: skip
    others = [{"cell_type": "markdown", "id": f"m{i}", "metadata": {}, "source": f"# {i}"}
              for i in range(n_other)]  # fmt: skip
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [*others, plot]}


def test_two_different_1mb_images_diff_quickly_and_replace_the_output() -> None:
    img_a = base64.b64encode(os.urandom(768 * 1024)).decode()  # 1 MB of base64 each
    img_b = base64.b64encode(os.urandom(768 * 1024)).decode()
    base, remote = image_nb(img_a, 20), image_nb(img_b, 20)
    t0 = time.perf_counter()
    diff = diff_notebooks(base, remote)
    assert time.perf_counter() - t0 < 1.0
    assert nbdime.patch(base, diff) == remote
    (cells_op,) = diff
    (cell_op,) = cells_op["diff"]
    assert cell_op["op"] == "patch" and cell_op["key"] == 20  # the plot cell, aligned
    (outputs_op,) = cell_op["diff"]
    assert outputs_op["key"] == "outputs"
    ops = {e["op"]: e for e in outputs_op["diff"]}
    # nbdime's way to say "output 0 replaced": remove it, insert the new one at the same key.
    assert ops["removerange"]["key"] == 0 and ops["removerange"]["length"] == 1
    assert ops["addrange"]["key"] == 0
    assert ops["addrange"]["valuelist"][0]["data"]["image/png"] == img_b  # the real image
    assert "jupyter-ext" not in json.dumps(diff)[:1000]  # no hash token leaked


def test_same_big_image_is_no_change() -> None:
    img = base64.b64encode(os.urandom(300_000)).decode()
    base = image_nb(img, 3)
    remote = copy.deepcopy(base)
    remote["cells"][0]["source"] = "# changed"
    diff = diff_notebooks(base, remote)
    assert "image/png" not in json.dumps(diff)
    assert nbdime.patch(base, diff) == remote


def test_changed_attachment_image_patches_exactly() -> None:
    img_a = base64.b64encode(os.urandom(5000)).decode()
    img_b = base64.b64encode(os.urandom(5000)).decode()
    cell: JSONDict = {"cell_type": "markdown", "id": "m", "metadata": {},
                      "source": "![x](attachment:a)",
                      "attachments": {"a.png": {"image/png": img_a}}}  # fmt: skip
    base: JSONDict = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    remote = copy.deepcopy(base)
    remote["cells"][0]["attachments"]["a.png"]["image/png"] = img_b
    diff = diff_notebooks(base, remote)
    assert nbdime.patch(base, diff) == remote
    assert img_b in json.dumps(diff)


def make_cells(n: int, tag: str, ids: bool) -> list[JSONDict]:
    cells: list[JSONDict] = []
    for i in range(n):
        c: JSONDict = {"cell_type": "code", "metadata": {}, "execution_count": i,
                       "source": f"{tag}_{i} = compute({i}, '{tag}')\nprint({tag}_{i})",
                       "outputs": [{"output_type": "stream", "name": "stdout",
                                    "text": f"{tag} {i}\n"}]}  # fmt: skip
        if ids:
            c["id"] = f"{tag}-{i}"
        cells.append(c)
    return cells


def test_completely_different_notebooks_still_diff() -> None:
    base = {"nbformat": 4, "nbformat_minor": 4, "metadata": {"a": 1},
            "cells": make_cells(40, "alpha", False)}  # fmt: skip
    remote = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"b": 2},
              "cells": make_cells(25, "omega", True)}  # fmt: skip
    diff = diff_notebooks(base, remote)
    assert nbdime.patch(base, diff) == remote
    assert {e["key"] for e in diff} >= {"cells", "metadata", "nbformat_minor"}


def test_empty_notebooks() -> None:
    empty = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
    full = {**empty, "cells": make_cells(3, "x", True)}
    assert diff_notebooks(empty, empty) == []
    assert nbdime.patch(empty, diff_notebooks(empty, full)) == full
    assert nbdime.patch(full, diff_notebooks(full, empty)) == empty


def test_nbdime_global_predicate_pollution_does_not_break_us() -> None:
    """nbdime's global tables remember paths; a list then a dict at one path used to raise."""

    def with_meta(value: Any) -> JSONDict:
        return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"foo": value}, "cells": []}

    assert diff_notebooks(with_meta([1, 2]), with_meta([1, 3]))
    assert diff_notebooks(with_meta({"x": 1}), with_meta({"x": 2})) == [
        {"op": "patch", "key": "metadata", "diff": [
            {"op": "patch", "key": "foo", "diff": [{"op": "replace", "key": "x", "value": 2}]}]}
    ]  # fmt: skip


def test_big_notebook_without_ids_is_fast() -> None:
    """1000 cells without ids, 10 changed: plain nbdime takes many seconds (nbdime#540)."""
    cells = make_cells(1000, "v", False)
    base: JSONDict = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells}
    remote = copy.deepcopy(base)
    for k in range(10):
        remote["cells"][k * 97]["source"] += f"\n# edit {k}"
    del remote["cells"][500]
    remote["cells"].insert(700, make_cells(1, "new", False)[0])
    t0 = time.perf_counter()
    diff = diff_notebooks(base, remote)
    assert time.perf_counter() - t0 < 2.0
    assert nbdime.patch(base, diff) == remote
    stats = nbmod.last_stats
    assert stats.matched_cells >= 985 and not stats.fallback


def test_import_is_lazy() -> None:
    code = ("import sys, jupyter_ext.diff; "
            "print(sorted(m for m in ('nbdime', 'nbformat') if m in sys.modules))")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_rerun_all_without_ids_pairs_cells_by_source() -> None:
    """Restart and run all changes every execution count: no cell is equal any more."""
    cells = make_cells(1000, "v", False)
    base: JSONDict = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells}
    remote = copy.deepcopy(base)
    for c in remote["cells"]:
        c["execution_count"] += 1
    remote["cells"][10]["source"] = "changed = True"
    del remote["cells"][300]
    t0 = time.perf_counter()
    diff = diff_notebooks(base, remote)
    elapsed = time.perf_counter() - t0
    assert nbdime.patch(base, diff) == remote
    stats = nbmod.last_stats
    assert stats.matched_cells == 0 and stats.paired_cells == 998 and not stats.fallback
    assert elapsed < 5.0


def test_stats_report_the_nbdime_fallback_for_unrelated_big_notebooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jupyter_ext.diff import diff_notebooks_with_stats

    # Real values 4096 and 5000 (plain nbdime needs minutes for 450 x 450 unrelated cells).
    monkeypatch.setattr(nbmod, "MAX_PAIRS", 100)
    monkeypatch.setattr(nbmod, "PAIR_BUDGET", 300)
    base = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": make_cells(30, "alpha", True)}  # fmt: skip
    remote = {**base, "cells": make_cells(45, "omega", True)}
    diff, stats = diff_notebooks_with_stats(base, remote)
    assert nbdime.patch(base, diff) == remote
    assert stats.fallback and stats.matched_cells == 0 and stats.largest_gap == 30
    assert stats.nbdime_cells == 75
    same, stats = diff_notebooks_with_stats(base, copy.deepcopy(base))
    assert same == [] and stats.matched_cells == 30 and not stats.fallback


def test_quick_cell_diff_matches_nbdime_for_rerun_cells() -> None:
    from nbformat import from_dict

    from jupyter_ext.diff.notebook import nbdime_config, quick_cell_diff

    cell = make_cells(1, "q", True)[0]
    cell["outputs"].append({"output_type": "execute_result", "execution_count": 0,
                            "metadata": {}, "data": {"text/plain": "1"}})  # fmt: skip
    rerun = copy.deepcopy(cell)
    rerun["execution_count"] = 7
    rerun["outputs"][1]["execution_count"] = 7
    quick = quick_cell_diff(cell, rerun)
    config = nbdime_config()
    node: Any = from_dict
    reference = config.differs["/cells/*"](node(cell), node(rerun), path="/cells/*", config=config)
    assert quick == reference
    edited = copy.deepcopy(rerun)
    edited["source"] += "\n# more"
    assert quick_cell_diff(cell, edited) is None  # anything else: nbdime's own cell diff
