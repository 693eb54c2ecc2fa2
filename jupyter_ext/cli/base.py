"""What every `jupyter snapshot` subcommand shares: config, the store, output and errors.

Each subcommand is a traitlets `JupyterApp`: it reads the same config files and the same
``c.SnapshotApp`` section as the server extension (``jupyter_server_config.py``), then
``jupyter_snapshot_config.py``; the command line wins over both.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from jupyter_core.application import JupyterApp, base_aliases, base_flags
from traitlets import Bool, Unicode
from traitlets.config import Application
from traitlets.config.loader import ConfigFileNotFound

from ..config import SnapshotApp

if TYPE_CHECKING:
    from ..operations import Operations
    from ..store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SECRETS = 3
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process killed by SIGPIPE


class CliError(Exception):
    """A failure to report as one line on stderr."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def strict_json(payload: Any) -> str:
    """Indented JSON that any parser reads: NaN and infinities become null."""
    return json.dumps(_finite(payload), indent=2, default=str, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def store_aliases(more: dict[Any, str] | None = None) -> dict[Any, Any]:
    """The options every command takes (--store, JupyterApp's), plus *more*."""
    return {**base_aliases, "store": "SnapshotCommand.store", **(more or {})}


def json_flags(more: dict[str, Any] | None = None) -> dict[Any, Any]:
    """The flags every command takes (--json, JupyterApp's), plus *more*."""
    return {
        **base_flags,
        "json": ({"SnapshotCommand": {"json": True}}, "Machine-readable JSON on stdout."),
        **(more or {}),
    }


class SnapshotCommand(JupyterApp):
    """Base of the subcommands: store selection, config files, output, errors."""

    name = "jupyter-snapshot"  # config file: jupyter_snapshot_config.py
    classes = [SnapshotApp]
    command: ClassVar[str] = ""  # e.g. "take"
    usage: ClassVar[str] = ""  # its positional arguments, e.g. "NOTEBOOK"
    aliases = store_aliases()
    flags = json_flags()

    store = Unicode(
        "",
        config=True,
        help="Store URL or folder (default: $JUPYTER_SNAPSHOT_STORE, then "
        "c.SnapshotApp.store_url, then 'snapshots' in the Jupyter data dir).",
    )
    json = Bool(False, config=True, help="Print machine-readable JSON on stdout.")

    def emit_description(self) -> Generator[str, None, None]:
        """`--help` starts with the usage line: positional arguments are not traits."""
        if self.command:
            yield f"Usage: jupyter snapshot {self.command} {self.usage}".rstrip()
            yield ""
        yield from super().emit_description()

    def load_config_file(self, suppress_errors: bool = True) -> None:  # type: ignore[override]
        """jupyter_config < jupyter_server_config < jupyter_snapshot_config < command line."""
        try:
            Application.load_config_file(self, "jupyter_config", path=self.config_file_paths)
            Application.load_config_file(self, "jupyter_server_config", path=self.config_file_paths)
        except ConfigFileNotFound:
            pass
        super().load_config_file(suppress_errors)

    @property
    def settings(self) -> SnapshotApp:
        """The ``c.SnapshotApp`` settings, as the server extension reads them."""
        settings = getattr(self, "_settings", None)
        if settings is None:
            settings = self._settings = SnapshotApp(parent=self)
        return settings

    def open_store(self) -> Store:
        return self.settings.open_store(self.store or None)

    def operations(self, root: Path | None = None) -> Operations:
        """The operations layer (the server's too) over the store, for notebooks under *root*
        (default: the working directory)."""
        from ..operations import Operations

        return Operations(
            self.open_store(),
            root_dir=root or Path.cwd(),
            capture_timeout=self.settings.capture_timeout,
            include_data_max_bytes=self.settings.include_data_max_bytes,
            keep_written_max_bytes=self.settings.keep_written_max_bytes,
        )

    def author_record(self, explicit: str = "") -> dict[str, str]:
        """--author, else $JUPYTER_SNAPSHOT_AUTHOR, else $JUPYTERHUB_USER, else
        c.SnapshotApp.author, else the OS user."""
        from ..config import author_record

        return author_record(explicit=explicit or None, configured=self.settings.author or None)

    def positional(self, count: int, optional: int = 0) -> list[str]:
        """Exactly *count* positional arguments (plus up to *optional* more)."""
        args = list(self.extra_args)
        if not count <= len(args) <= count + optional:
            raise CliError(
                f"usage: jupyter snapshot {self.command} {self.usage} (see --help)",
                EXIT_USAGE,
            )
        return args

    def emit(self, payload: Any, human: str | None) -> None:
        """JSON on stdout with --json, else the human text (if any)."""
        if self.json:
            print(strict_json(payload))
        elif human:
            print(human)

    def run(self) -> int:  # pragma: no cover - every subcommand overrides it
        raise NotImplementedError

    def start(self) -> None:
        """Run and exit with the command's status (errors: one line on stderr)."""
        self.exit(run_command(self))


def run_command(command: SnapshotCommand) -> int:
    """The command's exit status; expected failures become one line on stderr."""
    label = f"snapshot {command.command}".strip()
    try:
        return command.run()
    except CliError as exc:
        print(f"jupyter {label}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:
        from ..operations import Conflict, NotFound
        from ..store import StoreError

        if isinstance(exc, (StoreError, ValueError, OSError, NotFound, Conflict)):
            print(f"jupyter {label}: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise
