"""Text similarity and line-based text diff in nbdime's format, without nbdime's quadratic costs.

nbdime diffs a string as its list of lines (``splitlines(True)``): ``addrange``/``removerange``
of lines, and ``patch`` of a line with a character diff (difflib opcodes) where it finds two
lines similar. To get there it runs a brute-force O(N·M) LCS over every line pair, twice (equal
lines, then similar lines by difflib ratio), and its cell/output aligner compares whole texts
with difflib's character ratio: seconds for a few 3-4 kB sources. Here:

- equal lines are aligned by :func:`.align.match_blocks` (Myers / patience, near linear);
- only inside each replaced run of lines, and only for small runs of short lines, similar lines
  are paired (:func:`.align.best_pairs`) and diffed by character with nbdime's own char differ;
  anything bigger is a plain ``removerange`` + ``addrange`` of lines;
- :func:`similarity` estimates difflib's character ratio from equal lines plus a character ratio
  of the small changed runs only, with cheap cut-offs first.

``nbdime.patch(a, diff_text(a, b)) == b`` always.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from .align import best_pairs, match_blocks

Diff = list[Any]

THRESHOLD = 0.7  # nbdime's compare_strings_approximate threshold
SHORT = 10  # nbdime aligns two non-empty texts both shorter than this without comparing them
LINE_CHAR_MAX = 1000  # a longer line is never char-diffed (replaced whole)
# Changed runs are char-matched (difflib) while len(a) * len(b) stays below this; bigger ones
# are estimated by the tokens they share (a multiset: cheap, order ignored).
REGION_PRODUCT = 40_000
LINE_DP_PAIRS = 100  # unequal runs of lines are paired by a weighted LCS up to this many pairs

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _matched_chars(x: str, y: str) -> int:
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    return sum(n for _, _, n in matcher.get_matching_blocks())


def _region_matched(ra: str, rb: str) -> int:
    """Characters difflib would match between two changed runs (estimated for big runs)."""
    if len(ra) * len(rb) <= REGION_PRODUCT:
        return _matched_chars(ra, rb)
    ta, tb = _TOKEN.findall(ra), _TOKEN.findall(rb)
    if len(ta) * len(tb) <= REGION_PRODUCT:  # in order, token by token
        matcher = SequenceMatcher(None, ta, tb, autojunk=False)
        return sum(len(t) for i, _, n in matcher.get_matching_blocks() for t in ta[i : i + n])
    return _overlap(Counter(ta), Counter(tb), True)  # as multisets: order ignored


class Profile:
    """A text with what :func:`similarity` needs, computed once per text."""

    __slots__ = ("_chars", "_lines", "_tokens", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self._chars: Counter[str] | None = None
        self._tokens: Counter[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines(True)
        return self._lines

    @property
    def chars(self) -> Counter[str]:
        if self._chars is None:
            self._chars = Counter(self.text)
        return self._chars

    @property
    def tokens(self) -> Counter[str]:
        if self._tokens is None:
            self._tokens = Counter(_TOKEN.findall(self.text))
        return self._tokens


def _overlap(x: Counter[str], y: Counter[str], weighted: bool) -> int:
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    total = 0
    for key, count in small.items():
        other = big.get(key)
        if other:
            total += min(count, other) * (len(key) if weighted else 1)
    return total


def similarity(x: Profile, y: Profile, short_rule: bool = True) -> float | None:
    """About difflib's ``ratio()`` of the two texts if it is above 0.7, else None.

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
        return max(THRESHOLD, 2.0 * _matched_chars(a, b) / total)
    if 2.0 * min(la, lb) / total < THRESHOLD:  # difflib's real_quick_ratio
        return None
    if 2.0 * _overlap(x.chars, y.chars, False) / total < THRESHOLD:  # difflib's quick_ratio
        return None
    if len(x.lines) + len(y.lines) > 2:
        # Equal lines (in order), plus a character match of each changed run; the runs are
        # char-matched only if equal lines alone do not decide (bounded by their char counts).
        equal = 0
        runs: list[tuple[str, str]] = []
        i = j = 0
        for bi, bj, n in match_blocks(x.lines, y.lines):
            if bi > i and bj > j:
                runs.append(("".join(x.lines[i:bi]), "".join(y.lines[j:bj])))
            equal += sum(len(line) for line in x.lines[bi : bi + n])
            i, j = bi + n, bj + n
        if 2.0 * equal / total > THRESHOLD:
            return 2.0 * equal / total
        bound = sum(_overlap(Counter(ra), Counter(rb), False) for ra, rb in runs)
        if 2.0 * (equal + bound) / total <= THRESHOLD:
            return None
        ratio = 2.0 * (equal + sum(_region_matched(ra, rb) for ra, rb in runs)) / total
    else:
        ratio = 2.0 * _region_matched(a, b) / total
    return ratio if ratio > THRESHOLD else None


def _line_match(a: str, b: str) -> SequenceMatcher[str] | None:
    """difflib's matcher of two lines nbdime would pair (ratio > 0.7) and char-diff, else None."""
    if len(a) > LINE_CHAR_MAX or len(b) > LINE_CHAR_MAX or bool(a) != bool(b):
        return None
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() <= THRESHOLD or matcher.quick_ratio() <= THRESHOLD:
        return None
    return matcher if matcher.ratio() > THRESHOLD else None


def diff_text(a: str, b: str) -> Diff:
    """nbdime's line-based diff of two strings (what nbdime's ``diff(a, b)`` emits for str)."""
    from nbdime.diff_format import SequenceDiffBuilder

    if a == b:
        return []
    la, lb = a.splitlines(True), b.splitlines(True)
    builder = SequenceDiffBuilder()
    i = j = 0
    for bi, bj, n in match_blocks(la, lb):
        if bi > i or bj > j:
            _diff_line_run(la, lb, i, bi, j, bj, builder)
        i, j = bi + n, bj + n
    result: Diff = builder.validated()
    return result


def _diff_line_run(
    la: list[str], lb: list[str], i0: int, i1: int, j0: int, j1: int, builder: Any
) -> None:
    from nbdime.diffing.seq_difflib import opcodes_to_diff

    matches: dict[tuple[int, int], SequenceMatcher[str]] = {}

    def weight(p: int, q: int) -> float | None:
        match = _line_match(la[i0 + p], lb[j0 + q])
        if match is None:
            return None
        matches[p, q] = match
        return 1.0 + match.ratio()  # cached by difflib

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
        if pi < i1:  # nbdime's char diff of two lines (difflib opcodes), from the same matcher
            builder.patch(pi, opcodes_to_diff(la[pi], lb[pj], matches[p, q].get_opcodes()))
        i, j = pi + 1, pj + 1
