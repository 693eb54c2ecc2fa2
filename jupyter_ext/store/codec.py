"""Blob bytes on disk: one codec byte + payload; the address is sha256 of the raw content."""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

import zstandard

from .errors import CorruptObject

RAW = b"r"
ZSTD = b"z"
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


def decode_blob(stored: bytes, key: str) -> bytes:
    """Undo encode_blob; CorruptObject(key) when the codec byte or payload is bad."""
    codec, payload = stored[:1], stored[1:]
    if codec == RAW:
        return payload
    if codec == ZSTD:
        try:
            return zstandard.ZstdDecompressor().decompress(payload)
        except zstandard.ZstdError as exc:
            raise CorruptObject(f"{key}: cannot decompress ({exc})", key) from exc
    raise CorruptObject(f"{key}: unknown codec byte {codec!r}", key)


def decode_verified(stored: bytes, digest: str, key: str) -> bytes:
    """Decode and check the content hash; CorruptObject names the object when they differ."""
    data = decode_blob(stored, key)
    if blob_hash(data) != digest:
        raise CorruptObject(f"{key}: content does not match its hash", key)
    return data
