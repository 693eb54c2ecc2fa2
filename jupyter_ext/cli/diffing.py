"""`jupyter snapshot diff A B`: two snapshots, or a snapshot and a notebook file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from traitlets import Bool, Enum

from .base import SnapshotCommand, json_flags, store_aliases
from .notebooks import read_notebook_file, root_for


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
        from ..diff import DiffOptions, format_diff_text

        base, remote = self.positional(2)
        root = None
        if _names_a_notebook(remote):
            path = Path(remote).expanduser().resolve()
            read_notebook_file(path)  # a clear error for a missing or broken file
            root = root_for(path)
            remote = path.relative_to(root).as_posix()
        ops = self.operations(root)
        options = DiffOptions(
            ignore_outputs=self.ignore_outputs,
            ignore_metadata=self.ignore_metadata,
            ignore_execution_count=self.ignore_execution_count,
            ignore_whitespace=self.ignore_whitespace,
        )
        result = asyncio.run(ops.diff(base, remote, options=options, author=self.author_record()))
        if self.json:
            self.emit(
                {
                    "base": result["base_id"],
                    "remote": result["remote"],
                    "remote_id": result["remote_id"],
                    "diff": result["diff"],
                    "run_diff": result["run_diff"],
                },
                None,
            )
            return 0
        color = self.color == "always" or (self.color == "auto" and sys.stdout.isatty())
        print(format_diff_text(result["base"], result["diff"], result["run_diff"], color))
        return 0


def _names_a_notebook(text: str) -> bool:
    """A notebook file (rather than a snapshot id): an existing file, or a *.ipynb name."""
    return text.lower().endswith(".ipynb") or Path(text).expanduser().is_file()
