"""Load: N concurrent clients x M snapshots through the REST API of one server, with list and
diff requests in between, plus a second server on the same store; /api/status probed throughout.

    python benchmarks/load/load_api.py --clients 20 --takes 10

Prints p50/p95 of each request kind and the worst status-probe latency, and checks that every
snapshot is in both servers' indexes. Only talks to servers it starts itself on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from jupyter_ext.store import init_store

TOKEN = "load-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def notebook(client: int, take: int) -> dict:
    cells = [
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": f"c{i}",
            "metadata": {},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": f"{i}\n"}],
            "source": f"x{i} = {i}",
        }
        for i in range(50)
    ]
    cells[0] = {
        "cell_type": "code",
        "execution_count": 1,
        "id": "params",
        "metadata": {"tags": ["parameters"]},
        "outputs": [],
        "source": f"client = {client}\ntake = {take}",
    }
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def start_server(root: Path, store: Path, data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "JUPYTER_SNAPSHOT_STORE": str(store), "JUPYTER_DATA_DIR": str(data)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--allow-root",
            f"--port={port}",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.open_browser=False",
            "--SnapshotApp.sync_interval=1",
        ],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}"


def probe_status(base: str, stop: Any, out: Any) -> None:
    """Every 50 ms: how long the server takes to answer /api/status."""
    latencies: list[float] = []
    errors: list[str] = []
    with httpx.Client(headers={"Authorization": f"token {TOKEN}"}, timeout=60) as http:
        while not stop.is_set():
            start = time.perf_counter()
            response = http.get(f"{base}/api/status")
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors.append(f"status {response.status_code}")
            time.sleep(0.05)
    out.put((latencies, errors))


async def wait_up(client: httpx.AsyncClient, base: str) -> None:
    for _ in range(240):
        try:
            if (await client.get(f"{base}/api/status")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.25)
    raise RuntimeError(f"server at {base} did not start")


async def run(clients: int, takes: int, workdir: Path) -> dict:
    store = workdir / "store"
    init_store(str(store))  # a team store is made on purpose; a missing one only queues
    servers = []
    for name in ("a", "b"):
        root = workdir / f"root-{name}"
        root.mkdir()
        servers.append(start_server(root, store, workdir / f"data-{name}", workdir / f"{name}.log"))
    headers = {"Authorization": f"token {TOKEN}"}
    timings: dict[str, list[float]] = {"take": [], "list": [], "diff": [], "status": []}
    errors: list[str] = []
    try:
        async with httpx.AsyncClient(headers=headers, timeout=120) as http:
            for _, base in servers:
                await wait_up(http, base)
            primary = servers[0][1] + "/jupyter-ext/api"
            # The probe gets its own process: the load client's loop is busy building requests
            # and would otherwise add its own delays to the server's.
            probe_stop = multiprocessing.Event()
            probe_out: multiprocessing.Queue = multiprocessing.Queue()
            prober = multiprocessing.Process(
                target=probe_status, args=(servers[0][1], probe_stop, probe_out), daemon=True
            )

            async def worker(index: int) -> None:
                ids: list[str] = []
                for take in range(takes):
                    start = time.perf_counter()
                    response = await http.post(
                        f"{primary}/snapshots",
                        content=json.dumps(
                            {
                                "path": f"client{index}.ipynb",
                                "content": notebook(index, take),
                                "message": f"client {index} take {take}",
                            }
                        ),
                    )
                    timings["take"].append(time.perf_counter() - start)
                    if response.status_code != 201:
                        errors.append(f"take {response.status_code} {response.text[:200]}")
                        continue
                    ids.append(response.json()["id"])
                    start = time.perf_counter()
                    response = await http.get(f"{primary}/snapshots", params={"limit": 20})
                    timings["list"].append(time.perf_counter() - start)
                    if response.status_code != 200:
                        errors.append(f"list {response.status_code}")
                    if len(ids) >= 2:
                        start = time.perf_counter()
                        response = await http.get(
                            f"{primary}/diff", params={"base": ids[-2], "remote": ids[-1]}
                        )
                        timings["diff"].append(time.perf_counter() - start)
                        if response.status_code != 200:
                            errors.append(f"diff {response.status_code}")

            prober.start()
            started = time.perf_counter()
            await asyncio.gather(*(worker(i) for i in range(clients)))
            elapsed = time.perf_counter() - started
            probe_stop.set()
            latencies, probe_errors = probe_out.get(timeout=60)
            prober.join(timeout=30)
            timings["status"].extend(latencies)
            errors.extend(probe_errors)
            counts = []
            for _, base in servers:
                seen = 0
                for _ in range(60):  # the second server learns of them through its sync
                    cursor, seen = None, 0
                    while True:
                        params = {"limit": 1000, **({"cursor": cursor} if cursor else {})}
                        page = (
                            await http.get(f"{base}/jupyter-ext/api/snapshots", params=params)
                        ).json()
                        seen += len(page["items"])
                        cursor = page["cursor"]
                        if not cursor:
                            break
                    if seen >= clients * takes:
                        break
                    await asyncio.sleep(1)
                counts.append(seen)
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=30)

    def pct(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]

    return {
        "clients": clients,
        "takes": takes,
        "elapsed_s": elapsed,
        "errors": errors,
        "indexed": counts,
        "ms": {
            k: {
                "p50": pct(v, 50) * 1000,
                "p95": pct(v, 95) * 1000,
                "max": max(v, default=0) * 1000,
                "n": len(v),
            }
            for k, v in timings.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--takes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(run(args.clients, args.takes, Path(tmp)))
    print(json.dumps(result, indent=2))
    print("\n| request | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
    for kind, row in result["ms"].items():
        print(f"| {kind} | {row['n']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['max']:.0f} |")


if __name__ == "__main__":
    main()
