"""The small filter language of the runs table, CLI `--query` and REST `q=`.

author:ana tag:baseline notebook:churn kernel:python3 id:01J message:"two words"
lr>0.01 accuracy>=0.9 epochs=10 optimizer!=sgd      (params and metrics)
anything else                                       free text over message/path/tags
                                                    (and ids, if it looks like one)
id:<text>                                           ids starting or ending with <text>

Spaces around ':' and operators are allowed (``lr = 0.1``, ``author: ana``). At most
MAX_TERMS terms: each is a condition the index checks on every candidate row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import QueryError

FIELDS = ("author", "tag", "notebook", "kernel", "id", "message")
OPERATORS = ("<=", ">=", "!=", "<", ">", "=")
_OP_CHARS = "<>=!"
MAX_TERMS = 32
# What a typed snapshot id looks like: the UI's 6-character short form up to a full ULID,
# Crockford base32 in either case. Free text like this also matches ids (start or end).
_ID_LIKE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{6,26}$", re.IGNORECASE)
_SUGGEST = {"=>": ">=", "=<": "<=", "==": "=", "<>": "!=", "=!": "!=", "!": "!=", "><": "!="}


@dataclass(frozen=True)
class Term:
    """One condition. kind: "field" (name in FIELDS), "compare" (param/metric) or "text"."""

    kind: str
    name: str
    op: str
    value: str
    number: float | None = None
    position: int = 0


@dataclass(frozen=True)
class Query:
    """Terms are ANDed."""

    text: str
    terms: tuple[Term, ...] = field(default_factory=tuple)


def looks_like_id(text: str) -> bool:
    """True if *text* could be a typed snapshot id: a short form, a prefix or a full ULID."""
    return _ID_LIKE.match(text) is not None


def _quoted(q: str, i: int) -> tuple[str, int]:
    """Parse a double-quoted string starting at q[i] == '"'; backslash escapes the next char."""
    out: list[str] = []
    j = i + 1
    while j < len(q):
        ch = q[j]
        if ch == "\\" and j + 1 < len(q):
            out.append(q[j + 1])
            j += 2
            continue
        if ch == '"':
            return "".join(out), j + 1
        out.append(ch)
        j += 1
    raise QueryError(f"unterminated quote starting at position {i}", i)


def _skip_spaces(q: str, i: int) -> int:
    while i < len(q) and q[i].isspace():
        i += 1
    return i


def _value(q: str, i: int, after: str, start: int) -> tuple[str, int]:
    i = _skip_spaces(q, i)
    if i < len(q) and q[i] == '"':
        return _quoted(q, i)
    j = i
    while j < len(q) and not q[j].isspace():
        j += 1
    if j == i:
        raise QueryError(f"missing value after '{after}' at position {start}", start)
    return q[i:j], j


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value else None  # NaN compares with nothing


def parse_query(q: str) -> Query:
    """Parse *q*; QueryError(message, position) explains the first problem found."""
    if not isinstance(q, str):
        raise QueryError("the query must be a string", 0)
    terms: list[Term] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        start = i
        if len(terms) == MAX_TERMS:
            raise QueryError(
                f"too many terms: at most {MAX_TERMS}, the one at position {start} is one more;"
                " narrow the query",
                start,
            )
        if q[i] == '"':
            text, i = _quoted(q, i)
            if text.strip():
                terms.append(Term("text", "", "~", text.lower(), None, start))
            continue
        j = i
        while j < n and not q[j].isspace() and q[j] not in ':"' + _OP_CHARS:
            j += 1
        name = q[i:j]
        if name and _skip_spaces(q, j) < n and q[_skip_spaces(q, j)] in ":" + _OP_CHARS:
            j = _skip_spaces(q, j)  # "lr = 0.1", "author: ana": one term
        if j < n and q[j] == ":":
            key = name.lower()
            if key not in FIELDS:
                hint = f"; known fields: {', '.join(FIELDS)}"
                what = f"unknown field '{name}'" if name else "missing field name before ':'"
                raise QueryError(f"{what} at position {start}{hint}", start)
            value, i = _value(q, j + 1, name + ":", start)
            terms.append(Term("field", key, ":", value, None, start))
        elif j < n and q[j] in _OP_CHARS:
            k = j
            while k < n and q[k] in _OP_CHARS:
                k += 1
            op = q[j:k]
            if op not in OPERATORS:
                hint = f" — did you mean '{_SUGGEST[op]}'?" if op in _SUGGEST else ""
                raise QueryError(f"unknown operator '{op}' at position {j}{hint}", j)
            if not name:
                raise QueryError(
                    f"missing parameter or metric name before '{op}' at position {j}", j
                )
            value, i = _value(q, k, name + op, start)
            terms.append(Term("compare", name, op, value, _number(value), start))
        elif j < n and q[j] == '"':
            raise QueryError(f"unexpected quote at position {j}; quote a whole value", j)
        else:
            terms.append(Term("text", "", "~", name.lower(), None, start))
            i = j
    return Query(q, tuple(terms))
