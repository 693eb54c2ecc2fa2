"""format_diff_text: run diff first (tables), then nbdime's pretty print."""

from __future__ import annotations

import copy
import json
from typing import Any

from jupyter_ext.diff import diff_notebooks, format_diff_text, run_diff

JSONDict = dict[str, Any]


def nb(source: str) -> JSONDict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "execution_count": 1,
                "source": source,
                "outputs": [],
            },
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# T"},
        ],
    }


def runs() -> tuple[JSONDict, JSONDict]:
    base: JSONDict = {
        "id": "A",
        "params": {"lr": 0.01},
        "metrics": {"acc": 0.9},
        "created": "2026-11-25T17:00:00Z",
        "author": {"username": "ana"},
        "git": {"commit": "abc1234567890", "dirty": False},
        "data": [{"path": "train.csv", "size": 1, "hash": "sha256:aa"}],
    }
    remote = copy.deepcopy(base)
    remote.update(id="B", params={"lr": 0.1}, metrics={"acc": 0.95}, created="2026-11-25T17:05:00Z")
    remote["git"] = {"commit": "def4567890123", "dirty": True}
    remote["data"] = [{"path": "train.csv", "size": 2, "hash": "sha256:bb"}]
    return base, remote  # fmt: skip


def test_run_diff_comes_first_then_notebook_diff() -> None:
    base, remote = nb("x = 1\nprint(x)\n"), nb("x = 2\nprint(x)\n")
    diff = diff_notebooks(base, remote)
    text = format_diff_text(base, diff, run_diff(*runs()), color=False)
    run_pos = text.index("## run diff")
    nb_pos = text.index("/cells/0/source")
    assert run_pos < nb_pos
    for needle in (
        "params",
        "lr",
        "0.01",
        "0.1",
        "metrics",
        "acc",
        "+0.05",
        "+5.56%",
        "train.csv",
        "content-changed",
        "abc123456789",
        "def456789012",
        "ana",
    ):
        assert needle in text[:nb_pos], needle
    assert "-  x = 1" in text and "+  x = 2" in text
    assert "\x1b[" not in text


def test_color_output_has_ansi_codes() -> None:
    base, remote = nb("a\n"), nb("b\n")
    text = format_diff_text(base, diff_notebooks(base, remote), run_diff(*runs()), color=True)
    assert "\x1b[" in text
    assert text.index("run diff") < text.index("/cells/0/source")


def test_diff_that_went_through_json_and_no_run_diff() -> None:
    base, remote = nb("a\n"), nb("b\n")
    diff = json.loads(json.dumps(diff_notebooks(base, remote)))
    text = format_diff_text(base, diff, None, color=False)
    assert "run diff" not in text and "/cells/0/source" in text


def test_no_changes() -> None:
    base = nb("a\n")
    text = format_diff_text(base, [], run_diff(None, None), color=False)
    assert "no changes" in text and "unknown" in text


def test_big_images_are_not_dumped_to_the_terminal() -> None:
    import base64
    import os

    def with_image(png: str) -> JSONDict:
        nbk = nb("plot()")
        nbk["cells"][0]["outputs"] = [{"output_type": "display_data", "metadata": {},
                                       "data": {"image/png": png}}]  # fmt: skip
        return nbk

    base = with_image(base64.b64encode(os.urandom(750_000)).decode())
    remote = with_image(base64.b64encode(os.urandom(750_000)).decode())
    text = format_diff_text(base, diff_notebooks(base, remote), None, color=False)
    assert "snip base64" in text and len(text) < 2000


def test_run_diff_numbers_read_as_the_ui_shows_them() -> None:
    base, remote = runs()
    base["metrics"] = {"acc": 0.8693124, "loss": 0.30000000000000004, "n": 1e-5}
    remote["metrics"] = {"acc": 0.9099999999999999, "loss": 0.1, "n": 2.5e7}
    text = format_diff_text(nb("x"), [], run_diff(base, remote), color=False)
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith("  ")}
    assert rows["acc"][1:4] == ["0.869312", "0.91", "+0.0406876"], rows["acc"]
    assert rows["loss"][1:4] == ["0.3", "0.1", "-0.2"], rows["loss"]
    assert rows["n"][1:3] == ["1.000e-5", "25000000"], rows["n"]
    assert "0.9099999999999999" not in text and "0.30000000000000004" not in text
