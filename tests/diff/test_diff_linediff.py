"""Line-based text diff (nbdime's string diff format) and the text similarity behind alignment."""

from __future__ import annotations

import json
from typing import Any

import nbdime
from hypothesis import given, settings
from hypothesis import strategies as st
from nbdime.diff_format import validate_diff
from nbdime.diff_utils import to_diffentry_dicts
from nbdime.diffing.notebooks import compare_text_approximate

from jupyter_ext.diff.align import best_pairs
from jupyter_ext.diff.linediff import Profile, diff_text, similarity

LINES = ["x = 1\n", "x = 2\n", "print(x)\n", "\n", "  \n", "y = x * 2  \n", "# note\n",
         "résumé ünïcode ✓\n", "a\r\n", "b\r", "tab\there\n", "\x0cform feed\n",
         "z = compute(alpha, beta, gamma, delta)\n", "z = compute(alpha, beta, gamma, delta2)\n",
         "long " * 300 + "\n", "long " * 299 + "tail\n", "no newline"]  # fmt: skip


def check(a: str, b: str) -> list[Any]:
    diff = diff_text(a, b)
    validate_diff(diff, deep=True)
    assert nbdime.patch(a, diff) == b
    via_json = to_diffentry_dicts(json.loads(json.dumps(diff)))
    assert nbdime.patch(a, via_json) == b
    return diff


texts = st.lists(st.sampled_from(LINES), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_patch_gives_the_remote_text_exactly(a: str, b: str) -> None:
    check(a, b)


@settings(max_examples=150, deadline=None)
@given(texts, st.lists(st.tuples(st.integers(0, 30), st.sampled_from(LINES)), max_size=5))
def test_patch_exact_on_small_edits(a: str, edits: list[tuple[int, str]]) -> None:
    lines = a.splitlines(True)
    for pos, line in edits:
        if lines and pos % 2:
            lines[pos % len(lines)] = line
        else:
            lines.insert(pos % (len(lines) + 1), line)
    check(a, "".join(lines))


def source(n_lines: int, tag: str) -> str:
    return "".join(f"value_{tag}_{i} = transform(frame['{tag}_{i}'], scale={i}.5)\n"
                   for i in range(n_lines))  # fmt: skip


def test_edited_line_in_a_4kb_source_is_one_char_patch_like_nbdime() -> None:
    a = source(75, "a")  # ~3.8 kB
    assert len(a) > 3500
    lines = a.splitlines(True)
    lines[30] = lines[30].replace("scale=30.5", "scale=31.5")
    b = "".join(lines)
    diff = check(a, b)
    assert [(e["op"], e["key"]) for e in diff] == [("patch", 30)]
    assert diff == nbdime.diff(a, b)  # nbdime's own diff of the two strings, op for op


def test_inserted_and_removed_lines_are_line_ranges() -> None:
    a = source(50, "a")
    lines = a.splitlines(True)
    b = "".join(lines[:10] + ["brand new line\n", "another\n"] + lines[10:40] + lines[45:])
    diff = check(a, b)
    assert [(e["op"], e["key"]) for e in diff] == [("addrange", 10), ("removerange", 40)]
    assert diff[0]["valuelist"] == ["brand new line\n", "another\n"]
    assert diff[1]["length"] == 5


def test_similarity_follows_nbdime_thresholds() -> None:
    a = source(40, "a")
    edited = a.replace("scale=3.5", "scale=4.5").replace("scale=20.5", "scale=2.5")
    assert (similarity(Profile(a), Profile(edited)) or 0) > 0.95
    prose = "We now load the data and look at the first rows of the frame. " * 25
    assert similarity(Profile(a), Profile(prose[: len(a)])) is None
    for other in (source(40, "other_name"), edited, prose[: len(a)], a[:2000] + prose[:1000]):
        assert (similarity(Profile(a), Profile(other)) is None) != compare_text_approximate(
            a, other
        )  # the same decision as nbdime's cell aligner
    assert similarity(Profile("x"), Profile("")) is None  # empty never matches non-empty
    assert similarity(Profile("x = 1"), Profile("y")) is not None  # two short texts do
    assert similarity(Profile("x = 1"), Profile("y"), short_rule=False) is None
    half = "".join(a.splitlines(True)[:20])
    assert similarity(Profile(a), Profile(half)) is None  # 2 x 0.5 / 1.5 = 0.67 < 0.7


def test_best_pairs_prefers_more_then_stronger_pairs() -> None:
    weights = {(0, 0): 1.5, (0, 1): 1.99, (1, 1): 1.5}
    assert best_pairs(2, 2, lambda i, j: weights.get((i, j))) == [(0, 0), (1, 1)]
    assert best_pairs(1, 2, lambda i, j: weights.get((i, j))) == [(0, 1)]
    assert best_pairs(3, 0, lambda i, j: 1.0) == []


def test_line_alignment_never_trusts_a_hash_collision(monkeypatch: Any) -> None:
    """rapidfuzz compares lines by hash; a (forged) collision must not make different lines
    "equal" (the diff would then not give the remote)."""
    from rapidfuzz.distance import Indel

    from jupyter_ext.diff import linediff

    class Colliding:
        @staticmethod
        def opcodes(a: Any, b: Any) -> Any:
            if isinstance(a, list):  # every line "equal": what a full collision would say
                return Indel.opcodes(["same"] * len(a), ["same"] * len(b))
            return Indel.opcodes(a, b)

        normalized_similarity = staticmethod(Indel.normalized_similarity)

    monkeypatch.setattr(linediff, "Indel", Colliding)
    check("a\nb\nc\n", "a\nX\nc\n")
