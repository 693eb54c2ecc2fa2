"""Exceptions raised by the store. Callers map these to CLI errors / HTTP 4xx once."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class InvalidSnapshotId(StoreError, ValueError):
    """The text is not a snapshot id (a 26-character ULID); checked before any I/O."""


class SnapshotNotFound(StoreError, LookupError):
    """No visible snapshot has this id."""


class StoreUnavailable(StoreError):
    """The shared store cannot be reached or written (network, full, read-only, ...)."""


class StoreMissing(StoreUnavailable):
    """The configured store is not there (no root folder or no store marker): usually an
    unmounted share or a mistyped URL. Nothing is written there until it is back or initialised."""


class ObjectNotFound(StoreError, LookupError):
    """No blob with this hash in the store (nor in the outbox)."""


class PermissionDenied(StoreError):
    """The user may not do this (e.g. delete a teammate's snapshot)."""


class CorruptObject(StoreError):
    """An object's bytes do not match its hash or cannot be decoded; `object` names its key."""

    def __init__(self, message: str, object: str) -> None:
        super().__init__(message)
        self.object = object


class TooLarge(CorruptObject):
    """An object (or a notebook reassembled from objects) is larger than its read limit."""


class QueryError(StoreError, ValueError):
    """A query string could not be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
