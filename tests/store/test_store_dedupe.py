"""Identical content is stored once; storage grows with what changed, not notebook size."""

from __future__ import annotations

import base64
import copy
import random
from pathlib import Path

from store_helpers import BOB, make_notebook, take

from jupyter_ext.store import Store


def _stored_bytes(store: Store) -> tuple[int, int]:
    files = list(store.backend.walk("objects"))
    return len(files), sum(size for _key, _mtime, size in files)


def test_identical_content_stored_once(store: Store) -> None:
    nb = make_notebook(60, image_every=5)
    take(store, nb)
    count, size = _stored_bytes(store)
    take(store, copy.deepcopy(nb), message="again")
    take(store, copy.deepcopy(nb), path="other/copy.ipynb", author=BOB)
    assert _stored_bytes(store) == (count, size)  # only manifests were added
    assert len(store.backend.list("snapshots")) == 3


def test_same_image_in_two_cells_is_one_blob(store: Store) -> None:
    nb = make_notebook(4)
    img = base64.b64encode(b"\x89PNG" + random.Random(1).randbytes(20000)).decode()
    for cell in nb["cells"][:2]:
        cell["outputs"] = [
            {"output_type": "display_data", "metadata": {}, "data": {"image/png": img}}
        ]
    take(store, nb)
    _count, size = _stored_bytes(store)
    assert size < 30000  # one copy of the 20 kB image, not two


def test_versions_grow_with_what_changed(store: Store, tmp_path: Path) -> None:
    rng = random.Random(7)
    nb = make_notebook(500, seed=1, image_every=10)  # 50 images
    take(store, nb)
    _n, first = _stored_bytes(store)
    sizes = []
    for version in range(20):
        for i in rng.sample(range(500), 3):
            nb["cells"][i]["source"] += f"\n# edit {version}"
        i = rng.randrange(0, 500, 10)
        png = b"\x89PNG" + rng.randbytes(3000)
        nb["cells"][i]["outputs"][1]["data"]["image/png"] = base64.b64encode(png).decode()
        take(store, nb)
        sizes.append(_stored_bytes(store)[1])
    growth = sizes[-1] - first
    # Per version: one 3 kB image + a few chunks + the chunk list; far below a copy.
    assert growth / 20 < 20_000, growth / 20
    assert growth < 0.1 * 20 * first  # 20 full copies would be 20 * first
    assert store.get_notebook(store.list(limit=1)[0][0]["id"]) == nb
