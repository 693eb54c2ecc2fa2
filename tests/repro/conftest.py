"""Reproduction test fixtures: a working directory with the CLI's store, author and data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_ext.store import init_store


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cwd = tmp_path/root; store in tmp/store, private state (index, outbox) in tmp/data."""
    root = tmp_path / "root"
    root.mkdir()
    monkeypatch.chdir(root)
    init_store(str(tmp_path / "store"))  # a team store is made on purpose
    monkeypatch.setenv("JUPYTER_SNAPSHOT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ana")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    return root
