"""Delta bases for a take: which of the parent's blobs each new blob is stored as a delta of.

git's deltas search a window of similar objects; a notebook knows where to look. A new chunk of
cells deltas against the parent's chunk holding most of the same cells; a big part (image, long
output) that changed deltas against the parent's part in the same place. Everything here is best
effort: a base that cannot be read only costs bytes.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING, Any

from .codec import decode_verified, depth_of
from .errors import StoreError
from .notebook import Encoded, chunk_cell_keys, split_hashes

if TYPE_CHECKING:
    from .store import Store

# blob -> (base blob, base content, base's delta depth)
Bases = dict[str, tuple[str, bytes, int]]
_MAX_CHUNKS = 4096
_MAX_CHUNK_BYTES = 128 * 2**20


class DeltaBases:
    """What a Store remembers between takes to pick bases: recent chunk contents with the
    delta depth they were stored at, and where each notebook's last take put its parts."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._chunks: OrderedDict[str, tuple[bytes, int]] = OrderedDict()
        self._chunk_bytes = 0
        # per notebook key: the last take's snapshot id and where its parts were
        self._places: dict[str, tuple[str, dict[Any, str]]] = {}

    def for_take(self, enc: Encoded, key: str, parent: str | None) -> Bases:
        """Bases for the blobs of *enc*; the bases' contents join enc.blobs, so the take checks
        (and keeps alive) the blobs its deltas need like its own."""
        bases = self._chunk_bases(enc, parent)
        self._part_bases(enc, key, parent, bases)
        for base, content, _depth in list(bases.values()):
            enc.blobs.setdefault(base, content)
        return bases

    def taken(self, enc: Encoded, key: str, sid: str, bases: Bases,
              written: dict[str, int]) -> None:  # fmt: skip
        """Remember what take *sid* wrote. Delta depths are remembered as written; a blob
        that was there already keeps the depth it was written with (remembered, or read
        later): taking it as 0 would let chains grow past what readers follow, taking it as
        deeper stops deltas."""
        for digest in [*enc.chunks, *([enc.cells] if enc.cells else []), *bases]:
            if digest in written:
                self._remember(digest, enc.blobs[digest], written[digest])
        if key:
            with self._lock:
                self._places[key] = (sid, _places(enc))

    def _remember(self, digest: str, content: bytes, depth: int) -> None:
        with self._lock:
            if digest not in self._chunks:
                self._chunk_bytes += len(content)
            self._chunks[digest] = (content, depth)
            self._chunks.move_to_end(digest)
            while len(self._chunks) > _MAX_CHUNKS or self._chunk_bytes > _MAX_CHUNK_BYTES:
                _digest, (old, _depth) = self._chunks.popitem(last=False)
                self._chunk_bytes -= len(old)

    def _content(self, digest: str) -> tuple[bytes, int]:
        with self._lock:
            hit = self._chunks.get(digest)
        if hit is not None:
            return hit
        stored, key = self.store.stored(digest)
        content = decode_verified(stored, digest, key, self.store.read_blob)
        self._remember(digest, content, depth_of(stored))
        return content, depth_of(stored)

    def _chunk_bases(self, enc: Encoded, parent: str | None) -> Bases:
        """For each new chunk (and the chunk list), the parent's chunk it shares most cells
        with: where a cell was inserted or a boundary cell edited, the chunk at the same
        index holds other cells. Failing any shared cell, the chunk at the same index."""
        bases: Bases = {}
        if not parent or enc.cells is None:
            return bases
        try:
            old_cells = self.store._manifest(parent)["content"].get("cells")
            if not old_cells or old_cells == enc.cells:
                return bases
            old_list, depth = self._content(old_cells)
            bases[enc.cells] = (old_cells, old_list, depth)
            old_chunks = split_hashes(old_list)
            if not old_chunks:
                return bases
            present, kept = set(old_chunks), set(enc.chunks)
            holders: dict[str, list[int]] = {}  # cell key -> the gone old chunks holding it
            for j, digest in enumerate(old_chunks):
                if digest not in kept:
                    for key in set(chunk_cell_keys(self._content(digest)[0])):
                        holders.setdefault(key, []).append(j)
            for i, digest in enumerate(enc.chunks):
                if digest in present:
                    continue
                shared: Counter[int] = Counter()
                for key in set(chunk_cell_keys(enc.blobs[digest])):
                    shared.update(holders.get(key, ()))
                at = min(i, len(old_chunks) - 1)
                if shared:
                    at = max(shared, key=lambda j: (shared[j], -abs(j - at)))
                content, depth = self._content(old_chunks[at])
                bases[digest] = (old_chunks[at], content, depth)
        except (StoreError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}
        return bases

    def _part_bases(self, enc: Encoded, key: str, parent: str | None, bases: Bases) -> None:
        """Big parts that changed: the parent's part at the same cell (by id, else by source)
        and path, else the same cell position. Re-rendered plots often differ from the last
        run's in a few bytes. Known only for a parent this server took."""
        with self._lock:
            last = self._places.get(key)
        if last is None or last[0] != parent:
            return
        old = last[1]
        present = set(old.values())
        for index, path, digest in enc.places:
            if digest in present or digest in bases:
                continue
            base = old.get((enc.cell_keys[index], path)) or old.get((index, path))
            if base is None or base == digest:
                continue
            try:
                content, depth = self._content(base)
            except (StoreError, OSError, ValueError):
                continue
            bases[digest] = (base, content, depth)


def _places(enc: Encoded) -> dict[Any, str]:
    out: dict[Any, str] = {}
    for index, path, digest in enc.places:
        out.setdefault((index, path), digest)
        out.setdefault((enc.cell_keys[index], path), digest)
    return out
