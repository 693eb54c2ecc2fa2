"""jupyter-ext: a shared, versioned record of notebook experiments."""

from typing import Any

from ._version import __version__  # written by the build from package.json (one source)

__all__ = ["__version__"]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-ext"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import SnapshotApp

    return [{"module": "jupyter_ext", "app": SnapshotApp}]
