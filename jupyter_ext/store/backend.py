"""Storage backends: a fast local-filesystem one and an fsspec one (S3 and friends).

Keys are store-relative with "/" separators ("objects/ab/cd…", "snapshots/<id>.json").
Every I/O failure other than "not found" becomes StoreUnavailable with a clear reason, so the
store can fall back to its outbox without knowing which filesystem failed.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import logging
import os
import secrets
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from .errors import CorruptObject, StoreError, StoreMissing, StoreUnavailable, TooLarge
from .outage import unavailable

log = logging.getLogger(__name__)

# Every read is bounded: nothing on the store is trusted to be the size it should be. Callers
# pass tighter limits (manifests, comments, markers); this caps everything else.
MAX_OBJECT_BYTES = 256 * 2**20
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_READ_FLAGS |= getattr(os, "O_CLOEXEC", 0)
# the file that makes a folder a store (see layout.py)
MARKER = "jupyter-ext-store.json"


class Backend(Protocol):
    url: str

    def read(self, key: str, limit: int | None = None) -> bytes:
        """Bytes of *key*; FileNotFoundError if absent, CorruptObject if it is not a regular
        file or larger than *limit* (default MAX_OBJECT_BYTES), StoreUnavailable otherwise."""

    def root_exists(self) -> bool:
        """False when the store's root folder is not there (an unmounted share)."""

    def has_folder(self, prefix: str) -> bool:
        """True when the store has something under *prefix* (a real folder, not a symlink)."""

    def make_root(self, *, parents: bool) -> None:
        """Create the root folder (and its parents only when asked); no-op on object stores."""

    def make_folders(self, prefixes: tuple[str, ...]) -> None:
        """Create top-level folders; no-op on object stores."""

    def read_range(self, key: str, start: int, length: int) -> bytes:
        """Up to *length* bytes of *key* from *start* (fewer at its end); FileNotFoundError if
        absent, CorruptObject if it is not a regular file, StoreUnavailable otherwise."""

    def mtime(self, key: str) -> float | None:
        """Modification time (epoch seconds) or None if absent."""

    def touch(self, key: str) -> bool:
        """Make *key* young again for gc without rewriting it; False if it is gone."""

    def write(self, key: str, data: bytes) -> None:
        """Atomically write *key* (overwriting is harmless: same content)."""

    def create(self, key: str, data: bytes) -> bool:
        """Atomically create *key*; False if it already existed (left untouched)."""

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

    def __init__(self, root: str | os.PathLike[str], *, needs_marker: bool = True) -> None:
        """needs_marker: top-level folders are only created in a store that has its marker
        (False for a private outbox)."""
        self.root = Path(root)
        self.needs_marker = needs_marker
        self.url = str(self.root)
        self._made: set[str] = set()
        self._dirty: set[str] = set()
        self._dirty_lock = threading.Lock()
        # folders checked to lie inside the store (no symlinked folder leads out of it)
        self._inside: set[str] = set()
        # Nothing is created here: the root is made on purpose (layout.create_store); a missing
        # root is usually an unmounted share, and writing under the bare mount point would hide
        # data locally.

    def _path(self, key: str) -> str:
        return os.path.join(self.url, *key.split("/"))

    def _is_inside(self, folder: str) -> bool:
        """True if *folder* resolves inside the store root (symlinked folders may not lead out
        of it: takes would write and gc would delete elsewhere). Absent folders are inside."""
        if folder in self._inside:
            return True
        root = os.path.realpath(self.url)
        real = os.path.realpath(folder)
        inside = real == root or real.startswith(root + os.sep)
        if inside and os.path.isdir(folder):
            self._inside.add(folder)
        return inside

    def _leads_out(self, what: str) -> str:
        return (
            f"cannot {what} the snapshot store at {self.url}: a folder in it is a symbolic link "
            "leading out of the store"
        )

    def _outside(self, key: str) -> str:
        return f"{key}: a folder on its path is a symbolic link leading out of the store"

    def _make_inside(self, folder: str, key: str) -> None:
        """Create *folder* below the root one level at a time, refusing symlinked levels (a
        take must not write, nor create folders, outside the store)."""
        path = self.url
        for level, part in enumerate(os.path.relpath(folder, self.url).split(os.sep)):
            if part == os.curdir:
                continue
            path = os.path.join(path, part)
            # an empty mount point (or any folder that is not a store) never gets a top folder
            top = level == 0 and self.needs_marker and not os.path.lexists(path)
            if top and not os.path.isfile(os.path.join(self.url, MARKER)):
                raise StoreMissing(f"{self.url} has no store marker {MARKER}")
            try:
                os.mkdir(path)
                with self._dirty_lock:  # the new folder's entry is made durable with the file
                    self._dirty.add(os.path.dirname(path))
            except FileExistsError:
                pass
            if os.path.islink(path):
                raise StoreUnavailable(self._leads_out("write to"))

    def root_exists(self) -> bool:
        return os.path.isdir(self.url)

    def has_folder(self, prefix: str) -> bool:
        path = self._path(prefix)
        return os.path.isdir(path) and not os.path.islink(path)

    def make_root(self, *, parents: bool) -> None:
        try:
            if parents:
                os.makedirs(self.url, exist_ok=True)
            elif not os.path.isdir(self.url):
                os.mkdir(self.url)
        except OSError as exc:
            raise unavailable("create", self.url, exc) from exc

    def make_folders(self, prefixes: tuple[str, ...]) -> None:
        for prefix in prefixes:
            with contextlib.suppress(FileExistsError):
                os.mkdir(self._path(prefix))

    def _open(self, key: str) -> tuple[int, os.stat_result]:
        """A read-only descriptor of the regular file *key* and its stat."""
        path = self._path(key)
        if not self._is_inside(os.path.dirname(path)):
            raise CorruptObject(self._outside(key), key)
        try:
            # O_NOFOLLOW: a symlink (to /dev/zero, to a file outside) is refused; O_NONBLOCK: a
            # FIFO opens at once instead of waiting for a writer, and fstat then refuses it.
            fd = os.open(path, _READ_FLAGS)
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise FileNotFoundError(key) from exc
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise CorruptObject(f"{key} is a symbolic link, not a stored object", key) from None
            raise unavailable("read from", self.url, exc) from exc
        try:
            st = os.fstat(fd)
        except OSError as exc:
            os.close(fd)
            raise unavailable("read from", self.url, exc) from exc
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise CorruptObject(f"{key} is not a regular file", key)
        return fd, st

    def read_range(self, key: str, start: int, length: int) -> bytes:
        fd, _st = self._open(key)
        try:
            return os.pread(fd, max(0, min(length, MAX_OBJECT_BYTES)), max(0, start))
        except OSError as exc:
            raise unavailable("read from", self.url, exc) from exc
        finally:
            os.close(fd)

    def read(self, key: str, limit: int | None = None) -> bytes:
        cap = MAX_OBJECT_BYTES if limit is None else limit
        fd, st = self._open(key)
        try:
            if st.st_size > cap:
                raise TooLarge(_too_large(key, st.st_size, cap), key)
            parts: list[bytes] = []
            got = 0
            while got <= cap:
                part = os.read(fd, min(cap + 1 - got, 1 << 20))
                if not part:
                    break
                parts.append(part)
                got += len(part)
            if got > cap:  # it grew while we read
                raise TooLarge(_too_large(key, got, cap), key)
            return b"".join(parts)
        except OSError as exc:
            raise unavailable("read from", self.url, exc) from exc
        finally:
            os.close(fd)

    def mtime(self, key: str) -> float | None:
        try:
            return os.lstat(self._path(key)).st_mtime
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise unavailable("read from", self.url, exc) from exc

    def _temp(self, key: str, data: bytes) -> tuple[str, str]:
        final = self._path(key)
        folder = os.path.dirname(final)
        if folder not in self._made:
            if not os.path.isdir(self.url):
                raise StoreMissing(f"the store folder {self.url} does not exist")
            self._make_inside(folder, key)
            self._made.add(folder)
        # O_EXCL + a random name: a symlink planted at a temp name is never written through.
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{secrets.token_hex(6)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        with self._dirty_lock:
            self._dirty.add(folder)
        return tmp, final

    def write(self, key: str, data: bytes) -> None:
        try:
            tmp, final = self._temp(key, data)
            os.replace(tmp, final)
        except OSError as exc:
            raise unavailable("write to", self.url, exc) from exc

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
            raise unavailable("write to", self.url, exc) from exc

    def touch(self, key: str) -> bool:
        try:
            os.utime(self._path(key), follow_symlinks=False)
            return True
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise unavailable("write to", self.url, exc) from exc

    def list(self, prefix: str, start_after: str = "") -> list[str]:
        if not self._is_inside(self._path(prefix)):
            return []
        try:
            names = os.listdir(self._path(prefix))
        except FileNotFoundError:
            if not os.path.isdir(self.url):
                raise StoreUnavailable(f"the store folder {self.url} does not exist") from None
            return []
        except OSError as exc:
            raise unavailable("read from", self.url, exc) from exc
        return sorted(n for n in names if n > start_after and not n.startswith("."))

    def walk(self, prefix: str) -> Iterator[tuple[str, float, int]]:
        base = self._path(prefix)
        if os.path.islink(base):
            return  # a symlinked top folder: gc must not delete (nor verify read) elsewhere
        # followlinks=False: symlinked folders below are not entered; only regular files count
        for folder, _dirs, files in os.walk(base):
            rel = os.path.relpath(folder, self.url).replace(os.sep, "/")
            for name in files:
                try:
                    st = os.lstat(os.path.join(folder, name))
                except FileNotFoundError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    yield f"{rel}/{name}", st.st_mtime, st.st_size

    def delete(self, key: str) -> None:
        path = self._path(key)
        if not self._is_inside(os.path.dirname(path)):
            raise StoreUnavailable(self._leads_out("delete from"))
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise unavailable("delete from", self.url, exc) from exc

    def flush(self) -> None:
        with self._dirty_lock:
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
        """*key* is left out of the message (see outage.py); the log keeps it."""
        log.debug("%s %s on %s failed: %r", what, key, self.url, exc)
        verb = {"write": "write to", "delete": "delete from"}.get(what, "read from")
        return unavailable(verb, self.url, exc, self.root)

    def read(self, key: str, limit: int | None = None) -> bytes:
        cap = MAX_OBJECT_BYTES if limit is None else limit
        try:
            # a ranged GET: never more than cap + 1 bytes over the wire or in memory
            data: bytes = self.fs.cat_file(self._path(key), start=0, end=cap + 1)
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise self._fail("read", key, exc) from exc
        if len(data) > cap:
            raise TooLarge(_too_large(key, len(data), cap), key)
        return data

    def read_range(self, key: str, start: int, length: int) -> bytes:
        if length <= 0:
            return b""
        length = min(length, MAX_OBJECT_BYTES)
        try:
            data: bytes = self.fs.cat_file(self._path(key), start=start, end=start + length)
        except FileNotFoundError:
            raise
        except Exception as exc:
            if _s3_status(exc) == 416 or "range is not satisfiable" in str(exc):
                return b""  # starts at or past its end (an empty object, a short one)
            raise self._fail("read", key, exc) from exc
        return data[:length]

    def root_exists(self) -> bool:
        if self._is_s3:
            return True  # a prefix exists by its keys: the marker check decides
        try:
            return bool(self.fs.isdir(self.root))
        except Exception as exc:
            raise self._fail("stat", "", exc) from exc

    def has_folder(self, prefix: str) -> bool:
        base = self._path(prefix)
        try:
            if self._is_s3:
                bucket, _, key_prefix = base.partition("/")
                out = self.fs.call_s3(
                    "list_objects_v2", Bucket=bucket, Prefix=key_prefix + "/", MaxKeys=1
                )
                return bool(out.get("Contents"))
            return bool(self.fs.isdir(base))
        except FileNotFoundError:
            return False
        except Exception as exc:
            raise self._fail("list", prefix, exc) from exc

    def make_root(self, *, parents: bool) -> None:
        if not self._is_s3:
            self.fs.makedirs(self.root, exist_ok=True)

    def make_folders(self, prefixes: tuple[str, ...]) -> None:
        if not self._is_s3:
            for prefix in prefixes:
                self.fs.makedirs(self._path(prefix), exist_ok=True)

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

    def touch(self, key: str) -> bool:
        path = self._path(key)
        try:
            if self._is_s3:
                # a server-side copy onto itself renews LastModified without moving the bytes
                bucket, _, name = path.partition("/")
                self.fs.call_s3("copy_object", Bucket=bucket, Key=name,
                                CopySource={"Bucket": bucket, "Key": name},
                                MetadataDirective="REPLACE")  # fmt: skip
                return True
            data = self.fs.cat_file(path)
            self.fs.pipe_file(path, data)
            return True
        except FileNotFoundError:
            return False
        except Exception as exc:
            if _s3_status(exc) == 404:
                return False
            raise self._fail("write", key, exc) from exc

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


def _too_large(key: str, size: int, cap: int) -> str:
    return f"{key} is too large ({size} bytes; the limit for this object is {cap})"


def publish(backend: Backend, key: str, data: bytes) -> None:
    """Write an immutable object (manifest, comment, tombstone) exactly once.

    Finding the same bytes already there is success: a PUT retried after its answer was lost
    (a 5xx or a timeout after the write landed) meets its own object and gets 412."""
    for _ in range(3):
        if backend.create(key, data):
            return
        try:
            if backend.read(key, limit=len(data)) == data:
                return
        except FileNotFoundError:
            continue  # "exists" with nothing behind it: ask again
        except CorruptObject:
            pass  # larger, a symlink, a FIFO: other content
        raise StoreError(f"{key} already exists in the store with other content")
    raise StoreUnavailable(
        f"the snapshot store at {backend.url} reports an object as existing but cannot return it"
    )


def open_backend(url: str, storage_options: dict[str, Any] | None = None) -> Backend:
    """LocalBackend for paths and file:// URLs, FsspecBackend for everything else."""
    if url.startswith("file://"):
        return LocalBackend(url[len("file://") :])
    if "://" not in url:
        return LocalBackend(os.path.abspath(os.path.expanduser(url)))
    return FsspecBackend(url, storage_options)
