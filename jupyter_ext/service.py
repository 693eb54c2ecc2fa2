"""Glue between the server extension and the library layers (store, capture, diff).

Handlers stay thin: they parse HTTP and call this; this never sees HTTP.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from .config import local_state_dir, resolve_store_url

if TYPE_CHECKING:
    from .app import SnapshotApp

log = logging.getLogger(__name__)


class SnapshotService:
    def __init__(self, *, store_url: str, configured_author: str = "", root_dir: str = ".") -> None:
        self.store_url = store_url
        self.configured_author = configured_author
        self.root_dir = root_dir
        self.local_dir = local_state_dir(store_url)
        self._tasks: list[asyncio.Task[Any]] = []

    @classmethod
    def from_app(cls, app: SnapshotApp) -> SnapshotService:
        serverapp = app.serverapp
        root_dir = getattr(serverapp, "root_dir", ".") if serverapp is not None else "."
        return cls(
            store_url=resolve_store_url(configured=app.store_url),
            configured_author=app.author,
            root_dir=root_dir,
        )

    def health(self) -> dict[str, Any]:
        from . import __version__

        return {"status": "ok", "version": __version__, "store": self.store_url}

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
