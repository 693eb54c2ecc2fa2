"""Helpers for the reproduction tests (a unique module name: test dirs have no __init__)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient


def snapshot_exe() -> str:
    """The installed `jupyter-snapshot` console script (what `jupyter snapshot` runs)."""
    return shutil.which("jupyter-snapshot") or str(Path(sys.executable).parent / "jupyter-snapshot")


def snap(*args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `jupyter snapshot ARGS...` in a real process with this test's environment."""
    proc = subprocess.run(
        [snapshot_exe(), *args],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def snap_json(*args: str, **env: str) -> Any:
    return json.loads(snap(*args, "--json", **env).stdout)


def executed_notebook(path: Path, *sources: str) -> Path:
    """Write a notebook of these code cells at ``path``, executed in a real kernel whose working
    directory is the notebook's folder (as Jupyter runs it), outputs included."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(path.parent)}}).execute()
    path.write_text(nbformat.writes(nb))
    return path


def take(notebook: Path, *args: str, **env: str) -> str:
    return str(snap_json("take", str(notebook), *args, **env)["id"])
