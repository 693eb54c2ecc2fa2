"""jupyter-ext: a shared, versioned record of notebook experiments."""

from typing import Any

__version__ = "0.1.0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-ext"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import SnapshotApp

    return [{"module": "jupyter_ext", "app": SnapshotApp}]
