"""Fixtures for the notebook/run diff tests (tests/diff only)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # the strategies module next to this file
    sys.path.insert(0, HERE)


def nbdime_files_dir() -> Path:
    import nbdime

    return Path(nbdime.__file__).parent / "tests" / "files"


@pytest.fixture(scope="session")
def nbdime_files() -> Path:
    return nbdime_files_dir()


def load_notebook(path: Path) -> dict[str, Any]:
    """A notebook as plain dicts, the way the server hands them to the diff (nbformat v4)."""
    import nbformat

    node = nbformat.read(str(path), as_version=4)  # type: ignore[no-untyped-call]
    plain: dict[str, Any] = json.loads(json.dumps(node))
    return plain
