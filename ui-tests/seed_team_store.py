"""Seed a team store with many deterministic runs, for the Team runs table UI test.

    python ui-tests/seed_team_store.py --store DIR --root DIR [--runs 5000]

Writes real snapshots with the real store (``Store.take``), the way ``jupyter snapshot``
does: for each of three notebooks, the notebook file and the data file it reads (its own
``data/`` folder) are written under ``--root`` and captured once with ``capture_facts`` (no
kernel, like the CLI: environment of this process, data file fingerprinted, git). Every run
is then that notebook with its own papermill parameters cell and logged-metrics output; its
params and metrics are read from the run's notebook by the same extraction as capture
(``extract_params`` / ``extract_metrics``), so the manifests carry what a capture would.
(Capturing 5000 times would take ~15 min; the environment facts would not differ.)

Run ``i`` (0 = oldest) is deterministic; the spec asserts on these facts:
  author      PEOPLE[i % 4]: ana, bo, cy, dee
  notebook    NOTEBOOKS[i % 3]: exp/churn, exp/forecast, eda/clean
  params      lr = LRS[i % 5], epochs = 5 * (1 + i % 7), optimizer = "adam" if i odd else "sgd"
  tags        ["baseline"] every 40th run (i % 40 == 0: all by ana), else ["sweep"]
  message     "<tag> lr=<lr> #<i>"
  metrics     accuracy = 0.75 + 0.2 * k / N with k = (i * 7919) % N (a permutation of 0..N-1:
              every run has a different accuracy), loss = 0.2 + 0.5 * ((i * 104729) % N) / N
Each take lands in its own millisecond, so newest first is exactly i descending.
With N = 5000: "author:bo epochs=10" matches i = 1 (mod 28): 179 runs, newest #4985;
"tag:baseline" 125 runs, newest #4960; the best accuracy is run #best_run(N) (printed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_ext.capture import capture_facts, notebook_identity
from jupyter_ext.capture.params import extract_metrics, extract_params
from jupyter_ext.store import Store
from jupyter_ext.store.ids import iso_from_ms, ulid_ms

PEOPLE = [
    {"username": "ana", "name": "Ana Ruiz", "initials": "AR", "color": "#8e24aa"},
    {"username": "bo", "name": "Bo Chen", "initials": "BC", "color": "#00897b"},
    {"username": "cy", "name": "Cyrus Diaz", "initials": "CD", "color": "#e65100"},
    {"username": "dee", "name": "Dee Okafor", "initials": "DO", "color": "#3949ab"},
]
# notebook path -> (title, data file it reads (relative to the notebook), a few rows of it)
NOTEBOOKS = {
    "exp/churn.ipynb": ("Churn model", "data/churn.csv", "customer,months,churned\n1,12,0\n"),
    "exp/forecast.ipynb": ("Sales forecast", "data/sales.csv", "week,units\n1,340\n2,362\n"),
    "eda/clean.ipynb": ("Cleaning", "data/raw.csv", "id,value\n1,3.5\n2,\n"),
}
LRS = [0.3, 0.1, 0.03, 0.01, 0.003]
METRICS_MIME = "application/vnd.jupyter-ext.metrics+json"
ACCURACY_STEP = 7919  # prime: i -> i * 7919 % N is a permutation when N is not a multiple
LOSS_STEP = 104729  # prime


def run_facts(i: int, n: int) -> dict[str, Any]:
    """Author, notebook, params, metrics, tags and message of run *i* of *n*."""
    paths = list(NOTEBOOKS)
    lr = LRS[i % len(LRS)]
    tag = "baseline" if i % 40 == 0 else "sweep"
    return {
        "author": PEOPLE[i % len(PEOPLE)],
        "path": paths[i % len(paths)],
        "params": {"lr": lr, "epochs": 5 * (1 + i % 7), "optimizer": "adam" if i % 2 else "sgd"},
        "metrics": {
            "accuracy": round(0.75 + 0.2 * ((i * ACCURACY_STEP) % n) / n, 6),
            "loss": round(0.2 + 0.5 * ((i * LOSS_STEP) % n) / n, 6),
        },
        "tags": [tag],
        "message": f"{tag} lr={lr} #{i}",
    }


def best_run(n: int) -> int:
    """The run with the highest accuracy (k = n - 1)."""
    return ((n - 1) * pow(ACCURACY_STEP, -1, n)) % n


def notebook(path: str, params: dict[str, Any], metrics: dict[str, float]) -> dict[str, Any]:
    title, data_file, _rows = NOTEBOOKS[path]
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": [
            {"id": "title", "cell_type": "markdown", "metadata": {}, "source": f"# {title}"},
            {
                "id": "params",
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "source": "\n".join(f"{k} = {v!r}" for k, v in params.items()),
                "outputs": [],
                "execution_count": 1,
            },
            {
                "id": "train",
                "cell_type": "code",
                "metadata": {},
                "source": (
                    "import csv\n"
                    "from jupyter_ext.kernel import log_metric\n"
                    f"rows = list(csv.reader(open({data_file!r})))\n"
                    "model = train(rows, lr=lr, epochs=epochs, optimizer=optimizer)\n"
                    "for name, value in model.scores.items():\n"
                    "    log_metric(name, value)"
                ),
                "execution_count": 2,
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {
                            METRICS_MIME: {"metrics": metrics},
                            "text/plain": json.dumps(metrics),
                        },
                    }
                ],
            },
        ],
    }


def capture_templates(
    root: Path,
) -> dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, bytes]]]:
    """Write each notebook and its data file under *root*; capture each once (CLI-style).

    Returns path -> (notebook identity, facts without params/metrics, extra blobs)."""
    templates = {}
    for path, (_title, data_file, rows) in NOTEBOOKS.items():
        data_path = (root / path).parent / data_file
        data_path.parent.mkdir(parents=True, exist_ok=True)
        data_path.write_text(rows)
        nb = notebook(path, {"lr": 0.1, "epochs": 10, "optimizer": "adam"}, {"accuracy": 0.5})
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(json.dumps(nb, indent=1))
        result = asyncio.run(capture_facts(nb, notebook_path=root / path, root_dir=root))
        facts = {
            k: v
            for k, v in result.facts.items()
            if k not in ("params", "metrics", "metrics_history", "timing")
        }
        templates[path] = (notebook_identity(root / path, root), facts, result.extra_blobs)
    return templates


def seed(store_url: str, root: Path, n: int, local_dir: Path) -> float:
    """Take *n* runs into the store at *store_url*; returns the seconds the takes took."""
    if n % ACCURACY_STEP == 0:
        raise SystemExit(f"--runs must not be a multiple of {ACCURACY_STEP}")
    templates = capture_templates(root)
    store = Store(store_url, local_dir, sync_interval=3600, create=True)  # a fresh team store
    started = time.perf_counter()
    last_ms = 0
    try:
        for i in range(n):
            run = run_facts(i, n)
            nb = notebook(run["path"], run["params"], run["metrics"])
            identity, base, blobs = templates[run["path"]]
            metrics, history, _warnings = extract_metrics(nb)
            facts = {
                **base,
                "params": extract_params(nb),
                "metrics": metrics,
                "metrics_history": history,
                "timing": {"started": iso_from_ms(int(time.time() * 1000)), "duration_s": 0.0},
            }
            # One run per millisecond: ULIDs (and so "newest first") follow i exactly.
            while int(time.time() * 1000) <= last_ms:
                time.sleep(0.0002)
            summary = store.take(
                nb,
                author=run["author"],
                notebook_info=identity,
                message=run["message"],
                tags=run["tags"],
                facts=facts,
                extra_blobs=blobs,
            )
            if summary.get("queued"):
                raise SystemExit(f"the store refused a snapshot: {summary.get('queue_reason')}")
            last_ms = ulid_ms(summary["id"])
    finally:
        store.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="team store URL or folder")
    parser.add_argument("--root", required=True, help="folder for the notebooks and data files")
    parser.add_argument("--runs", type=int, default=5000)
    args = parser.parse_args(argv)
    root = Path(args.root).absolute()
    root.mkdir(parents=True, exist_ok=True)
    local_dir = Path(tempfile.mkdtemp(prefix="jupyter-ext-seed-"))
    try:
        seconds = seed(args.store, root, args.runs, local_dir)
    finally:
        shutil.rmtree(local_dir, ignore_errors=True)
    print(
        f"seeded {args.runs} runs into {args.store} in {seconds:.1f} s "
        f"(best accuracy: run #{best_run(args.runs)})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
