"""Join benchmark: how long a new server's first index of an S3 store (moto on loopback) takes,
with and without catalogs, for N snapshots.

    .venv/bin/python benchmarks/store/bench_join.py                 # N = 1k, 10k, 100k
    .venv/bin/python benchmarks/store/bench_join.py --sizes 1000,10000 --without-max 10000

Seeding writes the manifests (and, for the catalog runs, the catalogs a joining server would
have written) straight into the bucket with boto3; every manifest names the blobs of one real
take, so verify/get_notebook work, but a join only reads manifests. Ids are spread over the last
30 days (settled), the newest 0.5 % within the last hour (not yet cataloged).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from jupyter_ext.store import Store, catalog, init_store
from jupyter_ext.store.ids import iso_from_ms, ulid_at, ulid_ms
from jupyter_ext.store.manifest_schema import dumps

MOTO = Path(sys.executable).with_name("moto_server")


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    proc = subprocess.Popen(
        [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, endpoint
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("moto_server did not start")


def seed(endpoint: str, n: int, with_catalogs: bool, work: Path) -> tuple[str, float]:
    """A store with n snapshots; returns (url, seconds spent seeding)."""
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    bucket = f"join-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    url = f"s3://{bucket}/store"
    init_store(url)
    started = time.perf_counter()
    writer = Store(url, work / f"writer-{bucket}", sync_interval=1e9)
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
    nb["cells"] = [{"id": f"c{i}", "cell_type": "code", "metadata": {}, "execution_count": i,
                    "source": f"x = {i}", "outputs": []} for i in range(5)]  # fmt: skip
    info = {"path": "exp/run.ipynb", "name": "run.ipynb", "key": "exp/run.ipynb"}
    template = writer.get_manifest(
        writer.take(nb, author={"username": "seed"}, notebook_info=info)["id"]
    )
    rng = random.Random(n)
    now_ms = int(time.time() * 1000)
    recent = max(1, n // 200)
    stamps = sorted(
        [now_ms - rng.randrange(2 * 3600_000, 30 * 86400_000) for _ in range(n - recent)]
        + [now_ms - rng.randrange(0, 1800_000) for _ in range(recent)]
    )
    manifests: list[dict[str, Any]] = []
    for i, ms in enumerate(stamps):
        sid = ulid_at(ms)
        manifests.append({
            **template,
            "id": sid,
            "created": iso_from_ms(ms),
            "author": {"username": f"user{i % 40}", "name": f"User {i % 40}"},
            "message": f"run {i} of the sweep",
            "tags": [f"sweep{i % 7}"],
            "parent": None,
            "params": {"lr": rng.choice([0.1, 0.01, 0.001]), "batch": rng.choice([32, 64])},
            "metrics": {"accuracy": rng.random(), "loss": rng.random()},
        })  # fmt: skip
    manifests.sort(key=lambda m: m["id"])

    def put(key: str, body: bytes) -> None:
        s3.put_object(Bucket=bucket, Key=f"store/{key}", Body=body)

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(lambda m: put(f"snapshots/{m['id']}.json", dumps(m)), manifests))
        if with_catalogs:
            ids = [m["id"] for m in manifests]
            summaries = {m["id"]: writer.summary(m) for m in manifests}
            settled = now_ms - catalog.SETTLE_MS
            after = catalog.ORIGIN
            blocks = []
            for i in range(0, len(ids) - catalog.BLOCK + 1, catalog.BLOCK):
                block = ids[i : i + catalog.BLOCK]
                if ulid_ms(block[-1]) > settled:
                    break
                cat, data = catalog.encode(after, block[-1], [summaries[s] for s in block])
                blocks.append((cat.key, data))
                after = block[-1]
            list(pool.map(lambda kd: put(*kd), blocks))
    writer.close()
    return url, time.perf_counter() - started


PARTS: dict[str, float] = {}


def time_parts() -> None:
    """Accumulate the seconds spent in the parts of a join (index insertion, catalogs, GETs of
    uncataloged manifests) into PARTS."""
    from jupyter_ext.store import index, sync

    for owner, name in ((index.Index, "add"), (catalog, "load_chain"), (sync, "_load_summaries")):
        inner = getattr(owner, name)

        def timed(*args: Any, _inner: Any = inner, _name: str = name, **kw: Any) -> Any:
            started = time.perf_counter()
            try:
                return _inner(*args, **kw)
            finally:
                PARTS[_name] = PARTS.get(_name, 0.0) + time.perf_counter() - started

        setattr(owner, name, timed)


def join(url: str, work: Path) -> dict[str, Any]:
    store = Store(url, work / f"join-{uuid.uuid4().hex[:8]}", sync_interval=1e9)
    PARTS.clear()
    started = time.perf_counter()
    report = store.sync()
    seconds = time.perf_counter() - started
    listed = store.index.count()
    store.close()
    parts = {k: round(v, 2) for k, v in PARTS.items()}
    return {"seconds": seconds, "indexed": report["indexed"], "listed": listed, **parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--without-max", type=int, default=10000,
                        help="largest N also joined without catalogs (slow)")  # fmt: skip
    parser.add_argument("--parts", action="store_true", help="also time the parts of each join")
    parser.add_argument("--joins", type=int, default=1,
                        help="new servers joining each seeded store one after the other "
                             "(the first one meets moto still busy from the seeding)")  # fmt: skip
    args = parser.parse_args()
    if args.parts:
        time_parts()
    proc, endpoint = start_moto()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            for n in [int(x) for x in args.sizes.split(",")]:
                modes = [True] + ([False] if n <= args.without_max else [])
                for with_catalogs in modes:
                    url, seeding = seed(endpoint, n, with_catalogs, work)
                    results = [join(url, work) for _ in range(max(1, args.joins))]
                    result = min(results, key=lambda r: float(r["seconds"]))
                    row = {"n": n, "catalogs": with_catalogs, "seed_s": round(seeding, 1),
                           "join_s": round(result["seconds"], 2),
                           "joins_s": [round(r["seconds"], 2) for r in results],
                           "indexed": result["listed"],
                           **{k: v for k, v in result.items() if k not in ("seconds", "indexed",
                                                                           "listed")}}  # fmt: skip
                    if not with_catalogs:  # that join wrote the catalogs: a second one uses them
                        row["rejoin_s"] = round(join(url, work)["seconds"], 2)
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    finally:
        proc.terminate()
        proc.wait(10)
    print("\n| snapshots | catalogs | join (s) | indexed |")
    print("|---|---|---|---|")
    for r in rows:
        label = "yes" if r["catalogs"] else "no"
        print(f"| {r['n']} | {label} | {r['join_s']} | {r['indexed']} |")


if __name__ == "__main__":
    main()
