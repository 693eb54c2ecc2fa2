"""The index's cache of blobs known to be in the store, and the pack each is in.

Writers skip blobs they knew present within gc_grace/4 (put.py); readers go straight to the pack a
blob is in (packs.py). A cache like the rest of the index: losing it costs requests, not data.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def locked(method: F) -> F:
    """One connection serves every thread: reads take the lock too, or they would see a
    writer's half-done transaction on that same connection (a row without its summary)."""

    @functools.wraps(method)
    def wrapper(self: KnownBlobs, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return cast(F, wrapper)


class KnownBlobs:
    """Mixed into Index: its connection and lock."""

    db: sqlite3.Connection
    _lock: threading.RLock

    @locked
    def known(self, hashes: Sequence[str], newer_than: float) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            part = hashes[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT hash FROM known_blobs WHERE checked > ? AND hash IN ({marks})"  # noqa: S608
            found.update(r[0] for r in self.db.execute(sql, (newer_than, *part)))
        return found

    def remember(self, hashes: Iterable[str], when: float, pack: str | None = None) -> None:
        """Blobs a writer knows present at *when* (in *pack*, or where they were found)."""
        with self._lock, self.db:
            self.db.executemany(
                "INSERT INTO known_blobs VALUES (?, ?, ?) ON CONFLICT(hash) DO UPDATE SET "
                "checked=excluded.checked, pack=coalesce(excluded.pack, pack)",
                [(h, when, pack) for h in hashes],
            )

    def place(self, hashes: Iterable[str], pack: str) -> None:
        """Where blobs are (a pack index read), without vouching for them to writers."""
        with self._lock, self.db:
            self.db.executemany(
                "INSERT INTO known_blobs VALUES (?, 0, ?) ON CONFLICT(hash) DO UPDATE SET "
                "pack=excluded.pack",
                [(h, pack) for h in hashes],
            )

    @locked
    def packs_of(self, hashes: Sequence[str]) -> dict[str, str]:
        """The pack each of *hashes* is known to be in (those with one)."""
        found: dict[str, str] = {}
        for i in range(0, len(hashes), 500):
            part = hashes[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT hash, pack FROM known_blobs WHERE pack IS NOT NULL AND hash IN ({marks})"  # noqa: S608
            found.update(self.db.execute(sql, part).fetchall())
        return found

    def forget_pack(self, pack: str) -> None:
        """A pack that is gone (repacked by gc): its blobs are no longer known there."""
        with self._lock, self.db:
            self.db.execute("DELETE FROM known_blobs WHERE pack=?", (pack,))

    def forget_blobs(self, hashes: Iterable[str] | None = None) -> None:
        with self._lock, self.db:
            if hashes is None:
                self.db.execute("DELETE FROM known_blobs")
            else:
                self.db.executemany("DELETE FROM known_blobs WHERE hash=?", [(h,) for h in hashes])
