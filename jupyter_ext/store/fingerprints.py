"""What list summaries say about a run beyond its facts: a fingerprint of its code, and a
short form of each metric's logged values (a sparkline), so that views need no notebook or
manifest downloads to tell "same code" or draw a trend."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from typing import Any

# Cells papermill writes or reads parameters from: a sweep's runs differ only there.
PARAMETER_TAGS = frozenset({"parameters", "injected-parameters"})
CODE_HASH_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
# Points per metric kept in a summary: enough for a sparkline, small for 100k-run listings.
SPARK_POINTS = 32


def code_hash(notebook: Mapping[str, Any]) -> str:
    """sha256 of the notebook's code cells' sources, parameter cells left out: runs of one
    sweep (same code, other parameters) share it; any code edit changes it."""
    digest = hashlib.sha256()
    cells = notebook.get("cells")
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata")
        tags = meta.get("tags") if isinstance(meta, dict) else None
        if isinstance(tags, list) and PARAMETER_TAGS & {t for t in tags if isinstance(t, str)}:
            continue
        source = cell.get("source")
        text = (
            "".join(s for s in source if isinstance(s, str)) if isinstance(source, list) else source
        )
        encoded = (text if isinstance(text, str) else "").encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)  # length-prefixed: no ambiguity
    return "sha256:" + digest.hexdigest()


def valid_code_hash(value: Any) -> str | None:
    return value if isinstance(value, str) and CODE_HASH_RE.match(value) else None


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def spark(history: Any, points: int = SPARK_POINTS) -> dict[str, list[list[float]]]:
    """``{metric: [[step, value], ...]}`` for metrics logged more than once (steps count from
    1), at most *points* pairs each, evenly spaced and always with the first and last step.
    Non-numbers and non-finite values are left out; anything else malformed gives nothing."""
    if not isinstance(history, Mapping):
        return {}
    out: dict[str, list[list[float]]] = {}
    for name, values in list(history.items())[:64]:
        if not isinstance(name, str) or not isinstance(values, list) or len(values) < 2:
            continue
        n = len(values)
        picks = (
            sorted({round(i * (n - 1) / (points - 1)) for i in range(points)})
            if n > points
            else range(n)
        )
        pairs = [[i + 1, values[i]] for i in picks if _finite(values[i])]
        if len(pairs) >= 2:
            out[name] = pairs
    return out


def valid_spark(value: Any) -> dict[str, list[list[float]]]:
    """A summary's sparkline field as read back from an untrusted catalog: pairs of finite
    numbers only (anything else is dropped, never an error)."""
    if not isinstance(value, Mapping):
        return {}
    out: dict[str, list[list[float]]] = {}
    for name, pairs in list(value.items())[:64]:
        if isinstance(name, str) and isinstance(pairs, list):
            good = [
                [p[0], p[1]]
                for p in pairs[:SPARK_POINTS]
                if isinstance(p, list) and len(p) == 2 and _finite(p[0]) and _finite(p[1])
            ]
            if len(good) >= 2:
                out[name] = good
    return out
