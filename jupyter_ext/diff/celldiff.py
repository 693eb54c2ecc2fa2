"""Cell alignment by similarity and per-cell diffs in nbdime's format, at line-diff speed.

What nbdime does for the cells of a gap, rebuilt on :mod:`.linediff`:

- **alignment** (nbdime: a brute-force multilevel LCS whose predicates ratio-compare whole sources
  and outputs character by character): cells of the same type whose sources are similar
  (:func:`.linediff.similarity`, nbdime's 0.7 threshold and short-text rule) are paired by a
  weighted LCS (:func:`.align.best_pairs`), equal outputs breaking ties; the rest is removed and
  inserted, as nbdime does for cells it does not align;
- **cell diff** (nbdime's ``/cells/*`` differ): dict diff of the cell; ``source`` and every text
  (stream text, ``text/*`` mime data, metadata strings) line-diffed by :func:`.linediff.diff_text`;
  outputs aligned like cells (equal first, then same type and similar content; images must be
  equal) and diffed as nbdime's ``diff_single_outputs`` does (data patched last).

Cells that are not well-formed nbformat cells are left to nbdime (:mod:`.notebook`).
"""

from __future__ import annotations

from typing import Any

from .align import best_pairs, match_blocks
from .hashing import cell_hash, is_binary_mime
from .linediff import Profile, diff_text, similarity

Diff = list[Any]
JSONDict = dict[str, Any]

STRICT_BONUS = 0.1  # equal outputs (or both none) prefer a pair, as nbdime's stricter levels do


def _entry(**fields: Any) -> Any:
    from nbdime.diff_format import DiffEntry

    return DiffEntry(**fields)


def _is_output(out: Any) -> bool:
    return isinstance(out, dict) and isinstance(out.get("output_type"), str)


def is_plain_cell(cell: Any) -> bool:
    """A cell this module diffs itself: the shapes nbformat 4 allows (text already joined)."""
    if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
        return False
    if not isinstance(cell.get("source", ""), str):
        return False
    outputs = cell.get("outputs", [])
    if not isinstance(outputs, list) or not all(map(_is_output, outputs)):
        return False
    attachments = cell.get("attachments", {})
    return isinstance(attachments, dict) and all(isinstance(v, dict) for v in attachments.values())


# --- generic values (nbdime's generic diff, strings by line) -------------------------------


def diff_value(a: Any, b: Any) -> Diff:
    """nbdime's generic diff of two containers of the same kind (dict, list or str)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return diff_dict(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return diff_list(a, b)
    if isinstance(a, str) and isinstance(b, str):
        return diff_text(a, b)
    raise TypeError(f"cannot diff {type(a).__name__} with {type(b).__name__}")


def _is_container(x: Any) -> bool:
    return isinstance(x, (str, list, dict))


def diff_dict(a: JSONDict, b: JSONDict, differs: dict[str, Any] | None = None,
              atomic: tuple[str, ...] = ()) -> Diff:  # fmt: skip
    """Removed keys, then common keys (patched or replaced), then added keys, each sorted."""
    out: Diff = [_entry(op="remove", key=k) for k in sorted(a.keys() - b.keys())]
    for key in sorted(a.keys() & b.keys()):
        x, y = a[key], b[key]
        if type(x) is type(y) and _is_container(x) and key not in atomic:
            differ = (differs or {}).get(key, diff_value)
            sub = differ(x, y)
            if sub:
                out.append(_entry(op="patch", key=key, diff=sub))
        elif x != y:
            out.append(_entry(op="replace", key=key, value=y))
    out.extend(_entry(op="add", key=k, value=b[k]) for k in sorted(b.keys() - a.keys()))
    return out


def _sequence(pieces: list[tuple[str, int, Any]]) -> Diff:
    from nbdime.diff_format import SequenceDiffBuilder

    builder = SequenceDiffBuilder()
    for op, key, value in pieces:
        getattr(builder, op)(key, value)
    result: Diff = builder.validated()
    return result


def diff_list(a: list[Any], b: list[Any]) -> Diff:
    """Equal items kept (in order), others removed and inserted: nbdime's list diff."""
    if a == b:
        return []
    ka = [x if isinstance(x, str) else cell_hash(x) for x in a]
    kb = [x if isinstance(x, str) else cell_hash(x) for x in b]
    pieces: list[tuple[str, int, Any]] = []
    i = j = 0
    for bi, bj, n in match_blocks(ka, kb):
        pieces += [("removerange", i, bi - i), ("addrange", i, b[j:bj])]
        i, j = bi + n, bj + n
    return _sequence(pieces)


def _paired_sequence(a: list[Any], b: list[Any], pairs: list[tuple[int, int]],
                     differ: Any) -> Diff:  # fmt: skip
    """Sequence diff: unpaired items removed/inserted, paired items patched by ``differ``."""
    pieces: list[tuple[str, int, Any]] = []
    i = j = 0
    for p, q in [*pairs, (len(a), len(b))]:
        pieces += [("removerange", i, p - i), ("addrange", i, b[j:q])]
        if p < len(a):
            pieces.append(("patch", p, differ(a[p], b[q])))
        i, j = p + 1, q + 1
    return _sequence(pieces)


# --- outputs --------------------------------------------------------------------------------


def _text(x: Any) -> Profile | None:
    return Profile(x) if isinstance(x, str) else None


def _outputs_alike(x: JSONDict, y: JSONDict) -> bool:
    """nbdime's ``compare_output_approximate``, texts by :func:`similarity`."""
    kind = x["output_type"]
    if kind != y["output_type"] or x.keys() != y.keys():
        return False
    handled = {"output_type", "metadata", "execution_count"}
    if kind == "stream":
        tx, ty = _text(x.get("text")), _text(y.get("text"))
        if x.get("name") != y.get("name") or tx is None or ty is None:
            return False
        if similarity(tx, ty, short_rule=False) is None:
            return False
        handled |= {"name", "text"}
    elif kind == "error":
        if x.get("ename") != y.get("ename") or x.get("evalue") != y.get("evalue"):
            return False
        tbx, tby = x.get("traceback"), y.get("traceback")
        if not (isinstance(tbx, list) and isinstance(tby, list) and len(tbx) == len(tby)):
            return False
        handled |= {"ename", "evalue", "traceback"}
    elif kind in ("display_data", "execute_result"):
        dx, dy = x.get("data"), y.get("data")
        if not (isinstance(dx, dict) and isinstance(dy, dict)) or dx.keys() != dy.keys():
            return False
        for mime, vx in dx.items():
            vy = dy[mime]
            if vx == vy:
                continue
            if not mime.lower().startswith("text/") or not (
                isinstance(vx, str) and isinstance(vy, str)
            ):
                return False  # images and other binaries: equal or not aligned
            if similarity(Profile(vx), Profile(vy)) is None:
                return False
        handled.add("data")
    return all(x[k] == y[k] for k in x.keys() - handled)


def _alike_outputs(a: list[Any], b: list[Any]) -> list[tuple[int, int]]:
    return best_pairs(len(a), len(b), lambda p, q: 1.0 if _outputs_alike(a[p], b[q]) else None)


def diff_outputs(a: list[Any], b: list[Any]) -> Diff:
    """Outputs of two paired cells: equal ones kept, alike ones patched, others replaced."""
    ha, hb = [cell_hash(o) for o in a], [cell_hash(o) for o in b]
    pairs: list[tuple[int, int]] = []
    i = j = 0
    for bi, bj, n in match_blocks(ha, hb):
        if bi > i and bj > j:
            pairs += [(i + p, j + q) for p, q in _alike_outputs(a[i:bi], b[j:bj])]
        pairs += [(bi + k, bj + k) for k in range(n)]
        i, j = bi + n, bj + n
    return _paired_sequence(a, b, pairs, diff_output)


def diff_output(a: JSONDict, b: JSONDict) -> Diff:
    """nbdime's ``diff_single_outputs``: rich outputs diff all but data, then patch data."""
    if a == b:
        return []
    if a["output_type"] in ("execute_result", "display_data"):
        rest_a = {k: v for k, v in a.items() if k != "data"}
        rest_b = {k: v for k, v in b.items() if k != "data"}
        out = diff_dict(rest_a, rest_b)
        da, db = a.get("data"), b.get("data")
        if isinstance(da, dict) and isinstance(db, dict):
            sub = diff_mime_bundle(da, db)
            if sub:
                out.append(_entry(op="patch", key="data", diff=sub))
        elif da != db:  # malformed data: nbdime would fail; replace the whole output
            return diff_dict(a, b)
        return out
    return diff_dict(a, b)


def diff_mime_bundle(a: JSONDict, b: JSONDict) -> Diff:
    """nbdime's ``diff_mime_bundle``: text-like mime values diffed, others replaced."""
    out: Diff = [_entry(op="remove", key=k) for k in sorted(a.keys() - b.keys())]
    for key in sorted(a.keys() & b.keys()):
        x, y = a[key], b[key]
        if x == y and type(x) is type(y):
            continue
        if not is_binary_mime(key) and type(x) is type(y) and _is_container(x):
            sub = diff_value(x, y)
            if sub:
                out.append(_entry(op="patch", key=key, diff=sub))
        elif x != y or type(x) is not type(y):
            out.append(_entry(op="replace", key=key, value=y))
    out.extend(_entry(op="add", key=k, value=b[k]) for k in sorted(b.keys() - a.keys()))
    return out


def _diff_attachments(a: JSONDict, b: JSONDict) -> Diff:
    out: Diff = [_entry(op="remove", key=k) for k in sorted(a.keys() - b.keys())]
    for key in sorted(a.keys() & b.keys()):
        sub = diff_mime_bundle(a[key], b[key])
        if sub:
            out.append(_entry(op="patch", key=key, diff=sub))
    out.extend(_entry(op="add", key=k, value=b[k]) for k in sorted(b.keys() - a.keys()))
    return out


_CELL_DIFFERS = {"source": diff_text, "outputs": diff_outputs, "attachments": _diff_attachments}


def diff_cell(a: JSONDict, b: JSONDict) -> Diff:
    """nbdime's diff of two aligned plain cells (path ``/cells/*``)."""
    if a == b:
        return []
    return diff_dict(a, b, _CELL_DIFFERS, atomic=("id",))


# --- cell alignment ---------------------------------------------------------------------------


def _cell_weight(x: JSONDict, y: JSONDict, px: Profile, py: Profile) -> float | None:
    if x["cell_type"] != y["cell_type"]:
        return None
    ratio = similarity(px, py)
    if ratio is None:
        return None
    same_outputs = x.get("outputs") == y.get("outputs")
    return 1.0 + ratio + (STRICT_BONUS if same_outputs else 0.0)


def align_cells(a: list[JSONDict], b: list[JSONDict]) -> list[tuple[int, int]]:
    """Pairs of similar cells (increasing), as nbdime's aligner would pair them."""
    pa = [Profile(c.get("source", "")) for c in a]
    pb = [Profile(c.get("source", "")) for c in b]
    return best_pairs(len(a), len(b), lambda i, j: _cell_weight(a[i], b[j], pa[i], pb[j]))


def diff_cell_run(a: list[JSONDict], b: list[JSONDict], offset: int = 0) -> Diff:
    """Diff of two runs of plain cells with nothing exactly in common, keys + ``offset``."""
    result = _paired_sequence(a, b, align_cells(a, b), diff_cell)
    if offset:
        for entry in result:
            entry["key"] += offset
    return result
