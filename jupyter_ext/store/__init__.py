"""Content-addressed snapshot store: blobs, manifests, local index, outbox.

Knows nothing of Jupyter: plain Python that the server extension and the CLI call.
"""

from .codec import blob_hash
from .errors import (
    CorruptObject,
    InvalidSnapshotId,
    ObjectNotFound,
    PermissionDenied,
    QueryError,
    SnapshotNotFound,
    StoreError,
    StoreMissing,
    StoreUnavailable,
    TooLarge,
)
from .ids import is_valid_snapshot_id, new_ulid
from .layout import init_store
from .query import Query, Term, parse_query
from .store import InvalidBlobHash, Store

__all__ = [
    "CorruptObject",
    "InvalidBlobHash",
    "InvalidSnapshotId",
    "ObjectNotFound",
    "PermissionDenied",
    "Query",
    "QueryError",
    "SnapshotNotFound",
    "Store",
    "StoreError",
    "StoreMissing",
    "StoreUnavailable",
    "Term",
    "TooLarge",
    "blob_hash",
    "init_store",
    "is_valid_snapshot_id",
    "new_ulid",
    "parse_query",
]
