"""Re-run a snapshot to verify it: execute its notebook again and compare every code cell.

How (``rerun``):
1. Say which data files the run read now differ from their recorded hashes (before running).
2. Restore the notebook into a scratch folder beside its original location; run it top to
   bottom (nbclient) in a fresh kernel of the recorded kernel name whose working directory is
   the notebook's original folder, so relative data paths resolve as they did. The notebook's
   recorded parameters are its parameters cell (and papermill's injected cell): they run as
   recorded. One time limit covers the whole run.
3. Compare each code cell's outputs with the snapshot's (``compare``), capture the run like a
   take (kernel probe, audit log of the files it opened) and store it as a snapshot tagged
   ``rerun-of:<ID>``; write a verification record linking the two with the verdict.
   Its outputs go through the secrets check of a take: what looks like a secret is redacted
   (before comparing, so a secret the snapshot had redacted compares equal) unless the caller
   allows secrets explicitly.
A run that times out or is cancelled stores no snapshot (only a "failed" verification record
when it timed out). The scratch folder and the kernel are always removed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..capture import CaptureResult, capture_facts, install_kernel_hook, redact_unless_allowed
from ..store import Store
from .compare import DEFAULT_RTOL as DEFAULT_RTOL
from .compare import ERROR, TIMEOUT, compare_cells, verdict
from .datacheck import changed_inputs
from .verifications import add_verification

log = logging.getLogger(__name__)
Progress = Callable[[dict[str, Any]], None]
DEFAULT_TIMEOUT = 600.0
RERUN_TAG = "rerun-of:"


def _quiet(_event: dict[str, Any]) -> None:
    pass


def original_folder(manifest: dict[str, Any], root_dir: Path) -> Path:
    """The folder the notebook was in (inside the root), else the root itself."""
    root = Path(os.path.realpath(root_dir))
    path = (manifest.get("notebook") or {}).get("path")
    if isinstance(path, str) and path and not os.path.isabs(path):
        folder = Path(os.path.realpath(root / path)).parent
        if folder.is_relative_to(root) and folder.is_dir():
            return folder
    return root


def kernel_name_of(manifest: dict[str, Any], notebook: dict[str, Any]) -> str:
    recorded = (manifest.get("kernel") or {}).get("name")
    spec = ((notebook.get("metadata") or {}).get("kernelspec") or {}).get("name")
    return str(recorded or spec or "python3")


@dataclass
class RerunSettings:
    """Where and how to run: ``root_dir`` is the server root (the CLI: the cwd)."""

    root_dir: Path
    author: dict[str, Any]
    timeout: float = DEFAULT_TIMEOUT
    rtol: float = DEFAULT_RTOL
    hash_cache_dir: Path | None = None
    keep_written_max_bytes: int = 0
    allow_secrets: bool = False
    progress: Progress = field(default=_quiet)


async def rerun(store: Store, snapshot_id: str, settings: RerunSettings) -> dict[str, Any]:
    """``{"id", "of", "verdict", "cells", "data_changed", ...}``; see the module doc.

    Blocking store and file work runs in threads; cancel the task to stop the run (the kernel
    is shut down, nothing is stored)."""
    started = time.monotonic()
    manifest = await asyncio.to_thread(store.get_manifest, snapshot_id)
    of = str(manifest["id"])
    original = await asyncio.to_thread(store.get_notebook, of)
    root = Path(os.path.realpath(settings.root_dir))
    data_changed = await asyncio.to_thread(changed_inputs, manifest, root, settings.hash_cache_dir)
    settings.progress({"stage": "data", "data_changed": data_changed})
    folder = original_folder(manifest, root)
    name = Path(str((manifest.get("notebook") or {}).get("name") or "notebook.ipynb")).name
    scratch = Path(tempfile.mkdtemp(prefix=f".rerun-{of[-6:].lower()}-", dir=folder))
    logs = Path(tempfile.mkdtemp(prefix="jupyter-ext-rerun-"))
    result: dict[str, Any] = {"id": None, "of": of, "verdict": "failed", "cells": [],
                              "data_changed": data_changed,
                              "secrets": [], "warnings": []}  # fmt: skip
    try:
        restored = scratch / name
        await asyncio.to_thread(restored.write_text, json.dumps(original), "utf-8")
        run = await _execute(original, manifest, folder, logs, restored, settings)
        result["kernel"] = run.kernel_name
        stored, facts = run.notebook, None
        if run.facts is not None:
            stored, secret_warnings = await asyncio.to_thread(
                redact_unless_allowed, run.notebook, run.facts.findings,
                allow=settings.allow_secrets,
            )  # fmt: skip
            facts = dict(run.facts.facts)
            facts["warnings"] = [*secret_warnings, *facts.get("warnings", [])]
            result["secrets"] = [asdict(f) for f in run.facts.findings]
            result["warnings"] = list(facts["warnings"])
        result["cells"] = await asyncio.to_thread(
            compare_cells, original, stored, not_run=run.not_run, rtol=settings.rtol,
            not_run_status=TIMEOUT if run.timed_out else ERROR,
        )  # fmt: skip
        result["verdict"] = "failed" if run.error else verdict(result["cells"])
        if run.error:
            result["detail"] = run.error
        if run.facts is not None and facts is not None:
            summary = await asyncio.to_thread(
                store.take, stored, author=settings.author,
                notebook_info=dict(manifest.get("notebook") or {}),
                message=f"re-run of {of}: {result['verdict']}", tags=[RERUN_TAG + of],
                facts=facts, extra_blobs=run.facts.extra_blobs,
            )  # fmt: skip
            result["id"] = summary["id"]
            result["queued"] = bool(summary.get("queued"))
    finally:
        for path in (scratch, logs):
            await asyncio.to_thread(shutil.rmtree, path, True)
    record = await asyncio.to_thread(
        add_verification, store, of, rerun_id=result["id"], verdict=result["verdict"],
        cells=result["cells"], data_changed=data_changed, author=settings.author,
        detail=str(result.get("detail") or ""),
    )  # fmt: skip
    result["verification"] = record["id"]
    result["duration_s"] = round(time.monotonic() - started, 2)
    settings.progress({"stage": "done", "verdict": result["verdict"]})
    return result


@dataclass
class _Run:
    notebook: dict[str, Any]
    kernel_name: str
    not_run: set[int]
    error: str | None = None
    timed_out: bool = False
    facts: CaptureResult | None = None


async def _execute(
    original: dict[str, Any],
    manifest: dict[str, Any],
    folder: Path,
    logs: Path,
    restored: Path,
    settings: RerunSettings,
) -> _Run:
    """Run the notebook in a fresh kernel; the kernel stays up for the capture, then goes."""
    import nbformat
    from jupyter_client.kernelspec import NoSuchKernel
    from jupyter_client.multikernelmanager import AsyncMultiKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    deadline = time.monotonic() + settings.timeout
    notebook = nbformat.from_dict(json.loads(json.dumps(original)))  # type: ignore[no-untyped-call]
    code_cells = [i for i, c in enumerate(notebook.cells) if c.get("cell_type") == "code"]
    for index in code_cells:
        notebook.cells[index]["outputs"] = []
        notebook.cells[index]["execution_count"] = None
    run = _Run(notebook, kernel_name_of(manifest, original), set(code_cells))
    kernels = AsyncMultiKernelManager()
    client: NotebookClient | None = None
    try:
        kernel_id = await kernels.start_kernel(kernel_name=run.kernel_name, cwd=str(folder))
    except NoSuchKernel:
        run.error = f"no kernel named {run.kernel_name!r} is installed here"
        return run
    try:
        await install_kernel_hook(kernels, kernel_id, log_dir=logs)
        client = NotebookClient(
            notebook,
            km=kernels.get_kernel(kernel_id),
            kernel_name=run.kernel_name,
            allow_errors=True,
            record_timing=False,
            resources={"metadata": {"path": str(folder)}},
        )
        async with client.async_setup_kernel(cleanup_kc=False):
            for done, index in enumerate(code_cells):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    run.error, run.timed_out = (
                        f"the time limit of {settings.timeout:g} s ran out",
                        True,
                    )
                    break
                settings.progress({"stage": "cell", "index": index, "done": done,
                                   "total": len(code_cells)})  # fmt: skip
                client.timeout = max(1, int(remaining + 0.999))
                try:
                    await asyncio.wait_for(
                        client.async_execute_cell(notebook.cells[index], index), remaining + 5
                    )
                except (CellTimeoutError, asyncio.TimeoutError):
                    run.error = f"the time limit of {settings.timeout:g} s ran out in cell {index}"
                    run.timed_out = True
                    break
                except DeadKernelError:
                    run.error = f"the kernel died in cell {index}"
                    break
                run.not_run.discard(index)
            if run.error is None:
                run.notebook = json.loads(json.dumps(notebook))
                await asyncio.to_thread(restored.write_text, json.dumps(run.notebook), "utf-8")
                run.facts = await capture_facts(
                    run.notebook,
                    notebook_path=Path(folder / restored.name),
                    root_dir=settings.root_dir,
                    kernel_manager=kernels,
                    kernel_id=kernel_id,
                    timeout=10.0,
                    audit_log_dir=logs,
                    hash_cache_dir=settings.hash_cache_dir,
                    keep_written_max_bytes=settings.keep_written_max_bytes,
                )
        return run
    finally:
        if client is not None and client.kc is not None:
            client.kc.stop_channels()
        await kernels.shutdown_all(now=True)
