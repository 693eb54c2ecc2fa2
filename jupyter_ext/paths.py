"""Validation of user-supplied notebook paths against the server root.

Learned from path-traversal CVEs in peer tools: decode before checking, reject anything
odd outright, and compare *resolved* paths with is_relative_to, never a string prefix.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

_DRIVE = re.compile(r"^[A-Za-z]:")


class BadPath(ValueError):
    """A path that is not a plain relative path inside the server root."""


def check_relative_path(path: object, *, what: str = "path") -> str:
    """Return *path* as a clean relative POSIX path, or raise BadPath with the reason."""
    if not isinstance(path, str) or not path.strip():
        raise BadPath(f"{what} must be a non-empty string")
    if len(path) > 4096:
        raise BadPath(f"{what} is too long")
    decoded = path
    for _ in range(3):  # double and triple encodings too
        decoded = unquote(decoded)
    for text in (path, decoded):
        if any(unicodedata.category(ch) == "Cc" for ch in text):
            raise BadPath(f"{what} contains control characters")
        if "\\" in text:
            raise BadPath(f"{what} must use '/' separators")
        if text.startswith("/") or text.startswith("~") or _DRIVE.match(text):
            raise BadPath(f"{what} must be relative to the server root")
        if any(part == ".." for part in PurePosixPath(text).parts):
            raise BadPath(f"{what} must not contain '..'")
    if "#" in path or "?" in path:
        raise BadPath(f"{what} must not contain '#' or '?'")
    clean = str(PurePosixPath(path))
    if clean in ("", "."):
        raise BadPath(f"{what} must name a file")
    return clean


def resolve_inside(root: str | Path, relative: str, *, what: str = "path") -> Path:
    """Absolute path of *relative* under *root*, refusing symlinks that lead outside."""
    clean = check_relative_path(relative, what=what)
    root_path = Path(root).resolve()
    target = (root_path / clean).resolve()
    if not target.is_relative_to(root_path):
        raise BadPath(f"{what} points outside the server root")
    return target
