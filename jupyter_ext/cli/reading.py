"""Commands that read the store: list, show, export, info."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from traitlets import Bool, Int, Unicode

from .base import CliError, SnapshotCommand, json_flags, store_aliases
from .format import fit_table, snapshot_rows
from .notebooks import notebook_filter
from .show import show_manifest

if TYPE_CHECKING:
    from ..store import Store


def require_reachable(store: Store) -> None:
    """Refresh the index from the store, or fail: a store that is not there is an error, not
    an empty list (an unmounted share or a typo must not look like "no snapshots")."""
    from ..store import StoreUnavailable
    from ..store.sync import refresh

    try:
        store.ensure_available()  # a missing root or marker: StoreMissing, named and explained
        refresh(store, full=False)
    except StoreUnavailable as exc:
        raise CliError(str(exc)) from None


class ListCommand(SnapshotCommand):
    """List snapshots, newest first."""

    description = "List snapshots, newest first (a table; --json for every field)."
    command = "list"
    usage = "[--notebook PATH] [--author A] [--query Q] [--limit N] [--json]"
    examples = 'jupyter snapshot list --query "tag:sweep accuracy>=0.9"'
    aliases = store_aliases(
        {
            "notebook": "ListCommand.notebook",
            "author": "ListCommand.author",
            ("q", "query"): "ListCommand.query",
            "limit": "ListCommand.limit",
        }
    )
    notebook = Unicode("", config=True, help="Only snapshots of this notebook (path).")
    author = Unicode("", config=True, help="Only snapshots by this author.")
    query = Unicode(
        "", config=True, help="Filter, e.g. 'author:ana tag:baseline lr>0.01 accuracy>=0.9'."
    )
    limit = Int(0, config=True, help="At most this many (0: all).")

    def run(self) -> int:
        self.positional(0)
        ops = self.operations()
        require_reachable(ops.store)
        filters = {
            "notebook": notebook_filter(ops, self.notebook),
            "author": self.author or None,
            "query": self.query or None,
        }
        items: list[dict[str, Any]] = []
        cursor = None
        wanted = self.limit if self.limit > 0 else None
        while True:
            page_size = min(1000, wanted - len(items)) if wanted else 1000
            page, cursor = ops.list(**filters, limit=page_size, cursor=cursor)
            items.extend(page)
            if not cursor or not page or (wanted and len(items) >= wanted):
                break
        if self.json:
            self.emit(items, None)
        elif not items:
            print("no snapshots")
        else:
            headers, rows = snapshot_rows(items)
            print(fit_table(headers, rows, flexible=(3, 6, 4)))
        return 0


class ShowCommand(SnapshotCommand):
    """Show a snapshot: params, metrics, data, kernel, environment, git."""

    description = "Show a snapshot's manifest: every section it has."
    command = "show"
    usage = "ID [--json]"

    def run(self) -> int:
        (text,) = self.positional(1)
        manifest = self.operations().show(text)
        self.emit(manifest, show_manifest(manifest))
        return 0


class ExportCommand(SnapshotCommand):
    """Write the notebook exactly as snapshotted."""

    description = "Write the snapshotted notebook to a file (or stdout)."
    command = "export"
    usage = "ID [-o OUT.ipynb] [--force]"
    aliases = store_aliases({("o", "output"): "ExportCommand.output"})
    flags = json_flags(
        {"force": ({"ExportCommand": {"force": True}}, "Overwrite an existing output file.")}
    )
    output = Unicode("", config=True, help="Output .ipynb path (default: stdout).")
    force = Bool(False, config=True, help="Overwrite an existing file.")

    def run(self) -> int:
        (text,) = self.positional(1)
        ops = self.operations()
        sid = ops.resolve_id(text)
        notebook = ops.store.get_notebook(sid)
        body = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if not self.output or self.output == "-":
            sys.stdout.write(body)
            return 0
        out = Path(self.output).expanduser()
        if out.exists() and not self.force:
            raise CliError(f"{out} exists; pass --force to overwrite")
        write_exclusively(out, body.encode("utf-8"), replace=self.force)
        if self.json:
            self.emit({"id": sid, "output": str(out)}, None)
        else:
            print(f"wrote {out}", file=sys.stderr)
        return 0


def write_exclusively(out: Path, data: bytes, *, replace: bool) -> None:
    """Write *out* through a temp file this process creates (O_EXCL, never following a planted
    symlink), then rename it into place; without *replace*, an *out* that appeared meanwhile
    is kept (link fails) rather than overwritten."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    fd = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not replace:
            try:
                os.link(tmp, out)
                return
            except FileExistsError:
                raise CliError(f"{out} exists; pass --force to overwrite") from None
            except OSError:  # no hard links on this filesystem: check, then rename
                if os.path.lexists(out):
                    raise CliError(f"{out} exists; pass --force to overwrite") from None
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


class InfoCommand(SnapshotCommand):
    """Where the store is, whether it answers, this machine's index and outbox, the author."""

    description = "Show the store in use, whether it is reachable, the index, outbox and author."
    command = "info"
    usage = "[--json]"

    def run(self) -> int:
        from ..config import STORE_ENV, author_record

        self.positional(0)
        if self.store:
            source = "--store"
        elif os.environ.get(STORE_ENV):
            source = f"${STORE_ENV}"
        elif self.settings.store_url:
            source = "c.SnapshotApp.store_url"
        else:
            source = "embedded default"
        store = self.open_store()
        reachable, problem = True, ""
        try:
            require_reachable(store)
        except CliError as exc:
            reachable, problem = False, str(exc)
        queued = sorted(store.index.ids(queued=True))
        author = author_record(configured=self.settings.author or None)
        options = sorted(self.settings.storage_options)
        report: dict[str, Any] = {
            "store": store.url,
            "store_from": source,
            "store_class": f"{type(store).__module__}.{type(store).__qualname__}",
            "storage_options": options,  # names only: values may hold credentials
            "reachable": reachable,
            "problem": problem or None,
            "index": os.path.join(store.local_dir, "index.sqlite"),
            "indexed": store.index.count(),
            "outbox": os.path.join(store.local_dir, "outbox"),
            "queued": queued,
            "author": author["username"],
        }
        lines = [
            f"store:    {store.url}  (from {source})",
            f"status:   {'reachable' if reachable else 'UNAVAILABLE'}"
            + (f" — {problem}" if problem else ""),
            f"index:    {report['index']}  ({report['indexed']} snapshots)",
            f"outbox:   {len(queued)} queued"
            + (" — `jupyter snapshot sync` delivers them" if queued else ""),
            f"author:   {author['username']}",
        ]
        if options:
            lines.insert(1, f"options:  {', '.join(options)} (c.SnapshotApp.storage_options)")
        self.emit(report, "\n".join(lines))
        return 0 if reachable else 1
