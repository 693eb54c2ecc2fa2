"""Text similarity and line-based text diff in nbdime's format, without nbdime's quadratic costs.

nbdime diffs a string as its list of lines (``splitlines(True)``): ``addrange``/``removerange``
of lines, and ``patch`` of a line with a character diff where it finds two lines similar. To
get there it runs a brute-force O(N·M) LCS over every line pair, twice (equal lines, then
similar lines by difflib ratio), and its cell/output aligner compares whole texts with difflib's
character ratio (pure Python): seconds for a few 3-4 kB sources. Here:

- equal lines are aligned by an exact LCS of the line lists (rapidfuzz, in C; nbdime's
  brute-force LCS gives the same kind of alignment);
- only inside each replaced run of lines are similar lines paired (by position when the run
  has as many lines on both sides, else by a small weighted LCS) and char-diffed;
- character similarity and character diffs are rapidfuzz's ``Indel`` (an exact LCS, bit
  parallel, in C) instead of difflib: the ratio is ``2 * LCS / (len a + len b)``, which is
  difflib's ratio when difflib finds the LCS and a little above it otherwise; texts too big for
  that are estimated from their equal lines and the tokens their changed runs share.

``nbdime.patch(a, diff_text(a, b)) == b`` always.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rapidfuzz.distance import Indel

from .align import best_pairs, match_blocks

Diff = list[Any]

THRESHOLD = 0.7  # nbdime's compare_strings_approximate threshold
SHORT = 10  # nbdime aligns two non-empty texts both shorter than this without comparing them
LINE_CHAR_MAX = 5000  # a longer line is never char-diffed (replaced whole)
# Texts are compared by an exact character LCS while len(a) * len(b) stays below this
# (~10 ms, bit-parallel); bigger ones by their equal lines plus the tokens their changed runs
# share.
LCS_PRODUCT = 1_000_000_000
LINE_DP_PAIRS = 100  # unequal runs of lines are paired by a weighted LCS up to this many pairs

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def line_blocks(la: list[str], lb: list[str]) -> list[tuple[int, int, int]]:
    """Matching blocks ``(i, j, n)`` of a longest common subsequence of two lists of lines
    (rapidfuzz, in C), ending with the sentinel ``(len la, len lb, 0)``."""
    blocks = [(op.src_start, op.dest_start, op.src_end - op.src_start)
              for op in Indel.opcodes(la, lb) if op.tag == "equal"]  # fmt: skip
    # rapidfuzz compares lines by hash: make sure "equal" is equal, else do it here.
    if any(la[i : i + n] != lb[j : j + n] for i, j, n in blocks):
        return match_blocks(la, lb)
    blocks.append((len(la), len(lb), 0))
    return blocks


def _ratio(a: str, b: str) -> float:
    """``2 * LCS(a, b) / (len a + len b)`` (difflib's ratio, computed exactly and fast), or 0
    when it is below the threshold (rapidfuzz then stops early)."""
    return float(Indel.normalized_similarity(a, b, score_cutoff=THRESHOLD))


class Profile:
    """A text with what :func:`similarity` needs, computed once per text."""

    __slots__ = ("_lines", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines(True)
        return self._lines


def _overlap(x: Counter[str], y: Counter[str]) -> int:
    """Characters in the tokens two multisets of tokens share."""
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    total = 0
    for key, count in small.items():
        other = big.get(key)
        if other:
            total += min(count, other) * len(key)
    return total


def _estimated_ratio(x: Profile, y: Profile) -> float:
    """For texts too big for an exact LCS: equal lines (in order) count whole, each changed run
    counts the tokens both sides share (as multisets)."""
    matched = 0
    i = j = 0
    for bi, bj, n in line_blocks(x.lines, y.lines):
        if bi > i and bj > j:
            ta = Counter(_TOKEN.findall("".join(x.lines[i:bi])))
            tb = Counter(_TOKEN.findall("".join(y.lines[j:bj])))
            matched += _overlap(ta, tb)
        matched += sum(len(line) for line in x.lines[bi : bi + n])
        i, j = bi + n, bj + n
    return 2.0 * matched / (len(x.text) + len(y.text))


def similarity(x: Profile, y: Profile, short_rule: bool = True) -> float | None:
    """Character similarity of two texts (difflib-like ratio) if above 0.7, else None.

    Same decisions as nbdime's ``compare_text_approximate``: empty vs non-empty never matches,
    two texts shorter than 10 characters always do (``short_rule``).
    """
    a, b = x.text, y.text
    if a == b:
        return 1.0
    if bool(a) != bool(b):
        return None
    la, lb = len(a), len(b)
    total = la + lb
    if short_rule and la < SHORT and lb < SHORT:
        return max(THRESHOLD, float(Indel.normalized_similarity(a, b)))
    if 2.0 * min(la, lb) / total <= THRESHOLD:  # difflib's real_quick_ratio
        return None
    ratio = _ratio(a, b) if la * lb <= LCS_PRODUCT else _estimated_ratio(x, y)
    return ratio if ratio > THRESHOLD else None


def char_diff(a: str, b: str) -> Diff:
    """nbdime's character diff of two strings (``addrange`` of a substring, ``removerange``)."""
    from nbdime.diff_format import SequenceDiffBuilder

    builder = SequenceDiffBuilder()
    for op in Indel.opcodes(a, b):
        if op.tag in ("delete", "replace"):
            builder.removerange(op.src_start, op.src_end - op.src_start)
        if op.tag in ("insert", "replace"):
            builder.addrange(op.src_start, b[op.dest_start : op.dest_end])
    result: Diff = builder.validated()
    return result


def _line_weight(a: str, b: str) -> float | None:
    """1 + ratio of two lines nbdime would pair (ratio > 0.7) and char-diff, else None."""
    if len(a) > LINE_CHAR_MAX or len(b) > LINE_CHAR_MAX or bool(a) != bool(b):
        return None
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total <= THRESHOLD:
        return None
    ratio = _ratio(a, b)
    return 1.0 + ratio if ratio > THRESHOLD else None


def diff_text(a: str, b: str) -> Diff:
    """nbdime's line-based diff of two strings (what nbdime's ``diff(a, b)`` emits for str)."""
    from nbdime.diff_format import SequenceDiffBuilder

    if a == b:
        return []
    la, lb = a.splitlines(True), b.splitlines(True)
    builder = SequenceDiffBuilder()
    i = j = 0
    for bi, bj, n in line_blocks(la, lb):
        if bi > i or bj > j:
            _diff_line_run(la, lb, i, bi, j, bj, builder)
        i, j = bi + n, bj + n
    result: Diff = builder.validated()
    return result


def _diff_line_run(
    la: list[str], lb: list[str], i0: int, i1: int, j0: int, j1: int, builder: Any
) -> None:
    def weight(p: int, q: int) -> float | None:
        return _line_weight(la[i0 + p], lb[j0 + q])

    pairs: list[tuple[int, int]] = []
    ka, kb = i1 - i0, j1 - j0
    if ka == kb:  # lines edited in place (the usual case): pair them by position
        pairs = [(p, p) for p in range(ka) if weight(p, p) is not None]
    elif ka and kb and ka * kb <= LINE_DP_PAIRS:
        pairs = best_pairs(ka, kb, weight)
    i, j = i0, j0
    for p, q in [*pairs, (ka, kb)]:
        pi, pj = i0 + p, j0 + q
        builder.removerange(i, pi - i)
        builder.addrange(i, lb[j:pj])
        if pi < i1:
            builder.patch(pi, char_diff(la[pi], lb[pj]))
        i, j = pi + 1, pj + 1
