"""Notebook validation/normalization and notebook identity."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4.nbjson import to_notebook

from .gitinfo import remote_url, repo_root
from .urls import normalize_remote


def _first_error(nb: Any) -> str | None:
    """First schema error, ignoring only missing cell ids (kept missing, never invented)."""
    for error in nbformat.validator.iter_validate(nb):  # type: ignore[no-untyped-call]
        if getattr(error, "validator", None) == "required" and "'id'" in str(error.message):
            continue
        where = "/".join(str(p) for p in getattr(error, "absolute_path", []) or [])
        return f"{error.message}" + (f" (at {where})" if where else "")
    return None


def normalize_notebook(nb: dict[str, Any] | str | bytes) -> dict[str, Any]:
    """Validate ``nb`` (dict or JSON text) and return it as a plain nbformat-4 dict.

    Notebooks 4.x keep their minor version and their cells exactly (missing ids stay missing,
    multi-line lists are joined as nbformat does in memory); major 1-3 are upgraded to 4.
    Raises ValueError with a readable message for anything that is not a valid notebook.
    """
    try:
        return _normalize(nb)
    except ValueError:
        raise
    except (RecursionError, MemoryError):
        raise ValueError("not a notebook: nested too deeply or too large") from None
    except Exception as exc:  # nbformat's validator can crash on sufficiently strange input
        raise ValueError(f"invalid notebook ({type(exc).__name__}: {exc})"[:500]) from None


def _version(value: Any) -> int | None:
    """An int version; JSON has one number type, so 4.0 counts as 4."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _integral_execution_counts(nb: dict[str, Any]) -> None:
    """Execution counts of 2.0 (JSON from some clients) become 2, as versions do."""
    for cell in nb.get("cells") or []:
        if not isinstance(cell, dict):
            continue
        outputs = cell.get("outputs")
        for holder in [cell, *(outputs if isinstance(outputs, list) else [])]:
            if isinstance(holder, dict) and isinstance(holder.get("execution_count"), float):
                count = _version(holder["execution_count"])
                if count is not None:
                    holder["execution_count"] = count


def _normalize(nb: dict[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(nb, (str, bytes)):
        try:
            data: Any = json.loads(nb)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not a notebook: invalid JSON ({exc})") from None
    else:
        data = nb
    if not isinstance(data, dict):
        raise ValueError("not a notebook: expected a JSON object")
    major = _version(data.get("nbformat"))
    if major is None:
        raise ValueError("not a notebook: missing or invalid 'nbformat' version")
    if major > 4:
        raise ValueError(f"unsupported notebook format version {major} (newest known is 4)")
    if major == 4 and not isinstance(data.get("cells"), list):
        raise ValueError("not a notebook: 'cells' must be a list")
    if major == 4 and not isinstance(data.get("metadata"), dict):
        raise ValueError("not a notebook: 'metadata' must be an object")
    try:  # also: only JSON values (no NaN, sets, objects)
        text = json.dumps({**data, "nbformat": major}, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a notebook: not plain JSON ({exc})") from None
    minor = _version(data.get("nbformat_minor"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if major == 4:
                plain = json.loads(text)
                if minor is not None:
                    plain["nbformat_minor"] = minor
                _integral_execution_counts(plain)
                node = to_notebook(plain)  # type: ignore[no-untyped-call]
            else:
                node = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"notebook format {major} could not be read: {exc}") from None
        except Exception as exc:  # nbformat raises its own validation/format errors
            raise ValueError(f"notebook format {major} could not be upgraded: {exc}") from None
        if not isinstance(node.get("cells"), list):
            raise ValueError("not a notebook: 'cells' must be a list")
        error = _first_error(node)
    if error:
        raise ValueError(f"invalid notebook: {error}")
    result: dict[str, Any] = json.loads(json.dumps(node))
    return result


def _relative_to_root(notebook_path: Path, root_dir: Path) -> tuple[Path, str]:
    path = notebook_path if notebook_path.is_absolute() else root_dir / notebook_path
    for a, b in (
        (os.path.abspath(path), os.path.abspath(root_dir)),
        (os.path.realpath(path), os.path.realpath(root_dir)),
    ):
        try:
            rel = Path(a).relative_to(b)
        except ValueError:
            continue
        if ".." not in rel.parts:
            return Path(a), rel.as_posix()
    raise ValueError(f"notebook {notebook_path} is outside the root directory {root_dir}")


def notebook_identity(notebook_path: Path, root_dir: Path) -> dict[str, Any]:
    """``{"path", "name", "key", "git_remote", "path_in_repo"}`` for a notebook.

    ``path`` is relative to ``root_dir`` (posix). ``key`` identifies the notebook across
    teammates: ``<normalized remote>:<path in repo>`` (remote as ``host/owner/repo``, no
    scheme/credentials/``.git``) when in a git repo with a remote, else ``path``.
    """
    abs_path, rel = _relative_to_root(Path(notebook_path), Path(root_dir))
    identity: dict[str, Any] = {
        "path": rel,
        "name": abs_path.name,
        "key": rel,
        "git_remote": None,
        "path_in_repo": None,
    }
    root = repo_root(abs_path)
    if root is None:
        return identity
    try:
        in_repo = Path(os.path.realpath(abs_path)).relative_to(os.path.realpath(root))
    except ValueError:
        return identity
    identity["path_in_repo"] = in_repo.as_posix()
    try:
        remote = remote_url(root)
    except Exception:  # GitError or anything odd: identity still works without a remote
        remote = None
    if remote:
        identity["git_remote"] = remote
        identity["key"] = f"{normalize_remote(remote)}:{in_repo.as_posix()}"
    return identity
