"""Walking what a manifest references: chunk list -> chunks -> cell nodes -> parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .codec import load_json
from .notebook import node_refs, split_hashes

HASH_RE = re.compile(r"^[0-9a-f]{64}$")
# kinds whose content names further blobs
_CONTAINERS = ("cells", "chunk", "node")


def blob_key(digest: str) -> str:
    return f"objects/{digest[:2]}/{digest[2:]}"


def hash_of_key(key: str) -> str | None:
    parts = key.split("/")
    if len(parts) == 3 and parts[0] == "objects" and HASH_RE.match(parts[1] + parts[2]):
        return parts[1] + parts[2]
    return None


def manifest_roots(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """(hash, kind) of the blobs a manifest names directly. ValueError if malformed."""
    content = manifest.get("content")
    if not isinstance(content, dict) or not isinstance(content.get("metadata"), str):
        raise ValueError("manifest has no content.metadata")
    roots = [(content["metadata"], "node")]
    if content.get("cells") is not None:
        roots.append((content["cells"], "cells"))
    roots += [(h, "blob") for h in manifest.get("refs") or []]
    env = manifest.get("environment")
    packages = env.get("packages") if isinstance(env, dict) else None
    if isinstance(packages, str) and HASH_RE.match(packages):
        roots.append((packages, "blob"))
    for item in manifest.get("data") or []:
        if isinstance(item, dict) and isinstance(item.get("stored"), str):
            roots.append((item["stored"], "blob"))
    for digest, _kind in roots:
        if not isinstance(digest, str) or not HASH_RE.match(digest):
            raise ValueError(f"manifest names an invalid blob hash {digest!r}")
    return roots


def children(kind: str, data: bytes) -> list[tuple[str, str]]:
    """Blobs named inside a blob of *kind*; ValueError/KeyError if its structure is bad."""
    if kind == "cells":
        if len(data) % 32:
            raise ValueError("chunk list length is not a multiple of 32")
        return [(h, "chunk") for h in split_hashes(data)]
    if kind == "chunk":
        nodes = load_json(data)
        if not isinstance(nodes, list):
            raise ValueError("chunk is not a list")
        return [ref for node in nodes for ref in node_refs(node)]
    if kind == "node":
        return node_refs(load_json(data))
    return []


def walk(
    roots: list[tuple[str, str]],
    read: Callable[[str, str], bytes | None],
    seen: set[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """Depth-first over every blob reachable from *roots*, each hash once.

    read(hash, kind) returns content (needed only for container kinds) or None to stop there.
    Yields (hash, kind) before descending.
    """
    seen = set() if seen is None else seen
    stack = list(reversed(roots))
    while stack:
        digest, kind = stack.pop()
        if digest in seen:
            continue
        seen.add(digest)
        yield digest, kind
        data = read(digest, kind)
        if data is not None and kind in _CONTAINERS:
            stack.extend(reversed(children(kind, data)))
