"""Capture fixtures: REAL ipykernels (python3 kernelspec of this venv) managed by
jupyter_server's AsyncMappingKernelManager, the same class the server extension receives.

pytest-jupyter runs ``async def`` tests on its ``jp_asyncio_loop``; fixtures here are sync and
drive that loop.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from capture_helpers import RunningKernel
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from jupyter_ext.capture import install_kernel_hook

# Files opened by THIS (test) process, to prove that capture does not re-read data.
OPENED: list[str] = []
_WATCH: list[str] = []
_LOCK = threading.Lock()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _WATCH and isinstance(args[0], (str, os.PathLike)):
        path = os.fspath(args[0])
        if any(path.startswith(prefix) for prefix in _WATCH):
            with _LOCK:
                OPENED.append(path)


sys.addaudithook(_audit)


@pytest.fixture
def watch_opens() -> Iterator[Callable[[Path], list[str]]]:
    """``watch(dir)`` starts recording files this process opens under ``dir``; returns the
    live list."""

    def watch(folder: Path) -> list[str]:
        _WATCH.append(str(folder))
        return OPENED

    yield watch
    _WATCH.clear()
    OPENED.clear()


@pytest.fixture
def start_kernel(
    tmp_path: Path, jp_asyncio_loop: asyncio.AbstractEventLoop
) -> Iterator[Callable[..., Awaitable[RunningKernel]]]:
    """``await start_kernel(path="", env=None, hook=True)``: a real python3 kernel whose cwd is
    ``root/path``, with the audit hook installed (log in tmp/logs)."""
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    km = AsyncMappingKernelManager(root_dir=str(root))
    started: list[RunningKernel] = []

    async def start(
        path: str = "", env: dict[str, str] | None = None, hook: bool = True
    ) -> RunningKernel:
        kwargs: dict[str, Any] = {"env": {**os.environ, **env}} if env else {}
        kid = await km.start_kernel(kernel_name="python3", path=path, **kwargs)
        client = km.get_kernel(kid).client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        log_dir = tmp_path / "logs"
        if hook:
            await install_kernel_hook(km, kid, log_dir=log_dir)
        running = RunningKernel(km, kid, root, log_dir, client)
        started.append(running)
        return running

    yield start
    for running in started:
        running.client.stop_channels()
    jp_asyncio_loop.run_until_complete(km.shutdown_all(now=True))
