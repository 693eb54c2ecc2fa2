"""What a take says beyond the snapshot: a busy kernel, nothing changed; and the live side of a
run diff, captured exactly like a take but not stored."""

from __future__ import annotations

import posixpath
from datetime import datetime, timezone
from typing import Any

from ..capture.datarefs import RawRef
from .ids import short_id

# Facts that only a kernel can give; a live notebook without one reports them as unknown.
KERNEL_ONLY = ("kernel", "packages", "environment")


def running_cell(notebook: dict[str, Any]) -> int | None:
    """The 1-based number of the code cell that is still running, as far as the notebook shows
    it: JupyterLab's execution timing (started, no reply yet) when recorded, else the code cell
    without an execution count right after the last one that has the highest count."""
    cells = [c for c in notebook.get("cells") or [] if isinstance(c, dict)]
    for number, cell in enumerate(cells, 1):
        timing = (cell.get("metadata") or {}).get("execution")
        if (
            cell.get("cell_type") == "code"
            and isinstance(timing, dict)
            and "iopub.execute_input" in timing
            and "shell.execute_reply" not in timing
        ):
            return number
    waiting = [
        number
        for number, cell in enumerate(cells, 1)
        if cell.get("cell_type") == "code"
        and cell.get("execution_count") is None
        and str(cell.get("source") or "").strip()
    ]
    if not waiting:
        return None
    counts = [
        (c.get("execution_count"), number)
        for number, c in enumerate(cells, 1)
        if isinstance(c.get("execution_count"), int)
    ]
    if counts:
        last = max(counts)[1]
        after = [n for n in waiting if n > last]
        if after:
            return after[0]
    return waiting[0]


def busy_warning(notebook: dict[str, Any]) -> str:
    cell = running_cell(notebook)
    if cell is None:
        return "the kernel is busy: a cell is still running; outputs may be partial"
    return f"cell {cell} is still running; outputs may be partial"


def unchanged_hint(manifest: dict[str, Any], parent: dict[str, Any] | None) -> str | None:
    """ "no change since <short id>" when the snapshot's notebook, params and metrics equal its
    parent's (content is addressed by hash, so this compares two hashes, not two notebooks)."""
    if not parent:
        return None
    mine, theirs = manifest.get("content") or {}, parent.get("content") or {}
    same = all(mine.get(k) == theirs.get(k) for k in ("metadata", "cells", "nbformat_minor"))
    if same and all(manifest.get(k) == parent.get(k) for k in ("params", "metrics")):
        return f"no change since {short_id(str(parent.get('id')))}"
    return None


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def live_manifest(
    facts: dict[str, Any], notebook_info: dict[str, Any], author: dict[str, Any]
) -> dict[str, Any]:
    """A manifest-shaped dict of a live notebook (no id: it is not stored)."""
    return {
        "id": None,
        "created": now_iso(),
        "author": author,
        "notebook": notebook_info,
        **facts,
    }


def mark_kernel_facts_unknown(result: dict[str, Any]) -> None:
    """Without a kernel the live side's interpreter, packages and environment are not known:
    say so (as for any unknown fact) rather than compare them with this process's."""
    result.update(kernel={}, packages=[], environment={})
    result["unknown"] = sorted(set(result.get("unknown") or []) | set(KERNEL_ONLY))


def data_refs_of(manifest: dict[str, Any]) -> list[RawRef]:
    """The files a snapshot's run used, as references relative to the notebook's folder (so
    they resolve the same under the server's root and a terminal's working directory)."""
    folder = posixpath.dirname(str((manifest.get("notebook") or {}).get("path") or ""))
    refs = []
    for entry in manifest.get("data") or []:
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str) or not path or entry.get("kind") == "directory":
            continue
        relative = path if posixpath.isabs(path) else posixpath.relpath(path, folder or ".")
        mode = entry.get("mode") if entry.get("mode") in ("read", "write", "readwrite") else "read"
        refs.append(RawRef(path=relative, url=None, mode=str(mode), source="snapshot"))
    return refs
