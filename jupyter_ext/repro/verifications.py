"""Verification records: immutable JSON beside the snapshots, like comments.

Layout: ``verifications/<snapshot id>-<ULID>-<verdict>.json`` =
``{"id", "snapshot", "rerun", "verdict", "cells", "data_changed", "author", "created"}``;
``rerun`` is the re-run's snapshot id (null when it timed out, was cancelled or could not
start). One listing per snapshot (keys sort by snapshot id, then time); the verdict in the
key gives every snapshot's latest verdict from one listing, without reading the records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..store import Store, StoreError, is_valid_snapshot_id
from ..store.backend import publish
from ..store.ids import iso_from_ms, new_ulid, ulid_ms

FOLDER = "verifications"
VERDICTS = ("reproduced", "differs", "failed")
_KEY = re.compile(r"^(?P<snapshot>[0-9A-Z]{26})-(?P<id>[0-9A-Z]{26})-(?P<verdict>[a-z]+)\.json$")


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
    if verdict not in VERDICTS:
        raise StoreError(f"unknown verdict {verdict!r}")
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
    key = f"{FOLDER}/{snapshot_id}-{record_id}-{verdict}.json"
    publish(store.backend, key, json.dumps(record).encode())
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


def latest_verdicts(store: Store) -> dict[str, dict[str, str]]:
    """``{snapshot id: {"verdict", "verification"}}`` of each verified snapshot's latest
    verification, from one listing (for a verdict column over many runs)."""
    latest: dict[str, dict[str, str]] = {}
    for name in store.backend.list(FOLDER):
        match = _KEY.match(name)
        if match and is_valid_snapshot_id(match["snapshot"]) and match["verdict"] in VERDICTS:
            latest[match["snapshot"]] = {"verdict": match["verdict"], "verification": match["id"]}
    return latest
