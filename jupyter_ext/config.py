"""Where the store is, who the author is, and where this user's private state lives.

Shared by the server extension and the CLI so both resolve things the same way:
explicit argument > environment variable > traitlets config > embedded default.
The traitlets settings both read (config section ``c.SnapshotApp``) are defined here once.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Dict, Float, Int, Type, Unicode
from traitlets.config import Configurable

if TYPE_CHECKING:
    from .store import Store

STORE_ENV = "JUPYTER_SNAPSHOT_STORE"
AUTHOR_ENV = "JUPYTER_SNAPSHOT_AUTHOR"


class SnapshotApp(Configurable):
    """jupyter-ext's settings, config section ``c.SnapshotApp``.

    The server extension (``jupyter_ext.app.SnapshotApp``) extends this class and
    ``jupyter snapshot`` reads it, so a ``jupyter_server_config.py`` configures both alike and
    both ``--help-all`` document it. Traitlets names a config section after its class: hence the
    extension app's name here too.
    """

    store_url = Unicode(
        "",
        config=True,
        help="Store URL: a folder or any fsspec URL (s3://bucket/prefix). Overridden by "
        "the JUPYTER_SNAPSHOT_STORE environment variable (and `jupyter snapshot --store`). "
        "Default: 'snapshots' in the Jupyter data dir.",
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

    def resolve_store_url(self, explicit_url: str | None = None) -> str:
        """``explicit_url`` > env > ``store_url`` > the embedded default."""
        return resolve_store_url(explicit=explicit_url, configured=self.store_url or None)

    def open_store(self, explicit_url: str | None = None) -> Store:
        """The configured store. Only the embedded default store is created on demand; a
        team store is made on purpose (`jupyter snapshot init`)."""
        url = self.resolve_store_url(explicit_url)
        store_class: type[Store] = self.store_class
        return store_class(
            url,
            local_state_dir(url),
            dict(self.storage_options) or None,
            create=url == default_store_url(),
        )


def default_store_url() -> str:
    from jupyter_core.paths import jupyter_data_dir

    return str(Path(jupyter_data_dir()) / "snapshots")


def resolve_store_url(explicit: str | None = None, configured: str | None = None) -> str:
    for candidate in (explicit, os.environ.get(STORE_ENV), configured):
        if candidate:
            return _expand(candidate)
    return default_store_url()


def _expand(url: str) -> str:
    if "://" in url:
        return url
    return str(Path(url).expanduser().resolve())


def local_state_dir(store_url: str) -> Path:
    """Private per-user state for one store (index, outbox): never on the shared store."""
    from jupyter_core.paths import jupyter_data_dir

    digest = hashlib.sha256(store_url.encode()).hexdigest()[:16]
    return Path(jupyter_data_dir()) / "jupyter_ext" / digest


def os_username() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER") or "unknown"


def initials_of(name: str) -> str:
    parts = [p for p in name.replace(".", " ").replace("_", " ").split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def author_record(
    explicit: str | None = None,
    identity: Any | None = None,
    configured: str | None = None,
) -> dict[str, str]:
    """The author of a snapshot: --author, env, Jupyter identity (JupyterHub user), config,
    OS user."""
    name = explicit or os.environ.get(AUTHOR_ENV)
    if name:
        return {"username": name, "name": name, "initials": initials_of(name), "color": ""}
    if identity is not None and getattr(identity, "username", None) and not is_anonymous(identity):
        display = getattr(identity, "display_name", "") or identity.username
        return {
            "username": identity.username,
            "name": display,
            "initials": getattr(identity, "initials", None) or initials_of(display),
            "color": getattr(identity, "color", None) or "",
        }
    name = os.environ.get("JUPYTERHUB_USER") or configured or os_username()
    return {"username": name, "name": name, "initials": initials_of(name), "color": ""}


def is_anonymous(identity: Any) -> bool:
    """jupyter-server names token users "Anonymous <moon>" with a random id: not a person."""
    username = str(getattr(identity, "username", ""))
    name = str(getattr(identity, "name", "") or getattr(identity, "display_name", ""))
    return (
        name.startswith("Anonymous")
        and len(username) == 32
        and all(c in "0123456789abcdef" for c in username)
    )
