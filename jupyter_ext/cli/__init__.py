"""`jupyter snapshot …` — snapshots from terminals and CI jobs (e.g. after a papermill run).

A traitlets `JupyterApp` (`app.SnapshotCLI`) with one subcommand app per command; they read the
server extension's config (``c.SnapshotApp``). Heavy modules are imported inside the commands so
that `--help` and `list` start fast. Errors: one clear line on stderr and a non-zero exit;
`--json` output goes to stdout only; a reader that closes the pipe early ends the command quietly.
"""

from __future__ import annotations

import contextlib
import os
import sys

# jsonschema (via nbformat) compiles ~40 grammars of the optional rfc3987_syntax package at
# import, >1 s of CPU, for IRI formats no notebook schema uses: skip it in the CLI process
# (before anything here can import nbformat).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from .base import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_SECRETS, EXIT_USAGE, CliError  # noqa: E402

__all__ = ["EXIT_ERROR", "EXIT_SECRETS", "CliError", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run `jupyter snapshot ARGV…` and return its exit status."""
    from jupyter_core.application import NoStart

    from .app import SnapshotCLI
    from .base import run_command

    app = SnapshotCLI()
    try:
        app.initialize(sys.argv[1:] if argv is None else argv)
        command = app.subapp
        if command is None and (app.generate_config or app.show_config or app.show_config_json):
            with contextlib.suppress(NoStart):
                app.start()  # --generate-config writes jupyter_snapshot_config.py
            return 0
        if command is None:
            what = f"unknown command {app.extra_args[0]!r}" if app.extra_args else "no command"
            print(
                f"jupyter snapshot: {what}; one of: {', '.join(app.subcommands)} (see --help)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        if command.show_config or command.show_config_json:
            command.start_show_config()  # what the config files and options amount to
            return 0
        code = run_command(command)  # type: ignore[arg-type]
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # --help, or options traitlets could not parse
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except BrokenPipeError:
        # `list --json | head -1`: the reader has what it wanted. Point stdout at /dev/null so
        # the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    finally:
        if app.subapp is not None:
            type(app.subapp).clear_instance()
        SnapshotCLI.clear_instance()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
