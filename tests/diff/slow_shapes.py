"""Synthetic notebooks shaped like the real revisions that made plain nbdime slow.

No cell ids (nbformat 4.4), several 3-4 kB code sources, prose paragraphs, pandas-like HTML tables
and long stream outputs; the remote edits a few lines of several big sources, inserts and removes
cells next to them, and changes the numbers of some tables (a re-run).
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any

JSONDict = dict[str, Any]
WORDS = ["housing", "median", "income", "model", "train", "test", "scaler", "pipeline", "fit",
         "predict", "score", "grid", "search", "forest", "error", "feature", "label"]  # fmt: skip


def _code_line(rng: random.Random, tag: int, k: int) -> str:
    a, b, c = rng.choices(WORDS, k=3)
    kind = rng.randrange(6)
    if kind == 0:
        return "# " + " ".join(
            rng.choices(WORDS + ["the", "of", "we", "now"], k=rng.randint(3, 12))
        )
    if kind == 1:
        return ""
    if kind == 2:
        return f"for {a}_{k} in range({rng.randint(2, 99)}):\n    {b}.append({c}[{a}_{k}])"
    if kind == 3:
        args = ", ".join(f"{w}={rng.random():.3f}" for w in rng.choices(WORDS, k=rng.randint(1, 4)))
        return f"{a}_{tag}_{k} = {b}.{c}({args})"
    if kind == 4:
        return f'print("{a} {b}:", {c}_{tag}.mean(), alpha=0.{rng.randint(0, 9)})'
    return f"from sklearn.{a} import {b.title()}{c.title()}"


def _source(rng: random.Random, tag: int) -> str:
    """3-4 kB for every 5th cell, else a few lines."""
    lines = [f"# step {tag}: {' '.join(rng.choices(WORDS, k=6))}"]
    target = rng.randint(3200, 4000) if tag % 5 == 0 else rng.randint(60, 300)
    while sum(map(len, lines)) < target:
        lines.append(_code_line(rng, tag, len(lines)))
    return "\n".join(lines)


def _prose(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS + ["the", "a", "of", "and", "we", "is"], k=120))


def _table(rng: random.Random) -> str:
    rows = "".join(
        f"<tr><th>{i}</th>" + "".join(f"<td>{rng.random():.5f}</td>" for _ in range(6)) + "</tr>\n"
        for i in range(12)
    )  # fmt: skip
    return f'<div>\n<table border="1" class="dataframe">\n{rows}</table>\n</div>'


def _code_cell(rng: random.Random, tag: int, count: int) -> JSONDict:
    outputs: list[JSONDict] = []
    if tag % 3 == 0:
        text = "".join(f"epoch {i} loss {rng.random():.4f}\n" for i in range(40))
        outputs.append({"output_type": "stream", "name": "stdout", "text": text})
    if tag % 2 == 0:
        outputs.append({"output_type": "execute_result", "execution_count": count, "metadata": {},
                        "data": {"text/plain": f"{rng.random():.6f}",
                                 "text/html": _table(rng)}})  # fmt: skip
    return {"cell_type": "code", "execution_count": count, "metadata": {},
            "source": _source(rng, tag), "outputs": outputs}  # fmt: skip


def slow_shape_pair(seed: int, cells: int = 40) -> tuple[JSONDict, JSONDict]:
    """``(base, remote)``: a notebook and its next revision, shaped as described above."""
    rng = random.Random(seed)
    cell_list: list[JSONDict] = []
    for i in range(cells):
        if i % 4 == 2:
            cell_list.append({"cell_type": "markdown", "metadata": {}, "source": _prose(rng)})
        else:
            cell_list.append(_code_cell(rng, i, i + 1))
    base: JSONDict = {"nbformat": 4, "nbformat_minor": 4, "cells": cell_list,
                      "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                                  "display_name": "Python 3"}}}  # fmt: skip
    remote = copy.deepcopy(base)
    rc = remote["cells"]
    code = [i for i, c in enumerate(rc) if c["cell_type"] == "code"]
    big = [i for i in code if len(rc[i]["source"]) > 3000]
    edited = [*rng.sample(big, 4), rng.choice([i for i in code if i not in big])]
    for i in edited:  # a few lines edited, one added, in 4 big sources and a small one
        lines = rc[i]["source"].split("\n")
        for k in rng.sample(range(1, len(lines)), min(3, len(lines) - 1)):
            lines[k] = lines[k].replace("0.", "2.", 1).replace("_", "_x_", 1)
        lines.insert(rng.randrange(1, len(lines)), "print('checkpoint')")
        rc[i]["source"] = "\n".join(lines)
        rc[i]["execution_count"] += 100
        for out in rc[i]["outputs"]:
            if out["output_type"] == "execute_result":
                out["execution_count"] += 100
                html = out["data"]["text/html"]  # re-run: a few numbers change
                for old in rng.sample(re.findall(r"\d\.\d{5}", html), 3):
                    html = html.replace(old, f"{rng.random():.5f}", 1)
                out["data"]["text/html"] = html
    for pos in sorted(rng.sample(range(cells), 3), reverse=True):  # new cells, no ids
        rc.insert(pos, _code_cell(rng, 1000 + pos, 0))
    del rc[rng.choice([i for i in range(len(rc)) if i not in edited and i < len(base["cells"])])]
    rc.insert(rng.randrange(len(rc)), {"cell_type": "markdown", "metadata": {},
                                       "source": _prose(rng)})  # fmt: skip
    return base, remote
