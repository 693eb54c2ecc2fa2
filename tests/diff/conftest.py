"""Fixtures for the notebook/run diff tests (tests/diff only)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # the strategies module next to this file
    sys.path.insert(0, HERE)


@pytest.fixture(scope="session")
def nbdime_files() -> Path:
    from diff_strategies import nbdime_files_dir

    return nbdime_files_dir()
