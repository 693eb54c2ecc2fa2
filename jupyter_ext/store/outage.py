"""Outage messages a person can read: the store's URL and why, never an object path.

A message like "cannot write snapshots/01J….json: [Errno 28] … '/share/store/objects/ab/cd…'"
reaches toasts, the notification centre and the CLI. Object keys mean nothing to the reader
and push the reason out of sight, so every store-internal path is replaced by the store URL.
"""

from __future__ import annotations

import errno
import os
import re

from .errors import StoreUnavailable

_REASONS = {
    errno.ENOSPC: "the store is full (no space left on device)",
    errno.EDQUOT: "the store is full (disk quota exceeded)",
    errno.EROFS: "the store is on a read-only filesystem",
    errno.EACCES: "permission denied by the store",
    errno.EPERM: "operation not permitted by the store",
    errno.ENOTDIR: "a folder of the store is not a directory",
    errno.ENOENT: "a folder of the store does not exist",
    errno.EIO: "I/O error on the store",
}
# top-level folders of a store: a token starting with one is an object key
_KEY = re.compile(
    r"(?<![\w/])(?:snapshots|objects|tombstones|comments|arrivals|catalogs?|verifications|packs"
    r"|artifacts)/[^\s'\",;)]*"
)
# a library error's own text is context, not the message: bounded so the whole message fits
_MAX_DETAIL = 300


def scrub(text: str, url: str, root: str = "") -> str:
    """*text* with every path inside the store (absolute, endpoint URL or key) shown as *url*."""
    for base in {url.rstrip("/"), root.rstrip("/")} - {""}:
        # "http://host:9000/bucket/prefix/objects/ab/cd", "/share/store/snapshots/x.json"
        token = re.compile(r"[^\s'\"]*" + re.escape(base) + r"(?:/[^\s'\",;)]*)?")
        text = token.sub(lambda _m: url, text)
    return _KEY.sub("the store", text)


def describe(exc: BaseException, url: str = "", root: str = "") -> str:
    """Why the store could not be used, without object paths (OSError's file name is left
    out: it is always a path inside the store)."""
    code = getattr(exc, "errno", None)
    known = isinstance(code, int) and code in _REASONS
    if isinstance(exc, OSError) and exc.strerror:
        detail = str(exc.strerror)
        if isinstance(code, int) and detail == os.strerror(code):
            detail = "" if known else detail  # the standard text adds nothing to ours
    else:
        detail = str(exc)
    detail = _bounded(scrub(detail, url, root) if url else detail)
    if known:
        return f"{_REASONS[code]} ({detail})" if detail else _REASONS[code]  # type: ignore[index]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _bounded(detail: str) -> str:
    return detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 1] + "…"


def unavailable(what: str, url: str, exc: BaseException, root: str = "") -> StoreUnavailable:
    """StoreUnavailable for a failed *what* ("read from", "write to", …) on the store at *url*."""
    reason = describe(exc, url, root)
    return StoreUnavailable(f"cannot {what} the snapshot store at {url}: {reason}")
