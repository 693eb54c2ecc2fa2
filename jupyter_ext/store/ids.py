"""Snapshot ids are ULIDs: 48-bit millisecond time + 80 random bits, Crockford base32.

Time-sortable (incremental sync lists keys after a point) and unique across concurrent writers
without coordination (the random part).
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

from ulid import ULID

_ULID_RE = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")


def new_ulid() -> str:
    """A fresh ULID string (current time, 80 bits from os.urandom)."""
    return str(ULID())


def ulid_at(ms: int) -> str:
    """A fresh ULID dated *ms* (another clock's time, e.g. the store's)."""
    ms = max(0, min(ms, 2**48 - 1))
    return str(ULID.from_bytes(ms.to_bytes(6, "big") + os.urandom(10)))


def is_valid_snapshot_id(value: object) -> bool:
    """True if *value* is a canonical (upper-case) ULID string; never touches the filesystem."""
    return isinstance(value, str) and _ULID_RE.match(value) is not None


def ulid_ms(value: str) -> int:
    """Milliseconds since the epoch encoded in a valid ULID."""
    return ULID.from_str(value).milliseconds


def ulid_floor(ms: int) -> str:
    """The smallest ULID of millisecond *ms*: a lower bound usable as a listing start key."""
    ms = max(0, min(ms, 2**48 - 1))
    return str(ULID.from_bytes(ms.to_bytes(6, "big") + bytes(10)))


def iso_from_ms(ms: int) -> str:
    """UTC ISO-8601 with milliseconds and a Z suffix, as used in manifests."""
    dt = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def ms_from_iso(text: str) -> int:
    """Parse an ISO-8601 time (naive = UTC) into epoch milliseconds; ValueError if malformed."""
    dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp() * 1000)
