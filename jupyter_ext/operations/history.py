"""A notebook's history across renames, moves and restored copies (see ``identity``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import BadPath, resolve_inside
from .identity import NotebookIds, metadata_identity, new_notebook_id

if TYPE_CHECKING:
    from ..store import Store


def identify(
    store: Store, ids: NotebookIds, notebook: dict[str, Any], absolute: Path, info: dict[str, Any]
) -> tuple[str, str | None, str | None]:
    """(notebook id, origin, parent) for a take; parent "by-key" = the store's default."""
    meta_id, meta_origin = metadata_identity(notebook)
    notebook_id = ids.get(absolute)
    if notebook_id is None:
        latest = store.index.list(notebook=info["path"], limit=1)[0]
        at_path = ((latest[0].get("notebook") or {}).get("id")) if latest else None
        for candidate in (meta_id, at_path):
            # An id known at another existing file belongs to that file: this one is a
            # duplicate, or a new notebook where a renamed one used to be.
            if candidate and not ids.lives_elsewhere(candidate, absolute):
                notebook_id = candidate
                break
    fresh = notebook_id is None
    notebook_id = notebook_id or new_notebook_id()
    origin = ids.origin(notebook_id) or (meta_origin if notebook_id == meta_id else None)
    previous = None if fresh else store.index.latest_for_notebook_id(notebook_id)
    if previous is not None:
        return notebook_id, None, previous
    if origin is not None:  # the first snapshot of a restored copy
        return notebook_id, origin, origin
    by_key = store.index.latest_for_key(str(info.get("key") or info.get("path") or ""))
    if by_key is not None:
        other = (store.index.summary(by_key) or {}).get("notebook") or {}
        if other.get("id") not in (None, notebook_id):
            return notebook_id, None, None  # another notebook used to live here
    return notebook_id, None, "by-key"


def notebook_history(
    store: Store, ids: NotebookIds, root: Path, path: str, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None] | None:
    """The history of the notebook now at *path* when its id is known here (newest first,
    ending with the snapshot a restored copy came from, marked ``origin_of``); None: list by
    path as usual."""
    try:
        absolute = resolve_inside(root, path)
    except BadPath:
        return None
    notebook_id = ids.get(absolute)
    if notebook_id is None:
        return None
    if cursor is not None and not (cursor.startswith("a") and len(cursor) == 27):
        return None
    store.list(limit=1)  # refreshes the index (at most every sync interval)
    after = cursor[1:] if cursor else None
    items = list(store.index.list_for_notebook_id(notebook_id, path, limit=limit + 1, after=after))
    if len(items) > limit:
        return items[:limit], "a" + str(items[limit - 1]["id"])
    origin = ids.origin(notebook_id)
    if origin is None and items:
        origin = (items[-1].get("notebook") or {}).get("origin")
    if origin:
        summary = store.index.summary(origin)
        if summary is not None and all(i["id"] != origin for i in items):
            items.append({**summary, "origin_of": path})
    return items, None


def follow_rename(store: Store, ids: NotebookIds, root: Path, old_path: str, new_path: str) -> None:
    """A file or folder moved from *old_path* to *new_path* (relative to *root*)."""
    try:
        old = resolve_inside(root, old_path)
        new = resolve_inside(root, new_path)
    except BadPath:
        return
    if not ids.moved(old, new):
        # Never seen here (e.g. snapshotted by the CLI under another root): the newest
        # snapshot at the old path tells its id.
        try:
            rel = old.relative_to(root).as_posix()
        except ValueError:
            return
        latest = store.index.list(notebook=rel, limit=1)[0]
        nid = ((latest[0].get("notebook") or {}).get("id")) if latest else None
        if nid:
            ids.remember(new, nid)
