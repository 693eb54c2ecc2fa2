"""The jupyter-server extension: configuration, the store, background sync, kernel hooks."""

from __future__ import annotations

from typing import Any

from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Dict, Float, Int, Type, Unicode

from . import __version__


class SnapshotApp(ExtensionApp):
    """Snapshots of notebook runs into a shared team store.

    Configure in ``jupyter_server_config.py``, e.g.
    ``c.SnapshotApp.store_url = "s3://team-bucket/snapshots"``.
    """

    name = "jupyter_ext"
    description = "Shared, versioned record of notebook experiments"
    version = __version__
    load_other_extensions = True

    store_url = Unicode(
        "",
        config=True,
        help="Store URL: a folder or any fsspec URL (s3://bucket/prefix). Overridden by "
        "the JUPYTER_SNAPSHOT_STORE environment variable. Default: 'snapshots' in the Jupyter "
        "data dir.",
    )
    storage_options = Dict(
        config=True,
        help="Options for the fsspec filesystem of store_url, e.g. "
        "{'endpoint_url': 'http://minio:9000'} for an S3-compatible server or "
        "{'profile': 'team'} for an AWS profile.",
    )
    store_class = Type(
        default_value="jupyter_ext.store.Store",
        klass="jupyter_ext.store.Store",
        config=True,
        help="The Store implementation: jupyter_ext.store.Store or a subclass of it.",
    )
    author = Unicode(
        "",
        config=True,
        help="Author name for snapshots when neither JUPYTER_SNAPSHOT_AUTHOR nor a named "
        "Jupyter identity (e.g. a JupyterHub user) is available.",
    )
    max_body_bytes = Int(
        256 * 1024 * 1024,
        config=True,
        help="Largest request body accepted by the snapshot API (bytes); larger gets 413.",
    )
    capture_timeout = Float(
        3.0, config=True, help="Seconds to wait for a kernel to answer the capture probe."
    )
    sync_interval = Float(
        15.0,
        config=True,
        help="Seconds between background syncs (deliver queued snapshots, refresh the index). "
        "0 disables.",
    )
    include_data_max_bytes = Int(
        0,
        config=True,
        help="Data files read by a run up to this size are copied into the store (0: never).",
    )
    keep_written_max_bytes = Int(
        4 << 20,
        config=True,
        help="Files a run wrote (models, figures, exports) up to this size are kept in the "
        "store with its snapshot, so `jupyter snapshot artifact` gets them back (0: never). "
        "A take that opts in (keep_written) keeps them up to 64 MiB or this, if larger.",
    )
    hook_kernels = Bool(
        True,
        config=True,
        help="Install the data-access audit hook in Python kernels when they start.",
    )

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
