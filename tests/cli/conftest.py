"""CLI test fixtures: a working directory with the CLI's store, author and data dir in env."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cwd = tmp_path; store in ./store, private state (index, outbox) under ./data."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JUPYTER_SNAPSHOT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ci-bot")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    from jupyter_ext.store import init_store

    init_store(str(tmp_path / "store"))  # a team store is made on purpose (`jupyter snapshot init`)
    return tmp_path
