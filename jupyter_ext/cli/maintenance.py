"""Commands that look after the store: verify, gc, sync."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from typing import Any

from traitlets import Bool, TraitError, Unicode, validate

from .base import EXIT_ERROR, SnapshotCommand, json_flags, store_aliases
from .format import number
from .reading import require_reachable

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"": 86400, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """'14d', '2w', '36h', '90m', '0s' (a bare number means days)."""
    match = _DURATION.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (try 14d, 36h, 2w)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


class InitCommand(SnapshotCommand):
    """Make a team store on purpose: a configured store that is not there is unavailable (its
    share may be unmounted), never silently created by a take."""

    description = "Create a team store at --store (or the configured store URL)."
    command = "init"
    usage = "[--store URL] [--json]"

    def run(self) -> int:
        from ..store import init_store

        self.positional(0)
        url = self.settings.resolve_store_url(self.store or None)
        report = init_store(url, dict(self.settings.storage_options) or None)
        done = "created a new store" if report["created"] else "already a store (left as it is)"
        self.emit(report, f"{report['url']}: {done}")
        return 0


class VerifyCommand(SnapshotCommand):
    """Check every manifest and blob; exit 0 only if the store is intact."""

    description = "Check every manifest and blob (exit 0 only if all are intact)."
    command = "verify"
    usage = "[--json]"

    def run(self) -> int:
        self.positional(0)
        store = self.open_store()
        require_reachable(store)
        report = store.verify()
        lines = [f"{report['manifests']} manifests, {report['blobs']} blobs checked"]
        for problem in report["problems"]:
            lines.append(f"BROKEN {problem['kind']}: {problem['object']} — {problem['detail']}")
        warnings = report.get("warnings") or []
        for warning in warnings[:10]:
            lines.append(f"WARNING {warning['kind']}: {warning['object']} — {warning['detail']}")
        if len(warnings) > 10:
            lines.append(f"WARNING … and {len(warnings) - 10} more (see --json)")
        lines.append("store is intact" if report["ok"] else "store is damaged")
        self.emit(report, "\n".join(lines))
        return 0 if report["ok"] else EXIT_ERROR


class GcCommand(SnapshotCommand):
    """Remove unreferenced blobs older than the grace period, and expired deletions."""

    description = "Remove unreferenced blobs (and deleted snapshots) older than the grace period."
    command = "gc"
    usage = "[--grace DURATION] [--dry-run] [--json]"
    aliases = store_aliases({"grace": "GcCommand.grace"})
    flags = json_flags(
        {"dry-run": ({"GcCommand": {"dry_run": True}}, "Report what would go; delete nothing.")}
    )
    grace = Unicode(
        "14d",
        config=True,
        help="Keep unreferenced blobs younger than this: 14d, 36h, 2w (a bare number: days).",
    )
    dry_run = Bool(False, config=True, help="Report only.")

    @validate("grace")
    def _valid_grace(self, proposal: Any) -> str:
        try:
            parse_duration(proposal["value"])
        except argparse.ArgumentTypeError as exc:
            raise TraitError(str(exc)) from None
        return str(proposal["value"])

    def run(self) -> int:
        self.positional(0)
        store = self.open_store()
        require_reachable(store)
        report = store.gc(grace=parse_duration(self.grace), dry_run=self.dry_run)
        self.emit(report, gc_text(report, self.dry_run))
        return EXIT_ERROR if report.get("errors") else 0


def gc_text(report: dict[str, Any], dry_run: bool) -> str:
    """What gc removed (or, with --dry-run, would remove), in words."""
    verb = "would delete" if dry_run else "deleted"
    errors = report.get("errors") or []
    manifests = report.get("removed_manifests") or []
    lines = [
        f"gc{' (dry run)' if dry_run else ''}: {verb} {report.get('deleted_blobs', 0)} "
        f"unreferenced blobs ({number(report.get('deleted_bytes', 0))} bytes) and "
        f"{len(manifests)} deleted snapshots",
        f"  {report.get('kept_young', 0)} objects younger than the grace period were kept",
        f"  {report.get('referenced', 0)} blobs are referenced by live snapshots",
    ]
    packs = report.get("packs") or {}
    if packs.get("packs_rewritten") or packs.get("loose_packed"):
        lines.append(
            f"  {'would repack' if dry_run else 'repacked'} what is live of "
            f"{packs.get('packs_rewritten', 0)} old packs and {packs.get('loose_packed', 0)} "
            f"loose blobs into {packs.get('packs_written', 0) if not dry_run else 'new'} packs"
        )
    for problem in (packs.get("errors") or [])[:10]:
        lines.append(f"  left a pack as it is: {problem}")
    if errors:
        lines.append(f"  deleted nothing: {len(errors)} snapshots could not be read:")
        lines.extend(f"    {error}" for error in errors[:10])
    return "\n".join(lines)


class SyncCommand(SnapshotCommand):
    """Deliver snapshots queued while the store was unreachable; refresh the index."""

    description = "Deliver queued snapshots and refresh this machine's index of the store."
    command = "sync"
    usage = "[--full] [--json]"
    flags = json_flags(
        {
            "full": (
                {"SyncCommand": {"full": True}},
                "Re-list the whole store, not just what is new.",
            )
        }
    )
    full = Bool(False, config=True, help="Re-list the whole store.")

    def run(self) -> int:
        self.positional(0)
        report = self.open_store().sync(full=self.full)
        human = (
            f"delivered {len(report.get('delivered', []))}, "
            f"still queued {len(report.get('pending', []))}, indexed {report.get('indexed', 0)}"
        )
        for error in report.get("errors") or []:
            print(f"error: {error.get('error', error)}", file=sys.stderr)
        self.emit(report, human)
        return EXIT_ERROR if report.get("pending") or report.get("errors") else 0
