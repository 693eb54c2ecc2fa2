"""The `jupyter snapshot` subcommands. Imported lazily by cli.main."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

EXIT_ERROR = 1
EXIT_SECRETS = 3


class CliError(Exception):
    """A failure to report as one line on stderr."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def configured_store_url() -> str | None:
    """`c.SnapshotApp.store_url` from the Jupyter server config files, if any."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

    url = None
    for directory in reversed(jupyter_config_path()):  # later = higher priority
        for loader_cls, name in (
            (JSONFileConfigLoader, "jupyter_server_config.json"),
            (PyFileConfigLoader, "jupyter_server_config.py"),
        ):
            if not (Path(directory) / name).is_file():
                continue
            try:
                config = loader_cls(name, path=directory).load_config()
            except Exception as exc:  # a broken config file must not break the CLI
                print(f"warning: ignoring {directory}/{name}: {exc}", file=sys.stderr)
                continue
            value = config.get("SnapshotApp", {}).get("store_url")
            if value:
                url = str(value)
    return url


def open_store(args: argparse.Namespace) -> Store:
    import os

    from .config import STORE_ENV, default_store_url, local_state_dir, resolve_store_url
    from .store import Store

    configured = None if (args.store or os.environ.get(STORE_ENV)) else configured_store_url()
    url = resolve_store_url(explicit=args.store, configured=configured)
    # only the embedded default store is created on demand; a team store is made on purpose
    return Store(url, local_state_dir(url), create=url == default_store_url())


def emit(args: argparse.Namespace, payload: Any, human: str) -> None:
    if args.json:
        json.dump(payload, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(human)


def read_notebook_file(path: Path) -> dict[str, Any]:
    from .capture import normalize_notebook

    if not path.is_file():
        raise CliError(f"no such notebook: {path}")
    try:
        return normalize_notebook(path.read_bytes())
    except ValueError as exc:
        raise CliError(f"{path} is not a usable notebook: {exc}") from None


def root_for(path: Path) -> Path:
    """The folder paths are reported relative to: the cwd if it holds the notebook."""
    cwd = Path.cwd().resolve()
    return cwd if path.is_relative_to(cwd) else path.parent


def summary_line(item: dict[str, Any]) -> str:
    author = (item.get("author") or {}).get("username", "?")
    notebook = (item.get("notebook") or {}).get("path", "")
    tags = " ".join(f"#{t}" for t in item.get("tags") or [])
    metrics = ", ".join(f"{k}={v}" for k, v in list((item.get("metrics") or {}).items())[:3])
    queued = " [queued]" if item.get("queued") else ""
    parts = [
        item.get("id", ""),
        (item.get("created") or "")[:19],
        author,
        notebook,
        item.get("message") or "",
        tags,
        metrics,
    ]
    return "  ".join(p for p in parts if p) + queued


def describe_findings(findings: list[Any], limit: int = 20) -> list[str]:
    """One line per cell and kind: "cell 3 (id 4f2a…): GitHub Token in source line 2, output 1"
    (cells and outputs counted from 1, as the notebook shows them). Never the secret itself."""
    places: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        if f.cell_index is None:
            cell, place = "notebook metadata", ""
        else:
            cell = f"cell {f.cell_index + 1}" + (f" (id {f.cell_id})" if f.cell_id else "")
            place = (
                f"source line {f.line}"
                if f.where == "source"
                else f"output {(f.output_index or 0) + 1}"
            )
        seen = places.setdefault((cell, f.kind), [])
        if place and place not in seen:
            seen.append(place)
    lines = [
        f"{cell}: {kind}" + (f" in {', '.join(where)}" if where else "")
        for (cell, kind), where in places.items()
    ]
    extra = len(lines) - limit
    return lines[:limit] + ([f"... and {extra} more"] if extra > 0 else [])


def cmd_take(args: argparse.Namespace) -> int:
    from .capture import capture_and_take, redact_secrets, scan_secrets
    from .config import author_record, local_state_dir
    from .repro.artifacts import keep_written_limit

    path = Path(args.notebook).expanduser().resolve()
    notebook = read_notebook_file(path)
    findings = scan_secrets(notebook)
    if findings and args.redact_secrets:
        notebook = redact_secrets(notebook, findings)
    elif findings and not args.allow_secrets:
        raise CliError(
            f"{path.name} seems to contain secrets; nothing was stored:\n"
            + "".join(f"  {line}\n" for line in describe_findings(findings))
            + "Remove them, or pass --redact-secrets (or --allow-secrets).",
            EXIT_SECRETS,
        )
    store = open_store(args)
    summary = asyncio.run(
        capture_and_take(
            store,
            notebook,
            notebook_path=path,
            root_dir=root_for(path),
            author=author_record(explicit=args.author),
            message=args.message,
            tags=args.tag,
            hash_cache_dir=local_state_dir(store.url) / "hash-cache",
            keep_written_max_bytes=keep_written_limit(args.keep_written),
        )
    )
    human = f"snapshot {summary['id']} of {summary['notebook']['path']}"
    if summary.get("queued"):
        human += (
            f" QUEUED locally ({summary.get('queue_reason')}); `jupyter snapshot sync` sends it"
        )
    for warning in summary.get("warnings") or []:
        print(f"warning: {warning}", file=sys.stderr)
    emit(args, summary, human)
    return 0


def notebook_filter(text: str | None) -> str | None:
    """A path the user typed -> the notebook key the store indexes, when it exists."""
    if not text:
        return None
    path = Path(text).expanduser()
    if path.is_file():
        from .capture import notebook_identity

        resolved = path.resolve()
        return str(notebook_identity(resolved, root_for(resolved))["key"])
    return text


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    store.ensure_available()  # a store that is not there (unmounted, mistyped) is an error
    items: list[dict[str, Any]] = []
    cursor = None
    wanted = args.limit if args.limit > 0 else None
    while True:
        page_size = min(1000, wanted - len(items)) if wanted else 1000
        page, cursor = store.list(
            notebook=notebook_filter(args.notebook),
            author=args.author,
            query=args.query,
            limit=page_size,
            cursor=cursor,
        )
        items.extend(page)
        if not cursor or not page or (wanted and len(items) >= wanted):
            break
    human = "\n".join(summary_line(i) for i in items) if items else "no snapshots"
    emit(args, items, human)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    manifest = open_store(args).get_manifest(args.id)
    lines = [summary_line(manifest)]
    for section in ("params", "metrics"):
        for key, value in (manifest.get(section) or {}).items():
            lines.append(f"  {section[:-1] if section == 'params' else 'metric'} {key} = {value}")
    for ref in manifest.get("data") or []:
        lines.append(
            f"  data {ref.get('mode', '')} {ref.get('path') or ref.get('url')} "
            f"{ref.get('hash', '')}"
        )
    git = manifest.get("git") or {}
    if git:
        dirty = " (dirty)" if git.get("dirty") else ""
        lines.append(f"  git {git.get('commit', '')[:12]} {git.get('branch', '')}{dirty}")
    kernel = manifest.get("kernel") or {}
    lines.append(
        f"  kernel {kernel.get('display_name') or kernel.get('name') or 'none'}"
        f" ({kernel.get('state', 'unknown')})"
    )
    emit(args, manifest, "\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    notebook = open_store(args).get_notebook(args.id)
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        raise CliError(f"{out} exists; pass --force to overwrite")
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    if args.json:
        emit(args, {"id": args.id, "output": str(out)}, "")
    else:
        print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import DiffOptions, diff_notebooks, format_diff_text, run_diff
    from .store import is_valid_snapshot_id

    store = open_store(args)
    base_nb = store.get_notebook(args.base)
    base_manifest = store.get_manifest(args.base)
    if is_valid_snapshot_id(args.remote):
        remote_nb = store.get_notebook(args.remote)
        remote_manifest: dict[str, Any] | None = store.get_manifest(args.remote)
    else:
        remote_nb = read_notebook_file(Path(args.remote))
        remote_manifest = None
    options = DiffOptions(
        ignore_outputs=args.ignore_outputs,
        ignore_metadata=args.ignore_metadata,
        ignore_execution_count=args.ignore_execution_count,
        ignore_whitespace=args.ignore_whitespace,
    )
    diff = diff_notebooks(base_nb, remote_nb, options)
    summary = run_diff(base_manifest, remote_manifest)
    if args.json:
        emit(
            args, {"base": args.base, "remote": args.remote, "diff": diff, "run_diff": summary}, ""
        )
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    print(format_diff_text(base_nb, diff, summary, color))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    report = open_store(args).verify()
    lines = [f"{report['manifests']} manifests, {report['blobs']} blobs checked"]
    for problem in report["problems"]:
        lines.append(f"BROKEN {problem['kind']}: {problem['object']} — {problem['detail']}")
    warnings = report.get("warnings") or []
    for warning in warnings[:10]:
        lines.append(f"WARNING {warning['kind']}: {warning['object']} — {warning['detail']}")
    if len(warnings) > 10:
        lines.append(f"WARNING … and {len(warnings) - 10} more (see --json)")
    lines.append("store is intact" if report["ok"] else "store is damaged")
    emit(args, report, "\n".join(lines))
    return 0 if report["ok"] else EXIT_ERROR


def cmd_gc(args: argparse.Namespace) -> int:
    report = open_store(args).gc(grace=args.grace, dry_run=args.dry_run)
    emit(args, report, json.dumps(report, indent=2, default=str))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    report = open_store(args).sync(full=args.full)
    human = (
        f"delivered {len(report.get('delivered', []))}, "
        f"still queued {len(report.get('pending', []))}, indexed {report.get('indexed', 0)}"
    )
    for error in report.get("errors") or []:
        print(f"error: {error}", file=sys.stderr)
    emit(args, report, human)
    return EXIT_ERROR if report.get("pending") else 0


def cmd_delete(args: argparse.Namespace) -> int:
    from .config import author_record

    username = author_record(explicit=args.author)["username"]
    report = open_store(args).delete(args.id, username=username)
    emit(args, report, f"deleted {args.id}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .config import STORE_ENV, resolve_store_url
    from .store import init_store

    configured = None if (args.store or os.environ.get(STORE_ENV)) else configured_store_url()
    report = init_store(resolve_store_url(explicit=args.store, configured=configured))
    done = "created a new store" if report["created"] else "already a store (left as it is)"
    emit(args, report, f"{report['url']}: {done}")
    return 0


def cmd_rerun(args: argparse.Namespace) -> int:
    from .config import author_record, local_state_dir
    from .repro.rerun import RerunSettings, rerun

    def progress(event: dict[str, Any]) -> None:
        if event["stage"] == "data" and event["data_changed"]:
            changed = ", ".join(event["data_changed"])
            print(f"data changed since the snapshot: {changed}", file=sys.stderr)
        elif event["stage"] == "cell" and not args.json:
            print(f"running cell {event['index']} ({event['done'] + 1}/{event['total']})",
                  file=sys.stderr)  # fmt: skip

    store = open_store(args)
    settings = RerunSettings(
        root_dir=Path.cwd(),
        author=author_record(explicit=args.author),
        timeout=args.timeout,
        rtol=args.rtol,
        hash_cache_dir=local_state_dir(store.url) / "hash-cache",
        progress=progress,
    )
    result = asyncio.run(rerun(store, args.id, settings))
    lines = [f"cell {c['index']}: {c['status']}" for c in result["cells"]]
    lines.append(f"{result['verdict']}: re-run {result['id'] or '(not stored)'} of {result['of']}")
    if result.get("detail"):
        lines.append(result["detail"])
    emit(args, result, "\n".join(lines))
    return 0 if result["verdict"] == "reproduced" else EXIT_ERROR


def cmd_env(args: argparse.Namespace) -> int:
    from .repro.artifacts import write_file
    from .repro.envfile import environment_file

    text = environment_file(open_store(args), args.id, args.format, args.all)
    if args.output:
        write_file(text.encode(), Path(args.output), force=True)
    else:
        sys.stdout.write(text)
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    from .repro.lineage import lineage

    links = lineage(open_store(args), args.id)
    lines = []
    for direction, word in (("upstream", "read"), ("downstream", "wrote")):
        for e in links[direction]:
            who = f"{e['snapshot']} by {e.get('author') or '?'} ({e.get('notebook') or '?'})"
            verb = "produced by" if direction == "upstream" else "used by"
            lines.append(f"{word} {e['path']}: {verb} {who}")
    emit(args, links, "\n".join(lines) or "no linked runs")
    return 0


def cmd_artifact(args: argparse.Namespace) -> int:
    from .repro.artifacts import read_artifact, write_file

    ref, content = read_artifact(open_store(args), args.id, args.path)
    write_file(content, Path(args.output), force=args.force)
    emit(args, {"id": args.id, "path": ref["path"], "output": args.output, "size": len(content)},
         f"wrote {args.output} ({len(content)} bytes)")  # fmt: skip
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "take": cmd_take,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "diff": cmd_diff,
    "verify": cmd_verify,
    "gc": cmd_gc,
    "sync": cmd_sync,
    "delete": cmd_delete,
    "rerun": cmd_rerun,
    "env": cmd_env,
    "lineage": cmd_lineage,
    "artifact": cmd_artifact,
}
