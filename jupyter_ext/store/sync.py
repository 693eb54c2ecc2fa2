"""Outbox delivery and incremental index refresh."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from . import catalog, put
from .backend import LocalBackend, publish
from .codec import decode_verified
from .errors import CorruptObject, ObjectNotFound, StoreError, StoreMissing, StoreUnavailable
from .ids import is_valid_snapshot_id, iso_from_ms, ulid_at, ulid_floor, ulid_ms
from .manifest_schema import MAX_MANIFEST_BYTES, parse_manifest
from .refs import blob_key, manifest_roots, walk
from .tombstones import judge

if TYPE_CHECKING:
    from .store import Store

# Writers with a skewed clock, or slow ones whose manifest lands after a newer one, are still
# picked up if they are within this window of the newest id seen.
WINDOW_MS = 15 * 60 * 1000
# A manifest that lands later than this after its id's time gets an arrival record (below).
LATE_MS = WINDOW_MS // 3

log = logging.getLogger(__name__)
# manifests already reported as skipped (once per process, not once per refresh)
_reported: set[str] = set()
_reported_lock = threading.Lock()


def announce_if_late(store: Store, sid: str) -> None:
    """Leave an arrival record for a manifest dated well before it reached the store.

    A snapshot delivered from an outbox hours later, or written by a clock that runs behind,
    sorts below other servers' incremental window and would only be found by a full sync. The
    record's id is dated by the store's own clock (the manifest's mtime), so their next
    incremental refresh lists it."""
    landed = store.backend.mtime(f"snapshots/{sid}.json")
    if landed is None:
        return
    landed_ms = int(landed * 1000)
    if landed_ms - ulid_ms(sid) <= LATE_MS:
        return
    record = json.dumps({"snapshot": sid, "landed": iso_from_ms(landed_ms)}).encode()
    publish(store.backend, f"arrivals/{ulid_at(landed_ms)}-{sid}.json", record)


def sync(store: Store, *, full: bool = False) -> dict[str, Any]:
    delivered: list[str] = []
    pending: list[str] = []
    errors: list[dict[str, str]] = []
    names = store.outbox.list("snapshots")
    try:
        store.ensure_available()
    except StoreMissing as exc:
        # nothing is delivered to (nor created at) a store that is not there
        pending = [n.removesuffix(".json") for n in names if is_valid_snapshot_id(n[:-5])]
        errors.append({"id": "", "error": str(exc)})
        return {"delivered": [], "pending": pending, "errors": errors, "indexed": 0}
    for i, name in enumerate(names):
        sid = name.removesuffix(".json")
        if not is_valid_snapshot_id(sid):
            continue
        try:
            deliver(store, sid)
            delivered.append(sid)
        except StoreUnavailable as exc:
            rest = [n.removesuffix(".json") for n in names[i:]]
            pending.extend(rest)
            errors.append({"id": sid, "error": str(exc)})
            break  # the store is down: the others would fail the same way
        except (StoreError, ValueError, KeyError) as exc:
            pending.append(sid)
            errors.append({"id": sid, "error": f"{type(exc).__name__}: {exc}"})
    indexed = 0
    try:
        indexed = refresh(store, full=full)
    except StoreUnavailable as exc:
        errors.append({"id": "", "error": str(exc)})
    return {"delivered": delivered, "pending": pending, "errors": errors, "indexed": indexed}


def deliver(store: Store, sid: str) -> None:
    """Blobs first, then the manifest, then remove from the outbox (crash-safe at every step)."""
    outbox: LocalBackend = store.outbox
    mkey = f"snapshots/{sid}.json"
    raw = outbox.read(mkey, limit=MAX_MANIFEST_BYTES)
    manifest = parse_manifest(raw, sid)
    blobs: dict[str, bytes] = {}

    def read(digest: str, kind: str) -> bytes | None:
        key = blob_key(digest)
        try:
            data = decode_verified(outbox.read(key), digest, key, store.read_blob)
        except FileNotFoundError:
            data = None
        if data is not None:
            blobs[digest] = data
            return data
        # Not in the outbox: it was delivered already (or known present); the store must have it.
        try:
            stored, where = store.stored(digest, outbox=False)
        except ObjectNotFound:
            raise CorruptObject(f"{key} is neither in the outbox nor in the store", key) from None
        if kind not in ("cells", "chunk", "node"):
            return None
        return decode_verified(stored, digest, where, store.read_blob)

    hashes = [digest for digest, _kind in walk(manifest_roots(manifest), read)]
    plan = put.plan(store, blobs)
    put.write(store, plan, blobs, None)
    publish(store.backend, mkey, raw)  # already there = delivered before a crash: fine
    announce_if_late(store, sid)
    put.recheck(store, plan, blobs)
    store.index.remember(hashes, store.clock())
    store.index.set_queued(sid, False)
    outbox.delete(mkey)
    outbox.flush()
    for digest in blobs:  # safe even if another queued snapshot shares it: it is delivered
        outbox.delete(blob_key(digest))


def refresh(store: Store, *, full: bool = False) -> int:
    """Index manifests and tombstones added since the last refresh (all of them when full)."""
    store.ensure_available()
    index = store.index
    # A new index joins from the catalogs (plus newer manifests); an asked-for full refresh
    # lists every manifest (the repair path). Both write catalogs for settled blocks they read.
    joining = index.get_meta("format") != "1" and not full
    full = full or joining
    last = index.get_meta("last_seen")
    start = ""
    if last and not full:
        # Cap at our clock so one writer's clock far in the future cannot hide everyone else.
        now_ms = int(store.clock() * 1000)
        start = ulid_floor(min(ulid_ms(last), now_ms) - WINDOW_MS)
    chain_end, covered = catalog.load_chain(store) if full else ("", [])
    if not joining:
        covered = []
    after = chain_end if joining else start
    names = store.backend.list("snapshots", after + ".json" if after else "")
    ids = [n[:-5] for n in names if n.endswith(".json") and is_valid_snapshot_id(n[:-5])]
    have = index.ids_from(start)
    new = [sid for sid in ids if sid not in have]
    for sid in set(ids) & index.ids(queued=True):
        index.set_queued(sid, False)  # delivered by another process
    summaries = _load_summaries(store, new)
    if full:
        uncataloged = [sid for sid in ids if sid > chain_end]
        loaded = {s["id"]: s for s in summaries}
        catalog.write_settled(store, chain_end, uncataloged, loaded, set(new))
        summaries += [s for s in covered if s["id"] not in have]
        listed = set(ids) | {s["id"] for s in covered}
        gone = [sid for sid in index.ids(queued=False) if sid not in listed]
        index.remove(gone)
        ids += [chain_end] if joining and chain_end else []  # the newest id seen (below)
    if not full or joining:  # a join reads every arrival record: some land inside catalogs
        known = set(ids) | {s["id"] for s in covered}
        summaries += _load_summaries(store, _late_arrivals(store, known, full=joining))
    index.add(summaries)
    if not full:
        catalog_behind(store)
    # a cataloged snapshot's author, as its manifest said: gc may have removed the manifest
    _refresh_tombstones(store, full, {s["id"]: s["author"]["username"] for s in covered})
    if ids:
        newest = max(ids)
        if not last or newest > last or full:
            index.set_meta("last_seen", newest)
    index.set_meta("format", "1")
    index.set_meta("last_refresh", str(time.time()))
    return len(summaries)


def _load_summaries(store: Store, sids: list[str]) -> list[dict[str, Any]]:
    skipped: list[str] = []

    def load(sid: str) -> dict[str, Any] | None:
        key = f"snapshots/{sid}.json"
        try:
            manifest = parse_manifest(store.backend.read(key, limit=MAX_MANIFEST_BYTES), sid)
        except FileNotFoundError:
            return None
        except CorruptObject as exc:  # verify names it (bad-manifest); never fatal here
            with _reported_lock:
                if key not in _reported:
                    _reported.add(key)
                    skipped.append(str(exc))
            return None
        return store.summary(manifest)

    workers = 1 if isinstance(store.backend, LocalBackend) or len(sids) < 8 else 16
    with ThreadPoolExecutor(workers) as pool:
        summaries = [s for s in pool.map(load, sids) if s is not None]
    if skipped:  # one line per refresh, each manifest once per process
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        log.warning(
            "skipping manifests the index cannot use: %s%s; `jupyter snapshot verify` names them",
            skipped[0][:300],
            more,
        )
    return summaries


def _records_since(store: Store, folder: str, meta: str, full: bool) -> Iterator[tuple[str, str]]:
    """(record name, snapshot id) of `<ULID>-<snapshot id>.json` records (tombstones, arrivals)
    listed since the last refresh, minus the skew window; the cursor advances as they go by."""
    index = store.index
    last = None if full else index.get_meta(meta)
    start = ""
    if last:
        now_ms = int(store.clock() * 1000)
        start = ulid_floor(min(ulid_ms(last), now_ms) - WINDOW_MS)
    newest = last or ""
    for name in store.backend.list(folder, start):
        rid, _, rest = name.partition("-")
        sid = rest.removesuffix(".json")
        if is_valid_snapshot_id(rid) and is_valid_snapshot_id(sid):
            newest = max(newest, rid)
            yield name, sid
    if newest:
        index.set_meta(meta, newest)


def _late_arrivals(store: Store, known: set[str], full: bool = False) -> list[str]:
    """Snapshots announced by arrival records since the last refresh (ever, when full) and not
    indexed yet."""
    return [
        sid
        for _name, sid in _records_since(store, "arrivals", "last_arrival", full)
        if sid not in known and not store.index.has(sid)
    ]


def _refresh_tombstones(store: Store, full: bool, authors: dict[str, str | None]) -> None:
    """Index the tombstones their snapshot's author wrote; forged ones are ignored (verify
    names them). *authors*: snapshot authors known already (else read from the manifest)."""
    known = store.index.tombstone_keys()
    for name, sid in _records_since(store, "tombstones", "last_tombstone", full):
        key = f"tombstones/{name}"
        if key not in known and judge(store, name, authors) == "genuine":
            store.index.tombstone(key, sid)


CATALOGS_PER_REFRESH = 1


def catalog_behind(store: Store) -> int:
    """Write the next missing catalog(s) after the chain, at most CATALOGS_PER_REFRESH.

    Without this only a join writes catalogs, so after a quiet period the first joiner reads
    every manifest since the last one alone. The index says (no store I/O) whether a whole
    settled block lies beyond the chain; only then are its manifests listed and read. Best
    effort: a store that refuses costs the next joiner speed, never this refresh."""
    try:
        chains = catalog.listed(store)
        cursor = catalog.ORIGIN
        while cursor in chains:  # by name: reading them is the joiner's check
            cursor = chains[cursor][0].last
        end = "" if cursor == catalog.ORIGIN else cursor
        settled = ulid_floor(int(store.clock() * 1000) - catalog.SETTLE_MS)
        behind = sum(1 for sid in store.index.ids_from(end) if end < sid < settled)
        if behind < catalog.BLOCK:
            return 0
        names = store.backend.list("snapshots", end + ".json" if end else "")
        ids = [n[:-5] for n in names if n.endswith(".json") and is_valid_snapshot_id(n[:-5])]
        block = ids[: catalog.BLOCK * CATALOGS_PER_REFRESH]
        loaded = {s["id"]: s for s in _load_summaries(store, block)}
        # all ids: "settled" is judged against the newest listed run, as a join does
        return catalog.write_settled(store, end, ids, loaded, set(block))
    except StoreError as exc:
        log.debug("no catalog written this refresh: %s", exc)
        return 0
