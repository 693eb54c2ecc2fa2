"""The operations layer: what a user can do with snapshots, once, for the REST API and the CLI.

Below the handlers and the CLI, above diff/capture/store; plain Python (no tornado, no
jupyter_server). See :class:`Operations`. From a terminal::

    store = Store(url, local_state_dir(url), storage_options)
    ops, rel = for_file(store, "exp/churn.ipynb")        # root: the cwd (or the file's folder)
    summary = asyncio.run(ops.take(rel, author=author_record(explicit=None), secrets="refuse"))
    manifest = ops.show("xmxh0m")                          # full id, short id or prefix >= 6
    result = asyncio.run(ops.diff("xmxh0m", rel))          # live file: same run diff as the UI
    items, cursor = ops.list(notebook=rel, limit=50)       # follows renames

Errors: AmbiguousId (lists ``candidates``), UnknownId (a SnapshotNotFound), InvalidSnapshotId,
SecretsFound (``findings``; with secrets="refuse"), Conflict, NotFound, BadPath, StoreError.
"""

from .core import Operations, SecretPolicy, inline
from .errors import AmbiguousId, Conflict, NotFound, SecretsFound, UnknownId
from .identity import METADATA_KEY, NotebookIds, metadata_identity
from .ids import resolve_id, short_id
from .workspace import ContentsWorkspace, FolderWorkspace, Workspace, for_file, root_for

__all__ = [
    "METADATA_KEY",
    "AmbiguousId",
    "Conflict",
    "ContentsWorkspace",
    "FolderWorkspace",
    "NotFound",
    "NotebookIds",
    "Operations",
    "SecretPolicy",
    "SecretsFound",
    "UnknownId",
    "Workspace",
    "for_file",
    "inline",
    "metadata_identity",
    "resolve_id",
    "root_for",
    "short_id",
]
