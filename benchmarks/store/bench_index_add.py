"""Index.add of a join: N synthetic summaries into an empty index, with the secondary indexes
built once at the end (what a join does) and kept up to date row by row (before 2026-12-06).

    .venv/bin/python benchmarks/store/bench_index_add.py [--sizes 10000,100000] [--runs 2]

The summaries are shaped like bench_join.py's (40 authors, 7 tags, 2 params, 2 metrics) and
come in id order, as a join reads them from the catalogs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jupyter_ext.store import index as index_module  # noqa: E402
from jupyter_ext.store.ids import iso_from_ms, ulid_at  # noqa: E402


def summaries(n: int) -> list[dict[str, Any]]:
    rng = random.Random(n)
    now = int(time.time() * 1000)
    out = []
    for i in range(n):
        ms = now - rng.randrange(0, 30 * 86400_000)
        out.append({
            "id": ulid_at(ms), "created": iso_from_ms(ms),
            "author": {"username": f"user{i % 40}", "name": f"User {i % 40}"},
            "message": f"run {i} of the sweep", "tags": [f"sweep{i % 7}"],
            "notebook": {"path": "exp/run.ipynb", "name": "run.ipynb", "key": "exp/run.ipynb"},
            "kernel": {"name": "python3", "display_name": "Python 3"}, "cell_count": 5,
            "params": {"lr": rng.choice([0.1, 0.01, 0.001]), "batch": rng.choice([32, 64])},
            "metrics": {"accuracy": rng.random(), "loss": rng.random()},
        })  # fmt: skip
    return sorted(out, key=lambda s: s["id"])


def timed_add(rows: list[dict[str, Any]], bulk: bool) -> float:
    saved = index_module.BULK_MIN
    index_module.BULK_MIN = saved if bulk else len(rows) + 1
    try:
        with tempfile.TemporaryDirectory() as tmp:
            index = index_module.Index(str(Path(tmp) / "index.sqlite"))
            started = time.perf_counter()
            index.add(rows)
            took = time.perf_counter() - started
            index.close()
            return took
    finally:
        index_module.BULK_MIN = saved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    print("| summaries | indexes built at the end (s) | row by row (s) | speed-up |")
    print("|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        rows = summaries(n)
        bulk = min(timed_add(rows, True) for _ in range(args.runs))
        rowwise = min(timed_add(rows, False) for _ in range(args.runs))
        print(f"| {n} | {bulk:.2f} | {rowwise:.2f} | {rowwise / bulk:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
