"""The `jupyter snapshot` application: a traitlets JupyterApp whose subcommands do the work."""

from __future__ import annotations

from jupyter_core.application import JupyterApp

from .. import __version__
from ..config import SnapshotApp

_COMMANDS = {
    "init": ("maintenance.InitCommand", "Create a team store (on purpose)."),
    "take": ("writing.TakeCommand", "Snapshot a notebook file."),
    "list": ("reading.ListCommand", "List snapshots, newest first."),
    "show": ("reading.ShowCommand", "Show a snapshot: params, metrics, data, kernel, env, git."),
    "export": ("reading.ExportCommand", "Write the notebook exactly as snapshotted."),
    "diff": ("diffing.DiffCommand", "Diff two snapshots, or a snapshot and a notebook file."),
    "verify": ("maintenance.VerifyCommand", "Check every manifest and blob."),
    "gc": ("maintenance.GcCommand", "Remove unreferenced blobs older than the grace period."),
    "sync": ("maintenance.SyncCommand", "Deliver queued snapshots; refresh the index."),
    "delete": ("writing.DeleteCommand", "Delete one of your snapshots."),
    "info": ("reading.InfoCommand", "Where the store is, whether it answers, index, outbox."),
    "rerun": ("reproducing.RerunCommand", "Re-run a snapshot and verify its outputs."),
    "env": ("reproducing.EnvCommand", "Print a file that recreates a run's environment."),
    "lineage": ("reproducing.LineageCommand", "Runs linked by the data files they share."),
    "artifact": ("reproducing.ArtifactCommand", "Get back a file a run wrote, byte-exact."),
}


class SnapshotCLI(JupyterApp):
    """`jupyter snapshot COMMAND …` for terminals and CI jobs."""

    name = "jupyter-snapshot"
    version = __version__
    description = (
        "Snapshot notebook runs into a shared team store; list, show, diff and export them.\n\n"
        "Settings come from the same config files as the server extension "
        "(c.SnapshotApp in jupyter_server_config.py), then jupyter_snapshot_config.py, then "
        "the command line. The store: --store, else $JUPYTER_SNAPSHOT_STORE, else "
        "c.SnapshotApp.store_url, else 'snapshots' in the Jupyter data dir."
    )
    examples = (
        'jupyter snapshot take exp/churn.ipynb -m "lr 0.1" -t sweep\n'
        'jupyter snapshot list --query "tag:sweep accuracy>=0.9"\n'
        "jupyter snapshot diff 01M90RDX exp/churn.ipynb\n"
        "jupyter snapshot info\n"
        "jupyter snapshot take --help"
    )
    classes = [SnapshotApp]
    subcommands = {
        name: (f"{__package__}.{target}", help) for name, (target, help) in _COMMANDS.items()
    }
