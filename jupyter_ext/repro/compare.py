"""Compare a re-run's cell outputs with the snapshot's: same, close, differs, error, timeout.

Numbers compare within a relative tolerance (anywhere in text, HTML or JSON outputs), images
by pixel distance, memory addresses (``0x7f…``) are ignored, execution counts and output
metadata too. Streams are compared per stream name (a kernel may split them differently).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .images import pixel_distance

SAME, CLOSE, DIFFERS, ERROR, TIMEOUT = "same", "close", "differs", "error", "timeout"
_RANK = {SAME: 0, CLOSE: 1, DIFFERS: 2}
DEFAULT_RTOL = 1e-5
IMAGE_TOLERANCE = 0.01  # mean pixel difference (0..1) still judged "close"
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|\bnan\b|\binf\b")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _worst(statuses: Iterable[str]) -> str:
    return max(statuses, key=lambda s: _RANK[s], default=SAME)


def compare_text(a: str, b: str, rtol: float = DEFAULT_RTOL) -> str:
    """same / close (only numbers differ, each within rtol) / differs."""
    if a == b:
        return SAME
    a, b = _ADDRESS.sub("0x…", a), _ADDRESS.sub("0x…", b)
    if a == b:
        return SAME
    if _NUMBER.split(a) != _NUMBER.split(b):
        return DIFFERS
    numbers = zip(_NUMBER.findall(a), _NUMBER.findall(b), strict=True)
    return CLOSE if all(_close_numbers(x, y, rtol) for x, y in numbers) else DIFFERS


def _close_numbers(x: str, y: str, rtol: float) -> bool:
    if x == y:
        return True
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return False
    if math.isnan(fx) or math.isnan(fy):
        return math.isnan(fx) and math.isnan(fy)
    return math.isclose(fx, fy, rel_tol=rtol, abs_tol=1e-12)


def compare_json(a: Any, b: Any, rtol: float = DEFAULT_RTOL) -> str:
    if a == b:
        return SAME
    if isinstance(a, bool) or isinstance(b, bool):
        return DIFFERS
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return CLOSE if _close_numbers(repr(a), repr(b), rtol) else DIFFERS
    if isinstance(a, str) and isinstance(b, str):
        return compare_text(a, b, rtol)
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return _worst(compare_json(x, y, rtol) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b):
        return _worst(compare_json(a[k], b[k], rtol) for k in a)
    return DIFFERS


def compare_image(a: Any, b: Any) -> str:
    if a == b:
        return SAME
    try:
        raw_a = base64.b64decode(_text(a))
        raw_b = base64.b64decode(_text(b))
    except (binascii.Error, ValueError):
        return DIFFERS
    distance = pixel_distance(raw_a, raw_b)
    return CLOSE if distance is not None and distance <= IMAGE_TOLERANCE else DIFFERS


def compare_bundles(a: Mapping[str, Any], b: Mapping[str, Any], rtol: float) -> str:
    if set(a) != set(b):
        return DIFFERS
    results = []
    for mime in a:
        if mime.startswith("image/") and not mime.endswith("+xml"):
            results.append(compare_image(a[mime], b[mime]))
        elif isinstance(a[mime], (str, list)) and not mime.endswith("json"):
            results.append(compare_text(_text(a[mime]), _text(b[mime]), rtol))
        else:
            results.append(compare_json(a[mime], b[mime], rtol))
    return _worst(results)


def comparable(outputs: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Outputs reduced to what a reader compares: merged streams, mime bundles, errors."""
    items: list[tuple[Any, ...]] = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            name, text = out.get("name"), _text(out.get("text"))
            if items and items[-1][0] == "stream" and items[-1][1] == name:
                items[-1] = ("stream", name, items[-1][2] + text)
            else:
                items.append(("stream", name, text))
        elif kind in ("execute_result", "display_data"):
            items.append(("data", dict(out.get("data") or {})))
        elif kind == "error":
            items.append(("error", out.get("ename"), out.get("evalue")))
    return items


def compare_outputs(
    original: Iterable[Mapping[str, Any]], rerun: Iterable[Mapping[str, Any]], rtol: float
) -> str:
    """Status of one code cell that ran to completion."""
    old, new = comparable(original), comparable(rerun)
    old_errors = {item for item in old if item[0] == "error"}
    if any(item[0] == "error" and item not in old_errors for item in new):
        return ERROR
    if len(old) != len(new):
        return DIFFERS
    results = []
    for x, y in zip(old, new, strict=True):
        if x[0] != y[0] or (x[0] == "stream" and x[1] != y[1]):
            return DIFFERS
        if x[0] == "data":
            results.append(compare_bundles(x[1], y[1], rtol))
        elif x[0] == "stream":
            results.append(compare_text(x[2], y[2], rtol))
        else:  # the same error as recorded: reproduced, too
            results.append(SAME)
    return _worst(results)


def compare_cells(
    original: Mapping[str, Any],
    rerun: Mapping[str, Any],
    *,
    not_run: Iterable[int] = (),
    rtol: float = DEFAULT_RTOL,
    not_run_status: str = TIMEOUT,
) -> list[dict[str, Any]]:
    """``[{"index", "status"}]`` for each code cell (index in the notebook's cell list);
    cells in ``not_run`` get ``not_run_status``."""
    skipped = set(not_run)
    new_cells = list(rerun.get("cells") or [])
    result = []
    for index, cell in enumerate(original.get("cells") or []):
        if cell.get("cell_type") != "code":
            continue
        if index in skipped or index >= len(new_cells):
            status = not_run_status
        else:
            status = compare_outputs(
                cell.get("outputs") or [], new_cells[index].get("outputs") or [], rtol
            )
        result.append({"index": index, "status": status})
    return result


def verdict(cells: Iterable[Mapping[str, Any]]) -> str:
    """reproduced (all same/close), failed (an error or a timeout), else differs."""
    statuses = {c["status"] for c in cells}
    if statuses & {ERROR, TIMEOUT}:
        return "failed"
    return "differs" if DIFFERS in statuses else "reproduced"
