"""Notebook files named on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import CliError

if TYPE_CHECKING:
    from ..operations import Operations


def read_notebook_file(path: Path) -> dict[str, Any]:
    from ..capture import normalize_notebook

    if not path.is_file():
        raise CliError(f"no such notebook: {path}")
    try:
        return normalize_notebook(path.read_bytes())
    except ValueError as exc:
        raise CliError(f"{path} is not a usable notebook: {exc}") from None


def root_for(path: Path) -> Path:
    """The folder paths are reported relative to (the operations layer decides)."""
    from ..operations.workspace import root_for as operations_root_for

    return operations_root_for(path)


def notebook_filter(ops: Operations, text: str | None) -> str | None:
    """What `list --notebook` passes to the operations: for a file under the working folder
    that the operations know (its id follows renames), its path; else its notebook key (the
    same notebook in any clone of its git repository); else the text as typed."""
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_file():
        return text
    from ..capture import notebook_identity

    resolved = path.resolve()
    if resolved.is_relative_to(ops.root_dir) and ops.notebook_ids.get(resolved):
        return resolved.relative_to(ops.root_dir).as_posix()
    return str(notebook_identity(resolved, root_for(resolved))["key"])
