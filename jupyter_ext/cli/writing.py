"""Commands that write to the store: take, delete."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from traitlets import Bool, List, Unicode

from .base import EXIT_SECRETS, EXIT_USAGE, CliError, SnapshotCommand, json_flags, store_aliases
from .format import describe_findings, short_id
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
            "keep-written": (
                {"TakeCommand": {"keep_written": True}},
                "Keep files the run wrote (up to 64 MiB each) so `artifact` gets them back.",
            ),
            "no-keep-written": (
                {"TakeCommand": {"keep_written": False}},
                "Keep no written files (default: those up to keep_written_max_bytes).",
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
    keep_written = Bool(
        None, allow_none=True, config=True, help="Keep the files the run wrote (None: by size)."
    )

    def run(self) -> int:
        from ..operations import SecretPolicy, SecretsFound

        if self.allow_secrets and self.redact_secrets:
            raise CliError("--allow-secrets and --redact-secrets exclude each other", EXIT_USAGE)
        (name,) = self.positional(1)
        path = Path(name).expanduser().resolve()
        notebook = read_notebook_file(path)
        root = root_for(path)
        ops = self.operations(root)
        policy: SecretPolicy = (
            "redact" if self.redact_secrets else "allow" if self.allow_secrets else "refuse"
        )
        try:
            summary = asyncio.run(
                ops.take(
                    path.relative_to(root).as_posix(),
                    content=notebook,
                    author=self.author_record(self.author),
                    message=self.message,
                    tags=list(self.tags),
                    secrets=policy,
                    keep_written=self.keep_written,
                )
            )
        except SecretsFound as exc:
            raise CliError(
                f"{path.name} seems to contain secrets; nothing was stored:\n"
                + "".join(f"  {line}\n" for line in describe_findings(exc.findings))
                + "Remove them, or pass --redact-secrets (or --allow-secrets).",
                EXIT_SECRETS,
            ) from None
        hints = summary.get("hints") or []
        for warning in summary.get("warnings") or []:
            if warning not in hints:  # the operations repeat hints among the warnings
                print(f"warning: {warning}", file=sys.stderr)
        for hint in hints:
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
        (text,) = self.positional(1)
        username = self.author_record(self.author)["username"]
        ops = self.operations()
        report = ops.delete(text, username)
        self.emit(report, f"deleted {report.get('id') or text}")
        return 0
