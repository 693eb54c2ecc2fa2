"""`jupyter snapshot …` — snapshots from terminals and CI jobs (e.g. after a papermill run).

Heavy modules are imported inside the commands so that `--help` and `list` start fast.
Errors: one clear line on stderr and a non-zero exit; `--json` output goes to stdout only.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from typing import Any

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"": 86400, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """'14d', '2w', '36h', '90m', '0s' (a bare number means days)."""
    match = _DURATION.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (try 14d, 36h, 2w)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        help="store URL or folder (default: $JUPYTER_SNAPSHOT_STORE, "
        "then config, then 'snapshots' in the Jupyter data dir)",
    )
    common.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")

    parser = argparse.ArgumentParser(
        prog="jupyter snapshot",
        description="Snapshot notebook runs into a shared team store; list, show, diff them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("init", parents=[common], help="create a team store (on purpose)")

    take = sub.add_parser("take", parents=[common], help="snapshot a notebook file")
    take.add_argument("notebook", help="path to the .ipynb file")
    take.add_argument("-m", "--message", default="", help="what changed")
    take.add_argument("-t", "--tag", action="append", default=[], help="a tag (repeatable)")
    take.add_argument("--author", help="author name (default: $JUPYTER_SNAPSHOT_AUTHOR or you)")
    secrets = take.add_mutually_exclusive_group()
    secrets.add_argument(
        "--allow-secrets",
        action="store_true",
        help="snapshot even if the notebook seems to contain secrets",
    )
    secrets.add_argument(
        "--redact-secrets",
        action="store_true",
        help="replace detected secrets with [REDACTED:kind]",
    )

    keep = take.add_mutually_exclusive_group()
    keep.add_argument(
        "--keep-written",
        action="store_true",
        default=None,
        help="keep files the run wrote (up to 64 MiB each) so `artifact` can get them back",
    )
    keep.add_argument(
        "--no-keep-written",
        dest="keep_written",
        action="store_false",
        help="keep no written files (default: those up to 4 MiB)",
    )

    lst = sub.add_parser("list", parents=[common], help="list snapshots, newest first")
    lst.add_argument("--notebook", help="only snapshots of this notebook (path)")
    lst.add_argument("--author", help="only snapshots by this author")
    lst.add_argument("--query", "-q", help="filter, e.g. 'tag:baseline lr>0.01 accuracy>=0.9'")
    lst.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")

    show = sub.add_parser("show", parents=[common], help="show a snapshot's manifest")
    show.add_argument("id")

    export = sub.add_parser("export", parents=[common], help="write the snapshotted notebook")
    export.add_argument("id")
    export.add_argument("-o", "--output", help="output .ipynb path (default: stdout)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")

    diff = sub.add_parser("diff", parents=[common], help="diff two snapshots (or one and a file)")
    diff.add_argument("base", help="snapshot id")
    diff.add_argument("remote", help="snapshot id or notebook path")
    diff.add_argument("--ignore-outputs", action="store_true")
    diff.add_argument("--ignore-metadata", action="store_true")
    diff.add_argument("--ignore-execution-count", action="store_true")
    diff.add_argument("--ignore-whitespace", action="store_true")
    diff.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    sub.add_parser("verify", parents=[common], help="check every manifest and blob")

    gc = sub.add_parser("gc", parents=[common], help="remove unreferenced blobs")
    gc.add_argument(
        "--grace",
        type=parse_duration,
        default=timedelta(days=14),
        help="keep unreferenced blobs younger than this (default 14d)",
    )
    gc.add_argument("--dry-run", action="store_true", help="report only")

    sync = sub.add_parser("sync", parents=[common], help="deliver queued snapshots, refresh index")
    sync.add_argument("--full", action="store_true", help="re-list the whole store")

    delete = sub.add_parser("delete", parents=[common], help="delete one of your snapshots")
    delete.add_argument("id")
    delete.add_argument("--author", help="who you are (default: $JUPYTER_SNAPSHOT_AUTHOR or you)")
    add_repro_commands(sub, common)
    return parser


def add_repro_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """rerun, env, lineage, artifact: reproduce a run, its environment, its data."""
    rerun = sub.add_parser("rerun", parents=[common], help="re-run a snapshot and verify it")
    rerun.add_argument("id")
    rerun.add_argument("--timeout", type=float, default=600.0, help="seconds (default 600)")
    rerun.add_argument("--rtol", type=float, default=1e-5, help="relative tolerance of numbers")
    rerun.add_argument("--author", help="author of the re-run snapshot")

    env = sub.add_parser("env", parents=[common], help="print a file recreating the environment")
    env.add_argument("id")
    env.add_argument("--format", choices=["requirements", "conda"], default="requirements")
    env.add_argument("--all", action="store_true", help="every recorded package, not the imports")
    env.add_argument("-o", "--output", help="write to this file (default: stdout)")

    lineage = sub.add_parser("lineage", parents=[common], help="runs linked by shared data files")
    lineage.add_argument("id")

    artifact = sub.add_parser("artifact", parents=[common], help="get back a file a run wrote")
    artifact.add_argument("id")
    artifact.add_argument("path", help="the file as the snapshot recorded it")
    artifact.add_argument("-o", "--output", required=True, help="where to write it")
    artifact.add_argument("--force", action="store_true", help="overwrite an existing file")


def main(argv: list[str] | None = None) -> int:
    # jsonschema (via nbformat) compiles ~40 grammars of the optional rfc3987_syntax package at
    # import, >1 s of CPU, for IRI formats no notebook schema uses: skip it in the CLI process.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from .cli_commands import COMMANDS, EXIT_ERROR, CliError

    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"jupyter snapshot {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from .store import StoreError

        if isinstance(exc, (StoreError, ValueError, OSError)):
            print(f"jupyter snapshot {args.command}: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
