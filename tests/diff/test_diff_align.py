"""Alignment of hash lists: valid matching blocks; a true LCS when few items changed."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_ext.diff.align import match_blocks, myers_blocks, unique_anchors

Block = tuple[int, int, int]


def lcs_length(a: Sequence[int], b: Sequence[int]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def check_valid(a: Sequence[int], b: Sequence[int], blocks: list[Block]) -> int:
    assert blocks[-1] == (len(a), len(b), 0)
    i = j = total = 0
    for bi, bj, n in blocks:
        assert bi >= i and bj >= j
        assert list(a[bi : bi + n]) == list(b[bj : bj + n])
        i, j, total = bi + n, bj + n, total + n
    return total


small_lists = st.lists(st.integers(0, 5), max_size=25)


@settings(max_examples=300, deadline=None)
@given(small_lists, small_lists)
def test_small_lists_get_a_longest_common_subsequence(a: list[int], b: list[int]) -> None:
    assert check_valid(a, b, match_blocks(a, b)) == lcs_length(a, b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 400), max_size=300), st.lists(st.integers(0, 400), max_size=300))
def test_big_different_lists_are_valid(a: list[int], b: list[int]) -> None:
    check_valid(a, b, match_blocks(a, b))


def test_myers_gives_up_past_the_edit_limit() -> None:
    assert myers_blocks(list(range(100)), list(range(100, 200)), max_edits=10) is None
    assert myers_blocks([1, 2, 3], [1, 3], max_edits=10) == [(0, 0, 1), (2, 1, 1)]


def test_unique_anchors_longest_increasing_run() -> None:
    a = [1, 2, 3, 4, 5, 9, 9]
    b = [1, 4, 2, 3, 5, 9, 9]
    assert unique_anchors(a, b) == [(0, 0), (1, 2), (2, 3), (4, 4)]


def test_every_other_item_changed_is_fast_and_keeps_unchanged_items() -> None:
    """The "re-run all" shape: 3000 items, every other one different on each side."""
    rng = random.Random(0)
    a = [rng.getrandbits(64) for _ in range(3000)]
    b = [x if k % 2 else rng.getrandbits(64) for k, x in enumerate(a)]
    t0 = time.perf_counter()
    blocks = match_blocks(a, b)
    assert time.perf_counter() - t0 < 2.0  # ~20 ms on an idle machine
    assert check_valid(a, b, blocks) == 1500


def test_moved_block_and_duplicates() -> None:
    a = [1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0]
    b = [5, 6, 7, 8, 1, 2, 3, 4, 0, 0]
    assert check_valid(a, b, match_blocks(a, b)) == lcs_length(a, b)
