"""Runs linked by the files they share: who produced what this run read, who used what it
wrote. Built from the local index (``data_io`` rows), never by scanning the store."""

from __future__ import annotations

from typing import Any

from ..store import Store


def lineage(store: Store, snapshot_id: str) -> dict[str, Any]:
    """``{"id", "upstream": [{"path", "hash", "snapshot", ...}], "downstream": [...]}``.

    upstream: each file this run read, linked to the latest earlier run (anyone's, any
    notebook) that wrote the same content. downstream: later runs that read content this run
    wrote. Entries carry the linked run's author, notebook and time for display."""
    sid = str(store.get_manifest(snapshot_id)["id"])
    store.list(limit=1)  # refreshes the index from the store (at most every sync_interval)
    links = store.index.lineage(sid)
    for entries in links.values():
        for entry in entries:
            summary = store.index.summary(entry["snapshot"]) or {}
            entry["author"] = (summary.get("author") or {}).get("username")
            entry["notebook"] = (summary.get("notebook") or {}).get("path")
            entry["created"] = summary.get("created")
    return {"id": sid, **links}
