"""Put the caller's original values back into a diff computed on projected notebooks.

With options, cells are diffed as projected (outputs dropped, execution counts cleared, source
whitespace normalised...). The diff entries that *carry values* (inserted cells, inserted outputs,
changed sources) must carry the real remote values, so that an ignored fact is ignored rather than
rewritten. This walks a sequence diff keeping the base and remote positions in step.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .options import DiffOptions

Diff = list[Any]


def walk_sequence(diff: Diff) -> Iterator[tuple[Any, int, int]]:
    """Yield ``(entry, i, j)``: each op of a sequence diff with its base and remote positions.

    For ``patch`` ``i``/``j`` are the base/remote indices of the patched item; for ``addrange``
    ``j`` is the remote index of the first inserted item; for ``removerange`` ``i`` is the key.
    """
    i = j = 0
    for entry in diff:
        key = entry["key"]
        if key > i:  # items before key are unchanged: both sides advance
            j += key - i
            i = key
        op = entry["op"]
        yield entry, i, j
        if op == "patch":
            i += 1
            j += 1
        elif op == "addrange":
            j += len(entry["valuelist"])
        elif op == "removerange":
            i += entry["length"]


def restore_originals(
    cells_diff: Diff, base_cells: list[Any], remote_cells: list[Any], options: DiffOptions
) -> None:
    """Rewrite ``cells_diff`` (computed on projected cells) to carry original remote values."""
    for entry, i, j in walk_sequence(cells_diff):
        if entry["op"] == "addrange":
            entry["valuelist"] = list(remote_cells[j : j + len(entry["valuelist"])])
        elif entry["op"] == "patch":
            entry["diff"] = _restore_cell(entry["diff"], base_cells[i], remote_cells[j], options)
    cells_diff[:] = [e for e in cells_diff if e["op"] != "patch" or e["diff"]]


def _restore_cell(diff: Diff, base: Any, remote: Any, options: DiffOptions) -> Diff:
    out: Diff = []
    for entry in diff:
        key = entry["key"]
        if key == "source" and options.ignore_whitespace:
            out.extend(_source_diff(base.get("source"), remote.get("source")))
            continue
        if key == "outputs":
            if entry["op"] in ("add", "replace"):
                entry["value"] = remote["outputs"]
            elif entry["op"] == "patch":
                for sub, _i, j in walk_sequence(entry["diff"]):
                    if sub["op"] == "addrange":
                        n = len(sub["valuelist"])
                        sub["valuelist"] = list(remote["outputs"][j : j + n])
        out.append(entry)
    return out


def _source_diff(base: Any, remote: Any) -> Diff:
    """nbdime's diff of two cell sources (only reached when their normalised forms differ)."""
    from nbdime.diff_format import DiffEntry

    from .notebook import nbdime_config

    if isinstance(base, str) and isinstance(remote, str):
        config = nbdime_config()
        path = "/cells/*/source"
        sub: Diff = config.differs[path](base, remote, path=path, config=config)
        return [DiffEntry(op="patch", key="source", diff=sub)] if sub else []
    if base == remote:
        return []
    return [DiffEntry(op="replace", key="source", value=remote)]
