"""Data references: files the kernel opened (audit log) + paths/URLs found in code cells."""

from __future__ import annotations

import ast
import glob
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gitinfo import blob_hashes
from .hashing import HashCache, dvc_md5
from .params import parse_module
from .secrets import find_secret_spans
from .urls import strip_url_credentials

DATA_EXTENSIONS = (
    "csv",
    "tsv",
    "txt",
    "json",
    "jsonl",
    "ndjson",
    "parquet",
    "pq",
    "feather",
    "arrow",
    "ipc",
    "orc",
    "avro",
    "xlsx",
    "xls",
    "xlsm",
    "ods",
    "h5",
    "hdf5",
    "hdf",
    "nc",
    "pkl",
    "pickle",
    "joblib",
    "npy",
    "npz",
    "mat",
    "sav",
    "dta",
    "sas7bdat",
    "sqlite",
    "sqlite3",
    "db",
    "duckdb",
    "zip",
    "gz",
    "bz2",
    "xz",
    "zst",
    "tar",
    "tgz",
    "7z",
    "pt",
    "pth",
    "ckpt",
    "safetensors",
    "onnx",
    "yaml",
    "yml",
    "xml",
    "png",
    "jpg",
    "jpeg",
    "tif",
    "tiff",
)
_EXT_RE = re.compile(r"\.({})$".format("|".join(DATA_EXTENSIONS)), re.IGNORECASE)
_CANDIDATE = re.compile(r"://|\.(?:{})\b".format("|".join(DATA_EXTENSIONS)), re.IGNORECASE)
_URL_RE = re.compile(
    r"^(?:s3|s3a|gs|gcs|az|abfs|abfss|adl|hdfs|https?|ftp)://[^\s\"'<>]+$", re.IGNORECASE
)
_WRITE_CALL = re.compile(r"^(to_|save|write|dump|export|savefig|imwrite|imsave)", re.IGNORECASE)
MAX_AUDIT_LOG_BYTES = 64 << 20
KEEP_WRITTEN_MAX_BYTES = 4 << 20  # files a run wrote, kept by default up to this size
KEEP_WRITTEN_OPT_IN_MAX_BYTES = 64 << 20  # ... and when the take opts in (keep_written)


def keep_written_limit(keep_written: bool | None, configured: int = KEEP_WRITTEN_MAX_BYTES) -> int:
    """Bytes up to which a take keeps the files its run wrote: the configured limit by
    default, more when the take opts in, none when it opts out."""
    if keep_written is None:
        return configured
    return max(configured, KEEP_WRITTEN_OPT_IN_MAX_BYTES) if keep_written else 0


@dataclass
class RawRef:
    """A candidate data reference before resolution."""

    path: str | None  # absolute (audit) or as written in code
    url: str | None
    mode: str
    source: str  # "audit" | "code"


def read_audit_log(log_path: Path) -> tuple[list[RawRef], list[str]]:
    """Records written by the kernel's audit hook (tolerates a torn last line)."""
    refs: list[RawRef] = []
    warnings: list[str] = []
    try:
        with open(log_path, "rb") as f:
            data = f.read(MAX_AUDIT_LOG_BYTES + 1)
    except FileNotFoundError:
        return refs, warnings
    except OSError as exc:
        return refs, [f"data files opened by the kernel not captured: {exc}"]
    if len(data) > MAX_AUDIT_LOG_BYTES:
        warnings.append("the kernel opened too many files: data references are incomplete")
        data = data[:MAX_AUDIT_LOG_BYTES]
    for line in data.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            mode = record.get("mode")
            refs.append(RawRef(record["path"], None, mode if mode in _MODES else "read", "audit"))
    return refs, warnings


_MODES = ("read", "write", "readwrite")


def _call_mode(call: ast.Call) -> str:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "open":
        mode_node = (
            call.args[1]
            if len(call.args) > 1
            else next((k.value for k in call.keywords if k.arg == "mode"), None)
        )
        mode = mode_node.value if isinstance(mode_node, ast.Constant) else "r"
        if isinstance(mode, str) and "+" in mode:
            return "readwrite"
        return "write" if isinstance(mode, str) and any(c in mode for c in "wax") else "read"
    return "write" if _WRITE_CALL.match(name) else "read"


def _code_strings(source: str) -> Iterator[tuple[str, str]]:
    """(string literal, mode hint) for each plain string constant in a code cell."""
    tree = parse_module(source)
    if tree is None:
        return
    modes: dict[int, str] = {}
    skip: set[int] = set()
    constants: list[tuple[ast.Constant, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                constants.append((node, node.value))
        elif isinstance(node, ast.Call):
            mode = _call_mode(node)
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                modes[id(arg)] = mode
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
    for const, value in constants:
        if id(const) not in skip:
            yield value, modes.get(id(const), "read")


def _expand(pattern: str, base_dir: Path, root_dir: Path | None, limit: int) -> list[str]:
    """Matches of a glob pattern, only when it lies inside ``root_dir`` (else the pattern)."""
    absolute = os.path.normpath(os.path.join(base_dir, pattern))
    if root_dir is not None:
        root = os.path.realpath(root_dir)
        static = absolute.split("*")[0].split("?")[0].split("[")[0]
        real = os.path.realpath(os.path.dirname(static) or "/")
        if real != root and not real.startswith(root + os.sep):
            return [pattern]
    matches = sorted(itertools.islice(glob.iglob(absolute, recursive=True), limit))
    return matches or [pattern]


def code_refs(
    notebook: Mapping[str, Any], base_dir: Path, root_dir: Path | None = None, limit: int = 200
) -> list[RawRef]:
    """Data-file paths and URLs written as string literals in code cells.

    Relative paths are resolved against ``base_dir`` (the notebook's folder, which is the
    kernel's working directory in Jupyter). Glob patterns are expanded (at most ``limit``
    matches) when they lie inside ``root_dir``; otherwise listed as written.
    """
    refs: list[RawRef] = []
    for cell in notebook.get("cells") or []:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if not _CANDIDATE.search(source):  # cheap: most cells name no file or URL
            continue
        for text, mode in _code_strings(source):
            text = text.strip()
            if not text or len(text) > 4096 or "\n" in text:
                continue
            if _URL_RE.match(text):
                refs.append(RawRef(None, strip_url_credentials(text), mode, "code"))
            elif _EXT_RE.search(text) and not (text.startswith(".") and "/" not in text):
                # (".csv" alone is an extension, not a file; "../data/x.csv" is a file)
                path = os.path.expanduser(text)
                if glob.has_magic(path):
                    matches = _expand(path, base_dir, root_dir, limit)
                    refs.extend(RawRef(m, None, mode, "code") for m in matches)
                else:
                    refs.append(RawRef(path, None, mode, "code"))
    return refs


@dataclass
class ResolvedRef:
    """A data reference resolved against the root directory."""

    display: str  # relative posix path inside root, else absolute
    real: str  # realpath, the merge key
    inside_root: bool
    mode: str
    source: str


def _merge_mode(a: str, b: str) -> str:
    return a if a == b else "readwrite"


def resolve_refs(
    raw: list[RawRef], root_dir: Path, base_dir: Path, exclude: tuple[str, ...] = ()
) -> tuple[list[ResolvedRef], list[dict[str, Any]]]:
    """Merge raw refs per file (audit beats code; read + write -> readwrite).

    Returns (files, url entries). ``exclude`` holds realpath prefixes to drop (e.g. our own
    hash cache and audit-log folders).
    """
    root_real = os.path.realpath(root_dir)
    files: dict[str, ResolvedRef] = {}
    urls: dict[str, dict[str, Any]] = {}
    for ref in raw:
        if ref.url is not None:
            entry = urls.setdefault(
                ref.url,
                {
                    "path": None,
                    "url": ref.url,
                    "size": None,
                    "mtime": None,
                    "hash": None,
                    "mode": ref.mode,
                    "source": ref.source,
                    "stored": None,
                },
            )
            entry["mode"] = _merge_mode(entry["mode"], ref.mode)
            continue
        assert ref.path is not None
        absolute = os.path.normpath(os.path.join(base_dir, ref.path))
        real = os.path.realpath(absolute)
        if exclude and real.startswith(exclude):
            continue
        inside = real == root_real or real.startswith(root_real + os.sep)
        display = Path(os.path.relpath(real, root_real)).as_posix() if inside else absolute
        known = files.get(real)
        if known is None:
            files[real] = ResolvedRef(display, real, inside, ref.mode, ref.source)
            continue
        if known.source == ref.source:
            known.mode = _merge_mode(known.mode, ref.mode)
        elif ref.source == "audit":  # the kernel's record is the truth; code was a guess
            known.source, known.mode = "audit", ref.mode
    return list(files.values()), list(urls.values())


def _iso(ts: float) -> str:
    from datetime import datetime, timezone

    return (
        datetime.fromtimestamp(ts, tz=timezone.utc)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def fingerprint(
    files: list[ResolvedRef],
    urls: list[dict[str, Any]],
    *,
    root_dir: Path,
    cache: HashCache,
    git: Mapping[str, Any] | None,
    include_data_max_bytes: int = 0,
    sample_above_bytes: int = 1 << 30,
    max_refs: int = 2000,
    keep_written_max_bytes: int = 0,
) -> tuple[list[dict[str, Any]], dict[str, bytes], list[str]]:
    """Data entries (manifest ``data``), blobs of small stored files, warnings.

    Files outside ``root_dir`` are only stat'ed/hashed when the kernel itself opened them
    (source "audit"); code-only references outside the root are listed, never touched.
    Hash preference: DVC md5, then git blob sha1 (tracked and clean), then cached sha256.
    Files the run wrote up to ``keep_written_max_bytes`` are kept too (artifacts).
    """
    warnings: list[str] = []
    blobs: dict[str, bytes] = {}
    if len(files) + len(urls) > max_refs:
        warnings.append(
            f"{len(files) + len(urls) - max_refs} data references not listed (more than {max_refs})"
        )
        files = sorted(files, key=lambda r: (r.source != "audit", r.display))[:max_refs]
        urls = urls[: max(0, max_refs - len(files))]
    entries: dict[str, dict[str, Any]] = {}
    stats: dict[str, os.stat_result] = {}
    inside_root = {ref.real for ref in files if ref.inside_root}
    for ref in files:
        entry: dict[str, Any] = {
            "path": ref.display,
            "url": None,
            "size": None,
            "mtime": None,
            "hash": None,
            "mode": ref.mode,
            "source": ref.source,
            "stored": None,
        }
        entries[ref.real] = entry
        if not (ref.inside_root or ref.source == "audit"):
            continue
        try:
            st = os.stat(ref.real)
        except OSError:
            if not ref.inside_root:  # e.g. a library's deleted temp file: not data
                del entries[ref.real]
            continue
        if not stat.S_ISREG(st.st_mode):
            entry["kind"] = "directory" if stat.S_ISDIR(st.st_mode) else "other"
            continue
        entry.update(size=st.st_size, mtime=_iso(st.st_mtime))
        stats[ref.real] = st
        entry["hash"] = dvc_md5(Path(ref.real), st, Path(os.path.realpath(root_dir)))
    if git and git.get("root"):
        groot = os.path.realpath(git["root"])
        wanted = {
            Path(os.path.relpath(r, groot)).as_posix(): r
            for r in stats
            if r.startswith(groot + os.sep) and entries[r]["hash"] is None
        }
        found = blob_hashes(Path(groot), wanted, git.get("modified") or ())
        for rel, sha in found.items():
            entries[wanted[rel]]["hash"] = "git-sha1:" + sha
    for real, st in stats.items():
        entry = entries[real]
        try:
            if entry["hash"] is None:
                entry["hash"] = cache.file_hash(Path(real), st, sample_above_bytes)
            limit = max(
                include_data_max_bytes,
                keep_written_max_bytes if entry["mode"] != "read" else 0,
            )
            if real in inside_root and 0 < st.st_size <= limit:
                _store_small(Path(real), entry, blobs, warnings)
        except OSError as exc:
            warnings.append(f"data file {entry['path']} not hashed: {exc.strerror or exc}")
    data = sorted(entries.values(), key=lambda e: e["path"]) + sorted(urls, key=lambda e: e["url"])
    return data, blobs, warnings


def _store_small(
    path: Path, entry: dict[str, Any], blobs: dict[str, bytes], warnings: list[str]
) -> None:
    content = path.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if text and find_secret_spans(text):
        warnings.append(f"data file {entry['path']} looks like it contains a secret: not stored")
        return
    digest = hashlib.sha256(content).hexdigest()
    blobs[digest] = content
    entry["stored"] = digest
