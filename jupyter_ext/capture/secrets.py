"""Secret detection (detect-secrets' regex plugins plus a few newer token formats) and redaction.

Findings never carry the secret value: redaction re-scans the places a finding points at.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .params import _targets, parse_module
from .secret_patterns import find_secret_spans, redact_text

__all__ = [
    "SecretFinding",
    "find_secret_spans",
    "looks_like_secret",
    "redact_secrets",
    "redact_text",
    "redact_unless_allowed",
    "scan_secrets",
]
_SECRET_NAME = re.compile(
    r"(?i)(password|passwd|pwd|secret|api_?key|access_?key|private_?key|token|credential)s?$"
)
# An AWS secret access key on its own: 40 base64 characters ("/" rules out paths otherwise).
_AWS_SECRET_SHAPE = re.compile(r"[A-Za-z0-9/+]{40}")
_BINARY_MIME = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "application/pdf",
)


@dataclass(frozen=True)
class SecretFinding:
    """Where a secret was found. Never holds the secret itself."""

    cell_index: int | None
    cell_id: str | None
    where: str  # "source" | "output" | "metadata" (the notebook's) | "param" | "env"
    kind: str
    line: int | None
    output_index: int | None = None  # for where == "output"
    key: str | None = None  # for extra_texts: the key it was given under


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def looks_like_secret(name: str, value: str) -> str | None:
    """Kind of secret a named value (env var, parameter) looks like, or None."""
    spans = find_secret_spans(value)
    if spans:
        return spans[0][2]
    if _SECRET_NAME.search(name) and len(value) >= 6:
        return "Secret Keyword"
    token = value.strip()
    if (
        len(token) >= 24
        and (not re.search(r"[\s/\\:,]", token) or _AWS_SECRET_SHAPE.fullmatch(token))
        and _entropy(token) > 4.2
        and re.search(r"\d", token)
    ):
        return "High Entropy String"
    return None


_PARAM_TAGS = frozenset({"parameters", "injected-parameters"})


def _is_param_cell(cell: Mapping[str, Any]) -> bool:
    tags = (cell.get("metadata") or {}).get("tags") or []
    return cell.get("cell_type") == "code" and any(t in _PARAM_TAGS for t in tags)


def _param_literals(source: str) -> list[tuple[int, int, int, int, str]]:
    """String literals a parameters cell assigns that look like secrets only by name or value
    (``conn = "<40 random base64>"``: no pattern matches the source), as character positions
    (line, col, end line, end col; lines from 1) and kind."""
    if "=" not in source:
        return []
    tree = parse_module(source)
    if tree is None:
        return []
    lines = source.split("\n")

    def char_col(line: int, byte_col: int) -> int:  # ast columns count UTF-8 bytes
        return len(lines[line - 1].encode()[:byte_col].decode(errors="ignore"))

    found: list[tuple[int, int, int, int, str]] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            pairs = [p for target in stmt.targets for p in _targets(target, stmt.value)]
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            pairs = list(_targets(stmt.target, stmt.value))
        else:
            continue
        for name, node in pairs:
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if node.end_lineno is None or node.end_col_offset is None:
                continue
            kind = looks_like_secret(name, node.value)
            if kind and not find_secret_spans(node.value):
                start = (node.lineno, char_col(node.lineno, node.col_offset))
                end = (node.end_lineno, char_col(node.end_lineno, node.end_col_offset))
                found.append((*start, *end, kind))
    return found


def _redact_param_literals(source: str) -> str:
    lines = source.split("\n")
    for line, col, end_line, end_col, kind in reversed(_param_literals(source)):
        head, tail = lines[line - 1][:col], lines[end_line - 1][end_col:]
        lines[line - 1 : end_line] = [f'{head}"[REDACTED:{kind}]"{tail}']
    return "\n".join(lines)


def _output_texts(output: Mapping[str, Any]) -> Iterator[str]:
    kind = output.get("output_type")
    if kind == "stream":
        yield _as_text(output.get("text", ""))
    elif kind == "error":
        yield f"{output.get('ename', '')}: {output.get('evalue', '')}"
        yield "\n".join(str(line) for line in output.get("traceback", []))
    for mime, value in (output.get("data") or {}).items():
        if mime in _BINARY_MIME:
            continue
        yield (
            value
            if isinstance(value, str)
            else (_as_text(value) if isinstance(value, list) else json.dumps(value))
        )


def _as_text(value: Any) -> str:
    # A list is nbformat's multi-line string, unless it is JSON data (application/json arrays).
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _spans_with_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line from 1, kind) of each secret in ``text``; lines counted once through the text."""
    line, done = 1, 0
    for start, _, kind in find_secret_spans(text):  # sorted by start
        line += text.count("\n", done, start)
        done = start
        yield line, kind


def scan_secrets(
    notebook: Mapping[str, Any], extra_texts: Mapping[str, str] | None = None
) -> list[SecretFinding]:
    """Find secrets in cell sources and outputs, and in ``extra_texts``.

    ``extra_texts`` keys prefixed ``env:`` are reported with ``where="env"``, others as
    ``"param"`` (the key, minus the prefix, goes to ``SecretFinding.key``).
    """
    findings: list[SecretFinding] = []
    for index, cell in enumerate(notebook.get("cells") or []):
        cell_id = cell.get("id")
        source = _as_text(cell.get("source", ""))
        for line, kind in _spans_with_lines(source):
            findings.append(SecretFinding(index, cell_id, "source", kind, line))
        if _is_param_cell(cell):
            for line, _, _, _, kind in _param_literals(source):
                findings.append(SecretFinding(index, cell_id, "source", kind, line))
        for out_index, output in enumerate(cell.get("outputs") or []):
            for text in _output_texts(output):
                for line, kind in _spans_with_lines(text):
                    findings.append(SecretFinding(index, cell_id, "output", kind, line, out_index))
    findings += [
        SecretFinding(None, None, "metadata", kind, None) for kind in _metadata_secrets(notebook)
    ]
    for key, text in (extra_texts or {}).items():
        where, _, name = key.partition(":") if key.startswith(("env:", "param:")) else ("", "", key)
        found = looks_like_secret(name, text)
        if found:
            findings.append(SecretFinding(None, None, where or "param", found, None, key=name))
    return findings


def _papermill_params(notebook: Mapping[str, Any]) -> dict[str, Any]:
    papermill = (notebook.get("metadata") or {}).get("papermill")
    params = papermill.get("parameters") if isinstance(papermill, dict) else None
    return params if isinstance(params, dict) else {}


def _metadata_secrets(notebook: Mapping[str, Any]) -> list[str]:
    """Kinds of secrets in the notebook's metadata (papermill records the parameters it
    injected in ``metadata.papermill.parameters``)."""
    metadata = notebook.get("metadata")
    if not metadata:
        return []
    kinds = [kind for _, _, kind in find_secret_spans(json.dumps(metadata, default=str))]
    for name, value in _papermill_params(notebook).items():
        if isinstance(value, str) and not find_secret_spans(value):
            kind = looks_like_secret(str(name), value)
            kinds += [kind] if kind else []
    return list(dict.fromkeys(kinds))


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)[0]
    if isinstance(value, list):
        return [_redact_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    return value


def _redact_output(output: dict[str, Any]) -> None:
    for field in ("text", "evalue", "traceback"):
        if field in output:
            output[field] = _redact_value(output[field])
    data = output.get("data") or {}
    for mime in list(data):
        if mime not in _BINARY_MIME:
            data[mime] = _redact_value(data[mime])


def redact_secrets(
    notebook: Mapping[str, Any], findings: Iterable[SecretFinding]
) -> dict[str, Any]:
    """A copy of ``notebook`` with the secrets at the findings' places replaced by
    ``[REDACTED:<kind>]`` (the input is not modified)."""
    result: dict[str, Any] = copy.deepcopy(dict(notebook))
    cells = result.get("cells") or []
    findings = list(findings)
    places = {(f.cell_index, f.where, f.output_index) for f in findings if f.cell_index is not None}
    if any(f.where == "metadata" for f in findings):
        params = _papermill_params(result)
        for name, value in params.items():
            kind = looks_like_secret(str(name), value) if isinstance(value, str) else None
            if kind:
                params[name] = f"[REDACTED:{kind}]"
        result["metadata"] = _redact_value(result.get("metadata") or {})
    for cell_index, where, out_index in places:
        if not 0 <= cell_index < len(cells):
            continue
        cell = cells[cell_index]
        if where == "source":
            source = _as_text(cell.get("source", ""))
            if _is_param_cell(cell):
                source = _redact_param_literals(source)
            cell["source"] = redact_text(source)[0]
        elif where == "output":
            outputs = cell.get("outputs") or []
            for j in range(len(outputs)) if out_index is None else [out_index]:
                if 0 <= j < len(outputs):
                    _redact_output(outputs[j])
    return result


def redact_unless_allowed(
    notebook: Mapping[str, Any], findings: list[SecretFinding], *, allow: bool
) -> tuple[dict[str, Any], list[str]]:
    """What every snapshot stores (takes and re-runs alike): the secrets found redacted, unless
    the caller explicitly allows them. Returns the notebook to store and the warning to show."""
    if not findings or allow:
        return dict(notebook), []
    count = len(findings)
    return redact_secrets(notebook, findings), [
        f"{count} possible secret{'s' if count != 1 else ''} redacted in the snapshot"
    ]
