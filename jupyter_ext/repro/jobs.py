"""Background re-run jobs for the server: each runs in a worker thread with its own event
loop (never on the server's), reports progress, and can be cancelled.

A cancelled or failed job stores no snapshot (see ``rerun``). Finished jobs are kept for
the last ``keep`` jobs so clients can read their verdict.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from ..store.ids import new_ulid

JobBody = Callable[[Callable[[dict[str, Any]], None]], Awaitable[dict[str, Any]]]


class RerunJob:
    def __init__(self, snapshot_id: str, owner: str) -> None:
        self.id = new_ulid()
        self.snapshot = snapshot_id
        self.owner = owner
        self.state = "queued"  # queued | running | done | failed | cancelled
        self.progress: dict[str, Any] = {}
        self.data_changed: list[str] | None = None
        self.result: dict[str, Any] | None = None
        self.error: str | None = None
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[dict[str, Any]] | None = None
        self._future: Future[None] | None = None
        self._cancelled = False

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {
                "id": self.id,
                "snapshot": self.snapshot,
                "state": self.state,
                "progress": dict(self.progress),
                "data_changed": self.data_changed,
                "result": self.result,
                "error": self.error,
            }

    def on_progress(self, event: dict[str, Any]) -> None:
        with self._lock:
            if event.get("stage") == "data":
                self.data_changed = list(event.get("data_changed") or [])
            self.progress = dict(event)

    def cancel(self) -> None:
        with self._lock:
            if self.state in ("done", "failed", "cancelled"):
                return
            self._cancelled = True
            if self._future is not None and self._future.cancel():
                self.state = "cancelled"  # never started
                return
            loop, task = self._loop, self._task
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)

    def run(self, body: JobBody) -> None:
        """The worker thread's entry point."""

        async def main() -> dict[str, Any]:
            task = asyncio.ensure_future(body(self.on_progress))
            with self._lock:
                self._loop, self._task = asyncio.get_running_loop(), task
                self.state = "running"
                if self._cancelled:
                    task.cancel()
            return await task

        try:
            result = asyncio.run(main())
        except asyncio.CancelledError:
            with self._lock:
                self.state = "cancelled"
            return
        except Exception as exc:
            with self._lock:
                self.state, self.error = "failed", f"{type(exc).__name__}: {exc}"
            return
        with self._lock:
            self.state, self.result = "done", result


class RerunJobs:
    """At most ``workers`` re-runs at once (each starts a kernel); others wait queued."""

    def __init__(self, workers: int = 2, keep: int = 200) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jupyter-ext-rerun")
        self._jobs: OrderedDict[str, RerunJob] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def start(self, snapshot_id: str, owner: str, body: JobBody) -> RerunJob:
        job = RerunJob(snapshot_id, owner)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
        job._future = self._pool.submit(job.run, body)
        return job

    def get(self, job_id: str) -> RerunJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
