"""Notebook files named on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import CliError


def read_notebook_file(path: Path) -> dict[str, Any]:
    from ..capture import normalize_notebook

    if not path.is_file():
        raise CliError(f"no such notebook: {path}")
    try:
        return normalize_notebook(path.read_bytes())
    except ValueError as exc:
        raise CliError(f"{path} is not a usable notebook: {exc}") from None


def root_for(path: Path) -> Path:
    """The folder paths are reported relative to: the cwd if it holds the notebook."""
    cwd = Path.cwd().resolve()
    return cwd if path.is_relative_to(cwd) else path.parent


def notebook_filter(text: str | None) -> str | None:
    """A path the user typed -> the notebook key the store indexes, when it exists."""
    if not text:
        return None
    path = Path(text).expanduser()
    if path.is_file():
        from ..capture import notebook_identity

        resolved = path.resolve()
        return str(notebook_identity(resolved, root_for(resolved))["key"])
    return text
