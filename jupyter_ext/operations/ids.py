"""Ids people can type: the full ULID, the short form the UI shows (its last 6 characters,
any case) or a unique prefix of at least 6 characters. Resolved through the local index."""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

from ..store import InvalidSnapshotId, StoreUnavailable, is_valid_snapshot_id
from ..store.sync import refresh
from .errors import AmbiguousId, UnknownId

if TYPE_CHECKING:
    from ..store import Store

MIN_TYPED = 6
SHORT_LEN = 6
_CROCKFORD = re.compile(r"^[0-9A-HJKMNP-TV-Z]+$")


def short_id(snapshot_id: str) -> str:
    """The form the UI shows: the last 6 characters (the random part), lower-cased."""
    return snapshot_id[-SHORT_LEN:].lower()


def resolve_id(store: Store, text: object) -> str:
    """The full snapshot id that *text* names.

    Raises InvalidSnapshotId (not an id at all, or shorter than 6 characters), UnknownId
    (nothing matches) or AmbiguousId (several match; the error lists them). A full ULID is
    returned as is (its existence is checked by whoever reads it)."""
    if not isinstance(text, str):
        raise InvalidSnapshotId("a snapshot id must be a string")
    typed = text.strip().upper()
    if is_valid_snapshot_id(typed):
        return typed
    if len(typed) < MIN_TYPED or len(typed) > 26 or not _CROCKFORD.match(typed):
        raise InvalidSnapshotId(
            f"not a snapshot id: {text[:80]!r} (give the full id, the 6-character short id "
            "or a prefix of at least 6 characters)"
        )
    candidates = _candidates(store, typed)
    if not candidates:
        # The index may lag behind the store (a teammate's new run): look once more.
        with contextlib.suppress(StoreUnavailable):  # offline: the index is all we have
            refresh(store, full=False)
        candidates = _candidates(store, typed)
    if not candidates:
        raise UnknownId(f"no snapshot {text.strip()!r}")
    if len(candidates) > 1:
        raise AmbiguousId(text.strip(), candidates)
    return candidates[0]


def _candidates(store: Store, typed: str) -> list[str]:
    found: set[str] = set(store.index.ids_with_prefix(typed, limit=50))
    if len(typed) == SHORT_LEN:
        found.update(store.index.ids_with_suffix(typed, limit=50))
    return sorted(found, reverse=True)
