"""Store benchmark: take latency, bytes stored vs git gc --aggressive and full copies, list latency.

    .venv/bin/python benchmarks/store/bench_store.py [--quick]

Prints a markdown table. Notebooks are synthetic but shaped like real ones: python-like sources,
stream and HTML outputs, PNG images (random bytes behind a PNG header: incompressible, as PNGs are).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from ulid import ULID

from jupyter_ext.store import Store, new_ulid
from jupyter_ext.store.ids import iso_from_ms, ulid_ms

WORDS = [
    "df",
    "x",
    "y",
    "model",
    "loss",
    "train",
    "test",
    "fit",
    "predict",
    "np",
    "pd",
    "plt",
    "mean",
    "std",
    "value",
    "result",
    "data",
    "features",
    "labels",
    "epoch",
    "lr",
    "batch",
    "self",
    "return",
    "for",
    "in",
    "range",
    "if",
    "else",
    "print",
    "len",
]
AUTHOR = {"username": "ana", "name": "Ana"}


def _source(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(2, 12)):
        words = rng.choices(WORDS, k=rng.randint(2, 8))
        lines.append(f"{words[0]} = {'.'.join(words[1:3])}({', '.join(words[3:])})")
    return "\n".join(lines)


def _png(rng: random.Random, size: int) -> str:
    return base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)).decode()


def _cell(rng: random.Random, i: int, image_bytes: int, image: bool) -> dict[str, Any]:
    outputs: list[dict[str, Any]] = [
        {
            "output_type": "stream",
            "name": "stdout",
            "text": "\n".join(
                f"{rng.choice(WORDS)}: {rng.random():.6f}" for _ in range(rng.randint(1, 6))
            ),
        }
    ]
    if i % 7 == 0:
        rows = "".join(f"<tr><td>{r}</td><td>{rng.random():.4f}</td></tr>" for r in range(20))
        outputs.append(
            {
                "output_type": "execute_result",
                "execution_count": i + 1,
                "metadata": {},
                "data": {"text/html": f"<table>{rows}</table>", "text/plain": "df"},
            }
        )
    if image:
        outputs.append(
            {
                "output_type": "display_data",
                "metadata": {},
                "data": {"image/png": _png(rng, image_bytes), "text/plain": "<Figure>"},
            }
        )
    return {
        "id": f"c{i:05d}",
        "cell_type": "code",
        "metadata": {},
        "execution_count": i + 1,
        "source": _source(rng),
        "outputs": outputs,
    }


def make_notebook(cells: int, *, images: int, image_bytes: int, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    step = max(1, cells // images) if images else cells + 1
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "cells": [_cell(rng, i, image_bytes, i % step == 0) for i in range(cells)],
    }


def mutate(nb: dict[str, Any], rng: random.Random, *, cells: int, image: bool, tag: int) -> None:
    """Change *cells* sources (and their stream output) and, optionally, one image."""
    for i in rng.sample(range(len(nb["cells"])), cells):
        cell = nb["cells"][i]
        cell["source"] += f"\nprint({tag})"
        cell["outputs"][0]["text"] = f"{tag}\n"
    if image:
        with_images = [c for c in nb["cells"] if "image/png" in str(c["outputs"][-1].get("data"))]
        cell = rng.choice(with_images)
        old = base64.b64decode(cell["outputs"][-1]["data"]["image/png"])
        cell["outputs"][-1]["data"]["image/png"] = _png(rng, len(old) - 8)


def _take(store: Store, nb: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    store.take(nb, author=AUTHOR, notebook_info={"path": "nb.ipynb", "name": "nb.ipynb"})
    return (time.perf_counter() - t0) * 1000


def bench_take(sizes: list[tuple[int, int]], runs: int) -> list[list[str]]:
    rows = []
    for cells, images in sizes:
        nb = make_notebook(cells, images=images, image_bytes=30_000)
        mb = len(json.dumps(nb)) / 1e6
        firsts, retakes = [], []
        rng = random.Random(1)
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                store = Store(f"{tmp}/s", f"{tmp}/l", create=True)
                firsts.append(_take(store, nb))
                for r in range(runs):
                    mutate(nb, rng, cells=3, image=False, tag=r)
                    retakes.append(_take(store, nb))
                store.close()
        rows.append(
            [
                f"{cells} cells, {images} images, {mb:.1f} MB",
                f"{statistics.median(firsts):.0f}",
                f"{statistics.median(retakes):.0f}",
            ]
        )
    return rows


def _sizes(path: Path) -> tuple[int, int]:
    apparent = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    du = (
        int(
            subprocess.run(
                ["du", "-sk", str(path)], capture_output=True, text=True, check=True
            ).stdout.split()[0]
        )
        * 1024
    )
    return apparent, du


def bench_storage(versions: int, tmp: Path) -> list[str]:
    """Bytes after *versions* takes, before and after `gc` (grace 0: no one else writes),
    next to the same versions in git after `git gc --aggressive`."""
    nb = make_notebook(500, images=50, image_bytes=30_000, seed=5)
    rng = random.Random(versions)
    store = Store(str(tmp / "store"), tmp / "local", create=True)
    repo, copies = tmp / "git", tmp / "copies"
    repo.mkdir()
    copies.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=b", "-c", "user.email=b@x"]
    subprocess.run([*git, "init", "-q"], check=True)
    for v in range(versions):
        if v:
            mutate(nb, rng, cells=3, image=True, tag=v)
        # the bytes a user would commit: nbformat's on-disk form (indent=1, sorted keys)
        text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        (repo / "nb.ipynb").write_text(text)
        (copies / f"nb-v{v:03d}.ipynb").write_text(text)
        subprocess.run([*git, "add", "nb.ipynb"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", f"v{v}"], check=True)
        store.take(nb, author=AUTHOR, notebook_info={"path": "nb.ipynb", "name": "nb.ipynb"})
    subprocess.run([*git, "gc", "-q", "--aggressive", "--prune=now"], check=True)
    s_app, s_du = _sizes(tmp / "store")
    files = sum(1 for p in (tmp / "store").rglob("*") if p.is_file())
    store.gc(grace=timedelta(0), force=True)
    gc_app, gc_du = _sizes(tmp / "store")
    gc_files = sum(1 for p in (tmp / "store").rglob("*") if p.is_file())
    store.close()
    g_app, g_du = _sizes(repo / ".git" / "objects")
    shutil.rmtree(repo / ".git" / "hooks")  # sample scripts git init copies: not history
    w_app, w_du = _sizes(repo / ".git")
    c_app, c_du = _sizes(copies)

    def fmt(n: int) -> str:
        return f"{n / 1e6:.2f} MB"

    return [
        str(versions),
        f"{fmt(s_app)} / {fmt(s_du)} ({files} files)",
        f"{fmt(gc_app)} / {fmt(gc_du)} ({gc_files} files)",
        f"{fmt(g_app)} / {fmt(g_du)}",
        f"{fmt(w_app)} / {fmt(w_du)}",
        f"{fmt(c_app)} / {fmt(c_du)}",
        f"{s_app / g_app:.2f} / {s_du / g_du:.2f}",
        f"{gc_app / g_app:.2f} / {gc_du / g_du:.2f}",
        f"{gc_app / w_app:.2f} / {gc_du / w_du:.2f}",
    ]


def bench_requests(cells: int, images: int, runs: int) -> list[list[str]]:
    """Objects written (PUTs) and other requests per take on S3 (moto on loopback)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import boto3
    from bench_join import start_moto

    proc, endpoint = start_moto()
    rows = []
    try:
        boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="bench")
        nb = make_notebook(cells, images=images, image_bytes=30_000)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store("s3://bench/store", f"{tmp}/l", {"endpoint_url": endpoint}, create=True)
            counts: dict[str, int] = {}
            backend = store.backend
            for name in ("write", "create", "touch", "read", "read_range", "mtime", "list"):
                inner = getattr(backend, name)

                def counted(*a: Any, _inner: Any = inner, _name: str = name, **kw: Any) -> Any:
                    counts[_name] = counts.get(_name, 0) + 1
                    return _inner(*a, **kw)

                setattr(backend, name, counted)
            _take(store, make_notebook(3, images=0, image_bytes=0, seed=9))  # marker, first sync
            rng = random.Random(3)
            for label, change in (("first take", False), ("re-take, 3 cells changed", True)):
                for _ in range(runs if change else 1):
                    if change:
                        mutate(nb, rng, cells=3, image=True, tag=rng.randrange(10**6))
                    counts.clear()
                    ms = _take(store, nb)
                    puts = counts.get("write", 0) + counts.get("create", 0)
                    gets = counts.get("read", 0) + counts.get("read_range", 0)
                    other = counts.get("mtime", 0) + counts.get("list", 0)
                    rows.append([label, str(puts), str(gets), str(other), f"{ms:.0f}"])
            store.close()
    finally:
        proc.kill()
    return rows


def bench_list(n: int, tmp: Path) -> list[list[str]]:
    store = Store(str(tmp / "store"), tmp / "local", sync_interval=3600, create=True)
    store.sync()
    rng = random.Random(3)
    base = ulid_ms(new_ulid()) - n * 1000
    summaries = []
    for i in range(n):
        ms = base + i * 1000
        sid = str(ULID.from_timestamp(ms / 1000))
        iso = iso_from_ms(ms)
        author = rng.choice(["ana", "bob", "cy", "dee", "eve"])
        summaries.append(
            {
                "id": sid,
                "created": iso,
                "author": {"username": author, "name": author.title()},
                "message": f"run {i} " + " ".join(rng.choices(WORDS, k=4)),
                "tags": rng.sample(["baseline", "fast", "gpu", "eda", "final"], 2),
                "notebook": {
                    "path": f"exp/nb{i % 200}.ipynb",
                    "name": f"nb{i % 200}.ipynb",
                    "key": f"exp/nb{i % 200}.ipynb",
                },
                "parent": None,
                "params": {"lr": rng.choice([0.1, 0.01, 0.001]), "epochs": rng.randint(1, 50)},
                "metrics": {"accuracy": rng.random(), "loss": rng.random()},
                "cell_count": 10,
                "kernel": {"name": "python3", "display_name": "Python 3"},
                "queued": False,
                "comment_count": 0,
            }
        )
    t0 = time.perf_counter()
    store.index.add(summaries)
    insert_s = time.perf_counter() - t0
    cases = [
        ("newest page (50)", {}),
        ("page 3 via cursor", {"cursor": "PAGE3"}),
        ("notebook filter", {"notebook": "exp/nb17.ipynb"}),
        ("author:cy tag:gpu", {"query": "author:cy tag:gpu"}),
        ("lr>0.01 accuracy>=0.9", {"query": "lr>0.01 accuracy>=0.9"}),
        ("free text 'predict'", {"query": "predict"}),
        ("rare: accuracy>=0.9999", {"query": "accuracy>=0.9999"}),
        ("sorted by -metric:accuracy", {"sort": "-metric:accuracy"}),
    ]
    rows = []
    for label, kwargs in cases:
        if kwargs.get("cursor") == "PAGE3":
            _i, c1 = store.list()
            _i, c2 = store.list(cursor=c1)
            kwargs = {"cursor": c2}
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            items, _c = store.list(**kwargs)
            times.append((time.perf_counter() - t0) * 1000)
        rows.append([label, f"{statistics.median(times):.1f}", str(len(items))])
    rows.append([f"(inserting {n} rows into the index)", f"{insert_s * 1000:.0f}", ""])
    store.close()
    return rows


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs (smoke test)")
    ap.add_argument(
        "--only-storage",
        action="store_true",
        help="takes of the 1000-cell notebook, bytes, requests; no list benchmark",
    )
    args = ap.parse_args()
    runs = 2 if args.quick else 5
    sizes = [(50, 5), (500, 50), (1000, 250), (3000, 300)]
    if args.only_storage:
        sizes = [(1000, 250)]
    print("### Take latency (local store, ms, p50)\n")
    print(table(["notebook", "first take", "re-take, 3 cells changed"], bench_take(sizes, runs)))
    print(
        "\n### Bytes stored: 500-cell notebook, 50 images of 30 kB; each version changes"
        " 3 cells + 1 image\n"
    )
    rows = []
    for versions in (20, 100):
        tmp = Path(tempfile.mkdtemp())
        try:
            rows.append(bench_storage(versions, tmp))
        finally:
            shutil.rmtree(tmp)
    print(
        table(
            [
                "versions",
                "store (apparent / du)",
                "store after gc",
                "git gc --aggressive (.git/objects)",
                "whole .git (no sample hooks)",
                "full copies",
                "store ÷ git objects",
                "after gc ÷ git objects",
                "after gc ÷ whole .git",
            ],
            rows,
        )
    )
    print(f"\n### Requests per take on S3 (moto on loopback), {1000} cells, 250 images\n")
    print(
        table(
            ["take", "PUTs", "GETs", "HEAD/LIST", "ms"],
            bench_requests(1000, 250, 2 if args.quick else 3),
        )
    )
    if args.only_storage:
        return
    print("\n### List latency with 100k snapshots in the index (ms, p50)\n")
    tmp = Path(tempfile.mkdtemp())
    try:
        print(table(["query", "ms", "items"], bench_list(20_000 if args.quick else 100_000, tmp)))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
