"""The operations layer: what a user can do with snapshots, once, for the REST API and the CLI.

Below the handlers and the CLI, above diff/capture/store; plain Python (no tornado, no
jupyter_server). See :class:`Operations`.
"""

from .core import Operations, SecretPolicy, inline, root_for
from .errors import AmbiguousId, Conflict, NotFound, SecretsFound, UnknownId
from .identity import METADATA_KEY, NotebookIds, metadata_identity
from .ids import resolve_id, short_id
from .workspace import ContentsWorkspace, FolderWorkspace, Workspace

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
    "inline",
    "metadata_identity",
    "resolve_id",
    "root_for",
    "short_id",
]
