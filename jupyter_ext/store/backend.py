"""Storage backends: a fast local-filesystem one and an fsspec one (S3 and friends).

Keys are store-relative with "/" separators ("objects/ab/cd…", "snapshots/<id>.json").
Every I/O failure other than "not found" becomes StoreUnavailable with a clear reason, so the
store can fall back to its outbox without knowing which filesystem failed.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from .errors import StoreError, StoreUnavailable

_REASONS = {
    errno.ENOSPC: "the store is full (no space left on device)",
    errno.EDQUOT: "the store is full (disk quota exceeded)",
    errno.EROFS: "the store is on a read-only filesystem",
    errno.EACCES: "permission denied by the store",
    errno.EPERM: "operation not permitted by the store",
    errno.ENOTDIR: "the store path is not a directory",
    errno.ENOENT: "the store path does not exist",
    errno.EIO: "I/O error on the store",
}


def describe(exc: BaseException) -> str:
    """Human text for why the shared store could not be used."""
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in _REASONS:
        return f"{_REASONS[code]}: {exc}"
    return f"{type(exc).__name__}: {exc}"


class Backend(Protocol):
    url: str

    def read(self, key: str) -> bytes:
        """Bytes of *key*; FileNotFoundError if absent, StoreUnavailable on other failures."""

    def mtime(self, key: str) -> float | None:
        """Modification time (epoch seconds) or None if absent."""

    def write(self, key: str, data: bytes) -> None:
        """Atomically write *key* (overwriting is harmless: same content)."""

    def create(self, key: str, data: bytes) -> bool:
        """Atomically create *key*; False if it already existed (left untouched)."""

    def freshen(self, key: str, data: bytes) -> None:
        """Bump *key*'s modification time (gc treats it as young again)."""

    def list(self, prefix: str, start_after: str = "") -> list[str]:
        """Sorted names directly under *prefix* ("snapshots") that sort after *start_after*."""

    def walk(self, prefix: str) -> Iterator[tuple[str, float, int]]:
        """(key, mtime, size) of every file under *prefix*, recursively."""

    def delete(self, key: str) -> None:
        """Remove *key*; absent is fine."""

    def flush(self) -> None:
        """Make every write so far durable (fsync directories on local filesystems)."""


class LocalBackend:
    """Plain os calls: temp file in the same directory + fsync + rename + fsync dir.

    No locks and no SQLite, so it is safe on NFS/SMB shares.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.url = str(self.root)
        self._made: set[str] = set()
        self._dirty: set[str] = set()
        # Create the store folder itself, never its parents: a missing parent is usually an
        # unmounted share, and writing under the bare mount point would hide data locally.
        with contextlib.suppress(OSError):
            os.mkdir(self.url)

    def _path(self, key: str) -> str:
        return os.path.join(self.url, *key.split("/"))

    def read(self, key: str) -> bytes:
        try:
            with open(self._path(key), "rb") as fh:
                return fh.read()
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise FileNotFoundError(key) from exc
        except OSError as exc:
            raise StoreUnavailable(f"cannot read {key}: {describe(exc)}") from exc

    def mtime(self, key: str) -> float | None:
        try:
            return os.stat(self._path(key)).st_mtime
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise StoreUnavailable(f"cannot stat {key}: {describe(exc)}") from exc

    def _temp(self, key: str, data: bytes) -> tuple[str, str]:
        final = self._path(key)
        folder = os.path.dirname(final)
        if folder not in self._made:
            if not os.path.isdir(self.url):
                try:
                    os.mkdir(self.url)  # its parent must exist (see __init__)
                except OSError:
                    msg = "the store folder does not exist"
                    raise FileNotFoundError(errno.ENOENT, msg, self.url) from None
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{secrets.token_hex(6)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        self._dirty.add(folder)
        return tmp, final

    def write(self, key: str, data: bytes) -> None:
        try:
            tmp, final = self._temp(key, data)
            os.replace(tmp, final)
        except OSError as exc:
            raise StoreUnavailable(f"cannot write {key}: {describe(exc)}") from exc

    def create(self, key: str, data: bytes) -> bool:
        try:
            tmp, final = self._temp(key, data)
            try:
                # link() fails if the target exists: an atomic "create only".
                os.link(tmp, final)
                created = True
            except FileExistsError:
                created = False
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                    raise
                # Shares without hard links (some SMB): ids are unique, so replace is safe.
                created = not os.path.exists(final)
                if created:
                    os.replace(tmp, final)
            if os.path.exists(tmp):
                os.unlink(tmp)
            self.flush()
            return created
        except OSError as exc:
            raise StoreUnavailable(f"cannot write {key}: {describe(exc)}") from exc

    def freshen(self, key: str, data: bytes) -> None:
        try:
            os.utime(self._path(key))
        except FileNotFoundError:
            self.write(key, data)  # gc took it between our stat and now: put it back
        except OSError as exc:
            raise StoreUnavailable(f"cannot touch {key}: {describe(exc)}") from exc

    def list(self, prefix: str, start_after: str = "") -> list[str]:
        try:
            names = os.listdir(self._path(prefix))
        except FileNotFoundError:
            if not os.path.isdir(self.url):
                raise StoreUnavailable(f"the store folder {self.url} does not exist") from None
            return []
        except OSError as exc:
            raise StoreUnavailable(f"cannot list {prefix}: {describe(exc)}") from exc
        return sorted(n for n in names if n > start_after and not n.startswith("."))

    def walk(self, prefix: str) -> Iterator[tuple[str, float, int]]:
        base = self._path(prefix)
        for folder, _dirs, files in os.walk(base):
            rel = os.path.relpath(folder, self.url).replace(os.sep, "/")
            for name in files:
                try:
                    st = os.stat(os.path.join(folder, name))
                except FileNotFoundError:
                    continue
                yield f"{rel}/{name}", st.st_mtime, st.st_size

    def delete(self, key: str) -> None:
        try:
            os.unlink(self._path(key))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreUnavailable(f"cannot delete {key}: {describe(exc)}") from exc

    def flush(self) -> None:
        dirty, self._dirty = self._dirty, set()
        for folder in dirty:
            try:
                fd = os.open(folder, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.fsync(fd)
            except OSError:
                pass  # some filesystems refuse directory fsync; rename is still atomic
            finally:
                os.close(fd)


class FsspecBackend:
    """Any fsspec filesystem; object stores get one PUT per key (atomic by nature)."""

    def __init__(self, url: str, storage_options: dict[str, Any] | None = None) -> None:
        import fsspec

        self.url = url.rstrip("/")
        options = dict(storage_options or {})
        if url.startswith(("s3://", "s3a://")):
            # Fail fast so an unreachable store falls back to the outbox quickly.
            cfg = dict(options.get("config_kwargs") or {})
            cfg.setdefault("connect_timeout", 3)
            cfg.setdefault("read_timeout", 30)
            cfg.setdefault("retries", {"max_attempts": 2, "mode": "standard"})
            options["config_kwargs"] = cfg
        self.fs, self.root = fsspec.core.url_to_fs(self.url, **options)
        self.root = self.root.rstrip("/")
        protocols = self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        self._is_s3 = "s3" in protocols
        if self._is_s3:
            self.fs.retries = 2  # s3fs retries 5x with backoff by default: too slow to fail over
        # Conditional PUT (If-None-Match: *) is an S3 feature; elsewhere check, then write.
        self._conditional = self._is_s3

    def _path(self, key: str) -> str:
        return f"{self.root}/{key}"

    def _fail(self, what: str, key: str, exc: BaseException) -> StoreUnavailable:
        return StoreUnavailable(f"cannot {what} {key} on {self.url}: {describe(exc)}")

    def read(self, key: str) -> bytes:
        try:
            data: bytes = self.fs.cat_file(self._path(key))
            return data
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise self._fail("read", key, exc) from exc

    def mtime(self, key: str) -> float | None:
        path = self._path(key)
        try:
            self.fs.invalidate_cache(path)
            return _mtime(self.fs.info(path))
        except FileNotFoundError:
            return None
        except Exception as exc:
            raise self._fail("stat", key, exc) from exc

    def write(self, key: str, data: bytes) -> None:
        try:
            self.fs.pipe_file(self._path(key), data)
        except Exception as exc:
            raise self._fail("write", key, exc) from exc

    def create(self, key: str, data: bytes) -> bool:
        path = self._path(key)
        try:
            if self._conditional:
                return self._conditional_put(path, data)
            if self.mtime(key) is not None:
                return False
            self.fs.pipe_file(path, data)
            return True
        except StoreUnavailable:
            raise
        except Exception as exc:
            raise self._fail("write", key, exc) from exc

    def _conditional_put(self, path: str, data: bytes) -> bool:
        """PUT with If-None-Match: * ; False when the key exists (412).

        S3 answers 409 ConditionalRequestConflict while another conditional write to the same
        key is in flight and asks clients to retry; botocore does not retry 409 by itself."""
        for attempt in range(_CONFLICT_RETRIES):
            try:
                self.fs.pipe_file(path, data, mode="create")
                return True
            except FileExistsError:
                return False
            except OSError as exc:
                if _s3_status(exc) != 409 or attempt == _CONFLICT_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def freshen(self, key: str, data: bytes) -> None:
        # Object stores cannot touch: rewriting the same bytes renews LastModified.
        self.write(key, data)

    def list(self, prefix: str, start_after: str = "") -> list[str]:
        base = self._path(prefix)
        try:
            if self._is_s3:
                return self._s3_list(base, start_after)
            self.fs.invalidate_cache(base)
            names = [p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(base, detail=False)]
        except FileNotFoundError:
            return []
        except Exception as exc:
            raise self._fail("list", prefix, exc) from exc
        return sorted(n for n in names if n > start_after and not n.startswith("."))

    def _s3_list(self, base: str, start_after: str) -> builtins.list[str]:
        bucket, _, key_prefix = base.partition("/")
        key_prefix += "/"
        names: builtins.list[str] = []
        kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": key_prefix}
        if start_after:
            kwargs["StartAfter"] = key_prefix + start_after  # server-side skip of older ids
        while True:
            out = self.fs.call_s3("list_objects_v2", **kwargs)
            names.extend(o["Key"][len(key_prefix) :] for o in out.get("Contents", []))
            if not out.get("IsTruncated"):
                break
            kwargs["ContinuationToken"] = out["NextContinuationToken"]
        return sorted(n for n in names if "/" not in n and n > start_after)

    def walk(self, prefix: str) -> Iterator[tuple[str, float, int]]:
        base = self._path(prefix)
        self.fs.invalidate_cache()
        try:
            found = self.fs.find(base, detail=True)
        except FileNotFoundError:
            return
        except Exception as exc:
            raise self._fail("list", prefix, exc) from exc
        for path, info in found.items():
            if info.get("type") == "directory":
                continue
            yield path[len(self.root) + 1 :], _mtime(info), int(info.get("size") or 0)

    def delete(self, key: str) -> None:
        try:
            self.fs.rm_file(self._path(key))
        except FileNotFoundError:
            pass
        except Exception as exc:
            raise self._fail("delete", key, exc) from exc

    def flush(self) -> None:
        """PUTs are durable when they return."""


_CONFLICT_RETRIES = 5


def _s3_status(exc: BaseException) -> int | None:
    """The HTTP status of the S3 answer behind an s3fs error, if there was one."""
    seen: BaseException | None = exc
    while seen is not None:
        response = getattr(seen, "response", None)
        if isinstance(response, dict):
            status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            return int(status) if status else None
        seen = seen.__cause__ or seen.__context__
    return None


def _mtime(info: dict[str, Any]) -> float:
    for name in ("LastModified", "mtime", "last_modified", "updated", "created"):
        value = info.get(name)
        if value is None:
            continue
        if hasattr(value, "timestamp"):
            return float(value.timestamp())
        if isinstance(value, (int, float)):
            return float(value)
        try:
            from datetime import datetime

            return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
        except ValueError:
            continue
    return time.time()  # unknown: treat as young so gc never deletes it


def publish(backend: Backend, key: str, data: bytes) -> None:
    """Write an immutable object (manifest, comment, tombstone) exactly once.

    Finding the same bytes already there is success: a PUT retried after its answer was lost
    (a 5xx or a timeout after the write landed) meets its own object and gets 412."""
    for _ in range(3):
        if backend.create(key, data):
            return
        try:
            if backend.read(key) == data:
                return
        except FileNotFoundError:
            continue  # "exists" with nothing behind it: ask again
        raise StoreError(f"{key} already exists in the store with other content")
    raise StoreUnavailable(f"the store reports {key} as existing but cannot return it")


def open_backend(url: str, storage_options: dict[str, Any] | None = None) -> Backend:
    """LocalBackend for paths and file:// URLs, FsspecBackend for everything else."""
    if url.startswith("file://"):
        return LocalBackend(url[len("file://") :])
    if "://" not in url:
        return LocalBackend(os.path.abspath(os.path.expanduser(url)))
    return FsspecBackend(url, storage_options)
