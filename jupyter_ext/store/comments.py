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
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from .backend import LocalBackend, publish
from .errors import CorruptObject, StoreError
from .ids import is_valid_snapshot_id, iso_from_ms, new_ulid, ulid_ms

if TYPE_CHECKING:
    from .store import Store

MAX_COMMENT_CHARS = 10_000
# a comment file is read with this limit: its text plus JSON escaping and the author record
MAX_COMMENT_BYTES = 256 * 1024
_CELL_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# per Store instance: a comment written through another instance (another server) must not
# be hidden by, nor clear, this one's cache; only the TTL decides when it shows here
_counts_cache: weakref.WeakKeyDictionary[Store, tuple[float, dict[str, int]]] = (
    weakref.WeakKeyDictionary()
)
# per Store: comment file name -> whether it is a valid comment (comments are immutable)
_valid_cache: weakref.WeakKeyDictionary[Store, dict[str, bool]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _comment_name(name: str) -> tuple[str, str] | None:
    """(snapshot id, comment id) of `<snapshot id>-<comment id>.json`, else None."""
    sid, _, rest = name.partition("-")
    cid = rest.removesuffix(".json")
    if rest.endswith(".json") and is_valid_snapshot_id(sid) and is_valid_snapshot_id(cid):
        return sid, cid
    return None


def _valid(comment: Any, sid: str, cid: str) -> bool:
    """A comment as add_comment writes it; anything else is junk (skipped, not counted)."""
    if not isinstance(comment, dict):
        return False
    author = comment.get("author")
    text = comment.get("text")
    cell_id = comment.get("cell_id")
    return (
        comment.get("id") == cid
        and comment.get("snapshot") == sid
        and isinstance(author, dict)
        and isinstance(author.get("username"), str)
        and all(isinstance(author.get(k), (str, type(None))) for k in ("name", "initials", "color"))
        and isinstance(comment.get("created"), str)
        and isinstance(text, str)
        and 0 < len(text) <= MAX_COMMENT_CHARS
        and (cell_id is None or (isinstance(cell_id, str) and _CELL_ID.match(cell_id) is not None))
    )


def _read_comment(store: Store, name: str) -> dict[str, Any] | None:
    """The comment in file *name*, or None if it is junk (bad JSON, wrong types, too large)."""
    ids = _comment_name(name)
    if ids is None:
        return None
    try:
        comment = json.loads(store.backend.read(f"comments/{name}", limit=MAX_COMMENT_BYTES))
    except (FileNotFoundError, ValueError, CorruptObject):
        return None
    return comment if _valid(comment, *ids) else None


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
    store.ensure_available()
    publish(store.backend, key, json.dumps(comment).encode())
    with _lock:
        _counts_cache.pop(store, None)
    return comment


def list_comments(store: Store, snapshot_id: str) -> list[dict[str, Any]]:
    """A snapshot's comments, oldest first (unreadable ones are skipped, not fatal)."""
    store.get_manifest(snapshot_id)
    comments = []
    for name in store.backend.list("comments", f"{snapshot_id}-"):
        if not name.startswith(f"{snapshot_id}-"):
            break
        comment = _read_comment(store, name)
        if comment is not None:
            comments.append(comment)
    return comments


def comment_counts(store: Store) -> dict[str, int]:
    """Number of comments per snapshot id (only ids that have some; tombstoned snapshots'
    comments included). Cached for ``store.sync_interval`` seconds; the caller must not
    modify the dict."""
    now = time.monotonic()
    with _lock:
        cached = _counts_cache.get(store)
        valid = _valid_cache.setdefault(store, {})
    if cached and now - cached[0] < store.sync_interval:
        return cached[1]
    names = [n for n in store.backend.list("comments") if _comment_name(n) is not None]
    # each comment file is read (and judged) once per Store: comments never change
    unknown = [n for n in names if n not in valid]
    workers = 1 if isinstance(store.backend, LocalBackend) or len(unknown) < 8 else 16
    with ThreadPoolExecutor(workers) as pool:
        verdicts = list(pool.map(lambda n: _read_comment(store, n) is not None, unknown))
    counts: dict[str, int] = {}
    with _lock:
        valid.update(zip(unknown, verdicts, strict=True))
        for name in names:
            if valid.get(name):
                snapshot_id = name.split("-", 1)[0]
                counts[snapshot_id] = counts.get(snapshot_id, 0) + 1
        _counts_cache[store] = (now, counts)
    return counts
