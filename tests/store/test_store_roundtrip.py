"""take -> get_notebook gives back exactly (==) what was given."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path
from typing import Any

import nbdime
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import make_notebook, take

from jupyter_ext.store import Store, StoreError, blob_hash

NBDIME_FILES = sorted((Path(nbdime.__file__).parent / "tests" / "files").glob("*.ipynb"))


def test_nbdime_files_present() -> None:
    assert len(NBDIME_FILES) > 40
    minors = {json.loads(p.read_text())["nbformat_minor"] for p in NBDIME_FILES}
    assert {0, 5} <= minors  # 4.0 (no cell ids) ... 4.5 (cell ids)


def test_roundtrip_nbdime_files(store: Store) -> None:
    for path in NBDIME_FILES:
        nb = json.loads(path.read_text())
        summary = take(store, nb, path=f"nbdime/{path.name}")
        assert store.get_notebook(summary["id"]) == nb, path.name
    assert store.verify()["ok"]


def test_roundtrip_from_a_second_server(store: Store, other_store: Store) -> None:
    nb = make_notebook(40, image_every=7)
    summary = take(store, nb)
    assert other_store.get_notebook(summary["id"]) == nb
    assert other_store.get_manifest(summary["id"])["id"] == summary["id"]


def test_images_are_split_and_decoded(store: Store) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    b64 = base64.b64encode(png).decode()
    nb = make_notebook(2)
    nb["cells"][0]["outputs"].append(
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": b64}}
    )
    # not canonical base64 (line-wrapped): must still round-trip, stored as text
    wrapped = "\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))
    nb["cells"][1]["outputs"].append(
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": wrapped}}
    )
    summary = take(store, nb)
    assert store.read_blob(blob_hash(png)) == png  # the decoded image is its own blob
    assert store.get_notebook(summary["id"]) == nb


def test_attachments_and_odd_shapes_roundtrip(store: Store) -> None:
    big = base64.b64encode(b"GIF89a" + bytes(5000)).decode()
    nb: dict[str, Any] = {
        "nbformat": 4,
        "nbformat_minor": 4,
        "metadata": {},
        "extra_top_level": [1, 2.5, None, True],
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# T\n", "x" * 3000],
             "attachments": {"a.gif": {"image/gif": big}}},
            {"cell_type": "raw", "metadata": {"x": 1}, "source": ""},
            {"cell_type": "code", "metadata": {}, "source": "y" * 5000, "execution_count": None,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": ["a\n"] * 900},
                         {"output_type": "error", "ename": "E", "evalue": "v",
                          "traceback": ["\u001b[0;31m" + "é" * 2000]}]},
        ],
    }  # fmt: skip
    summary = take(store, nb)
    assert store.get_notebook(summary["id"]) == nb
    assert summary["cell_count"] == 3


# -- property: any generated notebook dict round-trips exactly --------------------------------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False)
    | st.text()
)
_json = st.recursive(
    _scalars,
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=12,
)
_long_text = st.text(min_size=0, max_size=3000) | st.builds(
    lambda s, n: s * n, st.text(), st.integers(0, 400)
)
_b64 = st.binary(min_size=0, max_size=4000).map(lambda b: base64.b64encode(b).decode())
_mime = st.dictionaries(
    st.sampled_from(["text/plain", "image/png", "text/html", "application/json", "x/y"]),
    _long_text | _b64 | st.lists(_long_text, max_size=3) | _json,
    max_size=3,
)
_output = st.fixed_dictionaries(
    {"output_type": st.sampled_from(["display_data", "execute_result", "stream", "error"])},
    optional={"data": _mime, "metadata": _json,
              "text": _long_text | st.lists(_long_text, max_size=3),
              "name": st.text(max_size=6), "execution_count": st.none() | st.integers(0, 99)},
)  # fmt: skip
_cell = st.fixed_dictionaries(
    {"cell_type": st.sampled_from(["code", "markdown", "raw"]), "metadata": _json},
    optional={"id": st.text(max_size=10), "source": _long_text | st.lists(_long_text, max_size=3),
              "outputs": st.lists(_output | _json, max_size=3),
              "execution_count": st.none() | st.integers(0, 999),
              "attachments": st.dictionaries(st.text(max_size=5), _mime, max_size=2)},
)  # fmt: skip
_notebook = st.fixed_dictionaries(
    {"cells": st.lists(_cell | _json, max_size=25), "metadata": _json},
    optional={"nbformat": st.just(4), "nbformat_minor": st.integers(0, 5), "other": _json},
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(nb=_notebook)
def test_any_notebook_roundtrips(nb: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"{tmp}/shared", f"{tmp}/local", sync_interval=0, create=True)
        summary = take(store, nb)
        assert store.get_notebook(summary["id"]) == nb
        # and a fresh server (no in-memory caches) reads the same
        again = Store(f"{tmp}/shared", f"{tmp}/local2", sync_interval=0)
        assert again.get_notebook(summary["id"]) == nb
        store.close()
        again.close()


@pytest.mark.parametrize("minor", [0, 5])
def test_cell_hashes_track_cells(store: Store, minor: int) -> None:
    nb = make_notebook(30)
    nb["nbformat_minor"] = minor
    a = take(store, nb)["id"]
    nb["cells"][3]["source"] = "changed = True"
    b = take(store, nb)["id"]
    ha, hb = store.cell_hashes(a), store.cell_hashes(b)
    assert len(ha) == len(hb) == 30
    assert [i for i in range(30) if ha[i] != hb[i]] == [3]


def test_extra_blobs_are_stored_listed_and_verified(store: Store) -> None:
    packages = b"numpy==2.1.0\npandas==2.2.3\n" * 50
    digest = blob_hash(packages)
    facts = {"environment": {"packages": digest, "packages_count": 100}, "params": {"lr": 0.1}}
    summary = take(store, make_notebook(3), facts=facts, extra_blobs={digest: packages})
    manifest = store.get_manifest(summary["id"])
    assert manifest["refs"] == [digest] and manifest["environment"]["packages"] == digest
    assert manifest["params"] == {"lr": 0.1} and summary["params"] == {"lr": 0.1}
    assert store.read_blob(digest) == packages
    assert store.verify()["ok"]
    with pytest.raises(StoreError, match="does not match"):
        take(store, make_notebook(3), extra_blobs={"0" * 64: packages})
