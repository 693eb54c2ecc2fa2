"""A notebook's identity across renames, moves and copies.

Each notebook gets a stable id (a ULID) on its first snapshot. The id is found, in order:
1. this user's memory of the file (absolute path -> id), kept up to date by takes, restores and
   the server's contents rename events (a rename in JupyterLab moves the id with the file);
2. ``metadata.jupyter_ext.notebook_id`` in the notebook (a file someone else snapshotted and
   shared, e.g. through git, or a restored copy);
3. the newest snapshot taken at this path (by the CLI or another server on this store);
4. a new id.
Snapshots record it as ``notebook.id``; a restored copy's first snapshot records
``notebook.origin`` (the snapshot it was restored from), and its ``parent`` is that origin.

The memory is a small JSON file in the user's private state folder (shared by the CLI and
the server of one store, never on the shared store).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from ..store import new_ulid

METADATA_KEY = "jupyter_ext"


def metadata_identity(notebook: dict[str, Any]) -> tuple[str | None, str | None]:
    """(notebook_id, origin) from ``metadata.jupyter_ext``, when they look like ids."""
    meta = (notebook.get("metadata") or {}).get(METADATA_KEY)
    if not isinstance(meta, dict):
        return None, None
    nid, origin = meta.get("notebook_id"), meta.get("origin")
    return (nid if _id_like(nid) else None), (origin if _id_like(origin) else None)


def _id_like(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64 and value.isalnum()


class NotebookIds:
    """Absolute path -> notebook id, and notebook id -> origin snapshot; thread-safe."""

    def __init__(self, state_dir: str | os.PathLike[str] | None) -> None:
        self.file = Path(state_dir) / "notebook-ids.json" if state_dir is not None else None
        self._lock = threading.Lock()
        self._paths: dict[str, str] = {}
        self._origins: dict[str, str] = {}
        self._mtime: float | None = None

    def _load(self) -> None:
        if self.file is None:
            return
        try:
            mtime = self.file.stat().st_mtime
        except OSError:
            return
        if mtime == self._mtime:
            return
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            paths, origins = data.get("paths"), data.get("origins")
            self._paths = {str(k): str(v) for k, v in (paths or {}).items()}
            self._origins = {str(k): str(v) for k, v in (origins or {}).items()}
            self._mtime = mtime

    def _save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps({"paths": self._paths, "origins": self._origins}))
        os.replace(tmp, self.file)
        self._mtime = self.file.stat().st_mtime

    @staticmethod
    def _key(path: Path) -> str:
        return os.path.abspath(path)

    def get(self, path: Path) -> str | None:
        with self._lock:
            self._load()
            return self._paths.get(self._key(path))

    def lives_elsewhere(self, notebook_id: str, path: Path) -> bool:
        """True if the notebook with this id is known at another path that still exists
        (it was renamed or moved away from *path*)."""
        with self._lock:
            self._load()
            key = self._key(path)
            return any(
                nid == notebook_id and other != key and os.path.exists(other)
                for other, nid in self._paths.items()
            )

    def origin(self, notebook_id: str) -> str | None:
        with self._lock:
            self._load()
            return self._origins.get(notebook_id)

    def remember(self, path: Path, notebook_id: str, origin: str | None = None) -> None:
        with self._lock:
            self._load()
            key = self._key(path)
            changed = self._paths.get(key) != notebook_id
            self._paths[key] = notebook_id
            if origin and self._origins.get(notebook_id) != origin:
                self._origins[notebook_id] = origin
                changed = True
            if changed:
                self._save()

    def moved(self, old: Path, new: Path) -> bool:
        """A file or folder was renamed: ids under *old* follow it. True if any did."""
        with self._lock:
            self._load()
            old_key, new_key = self._key(old), self._key(new)
            moved = False
            for key in list(self._paths):
                if key == old_key or key.startswith(old_key + os.sep):
                    self._paths[new_key + key[len(old_key) :]] = self._paths.pop(key)
                    moved = True
            if moved:
                self._save()
            return moved

    def forget(self, path: Path) -> None:
        with self._lock:
            self._load()
            if self._paths.pop(self._key(path), None) is not None:
                self._save()


def new_notebook_id() -> str:
    return new_ulid()
