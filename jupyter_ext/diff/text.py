"""Terminal rendering: the run diff as readable tables, then nbdime's pretty-printed diff."""

from __future__ import annotations

import io
import json
import math
from typing import Any

from .normalize import normalize_notebook
from .notebook import to_node

JSONDict = dict[str, Any]

_GREEN, _RED, _BLUE, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[34m", "\x1b[1m", "\x1b[0m"


def number(value: Any) -> str:
    """A number for reading, the UI's rule (src/common/numbers.ts formatNumber): integers as
    they are, below 1e-3 or from 1e6 on in exponent form, others to 6 significant digits
    (0.9099999999999999 -> 0.91, 0.8693124 -> 0.869312). Text as it is, None as "—"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else str(value)
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if abs(value) < 1e-3 or abs(value) >= 1e6:
        mantissa, exponent = f"{value:.3e}".split("e")
        return f"{mantissa}e{int(exponent):+d}"
    return repr(float(f"{value:.6g}"))


def _short(value: Any, width: int = 40) -> str:
    if value is None:
        return "-"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = ["  " + line, "  " + "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return out


def _commit(sha: Any) -> str:
    return "-" if not sha else str(sha)[:12]


def _fmt_num(x: Any) -> str:
    if x is None or isinstance(x, bool) or not isinstance(x, (int, float)):
        return "-" if x is None else str(x)
    text = number(x)
    return text if text.startswith("-") or not math.isfinite(x) else "+" + text


def format_run_diff(rd: JSONDict, color: bool = False) -> str:
    """The run diff as text: a summary line, then one small table per section that changed."""

    def head(title: str) -> str:
        return f"{_BOLD}{_BLUE}{title}{_RESET}" if color else title

    lines = [head("## run diff: " + str(rd.get("summary", "")))]
    if rd.get("params"):
        lines.append(head("params"))
        rows = [[p["name"], _short(p["base"]), _short(p["remote"]), p["change"]]
                for p in rd["params"]]  # fmt: skip
        lines += _table(["name", "base", "remote", "change"], rows)
    if rd.get("metrics"):
        lines.append(head("metrics"))
        rows = []
        for m in rd["metrics"]:
            pct = "-" if m.get("delta_pct") is None else f"{m['delta_pct']:+.2f}%"
            rows.append([m["name"], _short(m["base"]), _short(m["remote"]),
                         _fmt_num(m.get("delta")), pct])  # fmt: skip
        lines += _table(["name", "base", "remote", "delta", "delta %"], rows)
    changed_data = [d for d in rd.get("data", []) if d["change"] != "unchanged"]
    if changed_data:
        lines.append(head("data"))
        rows = [[d["path"], d["change"], _short(d["base_hash"], 22), _short(d["remote_hash"], 22)]
                for d in changed_data]  # fmt: skip
        lines += _table(["path", "change", "base hash", "remote hash"], rows)
    if rd.get("packages"):
        lines.append(head("packages"))
        rows = [[p["name"], _short(p["base"]), _short(p["remote"]),
                 p.get("direction") or p["change"]] for p in rd["packages"]]  # fmt: skip
        lines += _table(["name", "base", "remote", "change"], rows)
    for section in ("kernel", "environment"):
        if rd.get(section):
            lines.append(head(section))
            rows = [[k, _short(v["base"]), _short(v["remote"])] for k, v in rd[section].items()]
            lines += _table(["field", "base", "remote"], rows)
    git = rd.get("git") or {}
    if git.get("changed"):
        lines.append(head("git"))
        commits = f"{_commit(git['base_commit'])} -> {_commit(git['remote_commit'])}"
        dirty = f"{git.get('base_dirty')} -> {git.get('remote_dirty')}"
        lines.append(f"  commit {commits}  (dirty: {dirty})")
    time = rd.get("time") or {}
    author = rd.get("author") or {}
    if time.get("base") or time.get("remote"):
        elapsed = time.get("elapsed_s")
        took = "" if elapsed is None else f"  ({elapsed:+.0f} s)"
        lines.append(f"{head('time')}  {_short(time.get('base'))} -> "
                     f"{_short(time.get('remote'))}{took}")  # fmt: skip
    if author.get("base") or author.get("remote"):
        lines.append(f"{head('author')}  {_short(author.get('base'))} -> "
                     f"{_short(author.get('remote'))}")  # fmt: skip
    return "\n".join(lines) + "\n"


def format_notebook_diff(base: JSONDict, diff: list[Any], color: bool = False) -> str:
    """nbdime's pretty print of ``diff`` against ``base`` (pure Python: no git/diff process)."""
    from nbdime.diff_utils import to_diffentry_dicts
    from nbdime.prettyprint import PrettyPrintConfig, pretty_print_diff

    if not diff:
        return ""
    out = io.StringIO()
    config = PrettyPrintConfig(out=out, use_git=False, use_diff=False, use_color=color)
    # Diffs that went through JSON are plain dicts; nbdime's printer wants DiffEntry objects.
    base = normalize_notebook(base)  # the diff applies to joined multiline text
    pretty_print_diff(to_node(base), to_diffentry_dicts(diff), "", config)
    return out.getvalue()


def format_diff_text(
    base: JSONDict, diff: list[Any], run_diff: JSONDict | None, color: bool = False
) -> str:
    """Terminal output: the run diff first (tables), then the notebook diff."""
    parts = []
    if run_diff is not None:
        parts.append(format_run_diff(run_diff, color))
    nb_text = format_notebook_diff(base, diff, color)
    if nb_text:
        parts.append(nb_text)
    else:
        parts.append("## notebook: no changes\n")
    return "\n".join(parts)
