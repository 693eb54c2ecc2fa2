"""Alignment of two lists of cell hashes: which cells are unchanged, in order.

1. common prefix and suffix (linear);
2. Myers' O((N+M)·D) shortest edit script on the middle, which gives a true longest common
   subsequence and is fast when few cells changed (D = number of inserted + deleted cells);
3. if D exceeds ``MAX_EDITS`` (notebooks mostly different), difflib's SequenceMatcher
   (longest matching runs first; near-linear on hashes, which are almost all unique).
Memory is O(D²) for Myers' trace with D ≤ ``MAX_EDITS``, else O(N+M).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T")
Block = tuple[int, int, int]  # a[i:i+n] == b[j:j+n]

MAX_EDITS = 1000


def common_ends(a: Sequence[T], b: Sequence[T]) -> tuple[int, int]:
    """Lengths of the common prefix and of the (non-overlapping) common suffix."""
    n = min(len(a), len(b))
    pre = 0
    while pre < n and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < n - pre and a[-1 - suf] == b[-1 - suf]:
        suf += 1
    return pre, suf


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


def match_blocks(a: Sequence[T], b: Sequence[T]) -> list[Block]:
    """Increasing matching blocks ``(i, j, n)``, ending with the sentinel ``(len a, len b, 0)``."""
    pre, suf = common_ends(a, b)
    blocks: list[Block] = []
    if pre:
        blocks.append((0, 0, pre))
    mid_a, mid_b = a[pre : len(a) - suf], b[pre : len(b) - suf]
    if mid_a and mid_b:
        found = myers_blocks(mid_a, mid_b)
        if found is None:
            matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
            found = [blk for blk in matcher.get_matching_blocks() if blk[2]]
        blocks.extend((i + pre, j + pre, n) for i, j, n in found)
    if suf:
        blocks.append((len(a) - suf, len(b) - suf, suf))
    blocks.append((len(a), len(b), 0))
    return blocks
