"""File fingerprints: sha256 cached by (device, inode, size, mtime, ctime); sampled fingerprints
for huge files; md5 reused from DVC (``.dvc`` files and ``dvc.lock``)."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from pathlib import Path

MIB = 1 << 20
_CHUNK = 4 * MIB
_SCHEMA = """CREATE TABLE IF NOT EXISTS hashes (
    dev INTEGER, ino INTEGER, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
    sample_above INTEGER, hash TEXT NOT NULL,
    PRIMARY KEY (dev, ino, size, mtime_ns, ctime_ns, sample_above))"""


class HashCache:
    """SQLite cache of file hashes in a LOCAL directory (never the shared store).

    A file whose (device, inode, size, mtime_ns, ctime_ns) is unchanged is never re-read.
    ``path=None`` keeps the cache in memory (one capture only).
    """

    def __init__(self, directory: Path | None) -> None:
        target = ":memory:"
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            target = str(directory / "hash-cache.sqlite")
        self._lock = threading.Lock()
        self._db = sqlite3.connect(target, timeout=5.0, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute(_SCHEMA)
        self.files_read = 0
        self.bytes_read = 0

    def close(self) -> None:
        self._db.close()

    def lookup(self, st: os.stat_result, sample_above: int) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT hash FROM hashes WHERE dev=? AND ino=? AND size=? AND mtime_ns=? "
                "AND ctime_ns=? AND sample_above=?",
                (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, sample_above),
            ).fetchone()
        return str(row[0]) if row else None

    def store(self, st: os.stat_result, sample_above: int, digest: str) -> None:
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        st.st_dev,
                        st.st_ino,
                        st.st_size,
                        st.st_mtime_ns,
                        st.st_ctime_ns,
                        sample_above,
                        digest,
                    ),
                )
        except sqlite3.Error:  # a locked/readonly cache only costs a re-hash next time
            pass

    def file_hash(self, path: Path, st: os.stat_result, sample_above: int) -> str:
        """``sha256:<hex>``, or ``sampled-sha256:<hex>`` above ``sample_above`` bytes."""
        cached = self.lookup(st, sample_above)
        if cached:
            return cached
        if st.st_size > sample_above:
            digest = "sampled-sha256:" + self._sampled(path, st.st_size)
        else:
            digest = "sha256:" + self._full(path)
        after = path.stat()
        if (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns):
            self.store(st, sample_above, digest)  # don't cache a file that changed meanwhile
        return digest

    def _full(self, path: Path) -> str:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            self.files_read += 1
            while chunk := f.read(_CHUNK):
                self.bytes_read += len(chunk)
                h.update(chunk)
        return h.hexdigest()

    def _sampled(self, path: Path, size: int) -> str:
        """sha256 of b"<size>\\n" + first, middle and last MiB: a marked, partial fingerprint."""
        h = hashlib.sha256(f"{size}\n".encode())
        with open(path, "rb") as f:
            self.files_read += 1
            for offset in (0, max(0, size // 2 - MIB // 2), max(0, size - MIB)):
                f.seek(offset)
                chunk = f.read(MIB)
                self.bytes_read += len(chunk)
                h.update(chunk)
        return h.hexdigest()


_DVC_OUT = re.compile(r"^\s*-?\s*(md5|path|size|hash)\s*:\s*(.+?)\s*$")


def _dvc_entries(text: str) -> list[dict[str, str]]:
    """``outs`` entries (path/md5/size) of a .dvc or dvc.lock file: a tiny YAML subset."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for line in text.splitlines():
        match = _DVC_OUT.match(line)
        if line.lstrip().startswith("- ") or not match:
            if current:
                entries.append(current)
            current = {}
        if match:
            current[match.group(1)] = match.group(2).strip("'\"")
    if current:
        entries.append(current)
    return [e for e in entries if "path" in e and "md5" in e]


def dvc_md5(path: Path, st: os.stat_result, stop_at: Path) -> str | None:
    """``md5:<hex>`` recorded by DVC for ``path`` if it looks current, else None.

    Looks at ``<file>.dvc`` and at ``dvc.lock`` in the parent folders up to ``stop_at``.
    Current means: the recorded size (when present) matches and the data file was not
    modified after the DVC file was written.
    """
    candidates = [(path.with_name(path.name + ".dvc"), path.parent)]
    folder = path.parent
    while True:
        candidates.append((folder / "dvc.lock", folder))
        if folder == stop_at or folder == folder.parent or stop_at not in folder.parents:
            break
        folder = folder.parent
    for meta_file, base in candidates:
        try:
            meta_st = meta_file.stat()
            if meta_st.st_size > 4 * MIB:
                continue
            text = meta_file.read_text("utf-8", "replace")
        except OSError:
            continue
        for entry in _dvc_entries(text):
            if (base / entry["path"]).resolve() != path.resolve():
                continue
            if not re.fullmatch(r"[0-9a-f]{32}", entry["md5"]):
                continue
            if "size" in entry and entry["size"] != str(st.st_size):
                continue
            if st.st_mtime_ns > meta_st.st_mtime_ns:
                continue
            return "md5:" + entry["md5"]
    return None
