"""Verification records: immutable JSON beside the snapshots, like comments.

Layout: ``verifications/<snapshot id>-<ULID>.json`` =
``{"id", "snapshot", "rerun", "verdict", "cells", "data_changed", "author", "created"}``;
``rerun`` is the re-run's snapshot id (null when it timed out, was cancelled or could not
start). One listing per snapshot (keys sort by snapshot id, then time).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..store import Store, StoreError
from ..store.backend import publish
from ..store.ids import iso_from_ms, new_ulid, ulid_ms

FOLDER = "verifications"


def add_verification(
    store: Store,
    snapshot_id: str,
    *,
    rerun_id: str | None,
    verdict: str,
    cells: Sequence[dict[str, Any]],
    data_changed: Sequence[str],
    author: dict[str, Any],
    detail: str = "",
) -> dict[str, Any]:
    record_id = new_ulid()
    record = {
        "id": record_id,
        "snapshot": snapshot_id,
        "rerun": rerun_id,
        "verdict": verdict,
        "cells": list(cells),
        "data_changed": list(data_changed),
        "author": dict(author),
        "created": iso_from_ms(ulid_ms(record_id)),
        "detail": detail,
    }
    publish(store.backend, f"{FOLDER}/{snapshot_id}-{record_id}.json", json.dumps(record).encode())
    return record


def list_verifications(store: Store, snapshot_id: str) -> list[dict[str, Any]]:
    """A snapshot's verification records, oldest first (unreadable ones skipped)."""
    store.get_manifest(snapshot_id)  # validates the id; 404 for unknown or deleted snapshots
    records = []
    for name in store.backend.list(FOLDER, f"{snapshot_id}-"):
        if not name.startswith(f"{snapshot_id}-"):
            break
        try:
            record = json.loads(store.backend.read(f"{FOLDER}/{name}"))
        except (OSError, ValueError, StoreError):
            continue
        if isinstance(record, dict) and record.get("snapshot") == snapshot_id:
            records.append(record)
    return records
