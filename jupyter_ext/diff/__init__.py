"""Notebook diff (nbdime format, hash-accelerated) and run diff (what else changed).

Public API, used by the REST handlers and the CLI::

    diff_notebooks(base, remote, options=None) -> list[dict]   # nbdime diff
    run_diff(base_manifest, remote_manifest) -> dict            # params, metrics, data, ...
    format_diff_text(base, diff, run_diff, color) -> str        # terminal rendering
    DiffOptions(ignore_outputs=..., ignore_metadata=..., ...)
    normalize_notebook(nb) -> dict   # list-of-lines text joined (what the diff applies to)
    format_run_diff(run_diff, color) -> str
    diff_cells(base_cells, remote_cells) -> list[dict]   # the diff under "cells"
    diff_notebooks_with_stats(base, remote, options=None) -> (diff, DiffStats)

nbdime and nbformat are imported lazily, on first diff, to keep ``import jupyter_ext.diff`` cheap.
"""

from .normalize import normalize_notebook
from .notebook import DiffStats, diff_cells, diff_notebooks, diff_notebooks_with_stats
from .options import DiffOptions
from .rundiff import run_diff
from .text import format_diff_text, format_run_diff

__all__ = [
    "DiffOptions",
    "DiffStats",
    "diff_cells",
    "diff_notebooks",
    "diff_notebooks_with_stats",
    "format_diff_text",
    "format_run_diff",
    "normalize_notebook",
    "run_diff",
]
