"""Notebooks without cell ids (nbformat < 4.5, most notebooks in public histories) cost what
changed when re-run or restructured, as they do with ids."""

from __future__ import annotations

import copy
import random
from typing import Any

from store_helpers import take

from jupyter_ext.store import Store

WORDS = ["df", "model", "fit", "predict", "np", "mean", "plot", "train", "test", "score"]


def _old_notebook(cells: int, seed: int = 0) -> dict[str, Any]:
    """An nbformat 4.4 notebook (no ids) of ordinary code cells that print a little."""
    rng = random.Random(seed)
    out = []
    for i in range(cells):
        source = "\n".join(
            f"{rng.choice(WORDS)}_{i} = {rng.choice(WORDS)}.{rng.choice(WORDS)}({rng.random():.4f})"
            for _ in range(rng.randint(2, 6))
        )
        out.append({
            "cell_type": "code", "metadata": {}, "execution_count": i + 1, "source": source,
            "outputs": [{"output_type": "stream", "name": "stdout",
                         "text": f"{rng.choice(WORDS)}: {rng.random():.6f}\n"}],
        })  # fmt: skip
    return {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": out}


def _pack_bytes(store: Store) -> int:
    return sum(size for _key, _mtime, size in store.backend.walk("objects/pack"))


def _take_cost(store: Store, nb: dict[str, Any]) -> int:
    before = _pack_bytes(store)
    take(store, nb)
    return _pack_bytes(store) - before


def test_rerunning_a_notebook_without_ids_keeps_its_chunks_in_place(store: Store) -> None:
    """Re-running renumbers every cell: chunk boundaries follow sources, not outputs, so each
    chunk is a small delta of the same cells' chunk (boundaries that followed whole cells moved
    everywhere and every chunk was a delta of the wrong cells)."""
    nb = _old_notebook(300)
    first = _take_cost(store, nb)
    rerun = copy.deepcopy(nb)
    for cell in rerun["cells"]:
        cell["execution_count"] += 300
    cost = _take_cost(store, rerun)
    assert store.get_notebook(store.list(limit=1)[0][0]["id"]) == rerun
    assert cost < first * 0.3, (cost, first)  # was about the first take's size


def test_a_restructured_notebook_without_ids_deltas_against_the_same_cells(
    store: Store,
) -> None:
    """Cells inserted and removed near the top shift every later chunk's place; a chunk that
    changed further down deltas against the parent's chunk holding its cells."""
    nb = _old_notebook(300, seed=3)
    take(store, nb)
    edited = copy.deepcopy(nb)
    del edited["cells"][2:40]  # a section removed: a few chunks gone
    edited["cells"].insert(5, {"cell_type": "markdown", "metadata": {}, "source": "# Setup"})
    for i in (150, 200, 250):  # and a line added to three cells further down
        edited["cells"][i]["source"] += "\nprint('checked')"
    cost = _take_cost(store, edited)
    assert store.get_notebook(store.list(limit=1)[0][0]["id"]) == edited
    assert cost < 1500, cost  # was 5.2 kB: the later chunks were deltas of other cells
