"""The one parser for manifests: everything read from the store is untrusted input.

Used by the index refresh, get_manifest, verify, gc and by take() on its own manifest before
publishing it (a take never publishes what its own index would reject). Unknown top-level keys
are allowed (newer writers may add facts); known ones must have their documented types.

Values JSON cannot carry to a browser are normalised or refused: NaN/Infinity become null (as
log_metric does); integers beyond a float's range make a manifest unrepresentable (take() keeps
them as text, see representable()).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from .errors import CorruptObject
from .ids import is_valid_snapshot_id
from .refs import HASH_RE, manifest_roots

FORMAT_PREFIX = "jupyter-ext/snapshot@"
MAX_MANIFEST_BYTES = 8 * 2**20
# ints this long cannot be a float (1.8e308 has 309 digits); beyond it JSON readers overflow
_MAX_INT_DIGITS = 309
_MAX_NESTING = 64


class BadManifest(CorruptObject):
    """A manifest that is not JSON, has wrong types, names another snapshot or is too large."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError(f"integer with {len(text)} digits cannot be represented")
    value = int(text)
    float(value)  # OverflowError for the few 309-digit ones beyond 1.8e308
    return value


def _parse_float(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def _parse_constant(_text: str) -> None:
    return None  # NaN, Infinity, -Infinity


def loads(raw: bytes) -> Any:
    """Strict-JSON-representable json.loads: non-finite numbers become None, huge ints fail."""
    try:
        return json.loads(
            raw.decode("utf-8", "surrogatepass"),
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except OverflowError as exc:
        raise ValueError(f"number out of range: {exc}") from None


def representable(value: Any, depth: int = 0) -> Any:
    """*value* with what strict JSON cannot carry replaced: non-finite floats -> None, ints
    beyond a float's range -> their decimal text (a parameter `seed = 10**400` stays visible)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        try:
            float(value)
            return value
        except OverflowError:
            return _int_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if depth > _MAX_NESTING:
        raise ValueError("value nested too deeply")
    if isinstance(value, dict):
        return {str(k): representable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [representable(v, depth + 1) for v in value]
    return str(value)


def _int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # beyond Python's int-to-text digit limit
        return f"<integer with about {int(value.bit_length() * 0.30103)} digits>"


def _opt(kind: type | tuple[type, ...]) -> Callable[[Any], bool]:
    return lambda v: v is None or (isinstance(v, kind) and not isinstance(v, bool))


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _count(v: Any) -> bool:
    return v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)


def _hash_or_none(v: Any) -> bool:
    return v is None or (isinstance(v, str) and HASH_RE.match(v) is not None)


def _parent(v: Any) -> bool:
    return v is None or is_valid_snapshot_id(v)


_TOP: dict[str, Callable[[Any], bool]] = {
    "format": lambda v: isinstance(v, str) and v.startswith(FORMAT_PREFIX),
    "created": _opt(str),
    "message": _opt(str),
    "tags": lambda v: v is None or _str_list(v),
    "parent": _parent,
    "params": _opt(dict),
    "metrics": _opt(dict),
    "kernel": _opt(dict),
    "environment": _opt(dict),
    "git": _opt(dict),
    "timing": _opt(dict),
    "warnings": _opt(list),
    "data": _opt(list),
    "refs": lambda v: v is None or (_str_list(v) and all(HASH_RE.match(h) for h in v)),
}
_NOTEBOOK = ("path", "name", "key")
_KERNEL = ("name", "display_name")


def validate(manifest: Any, sid: str) -> list[str]:
    """Everything wrong with *manifest* as the manifest of snapshot *sid* (empty: fine)."""
    if not isinstance(manifest, dict):
        return ["not a JSON object"]
    wrong: list[str] = []
    if manifest.get("id") != sid or not is_valid_snapshot_id(sid):
        wrong.append(f"its id {str(manifest.get('id'))[:40]!r} is not its file name's")
    for name, ok in _TOP.items():
        if name in manifest and not ok(manifest[name]):
            wrong.append(f"{name!r} has the wrong type")
    author = manifest.get("author")
    if not isinstance(author, dict) or not isinstance(author.get("username"), str):
        wrong.append("'author' is not an object with a username")
    else:
        wrong += [f"'author.{k}' is not text" for k in ("name",) if not _opt(str)(author.get(k))]
    notebook = manifest.get("notebook")
    if not isinstance(notebook, dict):
        wrong.append("'notebook' is not an object")
    else:
        text = _opt(str)
        wrong += [f"'notebook.{k}' is not text" for k in _NOTEBOOK if not text(notebook.get(k))]
    kernel = manifest.get("kernel")
    if isinstance(kernel, dict):
        wrong += [f"'kernel.{k}' is not text" for k in _KERNEL if not _opt(str)(kernel.get(k))]
    content = manifest.get("content")
    if not isinstance(content, dict):
        wrong.append("'content' is not an object")
    else:
        if not _hash_or_none(content.get("cells")):
            wrong.append("'content.cells' is not a blob hash")
        for k in ("cell_count", "bytes", "nbformat", "nbformat_minor"):
            if not _count(content.get(k)):
                wrong.append(f"'content.{k}' is not a count")
        try:
            manifest_roots(manifest)
        except (ValueError, TypeError, AttributeError) as exc:
            wrong.append(str(exc))
    return wrong


def parse_manifest(raw: bytes, sid: str) -> dict[str, Any]:
    """The manifest of snapshot *sid* from its stored bytes; BadManifest names what is wrong."""
    key = f"snapshots/{sid}.json"
    if len(raw) > MAX_MANIFEST_BYTES:
        raise BadManifest(f"{key}: too large ({len(raw)} bytes, limit {MAX_MANIFEST_BYTES})", key)
    try:
        manifest = loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BadManifest(f"{key}: not valid JSON ({str(exc)[:200]})", key) from None
    wrong = validate(manifest, sid)
    if wrong:
        raise BadManifest(f"{key}: not a valid manifest: {'; '.join(wrong[:5])}", key)
    assert isinstance(manifest, dict)
    return manifest


def dumps(manifest: dict[str, Any]) -> bytes:
    """The bytes take() publishes: strict JSON (allow_nan=False), checked by parse_manifest."""
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    raw = data.encode("utf-8", "surrogatepass")
    parse_manifest(raw, str(manifest.get("id")))
    return raw
