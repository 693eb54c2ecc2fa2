"""Commands that write to the store: take, delete."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from traitlets import Bool, List, Unicode

from .base import EXIT_SECRETS, CliError, SnapshotCommand, json_flags, store_aliases
from .format import describe_findings, short_id
from .ids import resolve_id
from .notebooks import read_notebook_file, root_for


class TakeCommand(SnapshotCommand):
    """Snapshot a notebook file: its code, outputs, parameters, metrics, data and environment."""

    description = "Snapshot a notebook file into the store (queued if the store is down)."
    command = "take"
    usage = "NOTEBOOK [-m MSG] [-t TAG]... [--json]"
    examples = 'jupyter snapshot take exp/churn.ipynb -m "lr 0.1" -t sweep --json'
    aliases = store_aliases(
        {
            ("m", "message"): "TakeCommand.message",
            ("t", "tag"): "TakeCommand.tags",
            "author": "TakeCommand.author",
        }
    )
    flags = json_flags(
        {
            "allow-secrets": (
                {"TakeCommand": {"allow_secrets": True}},
                "Snapshot even if the notebook seems to contain secrets.",
            ),
            "redact-secrets": (
                {"TakeCommand": {"redact_secrets": True}},
                "Replace detected secrets with [REDACTED:kind].",
            ),
        }
    )
    message = Unicode("", config=True, help="What changed (like a commit message).")
    tags = List(Unicode(), config=True, help="A tag (repeat -t for several).")
    author = Unicode(
        "", config=True, help="Author name (default: $JUPYTER_SNAPSHOT_AUTHOR, then you)."
    )
    allow_secrets = Bool(False, config=True, help="Snapshot even if secrets are detected.")
    redact_secrets = Bool(False, config=True, help="Redact detected secrets before storing.")

    def run(self) -> int:
        from ..capture import capture_and_take, redact_secrets, scan_secrets
        from ..config import author_record, local_state_dir

        if self.allow_secrets and self.redact_secrets:
            raise CliError("--allow-secrets and --redact-secrets exclude each other", 2)
        (name,) = self.positional(1)
        path = Path(name).expanduser().resolve()
        notebook = read_notebook_file(path)
        findings = scan_secrets(notebook)
        if findings and self.redact_secrets:
            notebook = redact_secrets(notebook, findings)
        elif findings and not self.allow_secrets:
            raise CliError(
                f"{path.name} seems to contain secrets; nothing was stored:\n"
                + "".join(f"  {line}\n" for line in describe_findings(findings))
                + "Remove them, or pass --redact-secrets (or --allow-secrets).",
                EXIT_SECRETS,
            )
        store = self.open_store()
        summary: dict[str, Any] = asyncio.run(
            capture_and_take(
                store,
                notebook,
                notebook_path=path,
                root_dir=root_for(path),
                author=author_record(
                    explicit=self.author or None, configured=self.settings.author or None
                ),
                message=self.message,
                tags=list(self.tags),
                hash_cache_dir=local_state_dir(store.url) / "hash-cache",
                include_data_max_bytes=self.settings.include_data_max_bytes,
            )
        )
        for warning in summary.get("warnings") or []:
            print(f"warning: {warning}", file=sys.stderr)
        for hint in summary.get("hints") or []:
            print(f"note: {hint}", file=sys.stderr)
        self.emit(summary, take_line(summary))
        return 0


def take_line(summary: dict[str, Any]) -> str:
    sid = str(summary.get("id") or "")
    line = f"snapshot {sid} ({short_id(sid)}) of {(summary.get('notebook') or {}).get('path')}"
    if summary.get("queued"):
        line += (
            f"\nQUEUED locally ({summary.get('queue_reason')}); `jupyter snapshot sync` delivers it"
        )
    return line


class DeleteCommand(SnapshotCommand):
    """Delete one of your snapshots (a tombstone; gc removes it later)."""

    description = "Delete one of your own snapshots."
    command = "delete"
    usage = "ID [--author A]"
    aliases = store_aliases({"author": "DeleteCommand.author"})
    author = Unicode(
        "", config=True, help="Who you are (default: $JUPYTER_SNAPSHOT_AUTHOR, then you)."
    )

    def run(self) -> int:
        from ..config import author_record

        (text,) = self.positional(1)
        username = author_record(
            explicit=self.author or None, configured=self.settings.author or None
        )["username"]
        store = self.open_store()
        sid = resolve_id(store, text)
        report = store.delete(sid, username=username)
        self.emit(report, f"deleted {sid}")
        return 0
