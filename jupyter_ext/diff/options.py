"""Diff options and the notebook "projection" that implements them.

Options never mutate the caller's notebooks: ignored facts are removed from shallow copies
(the *projection*) that are diffed instead; :mod:`.notebook` then puts the caller's original
values back into whatever the diff adds, so inserted cells and outputs stay exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class DiffOptions:
    """What to leave out of a notebook diff.

    - ``ignore_outputs``: output-only changes are hidden (cells still diff on source/metadata).
    - ``ignore_metadata``: ``True`` hides all cell and notebook metadata changes; a list of keys
      (``["ExecuteTime", "collapsed"]``) or dotted paths (``"jupyter.source_hidden"``) hides
      only those keys, in cell metadata and in notebook metadata.
    - ``ignore_execution_count``: execution counts of cells and ``execute_result`` outputs.
    - ``ignore_whitespace``: source changes that only touch whitespace (spaces inside lines,
      trailing spaces, blank lines) are hidden; a cell whose source really changed is diffed on
      its exact text.
    """

    ignore_outputs: bool = False
    ignore_metadata: bool | list[str] = False
    ignore_execution_count: bool = False
    ignore_whitespace: bool = False

    @property
    def is_default(self) -> bool:
        """True when nothing is ignored: the diff then patches base into remote exactly."""
        return not (
            self.ignore_outputs
            or self.ignore_metadata
            or self.ignore_execution_count
            or self.ignore_whitespace
        )

    def metadata_paths(self) -> list[tuple[str, ...]]:
        """The metadata key paths to drop (empty for ``True``/``False``).

        ``"a.b"`` means key ``b`` inside key ``a``, and also a top-level key named ``"a.b"``.
        """
        if isinstance(self.ignore_metadata, bool):
            return []
        paths: list[tuple[str, ...]] = []
        for p in self.ignore_metadata:
            if p:
                paths.append((p,))
                if "." in p:
                    paths.append(tuple(p.split(".")))
        return paths


def normalize_whitespace(source: str | list[str]) -> str:
    """Source text with whitespace made irrelevant: runs collapsed, ends and blank lines gone."""
    text = "".join(source) if isinstance(source, list) else source
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _drop_paths(metadata: Any, paths: Iterable[tuple[str, ...]]) -> Any:
    """Copy of ``metadata`` without the given key paths (copies only along changed paths)."""
    if not isinstance(metadata, dict):
        return metadata
    out = metadata
    for path in paths:
        out = _drop_path(out, path)
    return out


def _drop_path(obj: JSONDict, path: tuple[str, ...]) -> JSONDict:
    head, rest = path[0], path[1:]
    if head not in obj:
        return obj
    if not rest:
        return {k: v for k, v in obj.items() if k != head}
    child = obj[head]
    if not isinstance(child, dict):
        return obj
    new_child = _drop_path(child, rest)
    if new_child is child:
        return obj
    out = dict(obj)
    out[head] = new_child
    return out


def project_metadata(metadata: Any, options: DiffOptions) -> Any:
    """Notebook or cell metadata as the diff should see it."""
    if options.ignore_metadata is True:
        return {}
    return _drop_paths(metadata, options.metadata_paths())


def project_cell(cell: Any, options: DiffOptions) -> Any:
    """Shallow copy of ``cell`` with the ignored facts removed or neutralised."""
    if not isinstance(cell, dict):
        return cell
    out = dict(cell)
    if "metadata" in out and options.ignore_metadata:
        out["metadata"] = project_metadata(out["metadata"], options)
    if options.ignore_whitespace and "source" in out:
        out["source"] = normalize_whitespace(out["source"])
    if "outputs" in out:
        if options.ignore_outputs:
            out["outputs"] = []
        elif options.ignore_execution_count and isinstance(out["outputs"], list):
            out["outputs"] = [_project_output(o) for o in out["outputs"]]
    if options.ignore_execution_count and "execution_count" in out:
        out["execution_count"] = None
    return out


def _project_output(output: Any) -> Any:
    if isinstance(output, dict) and output.get("execution_count") is not None:
        output = dict(output)
        output["execution_count"] = None
    return output


def project_notebook(nb: JSONDict, options: DiffOptions) -> JSONDict:
    """Shallow copy of the notebook ``nb`` as the diff should see it under ``options``."""
    out = dict(nb)
    if "metadata" in out and options.ignore_metadata:
        out["metadata"] = project_metadata(out["metadata"], options)
    cells = out.get("cells")
    if isinstance(cells, list):
        out["cells"] = [project_cell(c, options) for c in cells]
    return out
