"""Which data files a snapshot read now differ from the hashes it recorded.

Each file is hashed the way its recorded hash was made (sha256, sampled sha256, DVC md5, git
blob sha1), so an unchanged file always matches. Only files inside the root are looked at.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..capture.hashing import HashCache

_CHUNK = 1 << 20


def _digest(path: Path, algorithm: str, prefix: bytes = b"") -> str:
    h = hashlib.new(algorithm, prefix)
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def current_hash(path: Path, recorded: str, cache: HashCache) -> str | None:
    """The file's hash of the same kind as ``recorded``; None for an unknown kind."""
    kind = recorded.partition(":")[0]
    st = path.stat()
    if kind == "sha256":
        return cache.file_hash(path, st, sample_above=st.st_size)
    if kind == "sampled-sha256":
        return cache.file_hash(path, st, sample_above=-1)
    if kind == "md5":
        return "md5:" + _digest(path, "md5")
    if kind == "git-sha1":
        return "git-sha1:" + _digest(path, "sha1", f"blob {st.st_size}\0".encode())
    return None


def changed_inputs(
    manifest: Mapping[str, Any], root_dir: Path, hash_cache_dir: Path | None = None
) -> list[str]:
    """Paths of files the run read (or read and wrote) that are missing or whose content
    differs from the recorded hash, in manifest order."""
    root = Path(os.path.realpath(root_dir))
    changed: list[str] = []
    cache = HashCache(hash_cache_dir)
    try:
        for ref in manifest.get("data") or []:
            path, recorded = ref.get("path"), ref.get("hash")
            if ref.get("mode") == "write" or not isinstance(path, str) or not recorded:
                continue
            if os.path.isabs(path):
                continue  # outside the root: never read
            target = Path(os.path.realpath(root / path))
            if not target.is_relative_to(root):
                continue
            try:
                now = current_hash(target, str(recorded), cache)
            except OSError:
                now = "missing"
            if now is not None and now != recorded:
                changed.append(path)
    finally:
        cache.close()
    return changed
