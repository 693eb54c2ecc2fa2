"""Snapshot ids as people type them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


def resolve_id(store: Store, text: str) -> str:
    """The full id of the snapshot *text* names."""
    return text
