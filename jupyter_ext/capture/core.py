"""``capture_facts``: notebook + kernel + environment -> the run facts of a manifest."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .datarefs import RawRef, code_refs, fingerprint, read_audit_log, resolve_refs
from .environment import environment_facts, imports_in_code, process_probe
from .gitinfo import git_facts
from .hashing import HashCache
from .kernelprobe import KernelProbe, audit_log_path, probe_kernel, registered_audit_log
from .notebook import notebook_identity
from .params import extract_metrics, extract_params
from .secrets import SecretFinding, find_secret_spans, looks_like_secret, redact_text, scan_secrets

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class CaptureResult:
    """``facts``: the manifest keys params, metrics, metrics_history, data, kernel,
    environment, git, timing, warnings. ``extra_blobs``: sha256 hex -> content (package list,
    small data files) to store and list in ``refs``. ``findings``: secrets seen in the
    notebook (for ``redact_secrets``)."""

    facts: dict[str, Any]
    extra_blobs: dict[str, bytes]
    warnings: list[str]
    findings: list[SecretFinding] = field(default_factory=list)


def _iso_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _redact_tree(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)[0]
    if isinstance(value, list):
        return [_redact_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_tree(v) for k, v in value.items()}
    return value


def _clean_params(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    cleaned: dict[str, Any] = {}
    warnings: list[str] = []
    for name, value in params.items():
        text = value if isinstance(value, str) else json.dumps(value)
        kind = (
            looks_like_secret(name, text)
            if isinstance(value, str)
            else (find_secret_spans(text)[0][2] if find_secret_spans(text) else None)
        )
        if kind:
            warnings.append(f"parameter {name} looks like a secret ({kind}): redacted")
            value = f"[REDACTED:{kind}]" if isinstance(value, str) else _redact_tree(value)
        cleaned[name] = value
    return cleaned, warnings


def _secret_warnings(findings: list[SecretFinding]) -> list[str]:
    seen: dict[str, None] = {}
    for f in findings:  # cells counted from 1, as the dialog and the CLI show them
        if f.where == "output":
            seen[f"output of cell {(f.cell_index or 0) + 1} may contain a secret ({f.kind})"] = None
        elif f.where == "source":
            seen[f"source of cell {(f.cell_index or 0) + 1} may contain a secret ({f.kind})"] = None
        elif f.where == "metadata":
            seen[f"notebook metadata may contain a secret ({f.kind})"] = None
    return list(seen)


def _kernel_warnings(probe: KernelProbe) -> list[str]:
    state = probe.facts.get("state")
    if probe.probe is not None or state == "none":
        return []
    return [f"kernel {state}: interpreter and package versions not captured from the kernel"]


def _same_interpreter(executable: Any) -> bool:
    if not isinstance(executable, str):
        return False
    if executable in ("python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        return True
    return os.path.realpath(executable) == os.path.realpath(sys.executable)


def _sync_facts(
    notebook: dict[str, Any],
    root: Path,
    nb_abs: Path | None,
    audit_log: Path | None,
    hash_cache_dir: Path | None,
    include_data_max_bytes: int,
    sample_above_bytes: int,
    also_refs: list[RawRef] | None = None,
) -> tuple[dict[str, Any], dict[str, bytes], list[str], list[SecretFinding]]:
    """Everything that does not need the kernel (runs in a worker thread)."""
    warnings: list[str] = []
    params, param_warnings = _clean_params(extract_params(notebook))
    metrics, history, metric_warnings = extract_metrics(notebook)
    git, git_warning = git_facts(nb_abs if nb_abs is not None else root)
    warnings += param_warnings + metric_warnings + ([git_warning] if git_warning else [])
    base_dir = nb_abs.parent if nb_abs is not None else root
    raw: list[RawRef] = []
    if audit_log is not None:
        raw, log_warnings = read_audit_log(audit_log)
        warnings += log_warnings
    raw += code_refs(notebook, base_dir, root)
    raw += also_refs or []
    exclude = tuple(
        os.path.join(os.path.realpath(p), "")
        for p in (hash_cache_dir, audit_log.parent if audit_log else None)
        if p is not None
    )
    files, urls = resolve_refs(raw, root, base_dir, exclude)
    cache = HashCache(hash_cache_dir)
    try:
        data, blobs, data_warnings = fingerprint(
            files,
            urls,
            root_dir=root,
            cache=cache,
            git=git,
            include_data_max_bytes=include_data_max_bytes,
            sample_above_bytes=sample_above_bytes,
        )
    finally:
        cache.close()
    warnings += data_warnings
    if git is not None:
        git.pop("modified", None)
    findings = scan_secrets(notebook)
    warnings += _secret_warnings(findings)
    facts = {
        "params": params,
        "metrics": metrics,
        "metrics_history": history,
        "data": data,
        "git": git,
    }
    return facts, blobs, warnings, findings


def _assemble(
    notebook: dict[str, Any], probe: KernelProbe, facts: dict[str, Any], warnings: list[str]
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The facts dict (environment from the probe or this process) and the environment blobs."""
    if probe.probe is not None:
        env_source, payload = "kernel", probe.probe
    else:
        env_source = "cli-process" if probe.facts["state"] == "none" else "server-process"
        payload = process_probe(notebook)
        if env_source == "server-process" and not _same_interpreter(probe.facts.get("executable")):
            hidden = ("packages", "imported_packages", "python")
            payload = {k: v for k, v in payload.items() if k not in hidden}
    environment, env_blobs, env_warnings = environment_facts(payload, env_source)
    if env_source != "kernel" and environment.get("imported_packages") is not None:
        environment["imported_packages_from"] = "code"  # import statements, not sys.modules
    result = {
        "params": facts["params"],
        "metrics": facts["metrics"],
        "metrics_history": facts["metrics_history"],
        "data": facts["data"],
        "kernel": probe.facts,
        "environment": environment,
        "git": facts["git"],
        "timing": {},
        "warnings": warnings + env_warnings,
    }
    if find_secret_spans(json.dumps(result)):  # last line of defence: nothing leaks
        result = _redact_tree(result)
    return result, env_blobs


async def capture_facts(
    notebook: dict[str, Any],
    *,
    notebook_path: Path | None,
    root_dir: Path,
    kernel_manager: Any | None = None,
    kernel_id: str | None = None,
    timeout: float = 3.0,
    hash_cache_dir: Path | None = None,
    include_data_max_bytes: int = 0,
    sample_above_bytes: int = 1 << 30,
    audit_log_dir: Path | None = None,
    also_refs: list[RawRef] | None = None,
) -> CaptureResult:
    """Capture the run facts of ``notebook`` (a normalized nbformat-4 dict).

    ``notebook_path`` is absolute or relative to ``root_dir``. With ``kernel_manager`` and
    ``kernel_id`` the kernel is probed (bounded by ``timeout``; busy/dead kernels are
    reported, not waited for). The kernel's audit log is read from ``audit_log_dir`` (default:
    the folder given to ``install_kernel_hook`` in this process). ``also_refs`` are more
    files to fingerprint (e.g. those an earlier run read, for a live diff). Without a kernel, the
    environment is this process's ("source": "cli-process"). Never raises for kernel, git or
    data problems: they become ``missing`` entries and warnings.
    """
    started, t0 = _iso_now(), time.perf_counter()
    root = Path(root_dir).absolute()
    nb_abs = None
    if notebook_path is not None:
        nb_abs = Path(os.path.normpath(root / notebook_path))
    audit_log = None
    if kernel_id is not None:
        audit_log = (
            audit_log_path(audit_log_dir, kernel_id)
            if audit_log_dir is not None
            else registered_audit_log(kernel_id)
        )
    sync = asyncio.to_thread(
        _sync_facts,
        notebook,
        root,
        nb_abs,
        audit_log,
        hash_cache_dir,
        include_data_max_bytes,
        sample_above_bytes,
        also_refs,
    )
    if kernel_manager is not None and kernel_id is not None:
        modules = await asyncio.to_thread(imports_in_code, notebook)
        probe, (facts, blobs, warnings, findings) = await asyncio.gather(
            probe_kernel(kernel_manager, kernel_id, timeout, modules, audit_log), sync
        )
    else:
        facts, blobs, warnings, findings = await sync
        probe = KernelProbe(
            {
                "name": None,
                "display_name": None,
                "language": None,
                "state": "none",
                "missing": ["all kernel facts: no kernel"],
            }
        )
    # CPU work stays off the event loop (the server keeps answering other requests)
    result, env_blobs = await asyncio.to_thread(
        _assemble, notebook, probe, facts, _kernel_warnings(probe) + probe.warnings + warnings
    )
    blobs.update(env_blobs)
    result["timing"] = {"started": started, "duration_s": round(time.perf_counter() - t0, 4)}
    return CaptureResult(result, blobs, list(result["warnings"]), findings)


Offload = Callable[..., Awaitable[Any]]


async def _inline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


async def capture_and_take(
    store: Store,
    notebook: dict[str, Any],
    *,
    notebook_path: Path,
    root_dir: Path,
    author: dict[str, Any],
    message: str = "",
    tags: list[str] | None = None,
    offload: Offload = _inline,
    **capture_options: Any,
) -> dict[str, Any]:
    """Capture the facts of ``notebook`` and store the snapshot: the one take path of the
    server and the CLI. ``offload`` runs the blocking steps (a server passes its thread pool);
    ``capture_options`` go to :func:`capture_facts`."""
    result = await capture_facts(
        notebook, notebook_path=notebook_path, root_dir=root_dir, **capture_options
    )
    info = await offload(notebook_identity, notebook_path, root_dir)
    summary: dict[str, Any] = await offload(
        store.take,
        notebook,
        author=author,
        notebook_info=info,
        message=message,
        tags=tags or [],
        facts=result.facts,
        extra_blobs=result.extra_blobs,
    )
    summary.setdefault("warnings", result.warnings)
    return summary
