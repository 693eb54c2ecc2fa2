"""Putting blobs into the shared store: the new ones of a take as one pack (a few for big takes),
the known ones left where they are.

Racing gc (see Store docs): a blob is reused without looking only when this server knew it
present within gc_grace/4; otherwise its pack is looked at (one request per pack, not per blob)
and touched when older than gc_grace/2, so gc (which repacks only packs older than gc_grace) never
takes it from under the take. A pack gc removed anyway between the touch and the manifest is
caught by recheck() after the manifest, which writes those blobs again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .backend import Backend
from .codec import RAW, depth_of, encode_blob, encode_delta, is_compressed
from .packs import MAX_HINTS, SOLID_MAX, pack_key, split
from .refs import blob_key

if TYPE_CHECKING:
    from .store import Store

Bases = Mapping[str, tuple[str, bytes, int]]
OTHER_HINTS = 4  # packs a manifest names besides its own


@dataclass
class Plan:
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # new packs to write
    freshened: dict[str, list[str]] = field(default_factory=dict)  # touched pack -> our blobs
    hints: list[str] = field(default_factory=list)  # packs holding the blobs (for readers)


def plan(store: Store, blobs: Mapping[str, bytes]) -> Plan:
    """Which blobs go into new packs, which stay where they are."""
    now = store.clock()
    grace = store.gc_grace.total_seconds()
    todo = list(blobs)
    trusted = store.index.known(todo, now - grace / 4)
    located = store.index.packs_of(todo)
    if len(located) + len(trusted) < len(todo):
        store.packs.read_hinted()  # e.g. the parent's packs, read for its manifest
        located = store.index.packs_of(todo)
    checking: dict[str, list[str]] = {}
    for digest in todo:
        if digest not in trusted and digest in located:
            checking.setdefault(located[digest], []).append(digest)
    gone: set[str] = set()
    result = Plan()

    def look(name: str) -> None:
        mtime = store.backend.mtime(pack_key(name))
        if mtime is None:
            gone.add(name)
        elif now - mtime > grace / 2:
            if store.backend.touch(pack_key(name)):
                result.freshened[name] = checking[name]
            else:
                gone.add(name)

    _each(look, list(checking))
    for name in gone:
        store.packs.drop(name)
    reused = [d for name, ds in checking.items() if name not in gone for d in ds]
    if reused:
        store.index.remember(reused, now)
    new = [d for d in todo if d not in trusted and (d not in located or located[d] in gone)]
    for group in split({d: len(blobs[d]) for d in new}):
        result.groups.append((store.packs.new_name(), group))
    # hints: its own new packs, then the packs holding most of its other blobs (a few names:
    # a reader finds the rest by listing, newest first)
    names = [name for name, _group in result.groups]
    counts = Counter(p for p in located.values() if p not in gone)
    names += [p for p, _n in counts.most_common(OTHER_HINTS)]
    result.hints = list(dict.fromkeys(names))[:MAX_HINTS]
    return result


def write(store: Store, plan: Plan, blobs: Mapping[str, bytes],
          bases: Bases | None) -> dict[str, int]:  # fmt: skip
    """Write the plan's new packs, durably, before any manifest names them. Returns the delta
    depth each blob was written with (0: whole)."""
    if not plan.groups:
        return {}
    depths: dict[str, int] = {}
    for name, group in plan.groups:
        stored = _encode(group, blobs, bases or {})
        store.packs.write(name, zip(group, stored, strict=True))
        depths.update((d, depth_of(b)) for d, b in zip(group, stored, strict=True))
    store.backend.flush()
    return depths


def recheck(store: Store, plan: Plan, blobs: Mapping[str, bytes]) -> None:
    """After the manifest: a pack we touched may have been repacked away by a gc that judged it
    old just before; write our blobs from it again (we hold their content)."""
    lost = [d for name, ds in plan.freshened.items()
            if store.backend.mtime(pack_key(name)) is None for d in ds]  # fmt: skip
    if lost:
        write(store, Plan(groups=[(store.packs.new_name(), lost)]), blobs, None)


def put_loose(backend: Backend, blobs: Mapping[str, bytes]) -> None:
    """One file per blob (the private outbox: delivered, then deleted, never gc'd)."""
    todo = [d for d in blobs if backend.mtime(blob_key(d)) is None]
    stored = _encode(todo, blobs, {}, packed=False)
    for digest, data in zip(todo, stored, strict=True):
        backend.write(blob_key(digest), data)
    backend.flush()


def _encode(group: list[str], blobs: Mapping[str, bytes], bases: Bases,
            packed: bool = True) -> list[bytes]:  # fmt: skip
    """Stored bytes of each blob; for a pack, small text stays raw: its block compresses it
    together with its neighbours (packs.py)."""

    def one(digest: str) -> bytes:
        data = blobs[digest]
        if digest in bases:
            base, content, depth = bases[digest]
            return encode_delta(data, content, base, depth)
        if packed and len(data) < SOLID_MAX and not is_compressed(data):
            return RAW + data
        return encode_blob(data)

    if len(group) < 16:
        return [one(d) for d in group]
    with ThreadPoolExecutor(4) as pool:  # zstd releases the GIL
        return list(pool.map(one, group))


def _each(run: Callable[[str], None], items: list[str]) -> None:
    """run() on each item; object stores answer in parallel (one round trip per pack)."""
    if len(items) <= 1:
        for item in items:
            run(item)
        return
    with ThreadPoolExecutor(min(16, len(items))) as pool:
        list(pool.map(run, items))
