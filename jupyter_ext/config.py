"""Where the store is, who the author is, and where this user's private state lives.

Shared by the server extension and the CLI so both resolve things the same way:
explicit argument > environment variable > traitlets config > embedded default.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path
from typing import Any

STORE_ENV = "JUPYTER_SNAPSHOT_STORE"
AUTHOR_ENV = "JUPYTER_SNAPSHOT_AUTHOR"


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
    """The author of a snapshot: --author, env, Jupyter identity, config, OS user."""
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
    name = configured or os.environ.get("JUPYTERHUB_USER") or os_username()
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
