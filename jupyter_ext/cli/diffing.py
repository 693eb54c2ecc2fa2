"""`jupyter snapshot diff A B`: two snapshots, or a snapshot and a notebook file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from traitlets import Bool, Enum

from .base import SnapshotCommand, json_flags, store_aliases
from .ids import resolve_id
from .notebooks import read_notebook_file


def _flag(name: str, help: str) -> tuple[dict[str, Any], str]:
    return ({"DiffCommand": {name: True}}, help)


class DiffCommand(SnapshotCommand):
    """The run diff (params, metrics, data, packages, kernel, commit), then the notebook diff."""

    description = (
        "Diff two snapshots, or a snapshot and a notebook file (as the UI's 'diff with current')."
    )
    command = "diff"
    usage = "BASE_ID (REMOTE_ID | NOTEBOOK.ipynb) [--json]"
    examples = "jupyter snapshot diff 01M90RDX churn.ipynb"
    aliases = store_aliases({"color": "DiffCommand.color"})
    flags = json_flags(
        {
            "ignore-outputs": _flag("ignore_outputs", "Ignore outputs."),
            "ignore-metadata": _flag("ignore_metadata", "Ignore metadata."),
            "ignore-execution-count": _flag("ignore_execution_count", "Ignore execution counts."),
            "ignore-whitespace": _flag("ignore_whitespace", "Ignore whitespace changes."),
        }
    )
    ignore_outputs = Bool(False, config=True, help="Ignore outputs.")
    ignore_metadata = Bool(False, config=True, help="Ignore metadata.")
    ignore_execution_count = Bool(False, config=True, help="Ignore execution counts.")
    ignore_whitespace = Bool(False, config=True, help="Ignore whitespace changes.")
    color = Enum(["auto", "always", "never"], "auto", config=True, help="Colour the text diff.")

    def run(self) -> int:
        from ..diff import DiffOptions, diff_notebooks, format_diff_text, run_diff

        base, remote = self.positional(2)
        store = self.open_store()
        base_id = resolve_id(store, base)
        base_nb = store.get_notebook(base_id)
        base_manifest = store.get_manifest(base_id)
        remote_manifest: dict[str, Any] | None
        if Path(remote).suffix == ".ipynb" or Path(remote).is_file():
            remote_nb = read_notebook_file(Path(remote))
            remote_manifest = None
        else:
            remote = resolve_id(store, remote)
            remote_nb = store.get_notebook(remote)
            remote_manifest = store.get_manifest(remote)
        options = DiffOptions(
            ignore_outputs=self.ignore_outputs,
            ignore_metadata=self.ignore_metadata,
            ignore_execution_count=self.ignore_execution_count,
            ignore_whitespace=self.ignore_whitespace,
        )
        diff = diff_notebooks(base_nb, remote_nb, options)
        summary = run_diff(base_manifest, remote_manifest)
        if self.json:
            self.emit({"base": base_id, "remote": remote, "diff": diff, "run_diff": summary}, None)
            return 0
        color = self.color == "always" or (self.color == "auto" and sys.stdout.isatty())
        print(format_diff_text(base_nb, diff, summary, color))
        return 0
