"""A store is made on purpose: its root holds a small marker file with the format version.

A configured store whose root or marker is missing is *unavailable* (StoreMissing), never
created on the fly: an unmounted share leaves an empty mount point, and a store created inside
it would swallow snapshots that the team store never sees. Only the embedded default store (and
`init_store`, i.e. `jupyter snapshot init`) creates one.

Stores written before the marker existed (snapshots/ and objects/ present) keep working; they
get the marker the first time a writer sees them.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from typing import Any

from .backend import MARKER as MARKER
from .backend import Backend, open_backend
from .errors import StoreError, StoreMissing, StoreUnavailable
from .ids import iso_from_ms

STORE_FORMAT = "jupyter-ext/store"
# 1: one file per blob (objects/ab/cd…); 2: blobs also in packs (objects/pack/, packs.py).
# Readers read both. The marker names the oldest format that can read what the store holds: a
# new store is 1, and a writer marks it 2 before its first pack lands.
STORE_VERSION = 2
FIRST_VERSION = 1
MAX_MARKER_BYTES = 64 * 1024
# the top-level folders of a store (created eagerly on a folder store, implicit on S3)
FOLDERS = ("snapshots", "objects", "tombstones", "comments", "arrivals")


def marker_bytes(created: str | None = None, version: int = STORE_VERSION) -> bytes:
    record = {
        "format": STORE_FORMAT,
        "version": version,
        "created": created or iso_from_ms(int(time.time() * 1000)),
    }
    return json.dumps(record).encode()


def upgrade(backend: Backend) -> None:
    """Mark the store with this format version before writing what older code cannot read, so
    a teammate's older jupyter-ext says "upgrade" instead of "missing blob"."""
    record = check_marker(backend)
    if record is None or record["version"] < STORE_VERSION:
        created = record.get("created") if record else None
        backend.write(MARKER, marker_bytes(created if isinstance(created, str) else None))


def missing_message(url: str, why: str = f"the folder has no store marker {MARKER}") -> str:
    return (
        f"the snapshot store at {url} is not there ({why}). Is the share mounted? "
        f"Create a new store on purpose with `jupyter snapshot init --store {url}`"
    )


def check_marker(backend: Backend) -> dict[str, Any] | None:
    """The parsed marker, None when absent; StoreError when it is not ours or too new."""
    try:
        raw = backend.read(MARKER, limit=MAX_MARKER_BYTES)
    except FileNotFoundError:
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    if not isinstance(record, dict) or record.get("format") != STORE_FORMAT:
        raise StoreError(f"{backend.url}/{MARKER} is not a jupyter-ext store marker")
    version = record.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StoreError(f"{backend.url}/{MARKER}: bad store format version {version!r}")
    if version > STORE_VERSION:
        raise StoreError(
            f"the store at {backend.url} has format version {version}; this jupyter-ext reads "
            f"up to {STORE_VERSION}: upgrade jupyter-ext"
        )
    return record


def ensure_available(backend: Backend) -> None:
    """Raise StoreMissing unless *backend* is an initialised (or pre-marker) store."""
    if not backend.root_exists():
        raise StoreMissing(missing_message(backend.url, "the store folder does not exist"))
    if check_marker(backend) is not None:
        return
    if backend.has_folder("snapshots") and backend.has_folder("objects"):
        # a store from before the marker: adopt it (best effort; readers need no marker)
        with contextlib.suppress(StoreUnavailable):
            backend.create(MARKER, marker_bytes(version=FIRST_VERSION))
        return
    raise StoreMissing(missing_message(backend.url))


def create_store(backend: Backend, *, make_root: bool) -> bool:
    """Make *backend* a store; True if it was not one before. make_root also creates a local
    root's missing parents (the embedded default store only)."""
    backend.make_root(parents=make_root)
    created = check_marker(backend) is None
    backend.make_folders(FOLDERS)
    if created:
        backend.create(MARKER, marker_bytes(version=FIRST_VERSION))
    return created


def init_store(url: str, storage_options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Create a team store at *url* on purpose (`jupyter snapshot init`).

    A folder store's parent folder must exist (a share is mounted, never mkdir -p'd).
    Initialising an existing store is harmless and reports created=False."""
    backend = open_backend(url, storage_options)
    if not backend.root_exists():
        parent = os.path.dirname(backend.url.rstrip("/")) if "://" not in url else ""
        if parent and not os.path.isdir(parent):
            raise StoreMissing(
                f"cannot create a store at {backend.url}: its parent folder {parent} does not "
                "exist (is the share mounted?)"
            )
    created = create_store(backend, make_root=False)
    return {"url": backend.url, "created": created, "marker": MARKER, "version": STORE_VERSION}
