"""Blob bytes on disk: one codec byte + payload; the address is sha256 of the raw content."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any

import zstandard

from .errors import CorruptObject, TooLarge

RAW = b"r"
ZSTD = b"z"
# b"d" + depth byte + 32-byte sha256 of a base blob + zstd frame compressed with the base's
# content as dictionary: a changed chunk costs what changed in it (git-style deltas).
DELTA = b"d"
MAX_DEPTH = 10  # longest base chain a writer makes
MAX_READ_CHAIN = 40  # longest one a reader follows
# A blob's content is never larger than this, whatever its zstd frame declares (checked before
# allocating); reading a notebook passes a tighter limit (what its manifest declares).
MAX_BLOB_BYTES = 256 * 2**20
# Below this size compression rarely pays for its frame header; store raw.
_MIN_COMPRESS = 64
# Already-compressed formats (PNG, JPEG, GIF, gzip, zip, zstd): compressing again wastes time.
_COMPRESSED_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04", b"\x28\xb5")
_local = threading.local()


def blob_hash(data: bytes) -> str:
    """sha256 hex digest of *data* (the uncompressed content): a blob's address."""
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON bytes (sorted keys, no spaces, UTF-8) so equal values hash equally."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # surrogatepass: json.loads can yield lone surrogates; keep them byte-exact.
    return text.encode("utf-8", "surrogatepass")


def load_json(data: bytes) -> Any:
    return json.loads(data.decode("utf-8", "surrogatepass"))


def _compressor(level: int) -> zstandard.ZstdCompressor:
    cache: dict[int, zstandard.ZstdCompressor] | None = getattr(_local, "cctx", None)
    if cache is None:
        cache = _local.cctx = {}
    if level not in cache:
        cache[level] = zstandard.ZstdCompressor(level=level)
    return cache[level]


def encode_blob(data: bytes) -> bytes:
    """Codec byte + payload: zstd when it saves space, raw otherwise."""
    if len(data) < _MIN_COMPRESS or data.startswith(_COMPRESSED_MAGIC):
        return RAW + data
    # Small blobs get a high level, big ones a fast one. Not 19: on notebook text it saves ~2 %
    # over 12 for 4x the time, and a first take compresses every part of the notebook.
    level = 12 if len(data) <= 256 * 1024 else 6
    packed = _compressor(level).compress(data)
    if len(packed) + 8 < len(data):
        return ZSTD + packed
    return RAW + data


def is_compressed(data: bytes) -> bool:
    """Content in a format that is compressed already (images, archives)."""
    return data.startswith(_COMPRESSED_MAGIC)


def encode_delta(data: bytes, base: bytes, base_hash: str, base_depth: int) -> bytes:
    """Delta against *base* when that is smaller than encode_blob(data) and the chain is short."""
    full = encode_blob(data)
    if base_depth + 1 > MAX_DEPTH or len(data) < _MIN_COMPRESS:
        return full
    dict_data = zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    level = 19 if len(data) <= 256 * 1024 else 9  # big parts (images): a fast level
    packed = zstandard.ZstdCompressor(level=level, dict_data=dict_data).compress(data)
    delta = DELTA + bytes([base_depth + 1]) + bytes.fromhex(base_hash) + packed
    return delta if len(delta) < len(full) else full


def depth_of(stored: bytes) -> int:
    return stored[1] if stored[:1] == DELTA else 0


def base_of(stored: bytes) -> str | None:
    return stored[2:34].hex() if stored[:1] == DELTA else None


Fetch = Callable[[str], bytes]


def _decompress(dctx: zstandard.ZstdDecompressor, payload: bytes, key: str, limit: int) -> bytes:
    """zstd with a size limit enforced before allocating: a frame that declares more is refused
    at once; one that declares nothing is streamed and cut off past the limit."""
    try:
        declared = zstandard.frame_content_size(payload)
    except zstandard.ZstdError as exc:
        raise CorruptObject(f"{key}: cannot decompress ({exc})", key) from exc
    if declared > limit:
        raise TooLarge(f"{key}: too large (declares {declared} bytes, limit {limit})", key)
    if declared >= 0:
        data = dctx.decompress(payload)
    else:
        reader = dctx.stream_reader(payload, read_across_frames=True)
        parts: list[bytes] = []
        got = 0
        while got <= limit:
            part = reader.read(min(1 << 20, limit + 1 - got))
            if not part:
                break
            parts.append(part)
            got += len(part)
        data = b"".join(parts)
    if len(data) > limit:
        raise TooLarge(f"{key}: too large (more than {limit} bytes)", key)
    return data


def decompress_bounded(frame: bytes, key: str, limit: int) -> bytes:
    """A zstd frame's content, never more than *limit* bytes; CorruptObject(key) if bad."""
    try:
        return _decompress(zstandard.ZstdDecompressor(), frame, key, limit)
    except zstandard.ZstdError as exc:
        raise CorruptObject(f"{key}: cannot decompress ({exc})", key) from exc


def decode_blob(
    stored: bytes, key: str, fetch: Fetch | None = None, limit: int = MAX_BLOB_BYTES
) -> bytes:
    """Undo encode_blob; CorruptObject(key) when the codec byte or payload is bad, the content
    is larger than *limit*, or a delta's base chain is cyclic or longer than MAX_DEPTH.

    fetch(hash) returns a delta's base content (verified); needed only for b"d" blobs.
    """
    codec, payload = stored[:1], stored[1:]
    if codec == RAW:
        if len(payload) > limit:
            raise TooLarge(f"{key}: too large ({len(payload)} bytes, limit {limit})", key)
        return payload
    try:
        if codec == ZSTD:
            return _decompress(zstandard.ZstdDecompressor(), payload, key, limit)
        if codec == DELTA and len(stored) > 34 and fetch is not None:
            base = _fetch_base(stored[2:34].hex(), key, fetch)
            dict_data = zstandard.ZstdCompressionDict(
                base, dict_type=zstandard.DICT_TYPE_RAWCONTENT
            )
            dctx = zstandard.ZstdDecompressor(dict_data=dict_data)
            return _decompress(dctx, stored[34:], key, limit)
    except zstandard.ZstdError as exc:
        raise CorruptObject(f"{key}: cannot decompress ({exc})", key) from exc
    raise CorruptObject(f"{key}: unknown codec byte {codec!r}", key)


def _fetch_base(base: str, key: str, fetch: Fetch) -> bytes:
    """fetch() of a delta base, tracking the chain on this thread: a delta naming itself, a
    cycle of deltas or an absurdly long chain is corrupt, not an endless recursion. (Writers
    keep chains near MAX_DEPTH; a reader tolerates longer ones from older writers.)"""
    chain: list[str] | None = getattr(_local, "delta_chain", None)
    if chain is None:
        chain = _local.delta_chain = []
    if base in chain or len(chain) >= MAX_READ_CHAIN:
        what = "cyclic" if base in chain else f"longer than {MAX_READ_CHAIN} blobs"
        raise CorruptObject(f"{key}: its delta base chain is {what}", key)
    chain.append(base)
    try:
        return fetch(base)
    finally:
        chain.pop()


def decode_verified(
    stored: bytes, digest: str, key: str, fetch: Fetch | None = None, limit: int = MAX_BLOB_BYTES
) -> bytes:
    """Decode and check the content hash; CorruptObject names the object when they differ."""
    data = decode_blob(stored, key, fetch, limit)
    if blob_hash(data) != digest:
        raise CorruptObject(f"{key}: content does not match its hash", key)
    return data
