"""The event loop never stalls on a secret scan: while a notebook with a 653 KiB one-line
output (20,000 URLs printed at once) is snapshotted or scanned, the server keeps answering
``/api/status`` within 200 ms."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import nbformat
from api_helpers import make_notebook

STALL_S = 0.2
URLS = " ".join(f"https://example.com/files/{i:06d}" for i in range(20_000))


def url_notebook() -> dict[str, Any]:
    nb = make_notebook()
    cell = nbformat.v4.new_code_cell("print(' '.join(urls))", execution_count=4)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=URLS + "\n")]
    nb["cells"].append(
        json.loads(nbformat.writes(nbformat.v4.new_notebook(cells=[cell])))["cells"][0]
    )
    return nb


async def _answers_while(jp_fetch: Any, work: Awaitable[Any]) -> tuple[list[float], Any]:
    """How long each ``GET /api/status``, polled while ``work`` runs, waited for its answer,
    and the result of ``work``. The client shares the server's event loop (and process): a
    stall while it sleeps between polls delays the next poll, so it counts too."""
    task = asyncio.ensure_future(work)
    latencies: list[float] = []
    due = time.perf_counter()  # when the next poll should start
    while not task.done():
        response = await jp_fetch("api", "status")
        latencies.append(time.perf_counter() - due)
        assert response.code == 200
        due = time.perf_counter() + 0.01
        await asyncio.sleep(0.01)
    return latencies, await task


async def test_status_answers_while_a_huge_line_is_snapshotted(jp_fetch, jp_root_dir: Path):
    assert len(URLS) > 640 * 1024
    nb = url_notebook()
    (jp_root_dir / "urls.ipynb").write_text(json.dumps(nb))
    for body in (
        {"path": "urls.ipynb", "message": "from disk"},
        {"path": "urls.ipynb", "message": "as shown", "content": nb, "redact_secrets": True},
    ):
        text = json.dumps(body)
        latencies, response = await _answers_while(
            jp_fetch, jp_fetch("jupyter-ext", "api", "snapshots", method="POST", body=text)
        )
        assert response.code == 201
        print(f"take ({body['message']}): {len(latencies)} probes, max {max(latencies):.3f} s")
        assert latencies and max(latencies) < STALL_S, f"status waited {max(latencies):.2f} s"


async def test_status_answers_while_a_huge_line_is_scanned(jp_fetch):
    text = json.dumps({"content": url_notebook()})
    latencies, response = await _answers_while(
        jp_fetch, jp_fetch("jupyter-ext", "api", "secrets-scan", method="POST", body=text)
    )
    assert response.code == 200 and json.loads(response.body)["findings"] == []
    print(f"scan: {len(latencies)} probes, max {max(latencies):.3f} s")
    assert latencies and max(latencies) < STALL_S, f"status waited {max(latencies):.2f} s"
