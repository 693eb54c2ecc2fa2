"""Shared helpers for the store tests (a unique module name: test dirs have no __init__)."""

from __future__ import annotations

from typing import Any

from moto_s3 import make_bucket

from jupyter_ext.store import Store

__all__ = ["ANA", "BOB", "make_bucket", "make_notebook", "take"]

ANA = {"username": "ana", "name": "Ana Ruiz", "initials": "AR"}
BOB = {"username": "bob", "name": "Bob Stone"}


def make_notebook(n_cells: int = 5, *, seed: int = 0, image_every: int = 0) -> dict[str, Any]:
    """A small nbformat 4.5 notebook; deterministic for a seed."""
    import base64
    import random

    rng = random.Random(seed)
    cells: list[dict[str, Any]] = []
    for i in range(n_cells):
        outputs: list[dict[str, Any]] = [
            {"output_type": "stream", "name": "stdout", "text": f"cell {i} says {rng.random()}\n"}
        ]
        if image_every and i % image_every == 0:
            png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000)
            outputs.append({
                "output_type": "display_data",
                "metadata": {},
                "data": {"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"},
            })  # fmt: skip
        cells.append({
            "id": f"cell-{i}",
            "cell_type": "code",
            "metadata": {},
            "execution_count": i + 1,
            "source": f"x{i} = {i} * 2\nprint('cell {i}', x{i})",
            "outputs": outputs,
        })  # fmt: skip
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": cells,
    }


def take(store: Store, nb: dict[str, Any], path: str = "exp/churn.ipynb", **kw: Any) -> Any:
    info = {"path": path, "name": path.rsplit("/", 1)[-1], "key": path}
    kw.setdefault("author", ANA)
    return store.take(nb, notebook_info=info, **kw)
