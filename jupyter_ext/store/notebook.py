"""Notebook <-> blobs.

A *node* is {"v": value, "x": [[path, hash, enc], ...]}: the JSON value with some big parts cut
out (left as null) and stored as their own blobs. enc says how a cut-out part is stored:
"node" (another node, e.g. an output), "str" (UTF-8 text), "json" (plain JSON value) or "b64"
(the bytes a base64 string decodes to, only when re-encoding gives back the exact string).

Cells become nodes; their list is cut into content-defined chunks (a chunk is the canonical JSON
list of its cell nodes, so neighbouring cells compress together); the chunk hashes are
concatenated as raw 32-byte digests into one chunk-list blob named by the manifest. Changing one
cell rewrites one chunk, the chunk list and the manifest: storage grows with what changed.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .codec import blob_hash, canonical_json, load_json
from .errors import CorruptObject, TooLarge

# Outputs at least this big (canonical JSON bytes) become blobs; tiny ones ("3", "done") stay in
# their cell node: a file per 20-byte output costs a disk block and a round trip for nothing.
OUTPUT_BLOB_MIN = 512
# Mime values / stream text / sources at least this long get their own blob (images, big HTML).
PART_BLOB_MIN = 1024
# A chunk ends after a cell whose *boundary hash* has a first byte below this: ~16 cells per
# chunk. The boundary hash is sha256 of the cell id when it has one (nbformat >= 4.5), so editing
# a cell never moves boundaries; without ids it is the hash of its source, so re-running cells
# (new outputs, execution counts) moves none either: only editing a boundary cell's source does.
CHUNK_CUT = 16
_TEXT_MIMES = ("text/", "application/json", "application/javascript")

Path = list[str | int]


# Reassembling a notebook reads at most what its manifest declares (content.bytes) plus this
# slack; never more than MAX_NOTEBOOK_BYTES whatever it declares.
BUDGET_SLACK = 2**20
MAX_NOTEBOOK_BYTES = 2**30
T = TypeVar("T")


class PartMemo:
    """Big strings (images, long outputs) seen in recent takes -> their blob, so a re-take does
    not decode base64 and hash megabytes again. Keyed by the string itself: a dict lookup hashes
    it once (fast) and confirms with ==, so a hit is always exact."""

    def __init__(self, max_bytes: int = 64 * 2**20) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[str, tuple[str, str, bytes]] = OrderedDict()
        self._lock = threading.Lock()  # one Store's takes run on several server threads

    def get(self, value: str) -> tuple[str, str, bytes] | None:
        with self._lock:
            hit = self.items.get(value)
            if hit is not None:
                self.items.move_to_end(value)
            return hit

    def put(self, value: str, digest: str, kind: str, data: bytes) -> None:
        with self._lock:
            if value in self.items or len(value) > self.max_bytes // 4:
                return
            self.items[value] = (digest, kind, data)
            self.size += len(value) + len(data)
            while self.size > self.max_bytes:
                old, (_d, _k, old_data) = self.items.popitem(last=False)
                self.size -= len(old) + len(old_data)


@dataclass
class Encoded:
    """Everything take() writes for one notebook."""

    blobs: dict[str, bytes] = field(default_factory=dict)  # hash -> raw content
    metadata: str = ""
    cells: str | None = None  # chunk-list blob hash
    chunks: list[str] = field(default_factory=list)
    cell_hashes: list[str] = field(default_factory=list)
    cell_count: int = 0
    size: int = 0  # bytes of all content, before dedupe/compression
    memo: PartMemo | None = None
    # (cell index, path inside the cell, hash) of every cut-out part, and each cell's identity
    # (its id, else its source): where to look for a delta base in the parent
    places: list[tuple[int, tuple[Any, ...], str]] = field(default_factory=list)
    cell_keys: list[str] = field(default_factory=list)
    _where: tuple[int, tuple[Any, ...]] = (-1, ())

    def add(self, data: bytes) -> str:
        digest = blob_hash(data)
        self.blobs[digest] = data
        self.size += len(data)
        return digest


def _cut(enc: Encoded, ext: list[Any], path: Path, value: Any, *, mime: str = "") -> bool:
    """Store *value* as its own blob if it is big; record where it came from."""
    if isinstance(value, str):
        if len(value) < PART_BLOB_MIN:
            return False
        hit = enc.memo.get(value) if enc.memo is not None else None
        if hit is not None and (hit[1] == "str" or not mime.startswith(_TEXT_MIMES)):
            digest, kind, data = hit
            enc.blobs[digest] = data
            enc.size += len(data)
            ext.append([path, digest, kind])
            enc.places.append((enc._where[0], (*enc._where[1], *path), digest))
            return True
        kind, data = "str", b""
        raw = value.encode("ascii", "surrogatepass") if value.isascii() else b""
        if raw and not mime.startswith(_TEXT_MIMES):
            try:
                decoded = binascii.a2b_base64(raw, strict_mode=True)
            except (binascii.Error, ValueError):
                decoded = b""
            # only when re-encoding gives back the exact string (no line breaks, canonical)
            if decoded and binascii.b2a_base64(decoded, newline=False) == raw:
                kind, data = "b64", decoded
        if not data:
            data = value.encode("utf-8", "surrogatepass")
        digest = enc.add(data)
        ext.append([path, digest, kind])
        enc.places.append((enc._where[0], (*enc._where[1], *path), digest))
        if enc.memo is not None:
            enc.memo.put(value, digest, kind, data)
        return True
    if isinstance(value, list) and value:
        data = canonical_json(value)
        if len(data) < PART_BLOB_MIN:
            return False
        ext.append([path, enc.add(data), "json"])
        return True
    return False


def _node(value: Any, ext: list[Any]) -> dict[str, Any]:
    return {"v": value, "x": ext} if ext else {"v": value}


def encode_output(enc: Encoded, output: Any) -> dict[str, Any]:
    ext: list[Any] = []
    if not isinstance(output, dict):
        return _node(output, ext)
    out = dict(output)
    bundle = out.get("data")
    if isinstance(bundle, dict):
        bundle = dict(bundle)
        for mime, value in bundle.items():
            if _cut(enc, ext, ["data", mime], value, mime=mime):
                bundle[mime] = None
        out["data"] = bundle
    if "text" in out and _cut(enc, ext, ["text"], out["text"], mime="text/plain"):
        out["text"] = None
    return _node(out, ext)


def encode_cell(enc: Encoded, cell: Any) -> dict[str, Any]:
    ext: list[Any] = []
    if not isinstance(cell, dict):
        return _node(cell, ext)
    c = dict(cell)
    if "source" in c and _cut(enc, ext, ["source"], c["source"], mime="text/plain"):
        c["source"] = None
    outputs = c.get("outputs")
    if isinstance(outputs, list):
        new_outputs: list[Any] = []
        for i, output in enumerate(outputs):
            cell_at = enc._where
            enc._where = (cell_at[0], ("outputs", i))
            node = encode_output(enc, output)
            enc._where = cell_at
            data = canonical_json(node)
            if "x" in node or len(data) >= OUTPUT_BLOB_MIN:
                ext.append([["outputs", i], enc.add(data), "node"])
                new_outputs.append(None)
            else:
                new_outputs.append(output)
        c["outputs"] = new_outputs
    attachments = c.get("attachments")
    if isinstance(attachments, dict):
        att: dict[str, Any] = {}
        for name, bundle in attachments.items():
            if isinstance(bundle, dict):
                bundle = dict(bundle)
                for mime, value in bundle.items():
                    if _cut(enc, ext, ["attachments", name, mime], value, mime=mime):
                        bundle[mime] = None
            att[name] = bundle
        c["attachments"] = att
    return _node(c, ext)


def _cell_key(cell: Any) -> str:
    if not isinstance(cell, dict):
        return ""
    if isinstance(cell.get("id"), str):
        return "id:" + str(cell["id"])
    source = cell.get("source")
    text = "".join(source) if isinstance(source, list) else str(source)
    return blob_hash(text.encode("utf-8", "surrogatepass"))


def chunk_cell_keys(data: bytes) -> list[str]:
    """The identity (_cell_key) of each cell in a stored chunk; a source cut out as text is
    its blob's hash, which is the hash _cell_key takes. Untrusted: junk gives no keys."""
    try:
        nodes = load_json(data)
    except (ValueError, RecursionError):
        return []
    keys: list[str] = []
    for node in nodes if isinstance(nodes, list) else []:
        value = node.get("v") if isinstance(node, dict) else None
        if not isinstance(value, dict):
            continue
        if value.get("source") is None and not isinstance(value.get("id"), str):
            cut = [x for x in node.get("x") or [] if isinstance(x, list) and x[:1] == [["source"]]]
            if cut and len(cut[0]) == 3 and cut[0][2] == "str" and isinstance(cut[0][1], str):
                keys.append(cut[0][1])
            continue
        keys.append(_cell_key(value))
    return keys


def encode_notebook(notebook: dict[str, Any], memo: PartMemo | None = None) -> Encoded:
    enc = Encoded(memo=memo)
    cells = notebook.get("cells")
    top = dict(notebook)
    if isinstance(cells, list):
        del top["cells"]
        chunk: list[bytes] = []
        for index, cell in enumerate(cells):
            enc._where = (index, ())
            enc.cell_keys.append(_cell_key(cell))
            data = canonical_json(encode_cell(enc, cell))
            digest = blob_hash(data)
            enc.cell_hashes.append(digest)
            enc.size += len(data)
            chunk.append(data)
            cell_id = cell.get("id") if isinstance(cell, dict) else None
            cut = (
                blob_hash(cell_id.encode("utf-8", "surrogatepass"))
                if isinstance(cell_id, str)
                else enc.cell_keys[-1] or digest  # its source: re-running it moves no boundary
            )
            if int(cut[:2], 16) < CHUNK_CUT:
                enc.chunks.append(enc.add(b"[" + b",".join(chunk) + b"]"))
                chunk = []
        if chunk:
            enc.chunks.append(enc.add(b"[" + b",".join(chunk) + b"]"))
        enc.cells = enc.add(b"".join(bytes.fromhex(h) for h in enc.chunks))
        enc.cell_count = len(cells)
    enc.metadata = enc.add(canonical_json(_node(top, [])))
    return enc


# ---------------------------------------------------------------- decoding


class Reader(Protocol):
    """Minimal interface decode needs: raw verified content by hash."""

    def content(self, digest: str) -> bytes: ...


class BlobSource(Protocol):
    def read_blob(self, hash: str, limit: int = ...) -> bytes: ...


def declared_budget(content: Any) -> int:
    """Bytes reassembling a manifest's notebook may read: what it declares plus slack."""
    declared = content.get("bytes") if isinstance(content, dict) else None
    if not isinstance(declared, int) or isinstance(declared, bool) or declared < 0:
        return MAX_NOTEBOOK_BYTES
    return min(declared + declared // 8 + BUDGET_SLACK, MAX_NOTEBOOK_BYTES)


class Budget:
    """A Reader that stops reassembly past what the manifest declares: every blob is read with
    the remaining budget as its size limit (checked before decompressing into memory)."""

    def __init__(self, source: BlobSource, manifest: dict[str, Any], key: str) -> None:
        self.source = source
        self.key = key
        self.limit = declared_budget(manifest.get("content"))
        self.left = self.limit

    def content(self, digest: str) -> bytes:
        if self.left <= 0:
            raise self._exceeded()
        try:
            data = self.source.read_blob(digest, limit=self.left)
        except TooLarge as exc:
            raise self._exceeded() from exc
        self.left -= len(data)
        return data

    def _exceeded(self) -> CorruptObject:
        return CorruptObject(
            f"{self.key}: its notebook reassembles to more than the {self.limit} bytes its "
            "manifest allows (a repeated or oversized part): corrupt or hostile",
            self.key,
        )

    def guard(self, run: Callable[[], T]) -> T:
        """run() with structure errors of hostile blobs reported as CorruptObject."""
        try:
            return run()
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as e:
            if isinstance(e, CorruptObject):
                raise
            msg = f"{self.key}: its blobs do not form a notebook ({type(e).__name__}: {e})"
            raise CorruptObject(msg[:500], self.key) from e


def split_hashes(data: bytes) -> list[str]:
    return [data[i : i + 32].hex() for i in range(0, len(data), 32)]


def _set(target: Any, path: list[Any], value: Any) -> None:
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def decode_node(node: Any, read: Reader) -> Any:
    value = node["v"]
    for path, digest, kind in node.get("x", ()):
        data = read.content(digest)
        if kind == "node":
            part = decode_node(load_json(data), read)
        elif kind == "str":
            part = data.decode("utf-8", "surrogatepass")
        elif kind == "b64":
            part = base64.b64encode(data).decode("ascii")
        elif kind == "json":
            part = load_json(data)
        else:
            raise ValueError(f"unknown part encoding {kind!r}")
        _set(value, path, part)
    return value


def node_refs(node: Any) -> list[tuple[str, str]]:
    """(hash, enc) of every part a node points to directly."""
    return [(digest, kind) for _path, digest, kind in node.get("x", ())]


def decode_notebook(content: dict[str, Any], read: Reader) -> dict[str, Any]:
    notebook: dict[str, Any] = decode_node(load_json(read.content(content["metadata"])), read)
    if content.get("cells") is not None:
        cells: list[Any] = []
        for chunk in split_hashes(read.content(content["cells"])):
            for node in load_json(read.content(chunk)):
                cells.append(decode_node(node, read))
        notebook["cells"] = cells
    return notebook


def cell_hashes(content: dict[str, Any], read: Reader) -> list[str]:
    """Per-cell node hashes: equal hash <=> equal cell (lets diff skip unchanged cells)."""
    out: list[str] = []
    if content.get("cells") is None:
        return out
    for chunk in split_hashes(read.content(content["cells"])):
        out.extend(blob_hash(canonical_json(node)) for node in load_json(read.content(chunk)))
    return out
