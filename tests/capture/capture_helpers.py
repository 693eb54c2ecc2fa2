"""Helpers shared by the capture tests (real git repos, notebooks, real kernels)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


def make_repo(path: Path, remote: str | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    if remote:
        git(path, "remote", "add", "origin", remote)
    return path


def notebook(*cells: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    nb = nbformat.v4.new_notebook(cells=list(cells), metadata=metadata)
    return dict(nbformat.from_dict(nb))


def code(
    source: str,
    tags: list[str] | None = None,
    outputs: list[Any] | None = None,
    execution_count: int | None = None,
) -> dict[str, Any]:
    cell = nbformat.v4.new_code_cell(source, outputs=outputs or [], execution_count=execution_count)
    if tags:
        cell.metadata["tags"] = tags
    return dict(cell)


@dataclass
class RunningKernel:
    """A real kernel plus a client to run cells in it."""

    km: AsyncMappingKernelManager
    kernel_id: str
    root: Path
    log_dir: Path
    client: Any
    counter: list[int] = field(default_factory=lambda: [0])

    async def cell(self, source: str, timeout: float = 60) -> dict[str, Any]:
        """Execute ``source`` like a notebook cell; return the nbformat cell with outputs."""
        outputs: list[Any] = []

        def hook(msg: dict[str, Any]) -> None:
            if msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(msg))

        reply = await self.client.execute_interactive(source, timeout=timeout, output_hook=hook)
        return code(
            source,
            outputs=[dict(o) for o in outputs],
            execution_count=reply["content"].get("execution_count"),
        )

    def start(self, source: str) -> None:
        """Send ``source`` without waiting (to make the kernel busy)."""
        self.client.execute(source)

    async def kill(self) -> None:
        kernel = self.km.get_kernel(self.kernel_id)
        kernel.autorestart = False
        await kernel.provisioner.kill()
        for _ in range(100):
            if not await kernel.is_alive():
                return
            await asyncio.sleep(0.05)
