"""Local SQLite index of the store: listing and filtering never scan the shared store.

Lives in the server's private local_dir only (never on a share). It is a cache: deleting the
file rebuilds it from the manifests on the next sync.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import math
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .errors import QueryError
from .index_blobs import KnownBlobs
from .index_blobs import locked as _locked
from .index_schema import SCHEMA, SCHEMA_VERSION, SECONDARY, opening, statements
from .index_sql import decode_cursor, encode_cursor, order_sql, selective, term_sql
from .query import MAX_TERMS, Query

ADD_BATCH = 2000  # summaries per transaction of add()
BULK_MIN = 5000  # adds at least this big into an empty index skip the indexes until the end

# A listing that runs longer is cut with a QueryError (a 400): one costly query (a 600-character
# phrase, 30 string comparisons on 100k snapshots) must not hold a worker for seconds.
QUERY_BUDGET_S = 2.0
_PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock


class Index(KnownBlobs):
    def __init__(self, path: str) -> None:
        self.path = path
        self.query_budget_s = QUERY_BUDGET_S
        self._lock = threading.RLock()
        self._readers = threading.local()
        self._reader_dbs: list[sqlite3.Connection] = []
        self.db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        # Switching to WAL does not wait for a busy database: openers take turns.
        with opening(path):
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._ensure_schema()

    def _ensure_schema(self) -> None:
        """Check and (re)create the schema under one write lock: the CLI and a server (or two
        threads) opening a new index at once must not see each other's half-made tables."""
        db = self.db
        db.isolation_level = None  # manual transaction: executescript would commit midway
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    # A cache of the store: an old layout is dropped and rebuilt by sync.
                    tables = db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                    for (name,) in tables.fetchall():
                        db.execute(f'DROP TABLE IF EXISTS "{name}"')
                    for statement in statements(SCHEMA):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                for statement in SECONDARY.values():  # a process that died in a bulk load
                    db.execute(statement)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        finally:
            db.isolation_level = "DEFERRED"  # the default, as connect() left it

    def close(self) -> None:
        with self._lock:
            for db in self._reader_dbs:
                db.close()
            self._reader_dbs.clear()
        self.db.close()

    def _reader(self) -> sqlite3.Connection:
        """This thread's own connection for listing: a long listing holds no lock that
        writers or other listings wait for (WAL: it reads committed data only)."""
        db: sqlite3.Connection | None = getattr(self._readers, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            with self._lock:
                self._reader_dbs.append(db)
            self._readers.db = db
        return db

    @contextlib.contextmanager
    def _budget(self, db: sqlite3.Connection) -> Iterator[None]:
        """Abort what runs on ``db`` past ``query_budget_s`` with a QueryError."""
        budget = self.query_budget_s
        deadline = time.monotonic() + budget
        db.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            raise QueryError(
                f"query too expensive: it ran over {budget:g} s on this index; narrow it"
                " (tag:, author:, notebook: or a numeric comparison; fewer or longer words)",
                0,
            ) from None
        finally:
            db.set_progress_handler(None, 0)

    # ------------------------------------------------------------ meta
    @_locked
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------ snapshots
    @_locked
    def ids(self, queued: bool | None = None) -> set[str]:
        sql = "SELECT id FROM snapshots"
        if queued is not None:
            sql += f" WHERE queued={int(queued)}"
        return {r[0] for r in self.db.execute(sql)}

    def add(self, summaries: Iterable[dict[str, Any]]) -> int:
        """Index (or re-index) *summaries*. Each batch of ``ADD_BATCH`` is a handful of
        statements (executemany per table) in one transaction: a join adds 100k at once."""
        items = summaries if isinstance(summaries, list) else list(summaries)
        n = 0
        with self._bulk_load(len(items)) as bulk:
            if bulk:  # re-indexing an id deletes by id, which needs the indexes: last one wins
                items = list({s["id"]: s for s in items}.values())
            for start in range(0, len(items), ADD_BATCH):
                n += self._add_batch(items[start : start + ADD_BATCH])
        return n

    @contextlib.contextmanager
    def _bulk_load(self, count: int) -> Iterator[bool]:
        """Whether to fill an empty index without its secondary indexes, building each once at
        the end: a join adds ~100k snapshots, and keeping ten B-trees up to date row by row
        (random inserts) made that 1.5-2x slower than one sort per index."""
        with self._lock:
            empty = self.db.execute("SELECT 1 FROM snapshots LIMIT 1").fetchone() is None
            bulk = count >= BULK_MIN and empty
            if bulk:
                with self.db:
                    for name in SECONDARY:
                        self.db.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            yield bulk
        finally:
            if bulk:
                with self._lock, self.db:
                    for statement in SECONDARY.values():
                        self.db.execute(statement)

    def _add_batch(self, batch: list[dict[str, Any]]) -> int:
        latest = {s["id"]: s for s in batch}  # the same id twice: the last one wins
        snapshots, summaries, tags, vals, data_io = [], [], [], [], []
        for sid, raw in latest.items():
            s, text = _strict_json(raw)
            author = s.get("author") or {}
            nb = s.get("notebook") or {}
            kernel = s.get("kernel") or {}
            tag_list = [str(t) for t in s.get("tags") or []]
            search = " ".join([str(s.get("message") or ""), str(nb.get("path") or ""), *tag_list])
            snapshots.append(
                (sid, s.get("created"), author.get("username"), author.get("name"),
                 s.get("message"), nb.get("path"), nb.get("key"), kernel.get("name"),
                 kernel.get("display_name"), s.get("cell_count"), int(bool(s.get("queued"))),
                 sid, sid, search.lower())
            )  # fmt: skip
            summaries.append((sid, text))
            tags += [(sid, t) for t in tag_list]
            vals += [(sid, kind, str(k), *_num_text(v))
                     for kind, key in (("p", "params"), ("m", "metrics"))
                     for k, v in (s.get(key) or {}).items()]  # fmt: skip
            data_io += [(sid, r[0], r[1], r[2]) for r in s.get("data_io") or [] if len(r) == 3]
        ids = list(latest)
        with self._lock, self.db:
            old = self._in(ids, "SELECT id, rowid FROM snapshots WHERE id IN ({})")
            if old:  # re-indexed: drop what the earlier version put in the side tables
                self.db.executemany("DELETE FROM search_fts WHERE rowid=?", [(r[1],) for r in old])
                for table in ("tags", "vals", "data_io"):
                    sql = f"DELETE FROM {table} WHERE id=?"  # noqa: S608 - constant names
                    self.db.executemany(sql, [(r[0],) for r in old])
            self.db.executemany(
                "INSERT OR REPLACE INTO snapshots VALUES (?,?,?,?,?,?,?,?,?,?,?,"
                "COALESCE((SELECT deleted FROM snapshots WHERE id=?),"
                " (SELECT 1 FROM tombstones WHERE snapshot_id=?), 0),?)",
                snapshots,
            )
            # REPLACE gave new rowids: the search index reads them back
            self._in(ids, "INSERT INTO search_fts(rowid, search) SELECT rowid, search "
                          "FROM snapshots WHERE id IN ({})")  # fmt: skip
            self.db.executemany("INSERT OR REPLACE INTO summaries VALUES (?, ?)", summaries)
            self.db.executemany("INSERT INTO tags VALUES (?, ?)", tags)
            self.db.executemany("INSERT INTO vals VALUES (?,?,?,?,?)", vals)
            self.db.executemany("INSERT INTO data_io VALUES (?,?,?,?)", data_io)
        return len(batch)

    def _in(self, ids: list[str], sql: str) -> list[Any]:
        rows: list[Any] = []
        for part in _parts(ids):
            rows += self.db.execute(sql.format(",".join("?" * len(part))), part).fetchall()
        return rows

    def set_queued(self, sid: str, queued: bool) -> None:
        with self._lock, self.db:
            self.db.execute("UPDATE snapshots SET queued=? WHERE id=?", (int(queued), sid))

    def remove(self, ids: Iterable[str]) -> None:
        with self._lock, self.db:
            for sid in ids:
                self.db.execute(
                    "DELETE FROM search_fts WHERE rowid=(SELECT rowid FROM snapshots WHERE id=?)",
                    (sid,),
                )
                for table in ("snapshots", "summaries", "tags", "vals", "data_io"):
                    self.db.execute(f"DELETE FROM {table} WHERE id=?", (sid,))  # noqa: S608 - constant names

    def tombstone(self, key: str, sid: str) -> None:
        with self._lock, self.db:
            self.db.execute("INSERT OR IGNORE INTO tombstones VALUES (?, ?)", (key, sid))
            self.db.execute("UPDATE snapshots SET deleted=1 WHERE id=?", (sid,))

    @_locked
    def has(self, sid: str) -> bool:
        return self.db.execute("SELECT 1 FROM snapshots WHERE id=?", (sid,)).fetchone() is not None

    @_locked
    def tombstone_keys(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM tombstones")}

    @_locked
    def summary(self, sid: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT m.summary, s.queued, s.deleted FROM snapshots s JOIN summaries m ON m.id=s.id"
            " WHERE s.id=?",
            (sid,),
        ).fetchone()
        if row is None or row[2]:
            return None
        return _item(row[0], row[1])

    @_locked
    def is_deleted(self, sid: str) -> bool:
        row = self.db.execute("SELECT deleted FROM snapshots WHERE id=?", (sid,)).fetchone()
        return bool(row and row[0])

    @_locked
    def ids_from(self, start: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM snapshots WHERE id>=?", (start,))}

    @_locked
    def latest_for_key(self, key: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM snapshots WHERE notebook_key=? AND deleted=0 ORDER BY id DESC LIMIT 1",
            (key,),
        ).fetchone()
        return None if row is None else str(row[0])

    @_locked
    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM snapshots WHERE deleted=0").fetchone()[0])

    # ------------------------------------------------------------ lineage
    def _add_data_io(self, sid: str, rows: Iterable[Sequence[str]]) -> None:
        self.db.execute("DELETE FROM data_io WHERE id=?", (sid,))
        self.db.executemany(
            "INSERT INTO data_io VALUES (?,?,?,?)",
            [(sid, r[0], r[1], r[2]) for r in rows if len(r) == 3],
        )

    @_locked
    def lineage(self, sid: str) -> dict[str, list[dict[str, Any]]]:
        """Runs linked to *sid* by file content. upstream: for each file it read, the latest
        earlier live snapshot that wrote that hash; downstream: each later live snapshot that
        read a hash it wrote."""
        up = self.db.execute(
            "SELECT d.path, d.hash, (SELECT w.id FROM data_io w JOIN snapshots s ON s.id=w.id"
            " WHERE w.hash=d.hash AND w.mode!='read' AND w.id<d.id AND s.deleted=0"
            " ORDER BY w.id DESC LIMIT 1) FROM data_io d WHERE d.id=? AND d.mode!='write'"
            " ORDER BY d.path",
            (sid,),
        ).fetchall()
        down = self.db.execute(
            "SELECT DISTINCT w.path, w.hash, r.id FROM data_io w JOIN data_io r ON r.hash=w.hash"
            " JOIN snapshots s ON s.id=r.id WHERE w.id=? AND w.mode!='read' AND r.mode!='write'"
            " AND r.id>w.id AND s.deleted=0 ORDER BY r.id, w.path",
            (sid,),
        ).fetchall()
        return {
            "upstream": [{"path": p, "hash": h, "snapshot": i} for p, h, i in up if i],
            "downstream": [{"path": p, "hash": h, "snapshot": i} for p, h, i in down],
        }

    # ------------------------------------------------------------ listing
    def list(
        self,
        *,
        notebook: str | None = None,
        author: str | None = None,
        query: Query | None = None,
        since: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        sort: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        where = ["s.deleted=0"]
        args: list[Any] = []
        if notebook:
            where.append("(s.notebook_path=? OR s.notebook_key=?)")
            args += [notebook, notebook]
        if author:
            where.append("s.author=?")
            args.append(author)
        if since:
            where.append("s.id>=?")
            args.append(since)
        db = self._reader()
        with self._budget(db):
            return self._list(db, where, args, query, limit, cursor, sort)

    def _list(
        self,
        db: sqlite3.Connection,
        where: builtins.list[str],
        args: builtins.list[Any],
        query: Query | None,
        limit: int,
        cursor: str | None,
        sort: str | None,
    ) -> tuple[builtins.list[dict[str, Any]], str | None]:
        terms = list(query.terms) if query else []
        if len(terms) > MAX_TERMS:  # a Query built by hand, not parsed
            raise QueryError(f"too many terms: at most {MAX_TERMS}; narrow the query", 0)
        driver = selective(db, terms)
        for term in terms:
            sql, more = term_sql(term, drive=term is driver)
            where.append(sql)
            args += more
        order, desc, order_args = order_sql(sort)
        # Sorting by a param/metric lists the snapshots that have it, via its (name, num) index.
        join = "JOIN vals o ON o.id=s.id AND o.kind=? AND o.name=?" if order_args else ""
        args = [*order_args, *args]
        state = decode_cursor(cursor)
        offset = 0
        if order == "s.id" and "after" in state:
            where.append("s.id<?" if desc else "s.id>?")
            args.append(state["after"])
        else:
            offset = int(state.get("offset", 0))
        direction = "DESC" if desc else "ASC"
        # Only fixed SQL fragments are joined here; every user value is a bound parameter.
        sql = (
            "SELECT s.id, (SELECT m.summary FROM summaries m WHERE m.id=s.id), s.queued "  # noqa: S608
            f"FROM snapshots s {join} WHERE {' AND '.join(where)} "
            f"ORDER BY {order} {direction}, s.id {direction} LIMIT ? OFFSET ?"
        )
        limit = max(1, min(int(limit), 1000))
        rows = db.execute(sql, (*args, limit + 1, offset)).fetchall()
        items = [_item(r[1], r[2]) for r in rows[:limit]]
        nxt = None
        if len(rows) > limit:
            if order == "s.id":
                nxt = encode_cursor({"after": rows[limit - 1][0]})
            else:
                nxt = encode_cursor({"offset": offset + limit})
        return items, nxt

    # ------------------------------------------------------------ ids people type
    @_locked
    def ids_with_prefix(self, prefix: str, limit: int = 50) -> Sequence[str]:
        """Ids (not deleted) starting with *prefix* (upper-case Crockford), via the key."""
        rows = self.db.execute(
            "SELECT id FROM snapshots WHERE id >= ? AND id < ? AND deleted=0 LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [str(r[0]) for r in rows]

    @_locked
    def ids_with_suffix(self, suffix: str, limit: int = 50) -> Sequence[str]:
        """Ids (not deleted) ending with *suffix* (upper-case): the UI's short form."""
        rows = self.db.execute(
            "SELECT id FROM snapshots WHERE substr(id, -?) = ? AND deleted=0 LIMIT ?",
            (len(suffix), suffix, limit),
        )
        return [str(r[0]) for r in rows]

    def _notebook_id_index(self) -> None:
        """An index on the summaries' notebook id, made on first use (the history of a
        renamed notebook then costs an index lookup, not a scan of every summary)."""
        if not getattr(self, "_has_notebook_id_index", False):
            with self.db:
                self.db.execute(
                    "CREATE INDEX IF NOT EXISTS summ_notebook_id"
                    " ON summaries(json_extract(summary, '$.notebook.id'))"
                )
            self._has_notebook_id_index = True

    @_locked
    def latest_for_notebook_id(self, notebook_id: str) -> str | None:
        """Newest snapshot (not deleted) whose manifest names this notebook id."""
        self._notebook_id_index()
        row = self.db.execute(
            "SELECT s.id FROM summaries m JOIN snapshots s ON s.id=m.id WHERE s.deleted=0"
            " AND json_extract(m.summary, '$.notebook.id')=? ORDER BY s.id DESC LIMIT 1",
            (notebook_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    @_locked
    def list_for_notebook_id(
        self, notebook_id: str, path: str, *, limit: int = 50, after: str | None = None
    ) -> Sequence[dict[str, Any]]:
        """Newest first: the snapshots of one notebook id, plus the id-less (older) snapshots
        taken at *path*: a notebook's history across renames."""
        self._notebook_id_index()
        sql = (
            "SELECT m.summary, s.queued FROM snapshots s JOIN summaries m ON m.id=s.id"
            " WHERE s.deleted=0 AND s.id IN ("
            "SELECT id FROM summaries WHERE json_extract(summary, '$.notebook.id')=?"
            " UNION SELECT p.id FROM snapshots p JOIN summaries q ON q.id=p.id"
            " WHERE p.notebook_path=? AND json_extract(q.summary, '$.notebook.id') IS NULL)"
        )
        args: Sequence[Any] = [notebook_id, path]
        if after:
            sql += " AND s.id<?"
            args = [*args, after]
        sql += " ORDER BY s.id DESC LIMIT ?"
        rows = self.db.execute(sql, (*args, max(1, min(int(limit), 1001))))
        return [_item(r[0], r[1]) for r in rows]


def _item(summary: str, queued: int) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(summary)
    item["queued"] = bool(queued)
    return item


def _num_text(value: Any) -> tuple[float | None, str]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, value if isinstance(value, str) else json.dumps(value)
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float: compared as text only
        return None, str(value)
    if not math.isfinite(number):
        return None, "null"
    # repr is json.dumps's text for a finite float or an int, without the encoder's overhead
    return number, repr(value) if type(value) in (int, float) else json.dumps(value)


_LONG_DIGITS = re.compile(r"\d{19}")  # a number that may not fit 64 bits (or a long digit run)


def _strict_json(summary: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """*summary* made strict (a teammate's NaN/Infinity listed as null, a huge integer as
    text) and its JSON text. Checking the encoder's output first is ~3x faster than walking
    every value of the 100k summaries of a join, which are nearly always strict already."""
    try:
        text = json.dumps(summary, allow_nan=False)
    except ValueError:
        text = ""
    if not text or _LONG_DIGITS.search(text):
        summary = _strict(summary)
        text = json.dumps(summary, allow_nan=False)
    return summary, text


def _strict(value: Any) -> Any:
    """``value`` as strict JSON any client parses: NaN/Infinity become None, integers beyond
    64 bits ``{"$expr": "<digits>"}`` (as capture keeps them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        try:
            return {"$expr": str(value)}
        except ValueError:  # beyond Python's digit limit for str()
            return {"$expr": "<integer too large>"}
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strict(v) for v in value]
    return value


def _parts(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    """*ids* in pieces small enough for one statement's parameters."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
