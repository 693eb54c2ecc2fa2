"""Run diff: what changed between two snapshots besides the notebook text.

Input: two manifests (``jupyter-ext/snapshot@1``, see docs/internals.md) as plain dicts, either of
which may be ``None`` for a live notebook that has no manifest. Facts of a missing side are
reported as unknown (``None`` values, change ``"unknown"``), never guessed.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

JSONDict = dict[str, Any]
KERNEL_FIELDS = (
    "name", "display_name", "language", "implementation", "implementation_version",
    "executable", "state",
)  # fmt: skip
ENV_FIELDS = ("os", "hostname", "python", "cpu_count", "memory_bytes", "gpus", "packages")


def _get(manifest: JSONDict | None, key: str) -> Any:
    if not isinstance(manifest, dict):
        return None
    return manifest.get(key)


def _mapping(value: Any) -> JSONDict:
    return value if isinstance(value, dict) else {}


def _change(base: Any, remote: Any, in_base: bool, in_remote: bool) -> str:
    if in_base and not in_remote:
        return "removed"
    if in_remote and not in_base:
        return "added"
    return "unchanged" if base == remote else "changed"


def diff_mapping(
    base: JSONDict | None, remote: JSONDict | None, *, keep_unchanged: bool = False
) -> list[JSONDict]:
    """``[{"name", "base", "remote", "change"}]`` for two name -> value maps, sorted by name.

    A ``None`` side is unknown: each name of the other side is listed with change "unknown".
    """
    if base is None or remote is None:
        known = base if base is not None else remote or {}
        return [
            {"name": k, "base": None if base is None else v,
             "remote": None if remote is None else v, "change": "unknown"}
            for k, v in sorted(known.items())
        ]  # fmt: skip
    rows = []
    for name in sorted(set(base) | set(remote)):
        b, r = base.get(name), remote.get(name)
        change = _change(b, r, name in base, name in remote)
        if change != "unchanged" or keep_unchanged:
            rows.append({"name": name, "base": b, "remote": r, "change": change})
    return rows


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def diff_metrics(base: JSONDict | None, remote: JSONDict | None) -> list[JSONDict]:
    """Every metric of either side, with ``delta = remote - base`` and ``delta_pct`` (of |base|)."""
    rows = diff_mapping(base, remote, keep_unchanged=True)
    for row in rows:
        b, r = _number(row["base"]), _number(row["remote"])
        delta = r - b if b is not None and r is not None else None
        row["delta"] = delta
        row["delta_pct"] = (
            delta / abs(b) * 100.0 if delta is not None and b is not None and b != 0 else None
        )
    return rows


_VERSION_PART = re.compile(r"\d+|[a-z]+")


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    parts: list[tuple[int, int | str]] = []
    for p in _VERSION_PART.findall(version.lower()):
        parts.append((1, int(p)) if p.isdigit() else (0, p))
    return tuple(parts)


def diff_packages(base: JSONDict | None, remote: JSONDict | None) -> list[JSONDict]:
    """Changed imported packages; version changes say ``"direction": "upgrade"|"downgrade"``."""
    rows = diff_mapping(base, remote)
    for row in rows:
        direction = None
        if row["change"] == "changed":
            try:
                kb, kr = _version_key(str(row["base"])), _version_key(str(row["remote"]))
                direction = "upgrade" if kr > kb else "downgrade" if kr < kb else None
            except TypeError:
                direction = None
        row["direction"] = direction
    return rows


def _hash_scheme(h: Any) -> str | None:
    return h.split(":", 1)[0] if isinstance(h, str) and ":" in h else None


def _data_key(ref: JSONDict) -> str:
    return str(ref.get("path") or ref.get("url") or "")


def _data_change(b: JSONDict | None, r: JSONDict | None) -> str:
    if b is None:
        return "added"
    if r is None:
        return "removed"
    bh, rh = b.get("hash"), r.get("hash")
    if bh and rh and bh == rh:
        return "unchanged"
    bs, rs = b.get("size"), r.get("size")
    if bs is not None and rs is not None and bs != rs:
        return "content-changed"
    if bh and rh and _hash_scheme(bh) == _hash_scheme(rh):
        return "content-changed"
    return "unknown"  # no hashes, or hashes of different kinds over files of the same size


def diff_data(base: list[Any] | None, remote: list[Any] | None) -> list[JSONDict]:
    """Data files by path (or URL): added, removed, content-changed (by hash), unchanged."""
    bmap = {_data_key(d): d for d in base or [] if isinstance(d, dict)}
    rmap = {_data_key(d): d for d in remote or [] if isinstance(d, dict)}
    rows = []
    for path in sorted(set(bmap) | set(rmap)):
        b, r = bmap.get(path), rmap.get(path)
        change = "unknown" if base is None or remote is None else _data_change(b, r)
        rows.append({
            "path": path, "change": change,
            "base_hash": (b or {}).get("hash"), "remote_hash": (r or {}).get("hash"),
            "base_size": (b or {}).get("size"), "remote_size": (r or {}).get("size"),
            "base_mode": (b or {}).get("mode"), "remote_mode": (r or {}).get("mode"),
        })  # fmt: skip
    return rows


def diff_fields(base: Any, remote: Any, fields: tuple[str, ...]) -> JSONDict:
    """``{field: {"base", "remote"}}`` for the fields that differ (all, if a side is unknown)."""
    if not isinstance(base, dict) and not isinstance(remote, dict):
        return {}
    b, r = _mapping(base), _mapping(remote)
    return {
        f: {"base": b.get(f), "remote": r.get(f)}
        for f in fields
        if b.get(f) != r.get(f) or not isinstance(base, dict) or not isinstance(remote, dict)
    }


def diff_git(base: Any, remote: Any, known: bool) -> JSONDict:
    b, r = _mapping(base), _mapping(remote)
    return {
        "base_commit": b.get("commit"), "remote_commit": r.get("commit"),
        "changed": (b.get("commit") != r.get("commit")) if known else None,
        "base_branch": b.get("branch"), "remote_branch": r.get("branch"),
        "base_dirty": b.get("dirty"), "remote_dirty": r.get("dirty"),
        "base_remote": b.get("remote"), "remote_remote": r.get("remote"),
    }  # fmt: skip


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def diff_time(base: Any, remote: Any) -> JSONDict:
    tb, tr = _parse_time(base), _parse_time(remote)
    elapsed = None
    if tb is not None and tr is not None and (tb.tzinfo is None) == (tr.tzinfo is None):
        elapsed = (tr - tb).total_seconds()
    return {"base": base, "remote": remote, "elapsed_s": elapsed}


def _author_name(author: Any) -> Any:
    if isinstance(author, dict):
        return author.get("username") or author.get("name")
    return author


def diff_author(base: Any, remote: Any, known: bool) -> JSONDict:
    b, r = _author_name(base), _author_name(remote)
    return {"base": b, "remote": r, "same": (b == r) if known else None}


def diff_notebook_identity(base: Any, remote: Any, known: bool) -> JSONDict:
    b, r = _mapping(base), _mapping(remote)
    same = None
    if known:
        same = (b.get("key") or b.get("path")) == (r.get("key") or r.get("path"))
    return {"same": same, "base_path": b.get("path"), "remote_path": r.get("path")}


def run_diff(base_manifest: JSONDict | None, remote_manifest: JSONDict | None) -> JSONDict:
    """Structured summary of everything that changed between two runs except the notebook."""
    b, r = base_manifest, remote_manifest
    known = isinstance(b, dict) and isinstance(r, dict)
    benv, renv = _mapping(_get(b, "environment")), _mapping(_get(r, "environment"))
    result: JSONDict = {
        "base_known": isinstance(b, dict),
        "remote_known": isinstance(r, dict),
        "base_id": _get(b, "id"),
        "remote_id": _get(r, "id"),
        "params": diff_mapping(_params(b), _params(r)),
        "metrics": diff_metrics(_params(b, "metrics"), _params(r, "metrics")),
        "data": diff_data(_list(b, "data"), _list(r, "data")),
        "packages": diff_packages(
            _mapping(benv.get("imported_packages")) if isinstance(b, dict) else None,
            _mapping(renv.get("imported_packages")) if isinstance(r, dict) else None,
        ),
        "kernel": diff_fields(_get(b, "kernel"), _get(r, "kernel"), KERNEL_FIELDS),
        "environment": diff_fields(
            benv if isinstance(b, dict) else None,
            renv if isinstance(r, dict) else None,
            ENV_FIELDS,
        ),
        "git": diff_git(_get(b, "git"), _get(r, "git"), known),
        "author": diff_author(_get(b, "author"), _get(r, "author"), known),
        "time": diff_time(_get(b, "created"), _get(r, "created")),
        "notebook": diff_notebook_identity(_get(b, "notebook"), _get(r, "notebook"), known),
    }
    if isinstance(r, dict) and r.get("live"):
        _live_remote(result, b)
    result["summary"] = summarize(result)
    return result


def _live_remote(result: JSONDict, base: JSONDict | None) -> None:
    """A live notebook (no snapshot) has params and metrics; the rest is unknown, not changed."""
    result.update(data=[], packages=[], kernel={}, environment={}, remote_live=True)
    result["git"] = diff_git(_get(base, "git"), None, False)
    result["author"] = diff_author(_get(base, "author"), None, False)
    result["time"] = diff_time(_get(base, "created"), None)
    result["unknown"] = ["data", "packages", "kernel", "environment", "git"]


def _params(manifest: JSONDict | None, key: str = "params") -> JSONDict | None:
    if not isinstance(manifest, dict):
        return None
    return _mapping(manifest.get(key))


def _list(manifest: JSONDict | None, key: str) -> list[Any] | None:
    if not isinstance(manifest, dict):
        return None
    value = manifest.get(key)
    return value if isinstance(value, list) else []


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summarize(rd: JSONDict) -> str:
    """One human line, e.g. ``"2 params, 3 metrics, 1 data file changed"``."""
    if not (rd["base_known"] and rd["remote_known"]):
        side = "base" if not rd["base_known"] else "remote"
        if not (rd["base_known"] or rd["remote_known"]):
            side = "both sides"
        return f"run facts unknown for {side} (live notebook, no snapshot)"
    parts = []
    counts = [
        (len(rd["params"]), "param"),
        (sum(1 for m in rd["metrics"] if m["change"] != "unchanged"), "metric"),
        (sum(1 for d in rd["data"] if d["change"] not in ("unchanged",)), "data file"),
        (len(rd["packages"]), "package"),
    ]
    for n, word in counts:
        if n:
            parts.append(_count(n, word))
    if rd["kernel"]:
        parts.append("kernel")
    if rd["git"]["changed"]:
        parts.append("git commit")
    if not parts:
        return "no run changes (params, metrics, data, packages, kernel, commit all equal)"
    return ", ".join(parts) + " changed"
