"""The index's SQLite schema: a cache of the store, so a new version drops and rebuilds it."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator

SCHEMA_VERSION = 8  # 5: strict-JSON summaries (NaN rebuilt); 6: data_io lineage table;
# 7: code_hash and metric sparklines in summaries; 8: the pack a known blob is in
SCHEMA = """
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY, created TEXT, author TEXT, author_name TEXT, message TEXT,
  notebook_path TEXT, notebook_key TEXT, kernel_name TEXT, kernel_display TEXT,
  cell_count INTEGER, queued INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  search TEXT);
-- kept apart so that scans over the filter columns stay narrow (fast without an index)
CREATE TABLE IF NOT EXISTS summaries (id TEXT PRIMARY KEY, summary TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS snap_key ON snapshots(notebook_key, id);
CREATE INDEX IF NOT EXISTS snap_path ON snapshots(notebook_path, id);
CREATE INDEX IF NOT EXISTS snap_author ON snapshots(author, id);
CREATE TABLE IF NOT EXISTS tags (id TEXT, tag TEXT COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag, id);
CREATE INDEX IF NOT EXISTS tags_id ON tags(id);
CREATE TABLE IF NOT EXISTS vals (id TEXT, kind TEXT, name TEXT, num REAL, text TEXT);
CREATE INDEX IF NOT EXISTS vals_name ON vals(name, num);
CREATE INDEX IF NOT EXISTS vals_sort ON vals(name, kind, num);
CREATE INDEX IF NOT EXISTS vals_id ON vals(id, name, num);
CREATE TABLE IF NOT EXISTS tombstones (key TEXT PRIMARY KEY, snapshot_id TEXT);
CREATE INDEX IF NOT EXISTS tomb_sid ON tombstones(snapshot_id);
-- checked: when a writer last knew the blob present (0: located by a reader, not trusted);
-- pack: the pack holding it (NULL: a loose object)
CREATE TABLE IF NOT EXISTS known_blobs (hash TEXT PRIMARY KEY, checked REAL, pack TEXT)
    WITHOUT ROWID;
-- substring search for rare words without scanning every row (trigram: >= 3 characters)
-- (its rowid is the snapshots rowid)
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(search, tokenize='trigram');
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
-- lineage: data files each snapshot read or wrote, by content hash
CREATE TABLE IF NOT EXISTS data_io (id TEXT, path TEXT, hash TEXT, mode TEXT);
CREATE INDEX IF NOT EXISTS data_io_hash ON data_io(hash, id);
CREATE INDEX IF NOT EXISTS data_io_id ON data_io(id);
"""


@contextlib.contextmanager
def opening(path: str) -> Iterator[None]:
    """An exclusive lock, across threads and processes, for opening the index at *path*."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; concurrent first opens are rare there
        yield
        return
    with open(path + ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _secondary_indexes() -> dict[str, str]:
    """name -> CREATE statement of the indexes a join may build once at its end (bulk_load);
    not tombstones': every snapshot inserted looks its id up there."""
    out: dict[str, str] = {}
    for statement in statements(SCHEMA):
        found = re.match(r"\s*CREATE INDEX IF NOT EXISTS (\w+) ON (\w+)", statement)
        if found and found.group(2) != "tombstones":
            out[found.group(1)] = statement
    return out


def statements(script: str) -> list[str]:
    """The SQL statements of *script*, without its comment lines."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


SECONDARY = _secondary_indexes()
