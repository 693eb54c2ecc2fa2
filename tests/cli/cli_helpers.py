"""Shared helpers for the CLI tests (a unique module name: test dirs have no __init__)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def snapshot_exe() -> str:
    """The installed `jupyter-snapshot` console script (what `jupyter snapshot` runs)."""
    return shutil.which("jupyter-snapshot") or str(Path(sys.executable).parent / "jupyter-snapshot")


def snap(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `jupyter snapshot ARGS...` in a real process with this test's environment."""
    proc = subprocess.run(
        [snapshot_exe(), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc
