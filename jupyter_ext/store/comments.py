"""Comments on snapshots: immutable JSON objects beside the manifests.

Layout: ``comments/<snapshot id>-<comment ULID>.json``. One flat folder sorted by snapshot then
time, so a snapshot's comments are one listing (S3 ``StartAfter``) and all counts are one more.
Comments are small and human-written, so listing them all for the counts stays cheap.

Comment keys sort by snapshot, not by time, so a comment on an old snapshot lands in the middle
of the listing: no incremental cursor can find it. The counts are therefore one full listing,
kept per Store for its ``sync_interval`` (the freshness ``Store.list`` gives new snapshots), so
comments written by other servers on the same store show within that time.
"""

from __future__ import annotations

import json
import re
import time
import weakref
from typing import TYPE_CHECKING, Any

from .backend import publish
from .errors import StoreError
from .ids import is_valid_snapshot_id, iso_from_ms, new_ulid, ulid_ms

if TYPE_CHECKING:
    from .store import Store

MAX_COMMENT_CHARS = 10_000
_CELL_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# per Store instance: a comment written through another instance (another server) must not
# be hidden by, nor clear, this one's cache; only the TTL decides when it shows here
_counts_cache: weakref.WeakKeyDictionary[Store, tuple[float, dict[str, int]]] = (
    weakref.WeakKeyDictionary()
)


def add_comment(
    store: Store,
    snapshot_id: str,
    *,
    author: dict[str, Any],
    text: str,
    cell_id: str | None = None,
) -> dict[str, Any]:
    """Write a comment (immutable); the snapshot must exist. StoreUnavailable if offline."""
    store.get_manifest(snapshot_id)  # validates the id, 404s on unknown or deleted snapshots
    if not isinstance(text, str) or not text.strip():
        raise StoreError("a comment needs some text")
    if len(text) > MAX_COMMENT_CHARS:
        raise StoreError(f"a comment is limited to {MAX_COMMENT_CHARS} characters")
    if cell_id is not None and (not isinstance(cell_id, str) or not _CELL_ID.match(cell_id)):
        raise StoreError("cell_id must be a cell id (letters, digits, '-' and '_')")
    comment_id = new_ulid()
    comment = {
        "id": comment_id,
        "snapshot": snapshot_id,
        "author": dict(author),
        "created": iso_from_ms(ulid_ms(comment_id)),
        "text": text,
        "cell_id": cell_id,
    }
    key = f"comments/{snapshot_id}-{comment_id}.json"
    publish(store.backend, key, json.dumps(comment).encode())
    _counts_cache.pop(store, None)
    return comment


def list_comments(store: Store, snapshot_id: str) -> list[dict[str, Any]]:
    """A snapshot's comments, oldest first (unreadable ones are skipped, not fatal)."""
    store.get_manifest(snapshot_id)
    comments = []
    for name in store.backend.list("comments", f"{snapshot_id}-"):
        if not name.startswith(f"{snapshot_id}-"):
            break
        try:
            comment = json.loads(store.backend.read(f"comments/{name}"))
        except (OSError, ValueError, StoreError):
            continue
        if isinstance(comment, dict) and comment.get("snapshot") == snapshot_id:
            comments.append(comment)
    return comments


def comment_counts(store: Store) -> dict[str, int]:
    """Number of comments per snapshot id (only ids that have some; tombstoned snapshots'
    comments included). Cached for ``store.sync_interval`` seconds; the caller must not
    modify the dict."""
    now = time.monotonic()
    cached = _counts_cache.get(store)
    if cached and now - cached[0] < store.sync_interval:
        return cached[1]
    counts: dict[str, int] = {}
    for name in store.backend.list("comments"):
        snapshot_id = name.split("-", 1)[0]
        if is_valid_snapshot_id(snapshot_id):
            counts[snapshot_id] = counts.get(snapshot_id, 0) + 1
    _counts_cache[store] = (now, counts)
    return counts
