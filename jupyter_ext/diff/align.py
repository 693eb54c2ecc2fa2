"""Alignment of two lists of cell hashes: which cells are unchanged, in order.

1. common prefix and suffix (linear);
2. Myers' O((N+M)·D) shortest edit script on the middle, a true longest common subsequence,
   if it needs at most ``FEW_EDITS`` inserted + deleted cells (the usual case: few cells
   changed);
3. else patience alignment: cells whose hash is unique on both sides are anchors, the longest
   increasing run of anchors is kept (O(K log K)), and each gap between anchors is aligned
   again the same way (Myers with up to ``MAX_EDITS`` there, then difflib's SequenceMatcher).
Many changes (every cell re-run) thus cost about as much as few. Memory is O(N+M) plus O(D²)
for a Myers trace, D ≤ ``MAX_EDITS``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T", bound=Hashable)
Block = tuple[int, int, int]  # a[i:i+n] == b[j:j+n]

FEW_EDITS = 64
MAX_EDITS = 1000
MAX_DEPTH = 32


def myers_blocks(a: Sequence[T], b: Sequence[T], max_edits: int = MAX_EDITS) -> list[Block] | None:
    """Matching blocks of a shortest edit script, or None if it needs more than ``max_edits``."""
    n, m = len(a), len(b)
    limit = min(max_edits, n + m)
    off = limit + 1
    v = [0] * (2 * limit + 3)
    trace: list[list[int]] = []
    for d in range(limit + 1):
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[off + k - 1] < v[off + k + 1]):
                x = v[off + k + 1]
            else:
                x = v[off + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[off + k] = x
            if x >= n and y >= m:
                trace.append(v[off - d : off + d + 1])
                return _backtrack(trace, n, m)
        trace.append(v[off - d : off + d + 1])
    return None


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[Block]:
    blocks: list[Block] = []
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        prev = trace[d - 1]  # prev[k + d - 1] is the furthest x on diagonal k after d-1 edits
        k = x - y
        down = k == -d or (k != d and prev[k - 1 + d - 1] < prev[k + 1 + d - 1])
        pk = k + 1 if down else k - 1
        px = prev[pk + d - 1]
        py = px - pk
        mx, my = (px, py + 1) if down else (px + 1, py)
        if x > mx:
            blocks.append((mx, my, x - mx))
        x, y = px, py
    if x > 0:
        blocks.append((0, 0, x))
    blocks.reverse()
    return blocks


def unique_anchors(a: Sequence[T], b: Sequence[T]) -> list[tuple[int, int]]:
    """Longest increasing run of pairs ``(i, j)`` where ``a[i] == b[j]`` is unique in a and b."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {x: j for j, x in enumerate(b) if count_b[x] == 1}
    pairs = [(i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and x in where_b]
    # Patience sorting on the b indices, with back-links to recover one longest run.
    tails: list[int] = []  # tails[k] = smallest b index ending an increasing run of length k+1
    tail_at: list[int] = []  # index into pairs of that run's end
    back: list[int] = [-1] * len(pairs)
    for p, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(p)
        else:
            tails[k] = j
            tail_at[k] = p
        back[p] = tail_at[k - 1] if k else -1
    run: list[tuple[int, int]] = []
    p = tail_at[-1] if tail_at else -1
    while p != -1:
        run.append(pairs[p])
        p = back[p]
    run.reverse()
    return run


def _align(
    a: Sequence[T], b: Sequence[T], alo: int, ahi: int, blo: int, bhi: int, depth: int,
    out: list[Block],
) -> None:  # fmt: skip
    """Append the matching blocks of ``a[alo:ahi]`` vs ``b[blo:bhi]`` to ``out``, in order."""
    pre = 0
    while alo + pre < ahi and blo + pre < bhi and a[alo + pre] == b[blo + pre]:
        pre += 1
    if pre:
        out.append((alo, blo, pre))
        alo, blo = alo + pre, blo + pre
    suf = 0
    while alo < ahi - suf and blo < bhi - suf and a[ahi - 1 - suf] == b[bhi - 1 - suf]:
        suf += 1
    mid_a, mid_b = a[alo : ahi - suf], b[blo : bhi - suf]
    if mid_a and mid_b:
        _align_middle(a, b, alo, blo, mid_a, mid_b, depth, out)
    if suf:
        out.append((ahi - suf, bhi - suf, suf))


def _align_middle(
    a: Sequence[T], b: Sequence[T], alo: int, blo: int, mid_a: Sequence[T], mid_b: Sequence[T],
    depth: int, out: list[Block],
) -> None:  # fmt: skip
    found = myers_blocks(mid_a, mid_b, FEW_EDITS)
    if found is None:
        if set(mid_a).isdisjoint(mid_b):
            return  # nothing in common
        anchors = unique_anchors(mid_a, mid_b) if depth < MAX_DEPTH else []
        if anchors:
            i = j = 0
            for ai, bj in anchors:
                _align(a, b, alo + i, alo + ai, blo + j, blo + bj, depth + 1, out)
                out.append((alo + ai, blo + bj, 1))
                i, j = ai + 1, bj + 1
            _align(a, b, alo + i, alo + len(mid_a), blo + j, blo + len(mid_b), depth + 1, out)
            return
        found = myers_blocks(mid_a, mid_b, MAX_EDITS)
    if found is None:
        matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        found = [blk for blk in matcher.get_matching_blocks() if blk[2]]
    out.extend((i + alo, j + blo, n) for i, j, n in found)


def match_blocks(a: Sequence[T], b: Sequence[T]) -> list[Block]:
    """Increasing matching blocks ``(i, j, n)``, ending with the sentinel ``(len a, len b, 0)``."""
    raw: list[Block] = []
    _align(a, b, 0, len(a), 0, len(b), 0, raw)
    blocks: list[Block] = []
    for i, j, n in raw:  # merge adjacent runs
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + n)
        elif n:
            blocks.append((i, j, n))
    blocks.append((len(a), len(b), 0))
    return blocks


def best_pairs(n: int, m: int, weight: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """Increasing pairs ``(i, j)``, i < n, j < m, with the greatest total weight.

    ``weight(i, j)`` is None where i and j may not pair (not similar). An O(n·m) dynamic
    program (a weighted LCS), for the small runs left between exact matches: weights > 1
    (1 + similarity) make "more pairs" win first and "more similar pairs" break ties.
    """
    weights = [[weight(i, j) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, w_row = best[i], best[i - 1], weights[i - 1]
        for j in range(1, m + 1):
            value = prev[j] if prev[j] >= row[j - 1] else row[j - 1]
            w = w_row[j - 1]
            if w is not None and prev[j - 1] + w > value:
                value = prev[j - 1] + w
            row[j] = value
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        w = weights[i - 1][j - 1]
        if w is not None and best[i][j] == best[i - 1][j - 1] + w:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs
