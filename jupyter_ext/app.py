"""The jupyter-server extension: configuration, the store, background sync, kernel hooks."""

from __future__ import annotations

from typing import Any

from jupyter_server.extension.application import ExtensionApp

from . import __version__
from .config import SnapshotApp as SnapshotSettings


class SnapshotApp(SnapshotSettings, ExtensionApp):
    """Snapshots of notebook runs into a shared team store.

    Configure in ``jupyter_server_config.py``, e.g.
    ``c.SnapshotApp.store_url = "s3://team-bucket/snapshots"``; the settings (shared with
    `jupyter snapshot`) are defined in config.SnapshotApp.
    """

    name = "jupyter_ext"
    description = "Shared, versioned record of notebook experiments"
    version = __version__
    load_other_extensions = True

    def initialize_settings(self) -> None:
        from .service import SnapshotService

        service = SnapshotService.from_app(self)
        self.settings["jupyter_ext_service"] = service
        if self.hook_kernels and self.serverapp is not None:
            # Registering needs no running loop; kernels started from now on get the hook.
            service.hook_kernel_starts(self.serverapp.event_logger)
        if self.serverapp is not None:
            service.hook_contents_events(self.serverapp.event_logger)
        self.log.info("jupyter-ext: store %s", service.store_url)

    def initialize_handlers(self) -> None:
        from .handlers import build_handlers

        self.handlers.extend(build_handlers())

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        service = self.settings["jupyter_ext_service"]
        service.start_background_sync()

    async def stop_extension(self) -> None:
        service = self.settings.get("jupyter_ext_service")
        if service is not None:
            await service.stop()
        jobs = self.settings.get("jupyter_ext_rerun_jobs")
        if jobs is not None:
            jobs.shutdown()
