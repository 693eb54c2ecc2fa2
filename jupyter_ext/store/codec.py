"""Blob bytes on disk: one codec byte + payload; the address is sha256 of the raw content."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any

import zstandard

from .errors import CorruptObject

RAW = b"r"
ZSTD = b"z"
# b"d" + depth byte + 32-byte sha256 of a base blob + zstd frame compressed with the base's
# content as dictionary: a changed chunk costs what changed in it (git-style deltas).
DELTA = b"d"
MAX_DEPTH = 10  # longest base chain a reader may have to follow
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
    # Small blobs are cheap to squeeze hard; big ones get a fast level.
    level = 19 if len(data) <= 256 * 1024 else 6
    packed = _compressor(level).compress(data)
    if len(packed) + 8 < len(data):
        return ZSTD + packed
    return RAW + data


def encode_delta(data: bytes, base: bytes, base_hash: str, base_depth: int) -> bytes:
    """Delta against *base* when that is smaller than encode_blob(data) and the chain is short."""
    full = encode_blob(data)
    if base_depth + 1 > MAX_DEPTH or len(data) < _MIN_COMPRESS:
        return full
    dict_data = zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    packed = zstandard.ZstdCompressor(level=19, dict_data=dict_data).compress(data)
    delta = DELTA + bytes([base_depth + 1]) + bytes.fromhex(base_hash) + packed
    return delta if len(delta) < len(full) else full


def depth_of(stored: bytes) -> int:
    return stored[1] if stored[:1] == DELTA else 0


def base_of(stored: bytes) -> str | None:
    return stored[2:34].hex() if stored[:1] == DELTA else None


Fetch = Callable[[str], bytes]


def decode_blob(stored: bytes, key: str, fetch: Fetch | None = None) -> bytes:
    """Undo encode_blob; CorruptObject(key) when the codec byte or payload is bad.

    fetch(hash) returns a delta's base content (verified); needed only for b"d" blobs.
    """
    codec, payload = stored[:1], stored[1:]
    if codec == RAW:
        return payload
    try:
        if codec == ZSTD:
            return zstandard.ZstdDecompressor().decompress(payload)
        if codec == DELTA and len(stored) > 34 and fetch is not None:
            base = fetch(stored[2:34].hex())
            dict_data = zstandard.ZstdCompressionDict(
                base, dict_type=zstandard.DICT_TYPE_RAWCONTENT
            )
            return zstandard.ZstdDecompressor(dict_data=dict_data).decompress(stored[34:])
    except zstandard.ZstdError as exc:
        raise CorruptObject(f"{key}: cannot decompress ({exc})", key) from exc
    raise CorruptObject(f"{key}: unknown codec byte {codec!r}", key)


def decode_verified(stored: bytes, digest: str, key: str, fetch: Fetch | None = None) -> bytes:
    """Decode and check the content hash; CorruptObject names the object when they differ."""
    data = decode_blob(stored, key, fetch)
    if blob_hash(data) != digest:
        raise CorruptObject(f"{key}: content does not match its hash", key)
    return data
