"""Glue between the server extension and the library layers (store, capture, diff).

Handlers stay thin: they parse HTTP and call this; this never sees HTTP. Store calls block
(filesystem, S3, SQLite), so they run in a small thread pool to keep the event loop free.
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
from .paths import BadPath, check_relative_path, resolve_inside

if TYPE_CHECKING:
    from .app import SnapshotApp
    from .diff import DiffOptions
    from .store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
KERNEL_ACTIONS = "https://events.jupyter.org/jupyter_server/kernel_actions/v1"


class NotFound(LookupError):
    """A notebook or file the request names does not exist."""


class Conflict(Exception):
    """The request would overwrite something."""


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
        keep_written_max_bytes: int = 4 << 20,
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
        self.keep_written_max_bytes = keep_written_max_bytes
        self.sync_interval = sync_interval
        self.storage_options = storage_options
        self.store_class = store_class
        self.local_dir = local_state_dir(store_url)
        self._executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="jupyter-ext")
        self._store: Store | None = None
        self._store_lock = threading.Lock()
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
            keep_written_max_bytes=app.keep_written_max_bytes,
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

    # ------------------------------------------------------------ snapshots
    async def load_notebook(self, path: str, content: Any = None) -> dict[str, Any]:
        """The notebook as shown (content sent by the browser) or as saved on disk."""
        from .capture import normalize_notebook

        if content is None:
            resolve_inside(self.root_dir, path, what="path")
            if not await _maybe_await(self.contents_manager.file_exists(path)):
                raise NotFound(f"no notebook at {path!r}")
            model = await _maybe_await(
                self.contents_manager.get(path, content=True, type="notebook")
            )
            content = model["content"]
        return await self.run(normalize_notebook, content)

    async def scan_secrets(self, content: Any) -> list[dict[str, Any]]:
        from .capture import normalize_notebook, scan_secrets

        notebook = await self.run(normalize_notebook, content)
        findings = await self.run(scan_secrets, notebook)
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
        redact: bool = False,
        keep_written: bool | None = None,
    ) -> dict[str, Any]:
        from .capture import capture_and_take, redact_secrets, scan_secrets
        from .capture.datarefs import keep_written_limit

        clean = check_relative_path(path, what="path")
        notebook = await self.load_notebook(clean, content)
        if redact:
            findings = await self.run(scan_secrets, notebook)
            notebook = await self.run(redact_secrets, notebook, findings)
        absolute = resolve_inside(self.root_dir, clean, what="path")
        if kernel_id is not None and kernel_id not in self.kernel_manager:
            kernel_id = None  # a stale id from the browser: capture without the kernel
        return await capture_and_take(
            await self.store(),
            notebook,
            notebook_path=absolute,
            root_dir=Path(self.root_dir),
            author=self.author(identity),
            message=message,
            tags=tags,
            offload=self.run,
            kernel_manager=self.kernel_manager if kernel_id else None,
            kernel_id=kernel_id,
            timeout=self.capture_timeout,
            hash_cache_dir=self.local_dir / "hash-cache",
            include_data_max_bytes=self.include_data_max_bytes,
            audit_log_dir=self.audit_dir,
            keep_written_max_bytes=keep_written_limit(keep_written, self.keep_written_max_bytes),
        )

    async def list(
        self, identity: Any = None, **filters: Any
    ) -> tuple[list[dict[str, Any]], str | None]:
        sort = filters.get("sort")
        if sort and any(sort.lstrip("-+").startswith(p) for p in ("param.", "metric.")):
            sign = sort[0] if sort[0] in "-+" else ""
            kind, _, name = sort.lstrip("-+").partition(".")
            filters["sort"] = f"{sign}{kind}:{name}"
        store = await self.store()
        items, cursor = await self.run(store.list, **filters)
        me = self.author(identity)["username"]
        if items:
            counts = await self.run(self._comment_counts, store)
            for item in items:
                item["comment_count"] = counts.get(item["id"], 0)
                # the rule Store.delete enforces, so the UI need not guess it
                item["can_delete"] = (item.get("author") or {}).get("username") == me
        return items, cursor

    @staticmethod
    def _comment_counts(store: Store) -> dict[str, int]:
        from .store.comments import comment_counts

        try:
            return comment_counts(store)
        except Exception:  # counts are decoration: an offline store must not break listing
            return {}

    async def comment_counts(self) -> dict[str, int]:
        """Comments per snapshot id, for live counts in open views (store errors raise)."""
        from .store.comments import comment_counts

        store = await self.store()
        return dict(await self.run(comment_counts, store))

    async def comments(self, snapshot_id: str) -> builtins.list[dict[str, Any]]:
        from .store.comments import list_comments

        store = await self.store()
        return await self.run(list_comments, store, snapshot_id)

    async def add_comment(
        self, snapshot_id: str, text: str, cell_id: str | None, identity: Any = None
    ) -> dict[str, Any]:
        from .store.comments import add_comment

        store = await self.store()
        return await self.run(
            add_comment,
            store,
            snapshot_id,
            author=self.author(identity),
            text=text,
            cell_id=cell_id,
        )

    async def manifest(self, snapshot_id: str) -> dict[str, Any]:
        store = await self.store()
        return await self.run(store.get_manifest, snapshot_id)

    async def notebook(self, snapshot_id: str) -> dict[str, Any]:
        store = await self.store()
        return await self.run(store.get_notebook, snapshot_id)

    async def delete(self, snapshot_id: str, identity: Any = None) -> dict[str, Any]:
        store = await self.store()
        username = self.author(identity)["username"]
        return await self.run(store.delete, snapshot_id, username=username)

    async def restore(self, snapshot_id: str, path: str) -> dict[str, Any]:
        clean = check_relative_path(path, what="path")
        if not clean.endswith(".ipynb"):
            raise BadPath("restore target must end with .ipynb")
        resolve_inside(self.root_dir, clean, what="path")
        if await _maybe_await(self.contents_manager.exists(clean)):
            raise Conflict(f"{clean} already exists: choose another name, nothing was overwritten")
        notebook = await self.notebook(snapshot_id)
        # A teammate's run names their folders; make them in my workspace (inside the root).
        parents = [str(p) for p in reversed(Path(clean).parents) if str(p) not in ("", ".")]
        for folder in parents:
            if await _maybe_await(self.contents_manager.file_exists(folder)):
                raise Conflict(f"{folder} is a file, not a folder: choose another path")
            if not await _maybe_await(self.contents_manager.dir_exists(folder)):
                await _maybe_await(self.contents_manager.save({"type": "directory"}, folder))
        for cell in notebook.get("cells", []):
            # A teammate's snapshot is untrusted until its new owner runs it.
            cell.get("metadata", {}).pop("trusted", None)
        model = {"type": "notebook", "format": "json", "content": notebook}
        await _maybe_await(self.contents_manager.save(model, clean))
        return {"path": clean, "id": snapshot_id}

    # ------------------------------------------------------------ diff
    async def diff(
        self,
        base: str,
        remote: str,
        options: DiffOptions | None = None,
        remote_content: Any = None,
    ) -> dict[str, Any]:
        from .diff import diff_notebooks, run_diff
        from .store import is_valid_snapshot_id

        base_nb = await self.notebook(base)
        base_manifest = await self.manifest(base)
        if is_valid_snapshot_id(remote):
            remote_nb = await self.notebook(remote)
            remote_manifest: dict[str, Any] | None = await self.manifest(remote)
        else:
            remote_nb = await self.load_notebook(
                check_relative_path(remote, what="remote"), remote_content
            )
            remote_manifest = _live_manifest(remote, remote_nb)
        diff = await self.run(diff_notebooks, base_nb, remote_nb, options)
        return {
            "base": base_nb,
            "base_id": base,
            "remote": remote,
            "diff": diff,
            "run_diff": run_diff(base_manifest, remote_manifest),
        }


def _live_manifest(path: str, notebook: dict[str, Any]) -> dict[str, Any]:
    """What can be known of a live notebook without a snapshot: its params and metrics."""
    from .capture.params import extract_metrics, extract_params

    metrics, _history, _warnings = extract_metrics(notebook)
    return {
        "notebook": {"path": path, "name": Path(path).name},
        "params": extract_params(notebook),
        "metrics": metrics,
        "live": True,
    }


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


async def _maybe_await(value: Any) -> Any:
    if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future):
        return await value
    return value
