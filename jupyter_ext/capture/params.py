"""Parameters (papermill cells + log_param outputs) and metrics (log_metric outputs).

Nothing is ever executed: parameter cells are parsed with ``ast`` and only literals are
evaluated (``ast.literal_eval``). A value that is not a literal is recorded as
``{"$expr": "<source text>"}``; so is one JSON and the index cannot hold: an integer beyond
64 bits (``seed = 1`` and 400 zeros), NaN or Infinity (``1e999``). Metrics that are not finite
become null.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..kernel import MIMETYPE

_MAGIC = re.compile(r"^\s*[%!]")


def strip_magics(source: str) -> str:
    """Blank out IPython magics / shell lines so ``ast`` can parse the rest (lines kept)."""
    if "%" not in source and "!" not in source:
        return source
    return "\n".join("" if _MAGIC.match(line) else line for line in source.split("\n"))


def parse_module(source: str) -> ast.Module | None:
    try:
        return ast.parse(strip_magics(source))
    except (SyntaxError, ValueError):
        return None


_INT_LIMIT = 2**63  # SQLite's integers; beyond, a float would overflow or lose digits


def _jsonable(value: Any) -> tuple[bool, Any]:
    if value is None or isinstance(value, (bool, str)):
        return True, value
    if isinstance(value, int):
        return (True, value) if -_INT_LIMIT <= value < _INT_LIMIT else (False, None)
    if isinstance(value, float):
        return (True, value) if math.isfinite(value) else (False, None)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        converted = [_jsonable(v) for v in items]
        return all(ok for ok, _ in converted), [v for _, v in converted]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return False, None
        pairs = {k: _jsonable(v) for k, v in value.items()}
        return all(ok for ok, _ in pairs.values()), {k: v for k, (_, v) in pairs.items()}
    return False, None  # bytes, complex, Ellipsis


def representable(value: Any) -> Any:
    """A JSON value from a notebook's outputs or metadata (a teammate may write anything
    there), as the manifest keeps it: NaN/Infinity become null, integers beyond 64 bits
    ``{"$expr": "<digits>"}``, other non-JSON values ``{"$expr": repr}``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [representable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): representable(v) for k, v in value.items()}
    ok, converted = _jsonable(value)
    if ok:
        return converted
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else repr(value)
    return {"$expr": text}


def _value(node: ast.expr, source: str) -> Any:
    try:
        ok, value = _jsonable(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        ok, value = False, None
    if ok:
        return value
    return {"$expr": ast.get_source_segment(source, node) or ast.unparse(node)}


def _targets(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(target, ast.Name):
        yield target.id, value
    elif (
        isinstance(target, (ast.Tuple, ast.List))
        and isinstance(value, (ast.Tuple, ast.List))
        and len(target.elts) == len(value.elts)
    ):
        for sub_target, sub_value in zip(target.elts, value.elts, strict=False):
            yield from _targets(sub_target, sub_value)


def parse_parameters(source: str) -> dict[str, Any]:
    """Top-level assignments of a parameters cell: ``name -> JSON value | {"$expr": text}``."""
    stripped = strip_magics(source)
    tree = parse_module(source)
    if tree is None:  # parse what we can, line by line
        params: dict[str, Any] = {}
        for line in stripped.split("\n"):
            params.update(parse_parameters(line) if line.strip() and line != source else {})
        return params
    params = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                for name, node in _targets(target, stmt.value):
                    params[name] = _value(node, stripped)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            for name, node in _targets(stmt.target, stmt.value):
                params[name] = _value(node, stripped)
    return params


def _tags(cell: Mapping[str, Any]) -> list[str]:
    tags = (cell.get("metadata") or {}).get("tags") or []
    return [t for t in tags if isinstance(t, str)]


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _bundles(notebook: Mapping[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(cell index, payload) of metrics/params outputs, in execution order.

    Cells are ordered by execution count (cells never run count as 0), ties by position,
    so the most recently executed ``log_*`` call wins.
    """
    cells = list(enumerate(notebook.get("cells") or []))
    order = sorted(cells, key=lambda c: (c[1].get("execution_count") or 0, c[0]))
    for index, cell in order:
        for output in cell.get("outputs") or []:
            payload = (output.get("data") or {}).get(MIMETYPE)
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except json.JSONDecodeError:
                    continue
            if isinstance(payload, dict):
                yield index, payload


def extract_params(notebook: Mapping[str, Any]) -> dict[str, Any]:
    """Papermill defaults, overridden by injected parameters, overridden by log_param."""
    defaults: dict[str, Any] = {}
    injected: dict[str, Any] = {}
    for cell in notebook.get("cells") or []:
        if cell.get("cell_type") != "code":
            continue
        tags = _tags(cell)
        if "injected-parameters" in tags:
            injected.update(parse_parameters(_source(cell)))
        elif "parameters" in tags:
            defaults.update(parse_parameters(_source(cell)))
    papermill = ((notebook.get("metadata") or {}).get("papermill") or {}).get("parameters")
    if isinstance(papermill, dict):
        injected.update({str(k): representable(v) for k, v in papermill.items()})
    params = {**defaults, **injected}
    for _, payload in _bundles(notebook):
        if isinstance(payload.get("params"), dict):
            params.update(representable(payload["params"]))
    return params


def extract_metrics(
    notebook: Mapping[str, Any],
) -> tuple[dict[str, float | int | None], dict[str, list[float | int | None]], list[str]]:
    """(last value per metric, full history per metric, warnings)."""
    metrics: dict[str, float | int | None] = {}
    history: dict[str, list[float | int | None]] = {}
    warnings: list[str] = []
    for index, payload in _bundles(notebook):
        values = payload.get("metrics")
        if not isinstance(values, dict):
            continue
        for name, value in values.items():
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                warnings.append(f"metric {name!r} in cell {index} is not a number; ignored")
                continue
            if value is not None and not _finite_number(value):
                warnings.append(f"metric {name!r} in cell {index} is not finite; kept as null")
                value = None
            metrics[name] = value
            history.setdefault(name, []).append(value)
    return metrics, history, warnings


def _finite_number(value: float | int) -> bool:
    if isinstance(value, int):
        return -_INT_LIMIT <= value < _INT_LIMIT
    return math.isfinite(value)
