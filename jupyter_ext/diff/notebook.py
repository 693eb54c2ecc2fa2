"""Hash-accelerated notebook diff producing nbdime's diff format.

nbdime aligns cells with several rounds of fuzzy comparisons over the whole notebook, which is
quadratic-ish and slow for big notebooks (nbdime#540). Here cells are first matched by content
hash (:mod:`.align`: a longest common subsequence of the hash lists is unchanged); only the
*gaps* between matched runs are aligned and diffed: cells with the same id (else the same
source) are paired, the rest by similarity (:mod:`.celldiff`, nbdime's rules with line-based
text comparisons), and paired cells get a line-based cell diff in nbdime's format. nbdime's own
aligner and cell differ remain the fallback for cells that are not plain nbformat cells. The
per-gap diffs are shifted to notebook indices and stitched into a single ``patch`` op on
``cells``, the shape nbdime emits: ``nbdime.patch(base, diff) == remote`` and nbdime's web
components render it.
"""

from __future__ import annotations

import logging
from typing import Any

from .align import match_blocks
from .celldiff import diff_cell, diff_cell_run, is_plain_cell
from .hashing import Tokenizer, cell_hash
from .normalize import normalize_notebook
from .options import DiffOptions, project_notebook

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Diff = list[Any]  # list of nbdime DiffEntry (dict subclasses, JSON-serializable)

# The gap aligner compares every cell of a gap with every other (similarity of sources; nbdime's
# fallback with fuzzy char ratios, 0.1-0.4 ms a pair). A gap of more than MAX_PAIRS cell pairs
# (unrelated notebooks) is cut into diagonal chunks, each aligned alone, so that about
# PAIR_BUDGET pairs are compared in all: bounded time, still a valid diff, alignment only
# local; reported as ``DiffStats.fallback``.
MAX_PAIRS = 4096
PAIR_BUDGET = 5_000
# Gaps without cell ids are split by pairing equal sources from this size on (a 1 x 1 gap is
# left to the similarity aligner, which pairs or not by its fuzzy comparison).
PAIR_GAP = 2


class DiffStats:
    """What the last diff did (for benchmarks and logs); not part of the diff itself."""

    def __init__(self) -> None:
        self.base_cells = 0
        self.remote_cells = 0
        self.matched_cells = 0
        self.gaps = 0
        # cells (base + remote) that went through a fuzzy aligner: ours (by similarity,
        # :mod:`.celldiff`), or nbdime's for cells not in plain nbformat shape
        self.nbdime_cells = 0
        self.paired_cells = 0  # cell pairs matched by id or source, then diffed one to one
        self.largest_gap = 0
        self.fallback = False  # True when nbdime diffed the whole notebook

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


last_stats = DiffStats()


def _entry(**fields: Any) -> Any:
    from nbdime.diff_format import DiffEntry

    return DiffEntry(**fields)


class _Defaults(dict[str, Any]):
    """Lookup table returning a default for unknown paths *without inserting it*.

    nbdime's own tables are process-global defaultdicts that insert every path they are asked
    about; a path first seen holding a list (``/metadata/foo``) then makes any later diff where
    it holds a dict of scalars raise "Found predicate(s) for path ... pointing to dict entry".
    """

    def __init__(self, default: Any, entries: dict[str, Any]) -> None:
        super().__init__(entries)
        self.default = default

    def __missing__(self, key: str) -> Any:
        return self.default


_CONFIG: Any = None


def nbdime_config() -> Any:
    """nbdime's notebook diff configuration, private to us (pristine, never polluted)."""
    global _CONFIG
    if _CONFIG is None:
        import operator

        from nbdime.diffing.config import DiffConfig
        from nbdime.diffing.generic import diff
        from nbdime.diffing.notebooks import notebook_differs, notebook_predicates

        _CONFIG = DiffConfig(
            predicates=_Defaults([operator.__eq__], dict(notebook_predicates.default_values)),
            differs=_Defaults(diff, dict(notebook_differs.default_values)),
            atomic_paths={"/cells/*/id": True},
        )
    return _CONFIG


def to_node(obj: Any) -> Any:
    """Deep copy of a JSON-like object as nbformat NotebookNodes (nbdime uses attribute access)."""
    import nbformat

    return nbformat.from_dict(obj)  # type: ignore[no-untyped-call]


def _is_notebook(nb: Any) -> bool:
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list)


def diff_notebooks(base: JSONDict, remote: JSONDict, options: DiffOptions | None = None) -> Diff:
    """nbdime diff of two notebooks (nbformat 4 dicts, as ``nbformat.reads`` returns them).

    With default options ``nbdime.patch(base, diff) == remote``. With options, ignored facts
    produce no diff entries (see :class:`DiffOptions`); everything else is still exact.
    Multiline text stored as lists of lines (raw ``json.load``) is joined first, as nbformat
    does; the diff then applies to ``normalize_notebook(base)``.
    """
    return diff_notebooks_with_stats(base, remote, options)[0]


def diff_notebooks_with_stats(
    base: JSONDict, remote: JSONDict, options: DiffOptions | None = None
) -> tuple[Diff, DiffStats]:
    """:func:`diff_notebooks`, plus what it did (cells matched, gaps, nbdime fallback)."""
    global last_stats
    stats = DiffStats()
    last_stats = stats  # convenience for benchmarks; threads should use the returned stats
    return _diff_notebooks(base, remote, options or DiffOptions(), stats), stats


def _diff_notebooks(
    base: JSONDict, remote: JSONDict, options: DiffOptions, stats: DiffStats
) -> Diff:
    if not (_is_notebook(base) and _is_notebook(remote)):
        stats.fallback = True
        return _plain_nbdime(base, remote)
    base, remote = normalize_notebook(base), normalize_notebook(remote)
    if options.is_default:
        a, b = base, remote
    else:
        a, b = project_notebook(base, options), project_notebook(remote, options)

    cells_diff = diff_cells(a["cells"], b["cells"], stats)
    if not options.is_default and cells_diff:
        from .restore import restore_originals

        restore_originals(cells_diff, base["cells"], remote["cells"], options)

    top = _diff_top_level(a, b)
    if cells_diff:
        top = _insert_cells_op(top, _entry(op="patch", key="cells", diff=cells_diff))
    return top


def _plain_nbdime(base: Any, remote: Any) -> Diff:
    """Not notebooks with a cell list: nbdime's generic diff with the notebook rules."""
    from nbdime.diffing.generic import diff

    result: Diff = diff(to_node(base), to_node(remote), path="", config=nbdime_config())
    return result


def _diff_top_level(a: JSONDict, b: JSONDict) -> Diff:
    """nbdime's diff of everything but the cells (metadata, nbformat, nbformat_minor...)."""
    from nbdime.diffing.generic import diff

    stub_a = {k: v for k, v in a.items() if k != "cells"}
    stub_b = {k: v for k, v in b.items() if k != "cells"}
    stub_a["cells"] = stub_b["cells"] = []
    result: Diff = diff(stub_a, stub_b, path="", config=nbdime_config())
    return result


def _insert_cells_op(top: Diff, cells_op: Any) -> Diff:
    """Insert the cells op where nbdime's dict differ puts it.

    nbdime emits removed keys (sorted), then keys present on both sides (sorted), then added
    keys (sorted); "cells" is present on both sides.
    """
    pos = 0
    for pos, entry in enumerate(top):  # noqa: B007 - pos is used after the loop
        if entry["op"] == "remove":
            continue
        if entry["op"] == "add" or entry["key"] > "cells":
            break
    else:
        pos = len(top)
    return [*top[:pos], cells_op, *top[pos:]]


def diff_cells(a: list[Any], b: list[Any], stats: DiffStats | None = None) -> Diff:
    """nbdime diff of two cell lists (the diff found under the ``cells`` key)."""
    stats = stats or DiffStats()
    stats.base_cells, stats.remote_cells = len(a), len(b)
    if len(a) == len(b) and a == b:
        stats.matched_cells = len(a)
        return []
    ha = [cell_hash(c) for c in a]
    hb = [cell_hash(c) for c in b]
    result: Diff = []
    i = j = 0
    for bi, bj, n in match_blocks(ha, hb):
        if bi > i or bj > j:
            stats.gaps += 1
            result.extend(_diff_gap(a, b, i, bi, j, bj, stats))
        stats.matched_cells += n
        i, j = bi + n, bj + n
    return result


def _diff_gap(
    a: list[Any],
    b: list[Any],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    stats: DiffStats,
    pair: bool = True,
) -> Diff:
    """Diff of ``a[i0:i1]`` against ``b[j0:j1]``, keyed by indices into ``a``."""
    if i1 == i0:
        return [_entry(op="addrange", key=i0, valuelist=list(b[j0:j1]))]
    if j1 == j0:
        return [_entry(op="removerange", key=i0, length=i1 - i0)]
    if pair:
        paired = _paired_gap(a, b, i0, i1, j0, j1, stats)
        if paired is not None:
            return paired
    n, m = i1 - i0, j1 - j0
    stats.largest_gap = max(stats.largest_gap, min(n, m))
    if n * m > MAX_PAIRS:
        stats.fallback = True
        log.info("notebook diff: %d x %d unmatched cells, aligned in chunks", n, m)
        side = max(1, min(64, PAIR_BUDGET // max(n, m)))
        chunks = -(-max(n, m) // side)
        out: Diff = []
        for t in range(chunks):
            ia, ib = i0 + n * t // chunks, i0 + n * (t + 1) // chunks
            ja, jb = j0 + m * t // chunks, j0 + m * (t + 1) // chunks
            out.extend(_diff_gap(a, b, ia, ib, ja, jb, stats, pair=False))
        return out
    stats.nbdime_cells += n + m
    if all(map(is_plain_cell, a[i0:i1])) and all(map(is_plain_cell, b[j0:j1])):
        return diff_cell_run(a[i0:i1], b[j0:j1], offset=i0)
    return nbdime_cells_diff(a[i0:i1], b[j0:j1], offset=i0)


def _has_ids(cells: list[Any]) -> bool:
    return all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in cells)


def _source_key(cell: Any) -> Any:
    if not isinstance(cell, dict):
        return cell
    source = cell.get("source")
    return (cell.get("cell_type"), "".join(source) if isinstance(source, list) else source)


def _paired_gap(
    a: list[Any], b: list[Any], i0: int, i1: int, j0: int, j1: int, stats: DiffStats
) -> Diff | None:
    """Split a gap by pairing cells with the same id (else the same type and source).

    nbdime's own first alignment level is "same cell id", so with ids this is what nbdime
    would do, without its quadratic search. Without ids (every cell re-run: all execution
    counts changed) cells of identical type and source are paired, as nbdime's fuzzier levels
    would pair them too. Paired cells get a cell diff; what lies between pairs goes to the
    similarity aligner. None when nothing pairs (or the gap is 1 x 1 without ids).
    """
    ga, gb = a[i0:i1], b[j0:j1]
    if _has_ids(ga) and _has_ids(gb):
        keys_a: list[Any] = [c["id"] for c in ga]
        keys_b: list[Any] = [c["id"] for c in gb]
    elif min(len(ga), len(gb)) >= PAIR_GAP:
        keys_a, keys_b = [_source_key(c) for c in ga], [_source_key(c) for c in gb]
    else:
        return None
    blocks = match_blocks(keys_a, keys_b)
    if len(blocks) == 1:  # only the end sentinel: nothing pairs
        return None
    out: Diff = []
    i = j = 0
    for bi, bj, n in blocks:
        if bi > i or bj > j:
            out.extend(_diff_gap(a, b, i0 + i, i0 + bi, j0 + j, j0 + bj, stats, pair=False))
        for k in range(n):
            cell_diff = one_cell_diff(ga[bi + k], gb[bj + k])
            if cell_diff:
                out.append(_entry(op="patch", key=i0 + bi + k, diff=cell_diff))
        stats.paired_cells += n
        i, j = bi + n, bj + n
    return out


def nbdime_cells_diff(a: list[Any], b: list[Any], offset: int = 0) -> Diff:
    """nbdime's own diff of two cell lists, big binaries compared by hash, keys + ``offset``."""
    tokens = Tokenizer()
    na = [to_node(tokens.cell(c)) for c in a]
    nb = [to_node(tokens.cell(c)) for c in b]
    config = nbdime_config()
    result: Diff = config.differs["/cells"](na, nb, path="/cells", config=config)
    tokens.restore_diff(result)
    if offset:
        for entry in result:
            entry["key"] += offset
    return result


def _is_scalar(x: Any) -> bool:
    return not isinstance(x, (str, list, dict))


def _scalar_changes(a: JSONDict, b: JSONDict) -> Diff | None:
    """``replace`` ops (sorted by key) if a and b differ only in scalar values, else None."""
    if a.keys() != b.keys():
        return None
    ops: Diff = []
    for key in sorted(a):
        x, y = a[key], b[key]
        if x == y and type(x) is type(y):
            continue
        if not (_is_scalar(x) and _is_scalar(y)):
            return None
        ops.append(_entry(op="replace", key=key, value=y))
    return ops


def quick_cell_diff(a: Any, b: Any) -> Diff | None:
    """The diff nbdime gives two aligned cells that differ only in execution counts
    (cell and outputs: "restart and run all"), computed directly; None for anything else."""
    if not (isinstance(a, dict) and isinstance(b, dict)) or a.keys() != b.keys():
        return None
    out: Diff = []
    for key in sorted(a):
        x, y = a[key], b[key]
        if x == y and type(x) is type(y):
            continue
        if key == "outputs" and isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            sub: Diff = []
            for k, (ox, oy) in enumerate(zip(x, y, strict=True)):
                if ox == oy:
                    continue
                if not (isinstance(ox, dict) and isinstance(oy, dict)):
                    return None
                ops = _scalar_changes(ox, oy)
                if ops is None or any(op["key"] != "execution_count" for op in ops):
                    return None
                sub.append(_entry(op="patch", key=k, diff=ops))
            out.append(_entry(op="patch", key=key, diff=sub))
        elif _is_scalar(x) and _is_scalar(y):
            out.append(_entry(op="replace", key=key, value=y))
        else:
            return None
    return out


def one_cell_diff(a: Any, b: Any) -> Diff:
    """The diff of two aligned cells: ours (line-based texts) for plain cells, else nbdime's."""
    quick = quick_cell_diff(a, b)  # re-run cells (only execution counts differ): the usual case
    if quick is not None:
        return quick
    if is_plain_cell(a) and is_plain_cell(b):
        return diff_cell(a, b)
    return nbdime_cell_diff(a, b)


def nbdime_cell_diff(a: Any, b: Any) -> Diff:
    """nbdime's diff of two cells it would align (path ``/cells/*``), binaries by hash."""
    quick = quick_cell_diff(a, b)
    if quick is not None:
        return quick
    tokens = Tokenizer()
    config = nbdime_config()
    path = "/cells/*"
    result: Diff = config.differs[path](
        to_node(tokens.cell(a)), to_node(tokens.cell(b)), path=path, config=config
    )
    tokens.restore_diff(result)
    return result
