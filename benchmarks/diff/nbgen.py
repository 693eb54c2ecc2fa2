"""Deterministic generator of realistic notebook pairs for the diff benchmark.

A notebook is ~70% code cells (source of 3-15 lines, outputs: stream text, ``execute_result``
with text/plain and sometimes text/html, ~8% of code cells a PNG of 20-50 KB) and ~30% markdown.
``mutate`` applies N changes to a copy: edit a source line, change an output, replace an image,
insert a cell, delete a cell, tweak metadata (a mix, like real re-runs).
"""

from __future__ import annotations

import base64
import copy
import random
from typing import Any

JSONDict = dict[str, Any]
WORDS = [
    "df", "model", "train", "test", "loss", "accuracy", "data", "frame", "value", "result",
    "x", "y", "plot", "fit", "score", "mean", "std", "feature", "label", "batch", "epoch", "lr",
]  # fmt: skip


def _line(rng: random.Random) -> str:
    n = rng.randint(2, 8)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _code(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(3, 15)):
        w = rng.choice(WORDS)
        lines.append(f"{w}_{rng.randint(0, 99)} = {rng.choice(WORDS)}({rng.random():.4f})")
    return "\n".join(lines)


def _png(rng: random.Random) -> str:
    size = rng.randint(20_000, 50_000)
    payload = b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)
    return base64.b64encode(payload).decode("ascii")


def _outputs(rng: random.Random, count: int) -> list[JSONDict]:
    outs: list[JSONDict] = []
    if rng.random() < 0.4:
        text = "\n".join(_line(rng) for _ in range(rng.randint(1, 6))) + "\n"
        outs.append({"output_type": "stream", "name": "stdout", "text": text})
    if rng.random() < 0.08:
        outs.append({
            "output_type": "display_data", "metadata": {},
            "data": {"image/png": _png(rng), "text/plain": "<Figure size 640x480 with 1 Axes>"},
        })  # fmt: skip
    if rng.random() < 0.5:
        data: JSONDict = {"text/plain": f"{rng.random():.6f}"}
        if rng.random() < 0.2:
            rows = "".join(f"<tr><td>{_line(rng)}</td></tr>" for _ in range(5))
            data["text/html"] = f"<table>{rows}</table>"
        outs.append({"output_type": "execute_result", "execution_count": count,
                     "metadata": {}, "data": data})  # fmt: skip
    return outs


def _cell(rng: random.Random, ids: bool, count: int) -> JSONDict:
    cell: JSONDict
    if rng.random() < 0.3:
        text = "\n".join(_line(rng) for _ in range(rng.randint(1, 5)))
        cell = {"cell_type": "markdown", "metadata": {}, "source": "## " + text}
    else:
        cell = {"cell_type": "code", "execution_count": count, "metadata": {},
                "source": _code(rng), "outputs": _outputs(rng, count)}  # fmt: skip
    if ids:
        cell["id"] = f"{rng.getrandbits(64):016x}"
    return cell


def make_notebook(n_cells: int, ids: bool, seed: int = 0) -> JSONDict:
    rng = random.Random(seed)
    cells = [_cell(rng, ids, i + 1) for i in range(n_cells)]
    return {
        "nbformat": 4, "nbformat_minor": 5 if ids else 4,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python", "version": "3.11.7"},
        },
        "cells": cells,
    }  # fmt: skip


def mutate(nb: JSONDict, n_changes: int, seed: int = 1) -> JSONDict:
    """A copy of ``nb`` with ``n_changes`` changes at distinct, random cells."""
    rng = random.Random(seed)
    out = copy.deepcopy(nb)
    cells = out["cells"]
    ids = "id" in cells[0] if cells else False
    positions = sorted(rng.sample(range(len(cells)), min(n_changes, len(cells))), reverse=True)
    for pos in positions:  # from the end, so inserts/deletes do not shift pending positions
        cell = cells[pos]
        kind = rng.choice(["source", "source", "output", "image", "insert", "delete", "meta"])
        if kind == "source":
            lines = cell["source"].split("\n")
            lines[rng.randrange(len(lines))] = _line(rng)
            cell["source"] = "\n".join(lines)
        elif kind == "output" and cell["cell_type"] == "code":
            cell["outputs"] = _outputs(rng, cell["execution_count"] or 0)
            cell["execution_count"] = (cell["execution_count"] or 0) + 1000
        elif kind == "image" and cell["cell_type"] == "code":
            imgs = [o for o in cell["outputs"] if "image/png" in o.get("data", {})]
            if imgs:
                imgs[0]["data"]["image/png"] = _png(rng)
            else:
                cell["outputs"].append({"output_type": "display_data", "metadata": {},
                                        "data": {"image/png": _png(rng)}})  # fmt: skip
        elif kind == "insert":
            cells.insert(pos, _cell(rng, ids, 0))
        elif kind == "delete":
            del cells[pos]
        else:
            cell["metadata"]["tags"] = ["changed"]
    return out
