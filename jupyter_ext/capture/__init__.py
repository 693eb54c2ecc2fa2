"""Capture: notebook + kernel + environment -> the run facts of a snapshot manifest.

Knows nothing of HTTP (no tornado / jupyter_server handlers): callers pass a kernel manager.
"""

from .core import CaptureResult, capture_and_take, capture_facts
from .kernelprobe import audit_log_path, install_kernel_hook
from .notebook import normalize_notebook, notebook_identity
from .secrets import (
    SecretFinding,
    redact_secrets,
    redact_text,
    redact_unless_allowed,
    scan_secrets,
)
from .urls import normalize_remote, strip_url_credentials

__all__ = [
    "CaptureResult",
    "SecretFinding",
    "audit_log_path",
    "capture_and_take",
    "capture_facts",
    "install_kernel_hook",
    "normalize_notebook",
    "normalize_remote",
    "notebook_identity",
    "redact_secrets",
    "redact_text",
    "redact_unless_allowed",
    "scan_secrets",
    "strip_url_credentials",
]
