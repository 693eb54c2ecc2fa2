"""The Store: take / list / read / delete snapshots in a shared content-addressed store."""

from __future__ import annotations

import builtins
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from . import layout, maintenance, put, sync
from .backend import Backend, LocalBackend, open_backend, publish
from .bases import DeltaBases
from .codec import (
    MAX_BLOB_BYTES,
    blob_hash,
    decode_verified,
)
from .errors import (
    InvalidSnapshotId,
    ObjectNotFound,
    PermissionDenied,
    SnapshotNotFound,
    StoreError,
    StoreMissing,
    StoreUnavailable,
)
from .fingerprints import code_hash, spark, valid_code_hash, valid_spark
from .ids import is_valid_snapshot_id, iso_from_ms, ms_from_iso, ulid_at, ulid_floor, ulid_ms
from .index import Index
from .manifest_schema import MAX_MANIFEST_BYTES, BadManifest, dumps, parse_manifest, representable
from .notebook import (
    Budget,
    PartMemo,
    cell_hashes,
    decode_notebook,
    encode_notebook,
)
from .packs import Packs
from .query import Query, parse_query
from .refs import HASH_RE, blob_key

FORMAT = "jupyter-ext/snapshot@1"
FACT_KEYS = ("params", "metrics", "data", "kernel", "environment", "git", "timing", "warnings")
_RESERVED = {"format", "id", "created", "author", "message", "tags", "notebook", "parent",
             "content", "refs", "packs"}  # fmt: skip


class InvalidBlobHash(StoreError, ValueError):
    """The text is not a sha256 hex digest."""


class Store:
    """A shared store at *url* plus this server's private *local_dir* (index + outbox).

    gc_grace is the team's gc grace period; writers derive their safety margins from it
    (known-blob cache trusted for gc_grace/4, existing blobs older than gc_grace/2 freshened),
    so gc must not run with a shorter grace (it refuses unless forced).

    create=True makes the store if it is not there: only for the embedded default store. A
    configured store must have been made on purpose (`init_store`); when its root or marker is
    missing it is unavailable (StoreMissing): takes queue in the outbox, sync delivers nothing,
    list/verify/gc raise.

    One Store is shared by a server's worker threads: its caches are guarded by a lock.
    """

    def __init__(
        self,
        url: str,
        local_dir: str | os.PathLike[str],
        storage_options: dict[str, Any] | None = None,
        *,
        sync_interval: float = 2.0,
        gc_grace: timedelta = timedelta(days=14),
        clock: Callable[[], float] = time.time,
        create: bool = False,
    ) -> None:
        self.url = str(url)
        self.local_dir = os.fspath(local_dir)
        os.makedirs(self.local_dir, exist_ok=True)
        self.backend: Backend = open_backend(self.url, storage_options)
        self.create = create
        self.outbox = LocalBackend(os.path.join(self.local_dir, "outbox"), needs_marker=False)
        self.outbox.make_root(parents=True)
        self.index = Index(os.path.join(self.local_dir, "index.sqlite"))
        self.packs = Packs(self.backend, self.index, clock)
        self._lock = threading.RLock()  # the caches below; the index has its own
        self._refresh_lock = threading.Lock()
        self._available_at = -1e9  # monotonic time the store was last seen there
        self.sync_interval = sync_interval
        self.gc_grace = gc_grace
        self.clock = clock
        self._last_refresh = 0.0
        self._manifests: dict[str, dict[str, Any]] = {}
        self._memo = PartMemo()
        self.bases = DeltaBases(self)

    def close(self) -> None:
        self.index.close()

    # How long a successful availability check is trusted: a share unmounted meanwhile is still
    # caught by the folder backend, which never creates a missing root.
    AVAILABLE_TTL = 30.0

    def ensure_available(self) -> None:
        """StoreMissing unless the shared store is there (marker, or a pre-marker store);
        creates it instead when this Store was opened with create=True."""
        if time.monotonic() - self._available_at < self.AVAILABLE_TTL:
            return
        if self.create:
            try:
                layout.ensure_available(self.backend)
            except StoreMissing:
                layout.create_store(self.backend, make_root=True)
        else:
            layout.ensure_available(self.backend)
        self._available_at = time.monotonic()

    # ------------------------------------------------------------ writing
    def take(
        self,
        notebook: dict[str, Any],
        *,
        author: dict[str, Any],
        notebook_info: dict[str, Any],
        message: str = "",
        tags: Sequence[str] = (),
        facts: dict[str, Any] | None = None,
        extra_blobs: Mapping[str, bytes] | None = None,
        parent: str | None = "by-key",
    ) -> dict[str, Any]:
        """Snapshot *notebook*; falls back to the local outbox if the shared store fails.
        *parent*: the previous snapshot of this notebook when the caller knows it (e.g. across
        a rename); by default the newest snapshot with the same notebook key."""
        started = time.perf_counter()
        if not isinstance(notebook, dict):
            raise StoreError("notebook must be a dict (nbformat v4 JSON)")
        if not isinstance(author, dict) or not author.get("username"):
            raise StoreError("author must be a dict with a username")
        sid = ulid_at(int(self.clock() * 1000))  # the writer's clock, skew and all
        enc = encode_notebook(notebook, self._memo)
        facts = {k: representable(v) for k, v in (facts or {}).items()}
        refs: list[str] = []
        for digest, data in (extra_blobs or {}).items():
            if blob_hash(data) != digest:
                raise StoreError(f"extra blob {digest[:12]}… does not match its content")
            enc.blobs[digest] = bytes(data)
            refs.append(digest)
        key = str(notebook_info.get("key") or notebook_info.get("path") or "")
        self._refresh_quietly(missing_ok=True)  # a missing store queues the take (below)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "id": sid,
            "created": iso_from_ms(ulid_ms(sid)),
            "author": dict(author),
            "message": str(message),
            "tags": [str(t) for t in tags],
            "notebook": {**notebook_info, "key": key},
            "parent": (self.index.latest_for_key(key) if key else None)
            if parent == "by-key"
            else parent,
            "content": {
                "nbformat": notebook.get("nbformat"),
                "nbformat_minor": notebook.get("nbformat_minor"),
                "metadata": enc.metadata,
                "cells": enc.cells,
                "cell_count": enc.cell_count,
                "bytes": enc.size,
                "code_hash": code_hash(notebook),
            },
            "refs": refs,
        }
        for name, value in (facts or {}).items():
            if name not in _RESERVED:
                manifest[name] = value
        try:
            # the same parser every reader uses: never publish what an index would skip
            data = dumps(manifest)
        except (BadManifest, ValueError, TypeError) as exc:
            raise StoreError(f"refusing to publish an invalid manifest: {exc}") from exc
        reason = None
        written: dict[str, int] = {}  # blob -> the delta depth it was written with
        bases = self.bases.for_take(enc, key, manifest["parent"])
        try:
            self.ensure_available()
            plan = put.plan(self, enc.blobs)
            manifest["packs"] = plan.hints  # where readers find its blobs (a hint)
            packed = dumps(manifest)
            written = put.write(self, plan, enc.blobs, bases)
            publish(self.backend, f"snapshots/{sid}.json", packed)
            sync.announce_if_late(self, sid)
            put.recheck(self, plan, enc.blobs)
        except StoreUnavailable as exc:
            reason = str(exc)
            manifest.pop("packs", None)
            try:
                put.put_loose(self.outbox, enc.blobs)
                self.outbox.create(f"snapshots/{sid}.json", data)
            except StoreUnavailable as exc2:
                raise StoreUnavailable(f"{reason}; and the local outbox failed: {exc2}") from exc2
        self.bases.taken(enc, key, sid, bases, written)
        summary = self.summary(manifest)
        summary["queued"] = reason is not None
        self.index.add([summary])
        with self._lock:
            self._manifests[sid] = manifest
        if reason is not None:
            summary["queue_reason"] = f"shared store unavailable, snapshot queued locally: {reason}"
        summary["take_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return summary

    def delete(self, snapshot_id: str, *, username: str) -> dict[str, Any]:
        """Tombstone a snapshot; only its author may."""
        manifest = self.get_manifest(snapshot_id)
        owner = (manifest.get("author") or {}).get("username")
        if not username or username != owner:
            raise PermissionDenied(f"only {owner} may delete snapshot {snapshot_id}")
        queued = self.outbox.mtime(f"snapshots/{snapshot_id}.json") is not None
        when = ulid_at(int(self.clock() * 1000))
        record = {"snapshot": snapshot_id, "deleted_by": username,
                  "time": iso_from_ms(ulid_ms(when))}  # fmt: skip
        key = f"tombstones/{when}-{snapshot_id}.json"
        if queued:  # never delivered: just drop it from the outbox
            self.outbox.delete(f"snapshots/{snapshot_id}.json")
            self.index.remove([snapshot_id])
        else:
            self.ensure_available()
            publish(self.backend, key, json.dumps(record).encode())
            self.index.tombstone(key, snapshot_id)
        with self._lock:
            self._manifests.pop(snapshot_id, None)
        return {"id": snapshot_id, "deleted": True, "tombstone": None if queued else key}

    # ------------------------------------------------------------ reading
    def summary(self, manifest: dict[str, Any], *, sparklines: Any = None) -> dict[str, Any]:
        """The list item for a manifest (*sparklines*: a catalog's, already short)."""
        nb = manifest.get("notebook") or {}
        kernel = manifest.get("kernel") or {}
        content = manifest.get("content") or {}
        return {
            "id": manifest.get("id"),
            "created": manifest.get("created"),
            "author": manifest.get("author") or {},
            "message": manifest.get("message") or "",
            "tags": list(manifest.get("tags") or []),
            "notebook": {k: nb.get(k) for k in ("path", "name", "key")}
            | {k: nb[k] for k in ("id", "origin") if nb.get(k)},  # identity across renames
            "parent": manifest.get("parent"),
            # strict-JSON values only: one teammate's odd value must not break every listing
            "params": representable(manifest.get("params") or {}),
            "metrics": representable(manifest.get("metrics") or {}),
            # a sparkline per metric logged more than once (catalogs carry it already short)
            "metrics_history": spark(manifest.get("metrics_history"))
            if sparklines is None
            else valid_spark(sparklines),
            "code_hash": valid_code_hash(content.get("code_hash")),
            "cell_count": content.get("cell_count", 0),
            "kernel": {"name": kernel.get("name"), "display_name": kernel.get("display_name")},
            "queued": False,
            "comment_count": 0,
            "data_io": data_io(manifest),
        }

    def list(
        self,
        *,
        notebook: str | None = None,
        author: str | None = None,
        query: str | Query | None = None,
        since: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        sort: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest first, from the local index (synced first unless synced recently).

        A store that is not there (StoreMissing, e.g. an unmounted share) serves what the index
        has (this user's queued snapshots included); with nothing indexed it is an error, not an
        empty list (a mistyped store URL)."""
        try:
            self._refresh_quietly()
        except StoreMissing:
            if self.index.count() == 0:
                raise
        q = parse_query(query) if isinstance(query, str) else query
        since_id = None
        if since:
            if is_valid_snapshot_id(since):
                since_id = since
            else:
                try:
                    since_id = ulid_floor(ms_from_iso(since))
                except ValueError as exc:
                    raise InvalidSnapshotId(
                        f"since must be an ISO time or a ULID: {since!r}"
                    ) from exc
        return self.index.list(notebook=notebook, author=author, query=q, since=since_id,
                               limit=limit, cursor=cursor, sort=sort)  # fmt: skip

    def get_manifest(self, snapshot_id: str) -> dict[str, Any]:
        if not is_valid_snapshot_id(snapshot_id):
            raise InvalidSnapshotId(f"not a snapshot id: {str(snapshot_id)[:80]!r}")
        # tombstones written by other servers take effect on cached manifests too
        self._refresh_quietly(missing_ok=True)
        return self._manifest(snapshot_id)

    def _manifest(self, snapshot_id: str) -> dict[str, Any]:
        """get_manifest without the refresh (for callers that just refreshed)."""
        with self._lock:
            cached = self._manifests.get(snapshot_id)
        if cached is not None:
            if self.index.is_deleted(snapshot_id):
                with self._lock:
                    self._manifests.pop(snapshot_id, None)
                raise SnapshotNotFound(f"snapshot {snapshot_id} was deleted")
            return cached
        key = f"snapshots/{snapshot_id}.json"
        try:
            raw = self.backend.read(key, limit=MAX_MANIFEST_BYTES)
        except (FileNotFoundError, StoreUnavailable) as exc:
            try:
                raw = self.outbox.read(key, limit=MAX_MANIFEST_BYTES)
            except FileNotFoundError:
                if isinstance(exc, StoreUnavailable):
                    raise exc from None
                raise SnapshotNotFound(f"no snapshot {snapshot_id}") from None
        manifest = parse_manifest(raw, snapshot_id)
        self.packs.hint(manifest.get("packs"))
        if self.index.is_deleted(snapshot_id):
            raise SnapshotNotFound(f"snapshot {snapshot_id} was deleted")
        with self._lock:
            self._manifests[snapshot_id] = manifest
            while len(self._manifests) > 10_000:
                del self._manifests[next(iter(self._manifests))]
        return manifest

    def read_blob(self, hash: str, limit: int = MAX_BLOB_BYTES) -> bytes:
        """Content of a blob, verified against its hash (CorruptObject names the object);
        never larger than *limit* (checked before the content is allocated)."""
        if not isinstance(hash, str) or not HASH_RE.match(hash):
            raise InvalidBlobHash(f"not a blob hash: {str(hash)[:80]!r}")
        stored, key = self.stored(hash)
        return decode_verified(stored, hash, key, self.read_blob, limit)

    def stored(self, digest: str, *, outbox: bool = True) -> tuple[bytes, str]:
        """A blob's stored bytes and the key of the object they came from: from the pack this
        server knows it is in, a loose object, the outbox (unless *outbox* is False), the packs
        its manifests name, else any pack in the store. ObjectNotFound when none has it."""
        found = self.packs.known(digest)
        if found is not None:
            return found
        key = blob_key(digest)
        unavailable: StoreUnavailable | None = None
        try:
            return self.backend.read(key), key
        except FileNotFoundError:
            pass
        except StoreUnavailable as exc:
            unavailable = exc
        if outbox:
            try:
                return self.outbox.read(key), key
            except FileNotFoundError:
                pass
        if unavailable is not None:
            raise unavailable
        found = self.packs.find(digest)
        if found is not None:
            return found
        raise ObjectNotFound(f"no blob {key}")

    def content(self, digest: str) -> bytes:
        return self.read_blob(digest)

    def _budget(self, snapshot_id: str) -> tuple[dict[str, Any], Budget]:
        manifest = self.get_manifest(snapshot_id)
        return manifest["content"], Budget(self, manifest, f"snapshots/{snapshot_id}.json")

    def get_notebook(self, snapshot_id: str) -> dict[str, Any]:
        """The notebook exactly (==) as given to take(); reassembling reads no more than its
        manifest declares (plus slack), so a chunk list naming one chunk 5000 times is refused."""
        content, budget = self._budget(snapshot_id)
        return budget.guard(lambda: decode_notebook(content, budget))

    def cell_hashes(self, snapshot_id: str) -> builtins.list[str]:
        """One hash per cell; equal hashes mean equal cells (for fast diffs)."""
        content, budget = self._budget(snapshot_id)
        return budget.guard(lambda: cell_hashes(content, budget))

    # ------------------------------------------------------------ maintenance
    def sync(self, *, full: bool = False) -> dict[str, Any]:
        """Deliver the outbox, then refresh the index from the store."""
        result = sync.sync(self, full=full)
        self._last_refresh = time.monotonic()
        return result

    def _refresh_quietly(self, *, missing_ok: bool = False) -> None:
        """Incremental index refresh at most every sync_interval; offline is fine, a store
        that is not there (StoreMissing) is not, unless *missing_ok*."""
        if time.monotonic() - self._last_refresh < self.sync_interval:
            return
        if not self._refresh_lock.acquire(blocking=False):
            return  # another thread is refreshing right now: its result is fresh enough
        try:
            self._last_refresh = time.monotonic()
            try:
                sync.refresh(self, full=False)
            except StoreMissing:
                self._last_refresh = 0.0  # ask again next time
                if not missing_ok:
                    raise
            except StoreUnavailable:
                pass  # Offline: serve what the index has; sync() reports the problem.
        finally:
            self._refresh_lock.release()

    def verify(self) -> dict[str, Any]:
        self.ensure_available()
        return maintenance.verify(self)

    def gc(
        self, *, grace: timedelta = timedelta(days=14), dry_run: bool = False, force: bool = False
    ) -> dict[str, Any]:
        self.ensure_available()
        return maintenance.gc(self, grace=grace, dry_run=dry_run, force=force)


def data_io(manifest: dict[str, Any], limit: int = 500) -> list[list[str]]:
    """``[path, hash, mode]`` of each hashed data file: what lineage links runs by."""
    rows: list[list[str]] = []
    for ref in manifest.get("data") or []:
        if isinstance(ref, dict) and isinstance(ref.get("path"), str) and ref.get("hash"):
            rows.append([ref["path"], str(ref["hash"]), str(ref.get("mode") or "read")])
    return rows[:limit]
