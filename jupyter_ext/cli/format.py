"""Human output of `jupyter snapshot`: numbers, ids, tables fitted to the terminal, manifests.

Numbers are rounded for reading (6 significant digits, as the UI shows them; see
``diff.text.number``); `--json` keeps full precision.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any

from ..diff.text import number as number


def short_id(snapshot_id: str) -> str:
    """The short form the UI shows (the operations layer defines it)."""
    from ..operations.ids import short_id as operations_short_id

    return operations_short_id(snapshot_id)


def when(iso: str | None) -> str:
    """'2026-11-25T17:20:00.123Z' -> '2026-11-25 17:20' (UTC, as stored)."""
    return (iso or "")[:16].replace("T", " ")


def pairs(values: dict[str, Any] | None, limit: int | None = None) -> str:
    items = list((values or {}).items())
    shown = ", ".join(f"{k}={number(v)}" for k, v in items[:limit])
    return shown + (f", +{len(items) - limit}" if limit is not None and len(items) > limit else "")


def fit_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None = None,
    flexible: Sequence[int] = (),
) -> str:
    """Aligned columns no wider than the terminal: the widest of the *flexible* columns is
    cut (with '…') until the table fits, so each keeps a fair share; the others keep their
    width."""
    width = width or shutil.get_terminal_size().columns
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    gap = 2
    excess = sum(widths) + gap * (len(widths) - 1) - width
    floors = {i: min(widths[i], max(len(headers[i]), 10)) for i in flexible}
    while excess > 0:
        shrinkable = [i for i in flexible if widths[i] > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    lines = []
    for row in [list(headers), *map(list, rows)]:
        cells = [_clip(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append((" " * gap).join(cells).rstrip())
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())  # a message's newlines must not break the table
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def snapshot_rows(items: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """`list`'s table: one row per snapshot, newest first."""
    headers = ["ID", "CREATED (UTC)", "AUTHOR", "NOTEBOOK", "MESSAGE", "TAGS", "METRICS"]
    rows = []
    for item in items:
        rows.append(
            [
                short_id(str(item.get("id") or ""))
                + (" (queued)" if item.get("queued") else "")
                + (" (origin)" if item.get("origin_of") else ""),
                when(item.get("created")),
                str((item.get("author") or {}).get("username") or "?"),
                str((item.get("notebook") or {}).get("path") or ""),
                str(item.get("message") or ""),
                " ".join(f"#{t}" for t in item.get("tags") or []),
                pairs(item.get("metrics"), limit=3),
            ]
        )
    return headers, rows


def describe_findings(findings: list[Any], limit: int = 20) -> list[str]:
    """One line per cell and kind: "cell 3 (id 4f2a…): GitHub Token in source line 2, output 1"
    (cells and outputs counted from 1, as the notebook shows them). Never the secret itself."""
    places: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        if f.cell_index is None:
            cell, place = "notebook metadata", ""
        else:
            cell = f"cell {f.cell_index + 1}" + (f" (id {f.cell_id})" if f.cell_id else "")
            place = (
                f"source line {f.line}"
                if f.where == "source"
                else f"output {(f.output_index or 0) + 1}"
            )
        seen = places.setdefault((cell, f.kind), [])
        if place and place not in seen:
            seen.append(place)
    lines = [
        f"{cell}: {kind}" + (f" in {', '.join(where)}" if where else "")
        for (cell, kind), where in places.items()
    ]
    extra = len(lines) - limit
    return lines[:limit] + ([f"... and {extra} more"] if extra > 0 else [])
