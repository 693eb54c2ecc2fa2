"""gc's second half: what is live in old packs (and old loose blobs) moves into new packs.

Only packs older than the grace period are touched: a writer reuses a packed blob only after
touching its pack when that is older than half the grace (put.py), so a pack gc rewrites is one
no take in flight depends on. Stored bytes are copied as they are (a delta stays a delta; gc
marked its base live). The new packs are durable before anything is deleted, and a pack a writer
touched since it was listed is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .codec import RAW, ZSTD, decode_blob, is_compressed
from .errors import CorruptObject
from .packs import PACK_TARGET_BYTES, REPACK_LEVEL, SOLID_MAX, Entry, pack_key, split
from .refs import hash_of_key

if TYPE_CHECKING:
    from .store import Store

# a pack this big with nothing dead in it is left as it is (rewriting it would only cost time)
KEEP_PACK_BYTES = 16 * 2**20


def repack(store: Store, old: dict[str, int], loose: dict[str, int], live: set[str],
           cutoff: float, dry_run: bool) -> dict[str, Any]:  # fmt: skip
    """*old*: pack name -> size of packs older than the grace; *loose*: key -> size of old loose
    blobs that are live. Returns what was (or, dry_run, would be) done."""
    errors: list[str] = []
    todo: list[tuple[str, dict[str, Entry], list[str]]] = []
    dropped = 0
    for name in sorted(old):
        try:
            entries = store.packs.entries(name)
        except FileNotFoundError:
            continue
        except CorruptObject as exc:
            errors.append(f"{exc} (left as it is; `verify` names it)")
            continue
        keep = [d for d in entries if d in live]
        if len(keep) == len(entries) and old[name] >= KEEP_PACK_BYTES:
            continue
        todo.append((name, entries, keep))
        dropped += len(entries) - len(keep)
    if len(todo) == 1 and not loose and len(todo[0][2]) == len(todo[0][1]):
        todo = []  # one small pack, all live: nothing to merge it with
    result: dict[str, Any] = {"packs_rewritten": len(todo), "packs_written": 0,
                              "loose_packed": len(loose), "dropped_blobs": dropped,
                              "freed_bytes": 0, "errors": errors}  # fmt: skip
    if dry_run or not (todo or loose):
        return result
    collected: dict[str, bytes] = {}
    for name, _entries, keep in todo:
        raw = store.backend.read(pack_key(name)) if old[name] <= PACK_TARGET_BYTES else None
        for digest in keep:
            if digest not in collected:
                data = store.packs.read(name, digest, raw)
                if data is None:
                    raise CorruptObject(f"{pack_key(name)}: lost {digest[:12]}… while repacking",
                                        pack_key(name))  # fmt: skip
                collected[digest] = data
    for key in loose:
        found = hash_of_key(key)
        if found and found not in collected:
            collected[found] = store.backend.read(key)
    for digest, data in collected.items():
        collected[digest] = _blockable(data, digest)
    written = 0
    groups = split({d: len(v) for d, v in collected.items()})
    for group in groups:
        name = store.packs.new_name()
        written += store.packs.write(name, [(d, collected[d]) for d in group], REPACK_LEVEL)
    store.backend.flush()
    freed = -written
    for name, _entries, _keep in todo:
        if _still_old(store, pack_key(name), cutoff):
            store.backend.delete(pack_key(name))
            store.packs.drop(name)
            freed += old[name]
    for key, size in loose.items():
        if _still_old(store, key, cutoff):
            store.backend.delete(key)
            freed += size
    result["packs_written"] = len(groups)
    result["freed_bytes"] = max(0, freed)
    return result


def _blockable(stored: bytes, digest: str) -> bytes:
    """A small blob compressed on its own (format 1, or a take's lone blob) as raw bytes, so
    it joins a block and compresses with its neighbours."""
    if stored[:1] != ZSTD or len(stored) > SOLID_MAX:
        return stored
    try:
        content = decode_blob(stored, digest, None, SOLID_MAX)
    except CorruptObject:
        return stored  # copied as it is: verify names it
    return RAW + content if not is_compressed(content) else stored


def _still_old(store: Store, key: str, cutoff: float) -> bool:
    """A writer may have touched it since it was listed: look again right before deleting."""
    mtime = store.backend.mtime(key)
    return mtime is not None and mtime < cutoff
