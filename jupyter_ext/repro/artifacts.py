"""Files a run wrote, kept in the store (deduplicated like every blob), and getting them back.

A take keeps written files up to ``keep_written_max_bytes`` (default 4 MiB); a take that opts
in (``keep_written``, ``--keep-written``) up to ``KEEP_WRITTEN_OPT_IN_MAX_BYTES``; one that
opts out keeps none. The secrets policy of small data files applies (a text file that looks
like it holds a secret is not kept).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..capture.datarefs import (
    KEEP_WRITTEN_MAX_BYTES,
    KEEP_WRITTEN_OPT_IN_MAX_BYTES,
    keep_written_limit,
)
from ..store import Store, StoreError

__all__ = [
    "KEEP_WRITTEN_MAX_BYTES",
    "KEEP_WRITTEN_OPT_IN_MAX_BYTES",
    "ArtifactNotFound",
    "find_artifact",
    "keep_written_limit",
    "list_artifacts",
    "read_artifact",
]


class ArtifactNotFound(StoreError, LookupError):
    """The snapshot recorded no such file, or did not keep its content."""


def list_artifacts(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Data files of a snapshot whose content is in the store."""
    return [
        {k: ref.get(k) for k in ("path", "size", "hash", "mode", "stored")}
        for ref in manifest.get("data") or []
        if isinstance(ref, dict) and ref.get("stored") and ref.get("path")
    ]


def find_artifact(manifest: dict[str, Any], path: str) -> dict[str, Any]:
    """The data entry recorded for ``path`` (as recorded, or by unique file name)."""
    refs = [r for r in manifest.get("data") or [] if isinstance(r, dict) and r.get("path")]
    wanted = os.path.normpath(path)  # "./model.pkl" is "model.pkl"
    matches = [r for r in refs if os.path.normpath(str(r["path"])) == wanted]
    if not matches:
        matches = [r for r in refs if Path(str(r["path"])).name == path]
    if len(matches) != 1:
        known = ", ".join(str(r["path"]) for r in refs if r.get("mode") != "read") or "none"
        what = "several files named" if matches else "no file"
        raise ArtifactNotFound(
            f"snapshot {manifest.get('id')} recorded {what} {path!r} (files it wrote: {known})"
        )
    ref = matches[0]
    if not ref.get("stored"):
        size = ref.get("size")
        raise ArtifactNotFound(
            f"{ref['path']} ({size} bytes) was not kept with snapshot {manifest.get('id')}: "
            "take with --keep-written (or raise keep_written_max_bytes) to keep such files"
        )
    return dict(ref)


def read_artifact(store: Store, snapshot_id: str, path: str) -> tuple[dict[str, Any], bytes]:
    ref = find_artifact(store.get_manifest(snapshot_id), path)
    return ref, store.read_blob(str(ref["stored"]))
