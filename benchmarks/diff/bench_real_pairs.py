"""Benchmark: our diff vs plain nbdime on consecutive git revisions of real public notebooks.

    .venv/bin/python benchmarks/diff/bench_real_pairs.py --repo GIT_DIR [--repo GIT_DIR ...]
        [--notebooks 3] [--only PATH,PATH] [--max-pairs 12] [--repeat 3] [--cap 120] [--cpu]
        [--out F.md]

``GIT_DIR`` is a clone (or bare git directory) of a public repository with notebook history,
e.g. ageron/handson-ml2 or jakevdp/PythonDataScienceHandbook; ``--repo`` may be repeated, or the
paths given in ``DIFF_REAL_REPOS`` (separated by ``os.pathsep``). Nothing of those repositories
is stored here: revisions are read with ``git show`` at run time.

For each repository the ``--notebooks`` most often changed notebooks (or those named by
``--only``) are walked oldest to newest; each pair of consecutive revisions (at most
``--max-pairs`` per notebook, the newest) is loaded as nbformat v4 (as the server would), diffed
by plain ``nbdime.diff_notebooks`` in a forked child (killed after ``--cap`` s) and by ours
(median of ``--repeat``), and our diff is checked: ``nbdime.patch(base, diff) == remote``.
Prints one row per pair, then min / median speed-up, pairs under 2x and our worst time, and on
how many pairs our cell-level ops (cells patched / inserted / removed) are nbdime's. Times are
wall clock, or with ``--cpu`` each side's CPU time (fairer on a machine shared with other jobs).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbdime  # noqa: E402
import nbformat  # noqa: E402

from jupyter_ext.diff import diff_notebooks_with_stats  # noqa: E402

JSONDict = dict[str, Any]
CLOCK = time.perf_counter  # wall time; --cpu: time.process_time (this process only)


def git(git_dir: str, *args: str) -> str:
    out = subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                         capture_output=True)  # fmt: skip
    return out.stdout.decode("utf-8", "replace")


def git_dir_of(repo: str) -> str:
    path = Path(repo)
    return str(path / ".git") if (path / ".git").exists() else str(path)


def most_changed(git_dir: str, count: int) -> list[str]:
    """The ``count`` notebooks of HEAD changed by the most commits."""
    present = set(git(git_dir, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    counts: dict[str, int] = {}
    for name in git(
        git_dir, "log", "--no-renames", "--format=", "--name-only", "--", "*.ipynb"
    ).splitlines():
        if name in present:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:count]


def revisions(git_dir: str, path: str) -> list[tuple[str, str]]:
    """``(commit, path at that commit)``, oldest first, following renames."""
    try:
        out = git(git_dir, "log", "--follow", "--format=@%H", "--name-only", "--", path)
    except subprocess.CalledProcessError:  # a blob rename detection needs is missing
        out = git(git_dir, "log", "--no-renames", "--format=@%H", "--name-only", "--", path)
    revs: list[tuple[str, str]] = []
    commit = ""
    for line in out.splitlines():
        if line.startswith("@"):
            commit = line[1:]
        elif line.strip() and commit:
            revs.append((commit, line.strip()))
            commit = ""
    revs.reverse()
    return revs


def load(git_dir: str, commit: str, path: str) -> JSONDict | None:
    try:
        text = git(git_dir, "show", f"{commit}:{path}")
        node = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    except Exception:  # deleted, not JSON, nbformat 3 that cannot convert...
        return None
    plain: JSONDict = json.loads(json.dumps(node))
    return plain


def cell_ops(diff: list[Any]) -> list[tuple[str, int]]:
    """The cell-level ops of a notebook diff: which cells were patched, inserted, removed."""
    for entry in diff:
        if entry["key"] == "cells":
            return [(e["op"], e["key"]) for e in entry["diff"]]
    return []


def _nbdime_child(conn: Any, a: JSONDict, b: JSONDict) -> None:
    na, nb = nbformat.from_dict(a), nbformat.from_dict(b)  # type: ignore[no-untyped-call]
    t0 = CLOCK()
    diff = nbdime.diff_notebooks(na, nb)
    conn.send((CLOCK() - t0, cell_ops(diff)))


def time_nbdime(a: JSONDict, b: JSONDict, cap: float) -> Any:
    """``(seconds, cell ops)`` of plain nbdime in a forked child, or None past ``cap``."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_nbdime_child, args=(child, a, b))
    proc.start()
    try:
        return parent.recv() if parent.poll(cap) else None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def time_ours(a: JSONDict, b: JSONDict, repeat: int) -> tuple[float, dict[str, Any], Any]:
    times = []
    diff: list[Any] = []
    stats: Any = None
    for _ in range(repeat):
        t0 = CLOCK()
        diff, stats = diff_notebooks_with_stats(a, b)
        times.append(CLOCK() - t0)
    assert nbdime.patch(a, diff) == b, "patch(base, diff) != remote"
    json.dumps(diff)
    return statistics.median(times), stats.as_dict(), cell_ops(diff)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", action="append", default=[])
    ap.add_argument("--notebooks", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated notebook paths")
    ap.add_argument("--max-pairs", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cap", type=float, default=120.0)
    ap.add_argument("--out", default="")
    ap.add_argument(
        "--cpu",
        action="store_true",
        help="CPU time of each side instead of wall time (on a loaded machine)",
    )
    args = ap.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    repos = args.repo or [p for p in os.environ.get("DIFF_REAL_REPOS", "").split(os.pathsep) if p]
    if not repos:
        ap.error("give --repo GIT_DIR (or DIFF_REAL_REPOS)")

    header = (
        "| notebook | pair | cells | nbformat | size kB | nbdime s | ours s | speedup "
        "| gaps | cells aligned by similarity | cells paired | same cell ops as nbdime |"
    )
    sep = "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|"
    print(header + "\n" + sep, flush=True)
    rows: list[str] = []
    ratios: list[float] = []
    ours_times: list[float] = []
    agree: list[bool] = []
    for repo in repos:
        git_dir = git_dir_of(repo)
        names = args.only.split(",") if args.only else most_changed(git_dir, args.notebooks)
        for name in names:
            revs = revisions(git_dir, name)
            pairs = list(zip(revs, revs[1:], strict=False))[-args.max_pairs :]
            for (ca, pa), (cb, pb) in pairs:
                a, b = load(git_dir, ca, pa), load(git_dir, cb, pb)
                if a is None or b is None or a == b:
                    continue
                ours, stats, ops = time_ours(a, b, args.repeat)
                res = time_nbdime(a, b, args.cap)
                plain = None if res is None else res[0]
                same = "?" if res is None else ("yes" if res[1] == ops else "no")
                agree.append(same == "yes")
                ratio = args.cap / ours if plain is None else plain / ours
                ratios.append(ratio)
                ours_times.append(ours)
                version = f"4.{a.get('nbformat_minor')}/4.{b.get('nbformat_minor')}"
                size = (len(json.dumps(a)) + len(json.dumps(b))) / 2e3
                row = (f"| {Path(name).name} | {ca[:7]}..{cb[:7]} "
                       f"| {len(a['cells'])}/{len(b['cells'])} | {version} | {size:.0f} "
                       f"| {'> cap' if plain is None else f'{plain:.3f}'} | {ours:.3f} "
                       f"| {ratio:.1f}x | {stats['gaps']} | {stats['nbdime_cells']} "
                       f"| {stats['paired_cells']} | {same} |")  # fmt: skip
                rows.append(row)
                print(row, flush=True)
    if not ratios:
        print("no pairs")
        return
    summary = (f"\n{len(ratios)} pairs: speed-up min {min(ratios):.2f}x, "
               f"median {statistics.median(ratios):.1f}x, "
               f"{sum(r < 2 for r in ratios)} pairs under 2x; ours median "
               f"{statistics.median(ours_times):.3f} s, worst {max(ours_times):.3f} s; "
               f"same cell-level ops as nbdime on {sum(agree)}/{len(agree)} pairs")  # fmt: skip
    print(summary, flush=True)
    if args.out:
        Path(args.out).write_text("\n".join([header, sep, *rows, summary]) + "\n")


if __name__ == "__main__":
    main()
