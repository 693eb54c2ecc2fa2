"""Benchmark: jupyter_ext.diff.diff_notebooks vs plain nbdime.diff_notebooks, same pairs, same run.

    .venv/bin/python benchmarks/diff/bench_diff.py [--sizes 50,500,1000,3000] [--changes 1,10,100]
        [--cap 120] [--repeat 3] [--scenarios edit,rerun] [--out FILE.md]

Scenarios: "edit" changes N cells (source edits, new outputs, new images, inserted/deleted
cells, metadata); "rerun" does the same with N=10 and also bumps every execution count
("restart and run all": no code cell is byte-identical any more).

Plain nbdime runs in a forked child killed after ``--cap`` seconds ("> cap"); a bigger notebook
with the same settings is then not tried. Each of our diffs is checked: nbdime.patch(base, diff)
must equal remote. Peak memory (tracemalloc, in a fresh child, allocations of the diff only) is
measured for the 3000-cell pair with ids and 10 changes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
import tracemalloc
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbdime  # noqa: E402
import nbformat  # noqa: E402
from nbgen import make_notebook, mutate  # noqa: E402

from jupyter_ext.diff import diff_notebooks  # noqa: E402
from jupyter_ext.diff import notebook as ours_mod  # noqa: E402

JSONDict = dict[str, Any]


def _child(conn: Connection, which: str, a: JSONDict, b: JSONDict, trace: bool) -> None:
    if which == "nbdime":
        na, nb = nbformat.from_dict(a), nbformat.from_dict(b)  # type: ignore[no-untyped-call]

        def run() -> Any:
            return nbdime.diff_notebooks(na, nb)
    else:

        def run() -> Any:
            return diff_notebooks(a, b)

    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    run()
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    conn.send((elapsed, peak))


def in_child(which: str, a: JSONDict, b: JSONDict, cap: float, trace: bool = False) -> Any:
    """``(seconds, peak_bytes)`` of one diff in a forked child, or None past ``cap`` seconds."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, which, a, b, trace))
    proc.start()
    try:
        if parent.poll(cap):
            return parent.recv()
        return None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def time_ours(a: JSONDict, b: JSONDict, repeat: int) -> tuple[float, dict[str, Any]]:
    times = []
    diff: list[Any] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        diff = diff_notebooks(a, b)
        times.append(time.perf_counter() - t0)
    stats = ours_mod.last_stats.as_dict()
    assert nbdime.patch(a, diff) == b, "patch(base, diff) != remote"
    json.dumps(diff)  # must be JSON-serializable
    return statistics.median(times), stats


def fmt_s(x: float | None, cap: float) -> str:
    return f"> {cap:.0f}" if x is None else f"{x:.3f}"


def mb(x: int | None) -> str:
    return "-" if x is None else f"{x / 1e6:.1f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,500,1000,3000")
    ap.add_argument("--changes", default="1,10,100")
    ap.add_argument("--cap", type=float, default=120.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scenarios", default="edit,rerun")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    changes = [int(s) for s in args.changes.split(",")]

    rows = []
    header = ("| scenario | cells | cell ids | changed | size MB | nbdime s | ours s | speedup "
              "| gaps | cells via gap aligner | cells paired |")  # fmt: skip
    sep = "|---|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    print(header + "\n" + sep, flush=True)
    over_cap: set[tuple[str, bool, int]] = set()
    for scenario in args.scenarios.split(","):
        for ids in (True, False):
            for n in sizes:
                for k in changes:
                    if k > n // 2 or (scenario == "rerun" and k != 10):
                        continue
                    a = make_notebook(n, ids, seed=n)
                    b = mutate(a, k, seed=n + k)
                    if scenario == "rerun":  # restart and run all: every count changes
                        for cell in b["cells"]:
                            if cell["cell_type"] == "code":
                                cell["execution_count"] = (cell["execution_count"] or 0) + 5000
                    size = len(json.dumps(a)) / 1e6
                    ours, stats = time_ours(a, b, args.repeat)
                    plain = None
                    if (scenario, ids, k) not in over_cap:
                        res = in_child("nbdime", a, b, args.cap)
                        plain = None if res is None else res[0]
                        if plain is None:
                            over_cap.add((scenario, ids, k))
                    speed = (f"> {args.cap / ours:.0f}x" if plain is None
                             else f"{plain / ours:.1f}x")  # fmt: skip
                    row = (f"| {scenario} | {n} | {'yes' if ids else 'no'} | {k} | {size:.1f} "
                           f"| {fmt_s(plain, args.cap)} | {ours:.3f} | {speed} "
                           f"| {stats['gaps']} | {stats['nbdime_cells']} "
                           f"| {stats['paired_cells']} |")  # fmt: skip
                    rows.append(row)
                    print(row, flush=True)

    mem_lines = []
    if not args.no_memory and 3000 in sizes:
        a = make_notebook(3000, True, seed=3000)
        b = mutate(a, 10, seed=3010)
        size = len(json.dumps(a)) / 1e6
        plain_m = in_child("nbdime", a, b, args.cap * 3, trace=True)
        ours_m = in_child("ours", a, b, args.cap, trace=True)
        mem_lines = [
            f"Peak memory allocated during the diff (tracemalloc), 3000 cells with ids, "
            f"10 changed, notebook JSON {size:.1f} MB:",
            "",
            "| | peak | time under tracemalloc |",
            "|---|---:|---:|",
            f"| plain nbdime | {mb(plain_m and plain_m[1])} "
            f"| {fmt_s(plain_m and plain_m[0], args.cap * 3)} s |",
            f"| jupyter_ext.diff | {mb(ours_m and ours_m[1])} "
            f"| {fmt_s(ours_m and ours_m[0], args.cap)} s |",
        ]
        print("\n".join(mem_lines), flush=True)

    if args.out:
        text = "\n".join([header, sep, *rows, "", *mem_lines]) + "\n"
        Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
