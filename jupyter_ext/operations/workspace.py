"""Where notebooks live: the server's contents manager, or a plain folder for the CLI.

Both give the operations the same few verbs, so a take, a live diff or a restore does the same
thing in JupyterLab and in a terminal. Paths are relative to the workspace root (posix).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from ..paths import BadPath, resolve_inside
from .errors import Conflict, NotFound


class Workspace(Protocol):
    root: Path

    async def read_notebook(self, path: str) -> Any:
        """The notebook at *path* (JSON text or dict); NotFound if there is none."""

    async def is_dir(self, path: str) -> bool: ...

    async def exists(self, path: str) -> bool: ...

    async def make_dir(self, path: str) -> None: ...

    async def check_visible(self, path: str) -> None:
        """BadPath if *path* (or a folder on the way) is hidden and hidden files are off."""

    async def create_notebook(self, path: str, notebook: dict[str, Any]) -> None:
        """Write a new notebook at *path*; Conflict if something is (or appears) there."""


def _hidden_part(path: str) -> str | None:
    for part in PurePosixPath(path).parts:
        if part.startswith("."):
            return part
    return None


async def _maybe_await(value: Any) -> Any:
    if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future):
        return await value
    return value


class FolderWorkspace:
    """A folder on this machine (the CLI). Hidden names are allowed: the user typed them."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()

    async def read_notebook(self, path: str) -> Any:
        target = resolve_inside(self.root, path)
        if not target.is_file():
            raise NotFound(f"no notebook at {path!r}")
        return target.read_bytes()

    async def is_dir(self, path: str) -> bool:
        return resolve_inside(self.root, path).is_dir()

    async def exists(self, path: str) -> bool:
        return resolve_inside(self.root, path).exists()

    async def make_dir(self, path: str) -> None:
        resolve_inside(self.root, path).mkdir(exist_ok=True)

    async def check_visible(self, path: str) -> None:
        return None

    async def create_notebook(self, path: str, notebook: dict[str, Any]) -> None:
        target = resolve_inside(self.root, path)
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise Conflict(f"{path} already exists: choose another name") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)


class ContentsWorkspace:
    """jupyter-server's contents manager (duck-typed: no jupyter_server import here).

    Hidden files follow the contents manager's own rule (``allow_hidden``), checked before
    anything is written. Creating a notebook is exclusive: one lock per path in this
    process, plus an ``O_EXCL`` placeholder on disk when the manager is file-based, so two
    restores to one new path give one file and one Conflict."""

    def __init__(self, contents_manager: Any, root: str | os.PathLike[str]) -> None:
        self.cm = contents_manager
        self.root = Path(root).resolve()
        self._locks: dict[str, asyncio.Lock] = {}

    async def read_notebook(self, path: str) -> Any:
        resolve_inside(self.root, path)
        if not await _maybe_await(self.cm.file_exists(path)):
            raise NotFound(f"no notebook at {path!r}")
        model = await _maybe_await(self.cm.get(path, content=True, type="notebook"))
        return model["content"]

    async def is_dir(self, path: str) -> bool:
        return bool(await _maybe_await(self.cm.dir_exists(path)))

    async def exists(self, path: str) -> bool:
        return bool(await _maybe_await(self.cm.exists(path)))

    async def make_dir(self, path: str) -> None:
        try:
            await _maybe_await(self.cm.save({"type": "directory"}, path))
        except Exception:
            if not await self.is_dir(path):  # else: a concurrent request made it first
                raise

    async def check_visible(self, path: str) -> None:
        if getattr(self.cm, "allow_hidden", False):
            return
        hidden = _hidden_part(path)
        is_hidden = getattr(self.cm, "is_hidden", None)
        parent = str(PurePosixPath(path).parent)
        if hidden is None and is_hidden is not None and parent not in ("", "."):
            with contextlib.suppress(Exception):  # a folder that does not exist is not hidden
                if await self.is_dir(parent) and await _maybe_await(is_hidden(parent)):
                    hidden = parent
        if hidden is not None:
            raise BadPath(
                f"{path} is hidden or inside a hidden folder ({hidden}) and the server does not "
                "show hidden files (ContentsManager.allow_hidden): choose another path"
            )

    async def create_notebook(self, path: str, notebook: dict[str, Any]) -> None:
        lock = self._locks.setdefault(path, asyncio.Lock())
        async with lock:
            if await self.exists(path):
                raise Conflict(f"{path} already exists: nothing was overwritten")
            placeholder = self._claim_on_disk(path)
            try:
                model = {"type": "notebook", "format": "json", "content": notebook}
                await _maybe_await(self.cm.save(model, path))
            except BaseException:
                if placeholder is not None:
                    with contextlib.suppress(OSError):
                        placeholder.unlink()
                raise
        if not lock.locked():
            self._locks.pop(path, None)

    def _claim_on_disk(self, path: str) -> Path | None:
        """Create the file exclusively when the contents manager writes to this disk: another
        process (a second server, the CLI) racing for the same name then loses cleanly."""
        os_path = getattr(self.cm, "_get_os_path", None)
        if os_path is None:
            return None
        try:
            target = Path(os_path(path))
        except Exception:
            return None
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise Conflict(f"{path} appeared meanwhile: nothing was overwritten") from None
        except OSError:
            return None
        os.close(fd)
        return target


def for_file(store: Any, path: str | os.PathLike[str], **options: Any) -> tuple[Any, str]:
    """(operations, relative path) for a notebook file named on a command line: the root is
    :func:`root_for` the file, the workspace that folder. *options* go to Operations."""
    from .core import Operations

    root = root_for(path)
    relative = Path(path).expanduser().resolve().relative_to(root).as_posix()
    return Operations(store, root_dir=root, **options), relative


def root_for(path: str | os.PathLike[str]) -> Path:
    """The folder a CLI reports paths relative to: the cwd if it holds *path*, else its folder
    (as the server reports them relative to its root)."""
    absolute = Path(path).expanduser().resolve()
    cwd = Path.cwd().resolve()
    return cwd if absolute.is_relative_to(cwd) else absolute.parent
