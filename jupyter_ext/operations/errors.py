"""Errors the operations raise on purpose; the REST handlers and the CLI map them once."""

from __future__ import annotations

from typing import Any

from ..store import SnapshotNotFound, StoreError


class NotFound(LookupError):
    """A notebook or file the request names does not exist."""


class Conflict(Exception):
    """The request would overwrite something (e.g. a restore onto an existing file)."""


class AmbiguousId(StoreError, ValueError):
    """A short id or prefix names more than one snapshot; ``candidates`` lists them (full ids,
    newest first). REST answers 409, the CLI exits non-zero; both print the message."""

    def __init__(self, text: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:10]) + (" …" if len(candidates) > 10 else "")
        super().__init__(
            f"{text!r} matches {len(candidates)} snapshots: {shown}; type more characters"
        )
        self.candidates = candidates


class UnknownId(SnapshotNotFound):
    """No snapshot has this id, short id or prefix (REST 404)."""


class SecretsFound(ValueError):
    """The notebook seems to contain secrets and the policy says refuse (nothing was stored).

    ``findings`` are :class:`jupyter_ext.capture.SecretFinding` (never the secret itself)."""

    def __init__(self, message: str, findings: list[Any]) -> None:
        super().__init__(message)
        self.findings = findings
