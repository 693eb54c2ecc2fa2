"""Code version facts from ``git`` (subprocess, with a timeout; no git -> None)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .urls import strip_url_credentials

GIT_TIMEOUT = 3.0
_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_LITERAL_PATHSPECS": "1",
    "LC_ALL": "C",
}


class GitError(Exception):
    """git is missing, timed out, or refused (e.g. 'dubious ownership')."""


def run_git(args: list[str], cwd: Path, timeout: float = GIT_TIMEOUT) -> str | None:
    """stdout of ``git args`` in ``cwd``; None when git says no (non-zero exit).

    Raises GitError when git is absent or times out. fsmonitor hooks are disabled so that a
    repository's config cannot make us run programs.
    """
    try:
        proc = subprocess.run(
            ["git", "-c", "core.fsmonitor=false", *args],
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, **_ENV},
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} timed out after {timeout:g}s") from exc
    except OSError as exc:  # cwd missing, permissions
        raise GitError(str(exc)) from exc
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


def repo_root(path: Path, timeout: float = GIT_TIMEOUT) -> Path | None:
    """Top level of the git work tree containing ``path`` (a file or directory), or None."""
    start = path if path.is_dir() else path.parent
    while not start.exists() and start != start.parent:
        start = start.parent
    try:
        out = run_git(["rev-parse", "--show-toplevel"], start, timeout)
    except GitError:
        return None
    return Path(out.strip()) if out and out.strip() else None


def remote_url(root: Path, timeout: float = GIT_TIMEOUT) -> str | None:
    """URL of ``origin`` (else the first remote), credentials stripped."""
    url = run_git(["remote", "get-url", "origin"], root, timeout)
    if not url:
        names = (run_git(["remote"], root, timeout) or "").split()
        url = run_git(["remote", "get-url", names[0]], root, timeout) if names else None
    return strip_url_credentials(url.strip()) if url and url.strip() else None


def _status_paths(porcelain_z: str) -> set[str]:
    """Paths named by ``git status --porcelain=v1 -z`` (renames give both names)."""
    paths: set[str] = set()
    entries = iter(porcelain_z.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        paths.add(entry[3:])
        if entry[0] in "RC":
            paths.add(next(entries, ""))
    return paths


def git_facts(path: Path, timeout: float = GIT_TIMEOUT) -> tuple[dict[str, Any] | None, str | None]:
    """(facts, warning): ``{"root", "commit", "branch", "dirty", "remote", "modified"}``.

    ``dirty`` means tracked files differ from HEAD (staged or not); untracked files are not
    counted (listing them can be slow on big data folders). ``modified`` (a sorted list of
    repo-relative paths) is internal: callers pop it before storing.
    """
    root = repo_root(path, timeout)
    if root is None:
        return None, None
    try:
        commit = run_git(["rev-parse", "--verify", "-q", "HEAD"], root, timeout)
        branch = run_git(["symbolic-ref", "--short", "-q", "HEAD"], root, timeout)
        status = run_git(["status", "--porcelain=v1", "-z", "-uno"], root, timeout)
        remote = remote_url(root, timeout)
    except GitError as exc:
        return None, f"git information not captured: {exc}"
    modified = _status_paths(status or "")
    return {
        "root": str(root),
        "commit": commit.strip() if commit else None,
        "branch": branch.strip() if branch else None,
        "dirty": bool(modified) if status is not None else None,
        "remote": remote,
        "modified": sorted(modified),
    }, None


def blob_hashes(
    root: Path, rel_paths: Iterable[str], modified: Iterable[str], timeout: float = GIT_TIMEOUT
) -> dict[str, str]:
    """Git blob sha1 of tracked, unmodified files among ``rel_paths`` (repo-relative posix)."""
    wanted = sorted(set(rel_paths) - set(modified))
    found: dict[str, str] = {}
    for i in range(0, len(wanted), 200):
        try:
            out = run_git(["ls-files", "-s", "-z", "--", *wanted[i : i + 200]], root, timeout)
        except GitError:
            return found
        for entry in (out or "").split("\0"):
            meta, _, name = entry.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[2] == "0" and not fields[0].startswith("160"):
                found[name] = fields[1]
    return found
