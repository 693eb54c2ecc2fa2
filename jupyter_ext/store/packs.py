"""Packs: the new blobs of one take in one object, so a take writes a few files (PUTs), not one
per blob; gc repacks what is live (repack.py).

A pack is ``objects/pack/<ULID>.pack``::

    b"JXPK" | version (1 byte) | 3 zero bytes | count (uint32, big-endian) | size (uint64)
    count x [sha256 (32 bytes) | offset (uint64) | length (uint32) | member (2 x uint32)]
    the stored blobs (codec.py's encoding: raw, zstd or delta) and blocks, at their offsets

Small compressible blobs (notebook text: chunks of cells, nodes, sources) share *blocks*: one zstd
frame of up to ~256 kB of their stored bytes, so they compress together as git's packs do, not
each alone (a third smaller on notebook text). A blob in a block has member = (offset, length)
inside the block's content; a blob stored on its own has member = (0xFFFFFFFF, 0).

The index at its head comes with one ranged read (small packs come whole); each blob is then one
ranged read (its block, cached once read), decoded and checked against its hash like a loose
``objects/ab/cd…`` blob. A pack
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

import zstandard

from . import layout
from .backend import MAX_OBJECT_BYTES, Backend
from .codec import RAW, decompress_bounded, is_compressed
from .errors import CorruptObject
from .ids import is_valid_snapshot_id, ulid_at
from .index import Index

PACK_DIR = "objects/pack"
MAGIC = b"JXPK"
VERSION = 1
_HEAD = struct.Struct(">4sB3xIQ")
_ENTRY = struct.Struct(">32sQIII")
ALONE = 0xFFFFFFFF  # member offset of a blob stored on its own
SOLID_MAX = 64 * 1024  # blobs up to this size (stored raw) may share a block
BLOCK_TARGET = 256 * 1024  # content bytes per block
MAX_BLOCK = 4 * 2**20  # content a reader decompresses for one block, at most
BLOCK_LEVEL = 12  # a take's blocks
REPACK_LEVEL = 19  # gc's: slower, a few % smaller, paid once per repack
_CACHE_BLOCKS = 32 * 2**20  # bytes of decompressed blocks kept
MAX_PACK_BLOBS = 1 << 18  # a reader reads at most a 13.6 MB index
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


Entry = tuple[int, int, int, int]  # offset, length, member offset, member length


def _solid(stored: bytes) -> bool:
    return stored[:1] == RAW and len(stored) <= SOLID_MAX and not is_compressed(stored[1:])


def encode_pack(stored: Iterable[tuple[str, bytes]], level: int = BLOCK_LEVEL) -> bytes:
    """One pack of (hash, stored bytes); small raw ones are compressed together in blocks."""
    items = list(stored)
    alone = [(d, b) for d, b in items if not _solid(b)]
    blocks: list[list[tuple[str, bytes]]] = [[]]
    for digest, data in items:
        if _solid(data):
            if sum(len(b) for _d, b in blocks[-1]) + len(data) > BLOCK_TARGET:
                blocks.append([])
            blocks[-1].append((digest, data))
    frames: list[tuple[bytes, list[tuple[str, int, int]]]] = []
    compressor = zstandard.ZstdCompressor(level=level)
    for block in blocks:
        content = b"".join(b for _d, b in block)
        frame = compressor.compress(content) if content else b""
        if not block or len(frame) > len(content) * 0.9:
            alone += block  # nothing to gain: stored on their own
            continue
        members, at = [], 0
        for digest, data in block:
            members.append((digest, at, len(data)))
            at += len(data)
        frames.append((frame, members))
    count = len(alone) + sum(len(m) for _f, m in frames)
    offset = _HEAD.size + _ENTRY.size * count
    size = offset + sum(len(b) for _d, b in alone) + sum(len(f) for f, _m in frames)
    head = [_HEAD.pack(MAGIC, VERSION, count, size)]
    body: list[bytes] = []
    for digest, data in alone:
        head.append(_ENTRY.pack(bytes.fromhex(digest), offset, len(data), ALONE, 0))
        body.append(data)
        offset += len(data)
    for frame, members in frames:
        for digest, at, n in members:
            head.append(_ENTRY.pack(bytes.fromhex(digest), offset, len(frame), at, n))
        body.append(frame)
        offset += len(frame)
    return b"".join(head + body)


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


def parse_index(head: bytes, key: str, whole: bool = True) -> dict[str, Entry]:
    """hash -> (offset, length) from a pack's head (at least its whole index); *whole*: head
    is the whole pack, which must then be as long as it says."""
    end = _index_size(head, key)
    if len(head) < end:
        raise CorruptObject(f"{key}: pack index cut short", key)
    size = _HEAD.unpack_from(head)[3]
    if whole and len(head) != size:
        raise CorruptObject(f"{key}: pack is {len(head)} bytes, its head says {size}", key)
    entries: dict[str, Entry] = {}
    for raw, offset, length, member, n in _ENTRY.iter_unpack(head[_HEAD.size : end]):
        if offset < end or length > MAX_OBJECT_BYTES or offset + length > size:
            raise CorruptObject(f"{key}: pack index entry points outside the pack", key)
        if member != ALONE and member + n > MAX_BLOCK:
            raise CorruptObject(f"{key}: pack index entry points outside its block", key)
        entries.setdefault(raw.hex(), (offset, length, member, n))
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
        self._entries: OrderedDict[str, dict[str, Entry]] = OrderedDict()
        self._entry_count = 0
        self._whole: OrderedDict[str, bytes] = OrderedDict()
        self._whole_bytes = 0
        self._blocks: OrderedDict[tuple[str, int], bytes] = OrderedDict()  # decompressed
        self._block_bytes = 0
        self._hints: OrderedDict[str, None] = OrderedDict()
        self._read: set[str] = set()  # packs whose index this process has read
        self._listing: list[str] = []  # the store's packs at the last listing, newest first
        self._listed = -1e9
        self._marked = False  # the marker was checked (and upgraded) by this process

    # ------------------------------------------------------------ reading
    def entries(self, name: str) -> dict[str, Entry]:
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

    def _cache(self, name: str, entries: dict[str, Entry], whole: bytes | None) -> None:
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
            self._blocks.clear()
            self._block_bytes = 0
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
            for block in [k for k in self._blocks if k[0] == name]:
                self._block_bytes -= len(self._blocks.pop(block))
            if name in self._listing:
                self._listing.remove(name)
        self.index.forget_pack(name)

    def read(self, name: str, digest: str, raw: bytes | None = None) -> bytes | None:
        """The stored bytes of *digest* in pack *name* (*raw*: the whole pack, when the caller
        has it); None if that pack is gone or lacks it."""
        try:
            entries = self.entries(name)
        except FileNotFoundError:
            self.drop(name)
            return None
        where = entries.get(digest)
        if where is None:
            return None
        offset, length, member, n = where
        key = pack_key(name)
        if member == ALONE:
            data = self._range(name, offset, length, raw)
            if data is None:
                return None
        else:
            block = self._block(name, offset, length, raw)
            if block is None:
                return None
            data = block[member : member + n]
            length = n
        if len(data) != length:
            raise CorruptObject(f"{key}: blob {digest[:12]}… is cut short in the pack", key)
        return data

    def _range(self, name: str, offset: int, length: int, raw: bytes | None) -> bytes | None:
        if raw is None:
            with self._lock:
                raw = self._whole.get(name)
        if raw is not None:
            return raw[offset : offset + length]
        try:
            return self.backend.read_range(pack_key(name), offset, length)
        except FileNotFoundError:
            self.drop(name)
            return None

    def _block(self, name: str, offset: int, length: int, raw: bytes | None) -> bytes | None:
        """A block's content (decompressed once, then cached), never more than MAX_BLOCK."""
        with self._lock:
            cached = self._blocks.get((name, offset))
            if cached is not None:
                self._blocks.move_to_end((name, offset))
                return cached
        frame = self._range(name, offset, length, raw)
        if frame is None:
            return None
        key = pack_key(name)
        content = decompress_bounded(frame, key, MAX_BLOCK)
        with self._lock:
            self._blocks[(name, offset)] = content
            self._block_bytes += len(content)
            while self._block_bytes > _CACHE_BLOCKS and len(self._blocks) > 1:
                _k, old = self._blocks.popitem(last=False)
                self._block_bytes -= len(old)
        return content

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
        for name in self._unread_hints():
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

    def _unread_hints(self) -> list[str]:
        """Hinted packs whose index this process has not read, newest hint first."""
        with self._lock:
            return [n for n in reversed(self._hints) if n not in self._read]

    def _candidates(self) -> Iterator[str]:
        hinted = self._unread_hints()
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

    def write(self, name: str, stored: Iterable[tuple[str, bytes]],
              level: int = BLOCK_LEVEL) -> int:  # fmt: skip
        """Write pack *name* (atomic: a temp file renamed, or one PUT), remember it; its size.

        The store's marker says "packs" before the first one lands, whoever writes it (a take,
        a delivery, gc repacking a format-1 store): older jupyter-ext then asks to be upgraded
        instead of reporting missing blobs."""
        if not self._marked:
            layout.upgrade(self.backend)
            self._marked = True
        items = list(stored)
        raw = encode_pack(items, level)
        self.backend.write(pack_key(name), raw)
        entries = parse_index(raw, pack_key(name))
        self.index.remember(entries, self.clock(), pack=name)
        self._cache(name, entries, raw if len(raw) < FIRST_READ else None)
        return len(raw)


def split(sizes: dict[str, int], target: int = PACK_TARGET_BYTES) -> list[list[str]]:
    """Blobs grouped into packs of about *target* bytes (and 100k blobs) each, in order."""
    groups: list[list[str]] = []
    size = 0
    for digest, n in sizes.items():
        full = groups and (size + n > target or len(groups[-1]) >= 100_000)
        if not groups or (full and groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(digest)
        size += n
    return groups
