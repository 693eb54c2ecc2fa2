"""A parsed query as SQL over the index's tables, and the cursors of paged listings."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from .errors import QueryError
from .query import Term, looks_like_id

SORTS = {"created": "id", "author": "author", "notebook": "notebook_path", "message": "message"}


def selective(db: sqlite3.Connection, terms: Sequence[Term]) -> Term | None:
    """The numeric comparison matching fewest rows, if few: it then drives the query (its
    matching ids first) instead of checking every snapshot newest-first."""
    best: tuple[int, Term] | None = None
    for term in terms:
        sub = driver_sql(term)
        if sub is None:
            continue
        sql, args = sub
        count = f"SELECT count(*) FROM ({sql} LIMIT ?)"  # noqa: S608
        n = int(db.execute(count, (*args, DRIVE_MAX + 1)).fetchone()[0])
        if n <= DRIVE_MAX and (best is None or n < best[0]):
            best = (n, term)
    return None if best is None else best[1]


def driver_sql(term: Term) -> tuple[str, list[Any]] | None:
    """A subquery listing the ids a term matches, from an index; None if there is none."""
    if term.kind == "compare" and term.number is not None and term.op != "!=":
        sql = f"SELECT v.id FROM vals v WHERE v.name=? AND v.num {term.op} ?"  # noqa: S608
        return sql, [term.name, term.number]
    if term.kind == "field" and term.name == "tag":
        return "SELECT t.id FROM tags t WHERE t.tag=?", [term.value]
    if term.kind == "text" and len(term.value) >= 3:
        phrase = '"' + term.value.replace('"', '""') + '"'
        sql, args = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [phrase]
        if looks_like_id(term.value):
            ids, more = id_sql("i", term.value)
            sql += f" UNION SELECT i.rowid FROM snapshots i WHERE {ids}"  # noqa: S608
            args += more
        return sql, args
    return None


DRIVE_MAX = 2000


def id_sql(alias: str, text: str) -> tuple[str, list[Any]]:
    """Ids starting with *text* (a typed prefix, via the key) or ending with it (the UI's
    short form); ids are upper-case, so the match ignores case."""
    up = text.upper()
    sql = f"({alias}.id >= ? AND {alias}.id < ? OR substr({alias}.id, -?) = ?)"
    return sql, [up, up + "\U0010ffff", len(up), up]


def term_sql(term: Term, *, drive: bool = False) -> tuple[str, list[Any]]:
    v = term.value
    sub = driver_sql(term) if drive else None
    if sub is not None:
        column = "s.rowid" if term.kind == "text" else "s.id"
        return f"{column} IN ({sub[0]})", sub[1]
    if term.kind == "text":
        if looks_like_id(v):
            ids, more = id_sql("s", v)
            return f"(instr(s.search, ?) > 0 OR {ids})", [v.lower(), *more]
        return "instr(s.search, ?) > 0", [v.lower()]
    if term.kind == "field":
        low = v.lower()
        if term.name == "author":
            return ("(lower(s.author)=? OR instr(lower(s.author_name), ?) > 0)", [low, low])
        if term.name == "tag":
            return "EXISTS (SELECT 1 FROM tags t WHERE t.id=s.id AND t.tag=?)", [v]
        if term.name == "notebook":
            return "instr(lower(s.notebook_path), ?) > 0", [low]
        if term.name == "kernel":
            return "(lower(s.kernel_name)=? OR instr(lower(s.kernel_display), ?) > 0)", [low, low]
        if term.name == "id":
            return id_sql("s", v)
        if term.name == "message":
            return "instr(lower(s.message), ?) > 0", [low]
    if term.kind == "compare":
        base = "EXISTS (SELECT 1 FROM vals v WHERE v.id=s.id AND v.name=? AND "
        op = "<>" if term.op == "!=" else term.op
        if term.number is not None:
            if term.op == "!=":
                return "NOT " + base + "v.num = ?)", [term.name, term.number]
            return base + f"v.num {op} ?)", [term.name, term.number]
        if term.op not in ("=", "!="):
            raise QueryError(
                f"'{term.name}{term.op}{v}': '{term.op}' needs a number", term.position
            )
        if term.op == "!=":
            return "NOT " + base + "v.text = ?)", [term.name, v]
        return base + "v.text = ?)", [term.name, v]
    raise QueryError(f"unsupported term at position {term.position}", term.position)


def order_sql(sort: str | None) -> tuple[str, bool, list[Any]]:
    if not sort or sort in ("newest", "-created"):
        return "s.id", True, []
    if sort == "oldest":
        return "s.id", False, []
    desc = sort.startswith("-")
    name = sort.lstrip("-+")
    if name in SORTS:
        return f"s.{SORTS[name]}", desc, []
    for prefix, kind in (("param:", "p"), ("metric:", "m")):
        if name.startswith(prefix):
            return "o.num", desc, [kind, name[len(prefix) :]]
    raise QueryError(
        f"unknown sort '{sort}'; use [-]created, author, notebook, message, "
        "param:NAME or metric:NAME",
        0,
    )


CURSOR = re.compile(r"^(?:a(?P<after>[0-7][0-9A-HJKMNP-TV-Z]{25})|o(?P<offset>[0-9]{1,9}))$")


def encode_cursor(state: dict[str, Any]) -> str:
    """'a<last id>' (keyset paging by id) or 'o<offset>' (other sort orders)."""
    return f"a{state['after']}" if "after" in state else f"o{int(state['offset'])}"


def decode_cursor(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    match = CURSOR.match(cursor)
    if match is None:
        raise QueryError("invalid cursor: pass the cursor of the previous page unchanged", 0)
    if match.group("after"):
        return {"after": match.group("after")}
    return {"offset": int(match.group("offset"))}
