"""``Operations``: the one implementation of take, diff, restore, list/show, comments and
delete, below the REST handlers and the CLI (plain Python: no tornado, no jupyter_server).

Blocking work (store I/O, hashing, scanning, capture) goes through ``offload``: the server
passes its thread pool, so the event loop stays free; the CLI runs it inline. Methods that need
the kernel or the workspace are ``async``; the others are plain blocking calls (the server runs
them in its pool, the CLI calls them directly).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..paths import BadPath, check_relative_path, resolve_inside
from .errors import Conflict, SecretsFound, UnknownId
from .history import follow_rename, identify, notebook_history
from .identity import METADATA_KEY, NotebookIds, new_notebook_id
from .ids import resolve_id
from .live import (
    busy_warning,
    data_refs_of,
    live_manifest,
    mark_kernel_facts_unknown,
    unchanged_hint,
)
from .workspace import FolderWorkspace, Workspace

if TYPE_CHECKING:
    from ..diff import DiffOptions
    from ..store import Store

SecretPolicy = Literal["refuse", "redact", "allow"]
Offload = Callable[..., Awaitable[Any]]


async def inline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


class Operations:
    """Everything a user can do with snapshots, for one store and one workspace root.

    ``store``: a Store, or a callable opening it on first use (called in a worker thread).
    ``workspace``: where notebooks are read and restored (default: the folder ``root_dir``).
    ``kernel_manager``: jupyter_client's MultiKernelManager for live kernels (server only).
    ``state_dir``: this user's private state for the store (hash cache, kernel audit logs,
    notebook ids); default ``store.local_dir``.
    """

    def __init__(
        self,
        store: Store | Callable[[], Store],
        *,
        root_dir: str | os.PathLike[str],
        workspace: Workspace | None = None,
        kernel_manager: Any = None,
        offload: Offload = inline,
        capture_timeout: float = 3.0,
        include_data_max_bytes: int = 0,
        keep_written_max_bytes: int = 0,
        state_dir: str | os.PathLike[str] | None = None,
        audit_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self._store = None if callable(store) else store
        self._open = store if callable(store) else None
        self.root_dir = Path(root_dir).resolve()
        self.workspace: Workspace = workspace or FolderWorkspace(self.root_dir)
        self.kernel_manager = kernel_manager
        self.offload = offload
        self.capture_timeout = capture_timeout
        self.include_data_max_bytes = include_data_max_bytes
        self.keep_written_max_bytes = keep_written_max_bytes
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._audit_dir = Path(audit_dir) if audit_dir is not None else None
        self._ids: NotebookIds | None = None

    # ------------------------------------------------------------ plumbing
    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._open is not None
            self._store = self._open()
        return self._store

    @property
    def state_dir(self) -> Path:
        return self._state_dir or Path(self.store.local_dir)

    @property
    def notebook_ids(self) -> NotebookIds:
        if self._ids is None:
            self._ids = NotebookIds(self.state_dir)
        return self._ids

    def resolve_id(self, text: object) -> str:
        """Full id for a full id, the UI's short id or a unique prefix (see ``ids``).

        Also brings the index up to date (at most every sync interval), so a snapshot a
        teammate deleted is refused here even if this process had read it before."""
        self.store.list(limit=1)  # the store's quiet, rate-limited index refresh
        snapshot_id = resolve_id(self.store, text)
        if self.store.index.is_deleted(snapshot_id):  # even if the Store cached it
            raise UnknownId(f"snapshot {snapshot_id} was deleted")
        return snapshot_id

    def _kernel_id(self, kernel_id: str | None) -> str | None:
        if kernel_id is None or self.kernel_manager is None:
            return None
        return kernel_id if kernel_id in self.kernel_manager else None  # stale: no kernel

    async def load_notebook(self, path: str, content: Any = None) -> dict[str, Any]:
        """The notebook as shown (*content* sent by a browser) or as saved at *path*."""
        from ..capture import normalize_notebook

        if content is None:
            content = await self.workspace.read_notebook(check_relative_path(path))
        result: dict[str, Any] = await self.offload(normalize_notebook, content)
        return result

    def scan_secrets(self, content: Any) -> builtins.list[Any]:
        """Secret findings (SecretFinding) in a notebook (dict or JSON text); never the secret."""
        from ..capture import normalize_notebook, scan_secrets

        return scan_secrets(normalize_notebook(content))

    def apply_secret_policy(
        self,
        notebook: dict[str, Any],
        policy: SecretPolicy,
        name: str,
        findings: builtins.list[Any] | None = None,
    ) -> tuple[dict[str, Any], builtins.list[str]]:
        """The one secret policy of every take (dialog, auto-snapshot, CLI, REST): secrets
        found are redacted, refused (SecretsFound, nothing stored) or, only when the caller
        says so explicitly, kept. Returns the notebook to store and warnings. *findings*:
        a scan already made of this notebook (the capture makes one), else it is scanned."""
        from ..capture import redact_unless_allowed, scan_secrets

        if findings is None:
            findings = scan_secrets(notebook)
        if not findings or policy == "allow":
            return notebook, []
        if policy == "refuse":
            raise SecretsFound(
                f"{name} seems to contain secrets; nothing was stored: redact them or allow "
                "them explicitly",
                findings,
            )
        return redact_unless_allowed(notebook, findings, allow=False)

    # ------------------------------------------------------------ take
    async def take(
        self,
        path: str,
        *,
        author: dict[str, Any],
        content: Any = None,
        kernel_id: str | None = None,
        message: str = "",
        tags: builtins.list[str] | None = None,
        secrets: SecretPolicy = "redact",
        keep_written: bool | None = None,
    ) -> dict[str, Any]:
        """Snapshot the notebook at *path* (relative to the root) or *content* shown for it.

        Returns the store's summary plus ``warnings`` (capture problems, secrets, a busy
        kernel: "cell 7 is still running; outputs may be partial") and ``hints`` ("no change
        since <short id>"); hints are repeated in ``warnings`` so every client shows them.
        Raises SecretsFound when *secrets* is "refuse" and the notebook has some.
        *keep_written*: keep the files the run wrote (artifacts) up to the opt-in limit (True),
        none (False), or up to the configured ``keep_written_max_bytes`` (None)."""
        from ..capture import capture_facts, notebook_identity
        from ..capture.datarefs import keep_written_limit

        clean = check_relative_path(path, what="path")
        absolute = resolve_inside(self.root_dir, clean, what="path")
        notebook = await self.load_notebook(clean, content)
        kid = self._kernel_id(kernel_id)
        busy = self._kernel_busy(kid)
        result = await capture_facts(
            notebook,
            notebook_path=absolute,
            root_dir=self.root_dir,
            kernel_manager=self.kernel_manager if kid else None,
            kernel_id=kid,
            timeout=self.capture_timeout,
            hash_cache_dir=self.state_dir / "hash-cache",
            include_data_max_bytes=self.include_data_max_bytes,
            audit_log_dir=self._audit_dir,
            keep_written_max_bytes=keep_written_limit(keep_written, self.keep_written_max_bytes),
        )
        # The capture scanned the notebook for secrets (its facts are redacted already);
        # the policy decides what happens to the notebook itself, without a second scan.
        notebook, secret_warnings = await self.offload(
            self.apply_secret_policy, notebook, secrets, Path(clean).name, result.findings
        )
        warnings: builtins.list[str] = []
        probed_busy = (result.facts.get("kernel") or {}).get("state") == "busy"
        if busy or (busy is None and probed_busy):
            warnings.append(busy_warning(notebook))
        facts = dict(result.facts)
        facts["warnings"] = [*warnings, *secret_warnings, *facts.get("warnings", [])]
        info = await self.offload(notebook_identity, absolute, self.root_dir)
        summary: dict[str, Any] = await self.offload(
            self._take_blocking, notebook, absolute, info, author, message, tags, facts,
            result.extra_blobs,
        )  # fmt: skip
        summary["warnings"] = list(facts["warnings"])
        hints = summary.get("hints") or []
        summary["warnings"] += hints
        return summary

    def _kernel_busy(self, kernel_id: str | None) -> bool | None:
        """The server's view of the kernel (from its iopub status messages); None when the
        kernel manager does not track it (the capture probe then tells)."""
        if kernel_id is None:
            return False
        try:
            state = getattr(self.kernel_manager.get_kernel(kernel_id), "execution_state", None)
        except Exception:
            return None
        return None if state is None else state == "busy"

    def _take_blocking(
        self,
        notebook: dict[str, Any],
        absolute: Path,
        info: dict[str, Any],
        author: dict[str, Any],
        message: str,
        tags: builtins.list[str] | None,
        facts: dict[str, Any],
        extra_blobs: dict[str, bytes],
    ) -> dict[str, Any]:
        store = self.store
        notebook_id, origin, parent = identify(store, self.notebook_ids, notebook, absolute, info)
        info = {**info, "id": notebook_id, **({"origin": origin} if origin else {})}
        kwargs: dict[str, Any] = {} if parent == "by-key" else {"parent": parent}
        summary: dict[str, Any] = store.take(
            notebook,
            author=author,
            notebook_info=info,
            message=message,
            tags=tags or [],
            facts=facts,
            extra_blobs=extra_blobs,
            **kwargs,
        )
        self.notebook_ids.remember(absolute, notebook_id)
        manifest = store.get_manifest(summary["id"])
        hints = []
        if manifest.get("parent"):
            try:
                hint = unchanged_hint(manifest, store.get_manifest(manifest["parent"]))
            except Exception:  # the parent may be gone: no hint then
                hint = None
            if hint:
                hints.append(hint)
        summary["hints"] = hints
        return summary

    # ------------------------------------------------------------ reading
    def list(self, **filters: Any) -> tuple[builtins.list[dict[str, Any]], str | None]:
        """Store.list's filters; ``notebook=PATH`` follows the notebook across renames
        (id-tracked notebooks) and ends with the snapshot a restored copy came from
        (an item with ``"origin_of": PATH``)."""
        store = self.store
        notebook = filters.get("notebook")
        others = {k: v for k, v in filters.items() if k not in ("notebook", "limit", "cursor")}
        if notebook and not any(others.values()):
            followed = notebook_history(
                store,
                self.notebook_ids,
                self.root_dir,
                notebook,
                int(filters.get("limit") or 50),
                filters.get("cursor"),
            )
            if followed is not None:
                return followed
        items, cursor = store.list(**filters)
        return items, cursor

    def show(self, snapshot_id: str) -> dict[str, Any]:
        """The manifest of a snapshot (any id form)."""
        return self.store.get_manifest(self.resolve_id(snapshot_id))

    def notebook(self, snapshot_id: str) -> dict[str, Any]:
        """The notebook exactly as snapshotted."""
        return self.store.get_notebook(self.resolve_id(snapshot_id))

    def delete(self, snapshot_id: str, username: str) -> dict[str, Any]:
        return self.store.delete(self.resolve_id(snapshot_id), username=username)

    def comments(self, snapshot_id: str) -> builtins.list[dict[str, Any]]:
        from ..store.comments import list_comments

        return list_comments(self.store, self.resolve_id(snapshot_id))

    def add_comment(
        self, snapshot_id: str, text: str, *, author: dict[str, Any], cell_id: str | None = None
    ) -> dict[str, Any]:
        from ..store.comments import add_comment

        return add_comment(
            self.store, self.resolve_id(snapshot_id), author=author, text=text, cell_id=cell_id
        )

    def comment_counts(self) -> dict[str, int]:
        from ..store.comments import comment_counts

        return dict(comment_counts(self.store))

    # ------------------------------------------------------------ diff
    async def live_manifest(
        self,
        path: str,
        *,
        author: dict[str, Any],
        content: Any = None,
        kernel_id: str | None = None,
        base: dict[str, Any] | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(notebook, manifest-shaped facts) of a live notebook, captured like a take (params,
        metrics, data, git, with the capture's secret redaction of facts; kernel and
        environment when a kernel is given) and not stored. With *base* (a manifest), the
        data files that run used are fingerprinted again: the diff says if they changed."""
        from ..capture import capture_facts, notebook_identity

        clean = check_relative_path(path, what="remote")
        absolute = resolve_inside(self.root_dir, clean, what="remote")
        notebook = await self.load_notebook(clean, content)
        kid = self._kernel_id(kernel_id)
        result = await capture_facts(  # facts are redacted by the capture itself
            notebook,
            notebook_path=absolute,
            root_dir=self.root_dir,
            kernel_manager=self.kernel_manager if kid else None,
            kernel_id=kid,
            timeout=self.capture_timeout,
            hash_cache_dir=self.state_dir / "hash-cache",
            include_data_max_bytes=0,
            audit_log_dir=self._audit_dir,
            also_refs=data_refs_of(base) if base is not None else None,
        )
        info = await self.offload(notebook_identity, absolute, self.root_dir)
        facts = live_manifest(result.facts, info, author)
        facts["kernel_probed"] = kid is not None
        return notebook, facts

    async def diff(
        self,
        base: str,
        remote: str,
        *,
        options: DiffOptions | None = None,
        remote_content: Any = None,
        kernel_id: str | None = None,
        author: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """``{base, base_id, remote, remote_id, diff, run_diff}``: *base* is a snapshot id (any
        form); *remote* a snapshot id or a notebook path (live: its *remote_content* when
        given, else the saved file). The same run diff for the REST API and the CLI."""
        from ..diff import diff_notebooks, run_diff
        from ..diff.rundiff import summarize

        base_id, base_nb, base_manifest = await self.offload(self._snapshot, base)
        remote_id = None
        if _looks_like_path(remote):
            remote_nb, remote_manifest = await self.live_manifest(
                remote,
                author=author or {},
                content=remote_content,
                kernel_id=kernel_id,
                base=base_manifest,
            )
        else:
            remote_id, remote_nb, remote_manifest = await self.offload(self._snapshot, remote)
        diff = await self.offload(diff_notebooks, base_nb, remote_nb, options)
        summary = await self.offload(run_diff, base_manifest, remote_manifest)
        if remote_id is None:
            summary["remote_live"] = True
            if not remote_manifest.get("kernel_probed"):
                mark_kernel_facts_unknown(summary)
            summary["summary"] = summarize({**summary, "base_known": True, "remote_known": True})
        return {
            "base": base_nb,
            "base_id": base_id,
            "remote": remote_id or remote,
            "remote_id": remote_id,
            "diff": diff,
            "run_diff": summary,
        }

    def _snapshot(self, typed_id: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """(full id, notebook, manifest): one trip to a worker thread."""
        snapshot_id = self.resolve_id(typed_id)
        manifest = self.store.get_manifest(snapshot_id)
        return snapshot_id, self.store.get_notebook(snapshot_id), manifest

    # ------------------------------------------------------------ restore
    async def restore(self, snapshot_id: str, path: str) -> dict[str, Any]:
        """Write a snapshot's notebook as a new file at *path* (never overwrites: Conflict,
        also when the file appears meanwhile). The copy gets its own notebook id and records
        the snapshot it came from (``metadata.jupyter_ext.origin``), so its history starts
        there. Hidden targets are refused as the contents API would."""
        clean = check_relative_path(path, what="path")
        if not clean.endswith(".ipynb"):
            raise BadPath("restore target must end with .ipynb")
        absolute = resolve_inside(self.root_dir, clean, what="path")
        await self.workspace.check_visible(clean)
        if await self.workspace.exists(clean):
            raise Conflict(f"{clean} already exists: choose another name, nothing was overwritten")
        sid, notebook, _manifest = await self.offload(self._snapshot, snapshot_id)
        parents = [str(p) for p in reversed(Path(clean).parents) if str(p) not in ("", ".")]
        for folder in parents:
            if await self.workspace.exists(folder) and not await self.workspace.is_dir(folder):
                raise Conflict(f"{folder} is a file, not a folder: choose another path")
            if not await self.workspace.is_dir(folder):
                await self.workspace.make_dir(folder)
        for cell in notebook.get("cells", []):
            # A teammate's snapshot is untrusted until its new owner runs it.
            if isinstance(cell, dict):
                cell.get("metadata", {}).pop("trusted", None)
        notebook_id = new_notebook_id()
        meta = notebook.setdefault("metadata", {})
        meta[METADATA_KEY] = {"notebook_id": notebook_id, "origin": sid}
        await self.workspace.create_notebook(clean, notebook)
        await self.offload(self.notebook_ids.remember, absolute, notebook_id, sid)
        return {"path": clean, "id": sid, "notebook_id": notebook_id}

    def deleted(self, path: str) -> None:
        """The workspace deleted a file: a notebook created later at that path is new."""
        try:
            self.notebook_ids.forget(resolve_inside(self.root_dir, path))
        except BadPath:
            return

    def renamed(self, old_path: str, new_path: str) -> None:
        """The workspace renamed/moved a file or folder: notebook ids follow it."""
        follow_rename(self.store, self.notebook_ids, self.root_dir, old_path, new_path)


def _looks_like_path(remote: str) -> bool:
    """A notebook path (ends with .ipynb or has a '/') rather than a snapshot id."""
    return remote.lower().endswith(".ipynb") or "/" in remote
