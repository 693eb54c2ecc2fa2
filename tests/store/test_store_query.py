"""The query language: good inputs parse to the right terms, bad ones explain themselves."""

from __future__ import annotations

import pytest

from jupyter_ext.store import QueryError, parse_query


def _terms(q: str) -> list[tuple[str, str, str, str]]:
    return [(t.kind, t.name, t.op, t.value) for t in parse_query(q).terms]


def test_fields_comparisons_and_text() -> None:
    assert _terms('author:ana tag:baseline lr>0.01 accuracy>=0.9 message:"two words" churn') == [
        ("field", "author", ":", "ana"),
        ("field", "tag", ":", "baseline"),
        ("compare", "lr", ">", "0.01"),
        ("compare", "accuracy", ">=", "0.9"),
        ("field", "message", ":", "two words"),
        ("text", "", "~", "churn"),
    ]


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "=", "!="])
def test_every_operator(op: str) -> None:
    (term,) = parse_query(f"epochs{op}10").terms
    assert (term.op, term.number) == (op, 10.0)


def test_numbers_and_strings() -> None:
    (a, b, c) = parse_query('lr=-1e-3 optimizer=adam name!="x y"').terms
    assert a.number == -0.001 and b.number is None and (c.op, c.value) == ("!=", "x y")


def test_case_spacing_quotes_and_empty() -> None:
    assert parse_query("").terms == ()
    assert parse_query("   ").terms == ()
    assert _terms('  AUTHOR:Ana   "Quoted Phrase" ') == [
        ("field", "author", ":", "Ana"),
        ("text", "", "~", "quoted phrase"),
    ]
    assert _terms(r'message:"say \"hi\""') == [("field", "message", ":", 'say "hi"')]
    assert _terms("notebook:exp/churn.ipynb kernel:python3 id:01JD") == [
        ("field", "notebook", ":", "exp/churn.ipynb"),
        ("field", "kernel", ":", "python3"),
        ("field", "id", ":", "01JD"),
    ]


@pytest.mark.parametrize(
    ("query", "position", "fragment"),
    [
        ("lr=>0.1", 2, "unknown operator '=>' at position 2 — did you mean '>='?"),
        ("acc=<3", 3, "did you mean '<='?"),
        ("acc==3", 3, "did you mean '='?"),
        ("acc<>3", 3, "did you mean '!='?"),
        ("x>", 0, "missing value after 'x>'"),
        ("author:", 0, "missing value after 'author:'"),
        ("colour:red", 0, "unknown field 'colour'"),
        (":red", 0, "missing field name"),
        (">3", 0, "missing parameter or metric name"),
        ('tag:"open', 4, "unterminated quote"),
        ('ab"c', 2, "unexpected quote"),
    ],
)
def test_bad_queries_explain(query: str, position: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert fragment in str(info.value)
    assert info.value.position == position


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("lr = 0.1", [("compare", "lr", "=", "0.1")]),
        ("acc >= 0.9  n< 3", [("compare", "acc", ">=", "0.9"), ("compare", "n", "<", "3")]),
        ("author: ana", [("field", "author", ":", "ana")]),
        ('tag : baseline message:  "two words"', [
            ("field", "tag", ":", "baseline"), ("field", "message", ":", "two words")
        ]),
        ("churn lr != sgd", [("text", "", "~", "churn"), ("compare", "lr", "!=", "sgd")]),
    ],
)  # fmt: skip
def test_spaces_around_operators_make_one_term(query: str, terms: list) -> None:
    assert _terms(query) == terms


def test_at_most_32_terms() -> None:
    assert len(parse_query(" ".join(["x"] * 32)).terms) == 32
    with pytest.raises(QueryError) as info:
        parse_query(" ".join(["x"] * 32) + ' "one more"')
    assert "too many terms: at most 32" in str(info.value) and "narrow" in str(info.value)
    assert info.value.position == 64
