"""Multiline strings as nbformat reads them.

On disk, nbformat may store multiline text as lists of lines; ``nbformat.read`` joins them
(``rejoin_lines``), and nbdime only diffs joined strings (its text comparisons hash them). A
notebook handed over straight from ``json.load`` is normalised the same way before diffing;
the diff then applies to the normalised base (``normalize_notebook(base)``).
"""

from __future__ import annotations

from typing import Any

JSONDict = dict[str, Any]


def _is_json_mime(mime: str) -> bool:
    return mime == "application/json" or (
        mime.startswith("application/") and mime.endswith("+json")
    )


def _is_lines(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


def _bundle(bundle: Any) -> Any:
    if not isinstance(bundle, dict):
        return bundle
    if not any(_is_lines(v) and not _is_json_mime(k) for k, v in bundle.items()):
        return bundle
    return {
        k: "".join(v) if _is_lines(v) and not _is_json_mime(k) else v for k, v in bundle.items()
    }


def _output(output: Any) -> Any:
    if not isinstance(output, dict):
        return output
    out = output
    if output.get("output_type") in ("execute_result", "display_data"):
        data = _bundle(output.get("data"))
        if data is not output.get("data"):
            out = {**output, "data": data}
    elif _is_lines(output.get("text")):
        out = {**output, "text": "".join(output["text"])}
    return out


def _cell(cell: Any) -> Any:
    if not isinstance(cell, dict):
        return cell
    out = cell
    if _is_lines(cell.get("source")):
        out = {**out, "source": "".join(cell["source"])}
    attachments = cell.get("attachments")
    if isinstance(attachments, dict):
        new = {k: _bundle(v) for k, v in attachments.items()}
        if any(new[k] is not attachments[k] for k in attachments):
            out = {**out, "attachments": new}
    outputs = cell.get("outputs")
    if cell.get("cell_type") == "code" and isinstance(outputs, list):
        new_outputs = [_output(o) for o in outputs]
        if any(n is not o for n, o in zip(new_outputs, outputs, strict=True)):
            out = {**out, "outputs": new_outputs}
    return out


def normalize_notebook(nb: JSONDict) -> JSONDict:
    """``nb`` with list-of-lines text joined, as ``nbformat.read`` gives it.

    Returns ``nb`` itself when nothing needed joining (the usual case); otherwise a copy that
    shares every unchanged part with ``nb``. The input is never modified.
    """
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return nb
    new_cells = [_cell(c) for c in cells]
    if all(n is c for n, c in zip(new_cells, cells, strict=True)):
        return nb
    return {**nb, "cells": new_cells}
