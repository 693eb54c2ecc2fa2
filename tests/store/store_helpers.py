"""Shared helpers for the store tests (a unique module name: test dirs have no __init__)."""

from __future__ import annotations

from typing import Any

from moto_s3 import make_bucket

from jupyter_ext.store import Store

__all__ = [
    "ANA",
    "BOB",
    "make_bucket",
    "make_notebook",
    "pack_of",
    "replace_stored",
    "stored_bytes",
    "take",
]

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


def pack_of(store: Store, digest: str) -> str:
    """The key of the pack holding *digest* (found by reading the store's pack indexes)."""
    from jupyter_ext.store.packs import pack_key, parse_index

    for name in store.packs.names():
        if digest in parse_index(store.backend.read(pack_key(name)), pack_key(name)):
            return pack_key(name)
    raise LookupError(f"no pack holds {digest}")


def stored_bytes(store: Store, digest: str) -> bytes:
    """The bytes a blob is stored as (codec byte first), wherever it is."""
    return store.stored(digest, outbox=False)[0]


def replace_stored(store: Store, digest: str, data: bytes | None) -> str:
    """Tamper with the store like a hostile teammate: the blob's stored bytes become *data*
    (None: the blob is removed), rewriting the pack that holds it. Returns that pack's key."""
    from jupyter_ext.store.packs import encode_pack, parse_index

    key = pack_of(store, digest)
    raw = store.backend.read(key)
    name = key.rsplit("/", 1)[-1].removesuffix(".pack")
    items = [(d, store.packs.read(name, d, raw) or b"") for d in parse_index(raw, key)]
    items = [(d, data if d == digest else b) for d, b in items if d != digest or data is not None]
    store.backend.write(key, encode_pack(items))
    return key
