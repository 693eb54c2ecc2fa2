"""Print the store `make lab`'s server will use, resolved the way the server resolves it.

The environment (JUPYTER_SNAPSHOT_STORE) first, then ``--SnapshotApp.store_url=URL`` among the
arguments (the extra JupyterLab arguments, `make lab LAB_ARGS=...`), then the Jupyter config
files, then the embedded default (``snapshots`` in the Jupyter data dir).
"""

from __future__ import annotations

import sys

from jupyter_ext.config import resolve_store_url

try:  # the server config files, read as the CLI reads them
    from jupyter_ext.cli_commands import configured_store_url
except ImportError:  # pragma: no cover - a renamed helper must not stop `make lab`

    def configured_store_url() -> str | None:
        return None


FLAG = "--SnapshotApp.store_url="
flag = next((arg[len(FLAG) :] for arg in reversed(sys.argv[1:]) if arg.startswith(FLAG)), None)
print(resolve_store_url(configured=flag or configured_store_url()))
