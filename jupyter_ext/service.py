"""The server's thin async adapter over the operations layer (``jupyter_ext.operations``).

Handlers parse HTTP and call this; this never sees HTTP and implements no operation itself:
it owns the server's store, thread pool, background sync and event listeners, and runs the
operations' blocking steps in its pool so the event loop stays free.
"""

from __future__ import annotations

import asyncio
import builtins
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .config import author_record, local_state_dir, resolve_store_url
from .operations import (
    Conflict,
    ContentsWorkspace,
    NotFound,
    Operations,
    SecretPolicy,
)

if TYPE_CHECKING:
    from .app import SnapshotApp
    from .diff import DiffOptions
    from .store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
KERNEL_ACTIONS = "https://events.jupyter.org/jupyter_server/kernel_actions/v1"
CONTENTS_ACTIONS = "https://events.jupyter.org/jupyter_server/contents_service/v1"


__all__ = ["Conflict", "NotFound", "SnapshotService"]


class SnapshotService:
    def __init__(
        self,
        *,
        store_url: str,
        root_dir: str,
        configured_author: str = "",
        contents_manager: Any = None,
        kernel_manager: Any = None,
        capture_timeout: float = 3.0,
        include_data_max_bytes: int = 0,
        sync_interval: float = 15.0,
        storage_options: dict[str, Any] | None = None,
        store_class: type[Store] | None = None,
    ) -> None:
        self.store_url = store_url
        self.root_dir = str(Path(root_dir).resolve())
        self.configured_author = configured_author
        self.contents_manager = contents_manager
        self.kernel_manager = kernel_manager
        self.capture_timeout = capture_timeout
        self.include_data_max_bytes = include_data_max_bytes
        self.sync_interval = sync_interval
        self.storage_options = storage_options
        self.store_class = store_class
        self.local_dir = local_state_dir(store_url)
        self._executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="jupyter-ext")
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._ops: Operations | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self.last_sync: dict[str, Any] = {}

    @classmethod
    def from_app(cls, app: SnapshotApp) -> SnapshotService:
        serverapp = app.serverapp
        assert serverapp is not None
        return cls(
            store_url=resolve_store_url(configured=app.store_url),
            root_dir=serverapp.root_dir,
            configured_author=app.author,
            contents_manager=serverapp.contents_manager,
            kernel_manager=serverapp.kernel_manager,
            capture_timeout=app.capture_timeout,
            include_data_max_bytes=app.include_data_max_bytes,
            sync_interval=app.sync_interval,
            storage_options=dict(app.storage_options) or None,
            store_class=app.store_class,
        )

    # ------------------------------------------------------------ plumbing
    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def _open_store(self) -> Store:
        # The first requests arrive together: one Store (one index connection), not several.
        with self._store_lock:
            if self._store is None:
                from .store import Store

                store_class = self.store_class or Store
                self._store = store_class(self.store_url, self.local_dir, self.storage_options)
            return self._store

    async def store(self) -> Store:
        if self._store is None:
            return await self.run(self._open_store)
        return self._store

    def start_background_sync(self) -> None:
        if self.sync_interval > 0:
            self._tasks.append(asyncio.ensure_future(self._sync_forever()))

    def hook_kernel_starts(self, event_logger: Any) -> None:
        if event_logger is not None and self.kernel_manager is not None:
            event_logger.add_listener(schema_id=KERNEL_ACTIONS, listener=self._on_kernel_action)

    def hook_contents_events(self, event_logger: Any) -> None:
        """Renames in the file browser move a notebook's identity (and history) with it."""
        if event_logger is not None:
            event_logger.add_listener(schema_id=CONTENTS_ACTIONS, listener=self._on_contents)

    async def _on_contents(self, logger: Any, schema_id: str, data: dict[str, Any]) -> None:
        action, path, source = data.get("action"), data.get("path"), data.get("source_path")
        try:
            if action == "rename" and source and path:
                await self.run(self.renamed, str(source), str(path))
            elif action == "delete" and path:  # a new file by that name is a new notebook
                await self.run(self.ops.deleted, str(path))
        except Exception as exc:  # history following is best effort; the rename happened
            log.info("jupyter-ext: could not follow rename %s: %s", data.get("path"), exc)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        if self._store is not None:
            self._store.close()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _sync_forever(self) -> None:
        while True:
            await asyncio.sleep(self.sync_interval)
            try:
                await self.sync()
            except Exception as exc:  # the store being away is normal; keep trying
                log.debug("jupyter-ext background sync failed: %s", exc)

    async def sync(self, full: bool = False) -> dict[str, Any]:
        store = await self.store()
        self.last_sync = await self.run(store.sync, full=full)
        self.last_sync["at"] = time.time()
        return self.last_sync

    async def _on_kernel_action(self, logger: Any, schema_id: str, data: dict[str, Any]) -> None:
        if data.get("status") != "success" or data.get("action") not in ("start", "restart"):
            return
        kernel_id = data.get("kernel_id")
        if not kernel_id:
            return
        from .capture import install_kernel_hook

        task = asyncio.ensure_future(
            install_kernel_hook(self.kernel_manager, kernel_id, log_dir=self.audit_dir)
        )
        task.add_done_callback(_log_hook_failure)

    @property
    def audit_dir(self) -> Path:
        return self.local_dir / "kernel-audit"

    # ------------------------------------------------------------ identity
    def author(self, identity: Any = None) -> dict[str, str]:
        return author_record(identity=identity, configured=self.configured_author or None)

    def health(self) -> dict[str, Any]:
        from . import __version__

        return {"status": "ok", "version": __version__, "store": self.store_url}

    # ------------------------------------------------------------ operations
    @property
    def ops(self) -> Operations:
        """The operations layer over this server's store, contents manager and kernels."""
        if self._ops is None:
            self._ops = Operations(
                self._open_store,
                root_dir=self.root_dir,
                workspace=ContentsWorkspace(self.contents_manager, self.root_dir)
                if self.contents_manager is not None
                else None,
                kernel_manager=self.kernel_manager,
                offload=self.run,
                capture_timeout=self.capture_timeout,
                include_data_max_bytes=self.include_data_max_bytes,
                state_dir=self.local_dir,
                audit_dir=self.audit_dir,
            )
        return self._ops

    async def load_notebook(self, path: str, content: Any = None) -> dict[str, Any]:
        """The notebook as shown (content sent by the browser) or as saved on disk."""
        return await self.ops.load_notebook(path, content)

    async def scan_secrets(self, content: Any) -> list[dict[str, Any]]:
        findings = await self.run(self.ops.scan_secrets, content)
        return [_finding_json(f) for f in findings]

    async def take(
        self,
        *,
        path: str,
        content: Any = None,
        kernel_id: str | None = None,
        message: str = "",
        tags: list[str] | None = None,
        identity: Any = None,
        secrets: SecretPolicy = "redact",
    ) -> dict[str, Any]:
        return await self.ops.take(
            path,
            author=self.author(identity),
            content=content,
            kernel_id=kernel_id,
            message=message,
            tags=tags,
            secrets=secrets,
        )

    async def list(
        self, identity: Any = None, **filters: Any
    ) -> tuple[builtins.list[dict[str, Any]], str | None]:
        sort = filters.get("sort")
        if sort and any(sort.lstrip("-+").startswith(p) for p in ("param.", "metric.")):
            sign = sort[0] if sort[0] in "-+" else ""
            kind, _, name = sort.lstrip("-+").partition(".")
            filters["sort"] = f"{sign}{kind}:{name}"
        items, cursor = await self.run(self.ops.list, **filters)
        me = self.author(identity)["username"]
        if items:
            counts = await self.run(self._comment_counts)
            for item in items:
                item["comment_count"] = counts.get(item["id"], 0)
                # the rule Store.delete enforces, so the UI need not guess it
                item["can_delete"] = (item.get("author") or {}).get("username") == me
        return items, cursor

    def _comment_counts(self) -> dict[str, int]:
        try:
            return self.ops.comment_counts()
        except Exception:  # counts are decoration: an offline store must not break listing
            return {}

    async def comment_counts(self) -> dict[str, int]:
        """Comments per snapshot id, for live counts in open views (store errors raise)."""
        return await self.run(self.ops.comment_counts)

    async def comments(self, snapshot_id: str) -> builtins.list[dict[str, Any]]:
        return await self.run(self.ops.comments, snapshot_id)

    async def add_comment(
        self, snapshot_id: str, text: str, cell_id: str | None, identity: Any = None
    ) -> dict[str, Any]:
        return await self.run(
            self.ops.add_comment, snapshot_id, text, author=self.author(identity), cell_id=cell_id
        )

    async def manifest(self, snapshot_id: str) -> dict[str, Any]:
        return await self.run(self.ops.show, snapshot_id)

    async def notebook(self, snapshot_id: str) -> dict[str, Any]:
        return await self.run(self.ops.notebook, snapshot_id)

    async def delete(self, snapshot_id: str, identity: Any = None) -> dict[str, Any]:
        return await self.run(self.ops.delete, snapshot_id, self.author(identity)["username"])

    async def restore(self, snapshot_id: str, path: str) -> dict[str, Any]:
        return await self.ops.restore(snapshot_id, path)

    async def diff(
        self,
        base: str,
        remote: str,
        options: DiffOptions | None = None,
        remote_content: Any = None,
        kernel_id: str | None = None,
        identity: Any = None,
    ) -> dict[str, Any]:
        return await self.ops.diff(
            base,
            remote,
            options=options,
            remote_content=remote_content,
            kernel_id=kernel_id,
            author=self.author(identity),
        )

    def renamed(self, old_path: str, new_path: str) -> None:
        """A contents rename: the notebook keeps its identity (and history) at the new path."""
        self.ops.renamed(old_path, new_path)


def _finding_json(finding: Any) -> dict[str, Any]:
    if hasattr(finding, "to_json"):
        return dict(finding.to_json())
    from dataclasses import asdict, is_dataclass

    if is_dataclass(finding) and not isinstance(finding, type):
        return asdict(finding)
    return dict(vars(finding))


def _log_hook_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.info("jupyter-ext: kernel audit hook not installed: %s", task.exception())
