"""Paths written relative to the notebook's parent folder are data references too."""

from __future__ import annotations

from pathlib import Path

from jupyter_ext.capture.datarefs import code_refs


def test_dot_dot_and_dot_slash_paths_are_found_but_a_bare_extension_is_not(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "source": "a = open('../prep/features.csv')\nb = './raw.parquet'\nkind = '.csv'",
            }
        ]
    }
    found = sorted(str(ref.path) for ref in code_refs(notebook, tmp_path))
    assert found == ["../prep/features.csv", "./raw.parquet"]
