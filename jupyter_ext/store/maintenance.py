"""verify (prove every visible snapshot is whole) and gc (drop unreferenced old blobs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from . import catalog
from .backend import LocalBackend
from .codec import MAX_READ_CHAIN, base_of, decode_verified
from .errors import CorruptObject, ObjectNotFound, StoreError, TooLarge
from .ids import is_valid_snapshot_id, ulid_ms
from .manifest_schema import MAX_MANIFEST_BYTES, parse_manifest
from .notebook import declared_budget
from .packs import PACK_DIR, name_of, pack_key
from .refs import blob_key, children, hash_of_key, manifest_roots, walk
from .repack import repack
from .sync import LATE_MS, WINDOW_MS
from .tombstones import judge, snapshot_of

if TYPE_CHECKING:
    from .store import Store

__all__ = ["gc", "parse_manifest", "verify"]


def _read_manifest(store: Store, sid: str) -> dict[str, Any]:
    raw = store.backend.read(f"snapshots/{sid}.json", limit=MAX_MANIFEST_BYTES)
    return parse_manifest(raw, sid)


def _manifest_ids(store: Store) -> list[str]:
    names = store.backend.list("snapshots")
    return [n[:-5] for n in names if n.endswith(".json") and is_valid_snapshot_id(n[:-5])]


class _MissingBase(CorruptObject):
    """The base blob a delta-encoded blob needs is gone."""


def _base_reader(store: Store, mark: set[str] | None = None) -> Callable[[str], bytes]:
    """fetch() for delta bases: verified reads; names a missing base; records bases in mark."""

    def fetch(digest: str) -> bytes:
        key = blob_key(digest)
        if mark is not None:
            mark.add(digest)
        try:
            raw, key = store.stored(digest, outbox=False)
        except ObjectNotFound:
            raise _MissingBase(f"{key}: delta base blob is missing", key) from None
        return decode_verified(raw, digest, key, fetch)

    return fetch


def verify(store: Store) -> dict[str, Any]:
    """Read every manifest and every blob it reaches; name each problem found."""
    problems: list[dict[str, str]] = []
    seen: set[str] = set()
    sizes: dict[str, int] = {}  # content bytes of each blob read
    kids: dict[str, list[str]] = {}  # blobs each container names, repeats included
    summaries: dict[str, dict[str, Any]] = {}  # of valid manifests, to check catalogs against
    ids = _manifest_ids(store)
    parallel = not isinstance(store.backend, LocalBackend)
    fetch = _base_reader(store)
    store.packs.clear_cache()

    def problem(kind: str, obj: str, detail: str) -> None:
        problems.append({"kind": kind, "object": obj, "detail": detail})

    def check(sid: str) -> None:
        key = f"snapshots/{sid}.json"
        try:
            manifest = _read_manifest(store, sid)
        except FileNotFoundError:
            return  # removed meanwhile (gc of an expired tombstone)
        except CorruptObject as exc:
            problem("bad-manifest", key, str(exc))
            return
        summaries[sid] = store.summary(manifest)

        def read(digest: str, kind: str) -> bytes | None:
            bkey = blob_key(digest)
            try:
                raw, where = store.stored(digest, outbox=False)
                data = decode_verified(raw, digest, where, fetch)
            except ObjectNotFound:
                problem(
                    "missing-blob", bkey, f"{kind} blob referenced by snapshot {sid} is missing"
                )
                return None
            except CorruptObject as exc:
                kind_ = "missing-blob" if isinstance(exc, _MissingBase) else "corrupt-blob"
                kind_ = "too-large" if isinstance(exc, TooLarge) else kind_
                problem(kind_, exc.object, f"{exc} (reached from snapshot {sid})")
                return None
            sizes[digest] = len(data)
            if kind in ("cells", "chunk", "node"):
                kids[digest] = [h for h, _k in children(kind, data)]
            return data

        try:
            for _ in walk(manifest_roots(manifest), read, seen):
                pass
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problem("bad-structure", key, f"cannot follow references of {sid}: {exc}")
            return
        content = manifest["content"]
        roots = [content["metadata"], *([content["cells"]] if content.get("cells") else [])]
        total = sum(_expanded(h, sizes, kids, {}) for h in roots)
        allowed = declared_budget(content)
        if total > allowed:
            problem(
                "too-large",
                key,
                f"snapshot {sid} reassembles to {total} bytes, more than the {allowed} its "
                "manifest allows (a part repeated many times?): reading it is refused",
            )

    if parallel:  # object stores: latency-bound, overlap requests
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(check, ids))
    else:
        for sid in ids:
            check(sid)
    for name in store.packs.names():
        try:
            store.packs.entries(name)
        except FileNotFoundError:
            continue  # repacked meanwhile
        except CorruptObject as exc:
            problem("bad-pack", pack_key(name), f"{exc} (no snapshot can use its blobs)")
    authors: dict[str, str | None] = {}
    for name in store.backend.list("tombstones"):
        if judge(store, name, authors) == "forged":
            problem(
                "forged-tombstone",
                f"tombstones/{name}",
                "a tombstone not written by its snapshot's author (or malformed): ignored",
            )
    for key, detail in catalog.problems(store, ids, summaries):
        problem("bad-catalog", key, f"{detail} (delete it: the next joining index rewrites it)")
    # Clock findings are warnings: the data is whole (a copied store looks late, too).
    warnings = [
        {"kind": kind, "object": key, "detail": detail}
        for kind, key, detail in _clock_problems(store)
    ]
    return {
        "ok": not problems,
        "manifests": len(ids),
        "blobs": len(seen),
        "problems": problems,
        "warnings": warnings,
    }


def _clock_problems(store: Store) -> Iterator[tuple[str, str, str]]:
    """Manifests whose id's time disagrees with when the store received them.

    Dated ahead: the writer's clock runs fast, and the snapshot sorts above newer work.
    Dated well before, with no arrival record: other servers' incremental sync misses it."""
    announced = {
        name.partition("-")[2].removesuffix(".json") for name in store.backend.list("arrivals")
    }
    for key, mtime, _size in store.backend.walk("snapshots"):
        sid = key.rsplit("/", 1)[-1].removesuffix(".json")
        if not is_valid_snapshot_id(sid):
            continue
        drift_ms = ulid_ms(sid) - int(mtime * 1000)
        if drift_ms > WINDOW_MS:
            yield (
                "clock-skew",
                key,
                f"snapshot {sid} is dated {_duration(drift_ms)} after the store received it: "
                "its writer's clock runs ahead, so it lists above newer snapshots",
            )
        elif -drift_ms > LATE_MS and sid not in announced:
            yield (
                "unannounced",
                key,
                f"snapshot {sid} is dated {_duration(-drift_ms)} before the store received it and "
                "has no arrival record: other servers find it only with `sync --full`",
            )


def _expanded(digest: str, sizes: dict[str, int], kids: dict[str, list[str]],
              memo: dict[str, int]) -> int:  # fmt: skip
    """Bytes reassembling *digest* reads, every repeat counted (what Budget meters)."""
    if digest in memo:
        return memo[digest]
    memo[digest] = 0  # a cycle (impossible by hashing, but the store is untrusted) adds nothing
    parts = sum(_expanded(h, sizes, kids, memo) for h in kids.get(digest, ()))
    total = sizes.get(digest, 0) + parts
    memo[digest] = total
    return total


def _duration(ms: int) -> str:
    minutes = ms // 60_000
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def _mark_delta_bases(store: Store, digest: str, bases: set[str]) -> None:
    """Add the base chain of blob *digest* to *bases* (from the stored headers, nothing decoded)."""
    for _ in range(MAX_READ_CHAIN):
        try:
            base = base_of(store.stored(digest, outbox=False)[0])
        except ObjectNotFound:
            return  # a missing blob is verify's to name
        if base is None or base in bases:
            return
        bases.add(base)
        digest = base


def gc(store: Store, *, grace: timedelta, dry_run: bool, force: bool) -> dict[str, Any]:
    """Delete blobs older than *grace* that no live manifest reaches.

    Order matters for racing writers: blobs are listed *before* manifests, so a manifest that
    lands after the listing can only name blobs that were young or freshened (see Store docs).
    """
    if grace < store.gc_grace and not force:
        raise StoreError(
            f"grace {grace} is shorter than the store's configured gc grace {store.gc_grace}: "
            "writers trust cached blobs for a quarter of that, so this could delete blobs "
            "in use (pass force=True only when no one writes)"
        )
    now = store.clock()
    cutoff = now - grace.total_seconds()
    errors: list[str] = []
    removed_manifests: list[str] = []
    # 1. Snapshots tombstoned (by their author) longer than grace ago stop protecting their
    # blobs. Aged by when the store received the tombstone, not by the date in its name.
    authors: dict[str, str | None] = {}
    for key, received, _size in store.backend.walk("tombstones"):
        name = key.removeprefix("tombstones/")
        sid = snapshot_of(name)
        if sid is None or "/" in name or received >= cutoff or sid in removed_manifests:
            continue
        if judge(store, name, authors) == "genuine":
            removed_manifests.append(sid)
    removed = set(removed_manifests)
    if not dry_run:
        for sid in removed_manifests:
            store.backend.delete(f"snapshots/{sid}.json")
    # 2. Old blobs (and temp files of crashed writers) are candidates.
    candidates: dict[str, int] = {}
    old_packs: dict[str, int] = {}
    young = 0
    for key, mtime, size in store.backend.walk("objects"):
        if mtime >= cutoff:
            young += 1
        elif key.startswith(PACK_DIR + "/") and name_of(key):
            old_packs[name_of(key) or ""] = size
        elif hash_of_key(key) is not None or key.rsplit("/", 1)[-1].startswith(".tmp-"):
            candidates[key] = size
    # A writer killed between writing a manifest's (tombstone's, comment's) temp file and
    # linking it leaves that temp file next to the manifests: invisible, but never reclaimed.
    for prefix in ("snapshots", "tombstones", "comments", catalog.FOLDER):
        for key, mtime, size in store.backend.walk(prefix):
            if mtime < cutoff and key.rsplit("/", 1)[-1].startswith(".tmp-"):
                candidates[key] = size
    # 3. Mark everything reachable from live manifests, listed after the blobs.
    live: set[str] = set()
    bases: set[str] = set()  # delta bases of live blobs: live too (kept apart from walk's set)
    fetch = _base_reader(store, bases)

    def read(digest: str, kind: str) -> bytes | None:
        if kind not in ("cells", "chunk", "node"):
            # A leaf (an image, a long output) may be a delta: its base chain is live too,
            # even when the snapshot that first stored the base is gone.
            _mark_delta_bases(store, digest, bases)
            return None
        raw, where = store.stored(digest, outbox=False)
        return decode_verified(raw, digest, where, fetch)

    for sid in _manifest_ids(store):
        if sid in removed:
            continue
        try:
            manifest = _read_manifest(store, sid)
            for _ in walk(manifest_roots(manifest), read, live):
                pass
        except (FileNotFoundError, ObjectNotFound):
            continue  # manifest gone, or a blob missing: verify's job
        except (StoreError, ValueError, KeyError, TypeError) as exc:
            errors.append(f"snapshot {sid}: {exc}")
    if errors:  # cannot know what a broken snapshot references: delete nothing
        return _gc_result(dry_run, 0, 0, young, len(live), removed_manifests, errors)
    live |= bases
    doomed = [key for key in candidates if hash_of_key(key) not in live]
    # live old loose blobs (a store written before packs) move into packs too
    loose = {k: n for k, n in candidates.items() if k not in set(doomed) and hash_of_key(k)}
    packed = repack(store, old_packs, loose, live, cutoff, dry_run)
    if not dry_run:
        kept: set[str] = set()
        for key in doomed:
            # A writer may have freshened it since we listed: look again right before deleting.
            now_mtime = store.backend.mtime(key)
            if now_mtime is not None and now_mtime < cutoff:
                store.backend.delete(key)
            else:
                kept.add(key)
        doomed = [key for key in doomed if key not in kept]
        store.index.forget_blobs([h for h in map(hash_of_key, doomed) if h])
    size = sum(candidates[k] for k in doomed)
    result = _gc_result(dry_run, len(doomed), size, young, len(live), removed_manifests, errors)
    result["deleted_blobs"] += packed["dropped_blobs"]
    result["deleted_bytes"] += packed["freed_bytes"]
    result["packs"] = packed
    return result


def _gc_result(
    dry_run: bool, n: int, size: int, young: int, live: int, manifests: list[str], errors: list[str]
) -> dict[str, Any]:
    return {"dry_run": dry_run, "deleted_blobs": n, "deleted_bytes": size, "kept_young": young,
            "referenced": live, "removed_manifests": manifests, "errors": errors}  # fmt: skip
