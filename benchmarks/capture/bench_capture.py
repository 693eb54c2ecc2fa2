"""Capture benchmark: ``capture_facts`` overhead on a 1000-cell notebook with a REAL kernel.

    .venv/bin/python benchmarks/capture/bench_capture.py [--cells 1000] [--runs 7] [--quick]

Scenarios: no kernel (CLI), idle kernel, busy kernel (a cell in ``time.sleep``), plus the parts
(normalize_notebook, scan_secrets) and the data hashing cost cold vs. warm cache. Anchor: the
manual way to record an environment, ``python -m pip freeze``, timed in the same run; the last
column is each median divided by the anchor's. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jupyter_ext.capture import (  # noqa: E402
    capture_facts,
    install_kernel_hook,
    normalize_notebook,
    scan_secrets,
)

MIME = "application/vnd.jupyter-ext.metrics+json"
WORDS = ["df", "x", "y", "model", "loss", "train", "fit", "predict", "mean", "value", "lr"]


def make_notebook(cells: int, seed: int = 7) -> dict[str, Any]:
    """~70% code (3-15 lines, some reading data files), ~30% markdown, stream/result outputs,
    ~5% PNG images (30 KB), a papermill parameters cell and log_metric outputs."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = [
        {
            "cell_type": "code",
            "id": "params",
            "metadata": {"tags": ["parameters"]},
            "source": "lr = 0.01\nepochs = 10\nname = 'baseline'",
            "outputs": [],
            "execution_count": 1,
        }
    ]
    for i in range(1, cells):
        if rng.random() < 0.3:
            text = " ".join(rng.choices(WORDS, k=40))
            out.append({"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": text})
            continue
        lines = [
            f"{rng.choice(WORDS)}_{j} = {rng.choice(WORDS)}({rng.random():.4f})"
            for j in range(rng.randint(3, 15))
        ]
        if rng.random() < 0.1:
            lines.append(f"df = pd.read_csv('data/part_{rng.randint(0, 9)}.csv')")
        outputs: list[dict[str, Any]] = []
        if rng.random() < 0.4:
            outputs.append(
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": " ".join(rng.choices(WORDS, k=30)) + "\n",
                }
            )
        if rng.random() < 0.05:
            png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(30_000)).decode()
            outputs.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": png, "text/plain": "<Figure>"},
                }
            )
        if rng.random() < 0.02:
            outputs.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {MIME: {"metrics": {"acc": rng.random()}}, "text/plain": "metrics"},
                }
            )
        out.append(
            {
                "cell_type": "code",
                "id": f"c{i}",
                "metadata": {},
                "source": "\n".join(lines),
                "outputs": outputs,
                "execution_count": i + 1,
            }
        )
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": out}


async def timed(fn: Callable[[], Awaitable[Any]], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await fn()
        times.append(time.perf_counter() - t0)
    return times


ANCHOR: list[float] = []


def row(name: str, times: list[float]) -> str:
    median = statistics.median(times)
    ratio = f"{median / ANCHOR[0]:.2f}x" if ANCHOR else "1.00x"
    return f"| {name} | {median:.3f} | {max(times):.3f} | {ratio} |"


def pip_freeze() -> None:
    subprocess.run([sys.executable, "-m", "pip", "freeze"], check=True, capture_output=True)


async def main(cells: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "root", Path(tmp) / "cache"
        (root / "data").mkdir(parents=True)
        for i in range(10):  # 10 x 20 MB of data the notebook reads
            (root / "data" / f"part_{i}.csv").write_bytes(os.urandom(20 << 20))
        nb = normalize_notebook(make_notebook(cells))
        freeze = await timed(lambda: asyncio.to_thread(pip_freeze), 3)
        ANCHOR.append(statistics.median(freeze))
        rows = [
            row("anchor: `python -m pip freeze`", freeze),
            row(
                f"normalize_notebook ({cells} cells)",
                await timed(lambda: asyncio.to_thread(normalize_notebook, nb), runs),
            ),
            row("scan_secrets", await timed(lambda: asyncio.to_thread(scan_secrets, nb), runs)),
        ]

        async def cli() -> Any:
            return await capture_facts(
                nb, notebook_path=Path("nb.ipynb"), root_dir=root, hash_cache_dir=cache
            )

        rows.append(row("capture, no kernel, cold hash cache (200 MB data)", await timed(cli, 1)))
        rows.append(row("capture, no kernel (CLI), warm cache", await timed(cli, runs)))

        km = AsyncMappingKernelManager(root_dir=str(root))
        kid = await km.start_kernel(kernel_name="python3", path="")
        client = km.get_kernel(kid).client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        await install_kernel_hook(km, kid, log_dir=Path(tmp) / "logs")
        await client.execute_interactive(
            "import json, csv\nfor i in range(10):\n    open(f'data/part_{i}.csv', 'rb').read(10)",
            timeout=60,
        )

        async def with_kernel() -> Any:
            return await capture_facts(
                nb,
                notebook_path=Path("nb.ipynb"),
                root_dir=root,
                kernel_manager=km,
                kernel_id=kid,
                hash_cache_dir=cache,
            )

        rows.append(row("capture, idle kernel", await timed(with_kernel, runs)))
        client.execute("import time\ntime.sleep(600)")
        await asyncio.sleep(1.0)
        busy = await timed(with_kernel, runs)
        state = (await with_kernel()).facts["kernel"]["state"]
        rows.append(row(f"capture, busy kernel (state={state}, probe on a subshell)", busy))
        client.stop_channels()
        await km.shutdown_all(now=True)
    print(f"capture_facts on a {cells}-cell notebook ({runs} runs; seconds)\n")
    print("| scenario | median | max | vs anchor |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="200 cells, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.cells, args.runs = 200, 3
    asyncio.run(main(args.cells, args.runs))
