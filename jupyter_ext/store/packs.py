"""Packs: the new blobs of one take in one object, so a take writes a few files (PUTs), not one
per blob; gc repacks what is live (repack.py).

A pack is ``objects/pack/<ULID>.pack``::

    b"JXPK" | version (1 byte) | 3 zero bytes | count (uint32, big-endian) | size (uint64)
    count x [sha256 (32 bytes) | offset (uint64) | length (uint32)]
    the stored blobs (codec.py's encoding: raw, zstd or delta) at their offsets

The index at its head comes with one ranged read (small packs come whole); each blob is then one
ranged read, decoded and checked against its hash like a loose ``objects/ab/cd…`` blob. A pack
is untrusted input like everything in the store: a bad head, an index pointing outside the
pack or more than MAX_PACK_BLOBS entries make it corrupt, never a crash or a huge allocation.

Where a blob is: this server's index remembers the pack of every blob it wrote or saw in a pack
index; a manifest names the packs holding its blobs (``"packs"``, a hint: gc may have repacked
them since); failing both, the store's packs are listed and read newest first.
"""

from __future__ import annotations

import struct
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .backend import MAX_OBJECT_BYTES, Backend
from .errors import CorruptObject
from .ids import is_valid_snapshot_id, ulid_at
from .index import Index

PACK_DIR = "objects/pack"
MAGIC = b"JXPK"
VERSION = 1
_HEAD = struct.Struct(">4sB3xIQ")
_ENTRY = struct.Struct(">32sQI")
MAX_PACK_BLOBS = 1 << 20
# a writer starts another pack past this many bytes (a bigger blob gets a pack of its own)
PACK_TARGET_BYTES = 64 * 2**20
# the first read of a pack: its whole index for up to ~6000 blobs, the whole pack when small
FIRST_READ = 256 * 1024
MAX_HINTS = 64  # pack names a manifest carries
_DISCOVER_EVERY = 5.0  # seconds between listings of the store's packs
_CACHE_ENTRIES = 400_000  # pack index entries kept in memory (~80 MB at most)
_CACHE_WHOLE = 64 * 2**20  # bytes of small packs kept whole


def pack_key(name: str) -> str:
    return f"{PACK_DIR}/{name}.pack"


def name_of(filename: str) -> str | None:
    """The pack name of a file in objects/pack, None for anything else (temp files, junk)."""
    name = filename.rsplit("/", 1)[-1].removesuffix(".pack")
    return name if filename.endswith(".pack") and is_valid_snapshot_id(name) else None


def valid_hints(value: Any) -> list[str]:
    """The pack names of a manifest's "packs" hint that are well-formed (untrusted input)."""
    if not isinstance(value, list):
        return []
    return [v for v in value[:MAX_HINTS] if is_valid_snapshot_id(v)]


def encode_pack(stored: Iterable[tuple[str, bytes]]) -> bytes:
    """One pack of (hash, stored bytes)."""
    items = list(stored)
    offset = _HEAD.size + _ENTRY.size * len(items)
    size = offset + sum(len(data) for _digest, data in items)
    head = [_HEAD.pack(MAGIC, VERSION, len(items), size)]
    for digest, data in items:
        head.append(_ENTRY.pack(bytes.fromhex(digest), offset, len(data)))
        offset += len(data)
    return b"".join(head + [data for _digest, data in items])


def _index_size(head: bytes, key: str) -> int:
    if len(head) < _HEAD.size:
        raise CorruptObject(f"{key}: not a pack (cut short: {len(head)} bytes)", key)
    magic, version, count, _size = _HEAD.unpack_from(head)
    if magic != MAGIC:
        raise CorruptObject(f"{key}: not a pack (bad magic bytes)", key)
    if version != VERSION:
        raise CorruptObject(f"{key}: pack format version {version}, this code reads {VERSION}", key)
    if count > MAX_PACK_BLOBS:
        raise CorruptObject(f"{key}: pack claims {count} blobs (limit {MAX_PACK_BLOBS})", key)
    return int(_HEAD.size + _ENTRY.size * count)


def parse_index(head: bytes, key: str, whole: bool = True) -> dict[str, tuple[int, int]]:
    """hash -> (offset, length) from a pack's head (at least its whole index); *whole*: head
    is the whole pack, which must then be as long as it says."""
    end = _index_size(head, key)
    if len(head) < end:
        raise CorruptObject(f"{key}: pack index cut short", key)
    size = _HEAD.unpack_from(head)[3]
    if whole and len(head) != size:
        raise CorruptObject(f"{key}: pack is {len(head)} bytes, its head says {size}", key)
    entries: dict[str, tuple[int, int]] = {}
    for raw, offset, length in _ENTRY.iter_unpack(head[_HEAD.size : end]):
        if offset < end or length > MAX_OBJECT_BYTES or offset + length > size:
            raise CorruptObject(f"{key}: pack index entry points outside the pack", key)
        entries.setdefault(raw.hex(), (offset, length))
    return entries


class Packs:
    """Reading and writing packs of one store, with the caches that make lookups cheap.

    Shared by a server's threads: caches are guarded by a lock, I/O happens outside it."""

    def __init__(self, backend: Backend, index: Index, clock: Callable[[], float]) -> None:
        self.backend = backend
        self.index = index
        self.clock = clock
        self._lock = threading.Lock()
        self._find_lock = threading.Lock()  # one thread looks through packs at a time
        self._entries: OrderedDict[str, dict[str, tuple[int, int]]] = OrderedDict()
        self._entry_count = 0
        self._whole: OrderedDict[str, bytes] = OrderedDict()
        self._whole_bytes = 0
        self._hints: OrderedDict[str, None] = OrderedDict()
        self._read: set[str] = set()  # packs whose index this process has read
        self._listing: list[str] = []  # the store's packs at the last listing, newest first
        self._listed = -1e9

    # ------------------------------------------------------------ reading
    def entries(self, name: str) -> dict[str, tuple[int, int]]:
        """The index of pack *name*; FileNotFoundError when it is gone, CorruptObject if bad."""
        with self._lock:
            cached = self._entries.get(name)
            if cached is not None:
                self._entries.move_to_end(name)
                return cached
        key = pack_key(name)
        head = self.backend.read_range(key, 0, FIRST_READ)
        whole = len(head) < FIRST_READ
        end = _index_size(head, key)
        if end > len(head):
            head += self.backend.read_range(key, len(head), end - len(head))
        entries = parse_index(head, key, whole)
        self.index.place(entries, name)
        self._cache(name, entries, head if whole else None)
        return entries

    def _cache(self, name: str, entries: dict[str, tuple[int, int]], whole: bytes | None) -> None:
        with self._lock:
            self._read.add(name)
            if name not in self._entries:
                self._entry_count += len(entries)
            self._entries[name] = entries
            while self._entry_count > _CACHE_ENTRIES and len(self._entries) > 1:
                _name, old = self._entries.popitem(last=False)
                self._entry_count -= len(old)
            if whole is not None and len(whole) <= FIRST_READ:
                self._whole[name] = whole
                self._whole_bytes += len(whole)
                while self._whole_bytes > _CACHE_WHOLE:
                    _name, data = self._whole.popitem(last=False)
                    self._whole_bytes -= len(data)

    def clear_cache(self) -> None:
        """Read every pack again from the store (verify trusts nothing it read before)."""
        with self._lock:
            self._entries.clear()
            self._entry_count = 0
            self._whole.clear()
            self._whole_bytes = 0
            self._read.clear()

    def drop(self, name: str) -> None:
        """Forget pack *name* (it is gone: repacked by gc)."""
        with self._lock:
            old = self._entries.pop(name, None)
            if old is not None:
                self._entry_count -= len(old)
            data = self._whole.pop(name, None)
            if data is not None:
                self._whole_bytes -= len(data)
            self._hints.pop(name, None)
            self._read.discard(name)
            if name in self._listing:
                self._listing.remove(name)
        self.index.forget_pack(name)

    def read(self, name: str, digest: str) -> bytes | None:
        """The stored bytes of *digest* in pack *name*; None if that pack is gone or lacks it."""
        try:
            entries = self.entries(name)
        except FileNotFoundError:
            self.drop(name)
            return None
        where = entries.get(digest)
        if where is None:
            return None
        offset, length = where
        key = pack_key(name)
        with self._lock:
            whole = self._whole.get(name)
        if whole is not None:
            data = whole[offset : offset + length]
        else:
            try:
                data = self.backend.read_range(key, offset, length)
            except FileNotFoundError:
                self.drop(name)
                return None
        if len(data) != length:
            raise CorruptObject(f"{key}: blob {digest[:12]}… is cut short in the pack", key)
        return data

    def known(self, digest: str) -> tuple[bytes, str] | None:
        """(stored bytes, pack key) from the pack this server knows *digest* is in."""
        name = self.index.packs_of([digest]).get(digest)
        if name is not None:
            data = self.read(name, digest)
            if data is not None:
                return data, pack_key(name)
        return None

    def hint(self, value: Any) -> None:
        """Remember a manifest's pack names: where to look for its blobs."""
        names = valid_hints(value)
        if not names:
            return
        with self._lock:
            for name in names:
                if name not in self._read:
                    self._hints[name] = None
            while len(self._hints) > 4096:
                self._hints.popitem(last=False)

    def read_hinted(self) -> None:
        """Read the index of every hinted pack not read yet (a writer about to decide which
        blobs are new: the parent's packs usually hold most of them)."""
        with self._lock:
            hinted = [n for n in reversed(self._hints) if n not in self._read]
        for name in hinted:
            try:
                self.entries(name)
            except FileNotFoundError:
                self.drop(name)
            except CorruptObject:
                continue  # a bad hint costs a copy, never the take

    def find(self, digest: str) -> tuple[bytes, str] | None:
        """(stored bytes, pack key) of *digest* from hinted packs, else from the store's packs
        listed newest first (each pack index read once per process)."""
        with self._find_lock:
            found = self.known(digest)  # another thread may just have read its pack
            if found is not None:
                return found
            return self._look(digest)

    def _look(self, digest: str) -> tuple[bytes, str] | None:
        """Hinted packs, then every pack newest first; a corrupt pack is skipped (a hostile
        one must not hide the others) and named only when no healthy pack has the blob."""
        bad: CorruptObject | None = None
        for name in self._candidates():
            try:
                data = self.read(name, digest)
            except CorruptObject as exc:
                bad = bad or exc
                continue
            if data is not None:
                return data, pack_key(name)
        if bad is not None:
            raise bad
        return None

    def _candidates(self) -> Iterator[str]:
        with self._lock:
            hinted = [n for n in reversed(self._hints) if n not in self._read]
        yield from hinted
        with self._lock:
            due = time.monotonic() - self._listed > _DISCOVER_EVERY
        if due:
            names = self.names()
            with self._lock:
                self._listed = time.monotonic()
                self._listing = names[::-1]
        with self._lock:
            rest = [n for n in self._listing if n not in self._read and n not in hinted]
        yield from rest

    def names(self) -> list[str]:
        """Every pack in the store, oldest first."""
        return [n for n in (name_of(f) for f in self.backend.list(PACK_DIR)) if n]

    # ------------------------------------------------------------ writing
    def new_name(self) -> str:
        return ulid_at(int(self.clock() * 1000))

    def write(self, name: str, stored: Iterable[tuple[str, bytes]]) -> None:
        """Write pack *name* (atomic: a temp file renamed, or one PUT) and remember it."""
        items = list(stored)
        raw = encode_pack(items)
        self.backend.write(pack_key(name), raw)
        entries = parse_index(raw, pack_key(name))
        self.index.remember(entries, self.clock(), pack=name)
        self._cache(name, entries, raw if len(raw) < FIRST_READ else None)


def split(sizes: dict[str, int], target: int = PACK_TARGET_BYTES) -> list[list[str]]:
    """Blobs grouped into packs of about *target* bytes each, in the given order."""
    groups: list[list[str]] = []
    size = 0
    for digest, n in sizes.items():
        if not groups or (size + n > target and groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(digest)
        size += n
    return groups
