"""Tombstones: `tombstones/<ULID>-<snapshot id>.json` = {"snapshot", "deleted_by", "time"}.

Anyone who can write the share can write a file, so a tombstone counts only when its
`deleted_by` is the snapshot's author (the rule Store.delete enforces); others are *forged*:
ignored by the index and gc, named by verify. The ULID in the name is the writer's choice, so gc
ages a tombstone by when the store received it (its mtime / S3 LastModified), never by its name.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal

from .errors import CorruptObject
from .ids import is_valid_snapshot_id
from .manifest_schema import MAX_MANIFEST_BYTES, parse_manifest

if TYPE_CHECKING:
    from .store import Store

MAX_TOMBSTONE_BYTES = 64 * 1024
Verdict = Literal["genuine", "forged", "no-snapshot"]


def snapshot_of(name: str) -> str | None:
    """The snapshot id a tombstone file name points at (None: not a tombstone name)."""
    rid, _, rest = name.partition("-")
    sid = rest.removesuffix(".json")
    if rest.endswith(".json") and is_valid_snapshot_id(rid) and is_valid_snapshot_id(sid):
        return sid
    return None


def author_of(store: Store, sid: str) -> str | None:
    """The username of snapshot *sid*'s author, from its manifest (None: no valid manifest)."""
    key = f"snapshots/{sid}.json"
    try:
        manifest = parse_manifest(store.backend.read(key, limit=MAX_MANIFEST_BYTES), sid)
    except (FileNotFoundError, CorruptObject):
        return None
    username = manifest["author"]["username"]
    return username if isinstance(username, str) else None


def judge(store: Store, name: str, authors: dict[str, str | None] | None = None) -> Verdict:
    """Whether tombstone *name* is its snapshot author's own (reads the tombstone and, unless
    *authors* caches it, the manifest). A tombstone whose snapshot is gone is no-snapshot."""
    sid = snapshot_of(name)
    if sid is None:
        return "forged"
    if authors is not None and sid in authors:
        author = authors[sid]
    else:
        author = author_of(store, sid)
        if authors is not None:
            authors[sid] = author
    if author is None:
        return "no-snapshot"
    try:
        record = json.loads(store.backend.read(f"tombstones/{name}", limit=MAX_TOMBSTONE_BYTES))
    except FileNotFoundError:
        return "no-snapshot"
    except (ValueError, CorruptObject):
        return "forged"
    if (
        isinstance(record, dict)
        and record.get("snapshot") == sid
        and isinstance(record.get("deleted_by"), str)
        and record["deleted_by"] == author
    ):
        return "genuine"
    return "forged"
