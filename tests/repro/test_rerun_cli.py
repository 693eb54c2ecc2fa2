"""`jupyter snapshot rerun`: real kernels, real processes, the store on disk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from repro_helpers import executed_notebook, snap, snap_json, snapshot_exe, take

DETERMINISTIC = (
    "import math\nrows = open('data.csv').read().splitlines()\nprint(len(rows), rows[0])",
    "total = sum(int(r.split(',')[1]) for r in rows[1:])\ntotal",
    "math.sqrt(total) / 3",
    "print('done')",
)


def listed_ids() -> list[str]:
    return [item["id"] for item in snap_json("list")]


def test_a_deterministic_notebook_reproduces(workdir: Path) -> None:
    (workdir / "exp").mkdir()
    (workdir / "exp" / "data.csv").write_text("name,n\na,1\nb,2\nc,4\n")
    notebook = executed_notebook(workdir / "exp" / "churn.ipynb", *DETERMINISTIC)
    original = take(notebook, "-m", "baseline")
    before = sorted(os.listdir(workdir / "exp"))

    proc = snap("rerun", original, "--json", JUPYTER_SNAPSHOT_AUTHOR="bob")
    result = json.loads(proc.stdout)

    assert result["verdict"] == "reproduced"
    assert result["of"] == original
    assert result["cells"] == [{"index": i, "status": "same"} for i in range(4)]
    assert result["data_changed"] == []
    assert sorted(os.listdir(workdir / "exp")) == before  # the scratch folder is gone
    rerun = snap_json("show", result["id"])
    assert rerun["tags"] == [f"rerun-of:{original}"]
    assert rerun["author"]["username"] == "bob"
    assert rerun["notebook"]["path"] == "exp/churn.ipynb"
    assert rerun["kernel"]["name"] == "python3" and rerun["kernel"]["state"] == "idle"
    # the fresh kernel's audit hook saw the data file, by the same content hash
    read = {d["path"]: d for d in rerun["data"]}
    recorded = {d["path"]: d for d in snap_json("show", original)["data"]}
    assert read["exp/data.csv"]["hash"] == recorded["exp/data.csv"]["hash"]
    assert read["exp/data.csv"]["source"] == "audit"
    assert listed_ids() == [result["id"], original]
    records = sorted((workdir.parent / "store" / "verifications").iterdir())
    assert len(records) == 1 and records[0].name.startswith(f"{original}-")
    record = json.loads(records[0].read_text())
    assert (record["snapshot"], record["rerun"], record["verdict"]) == (
        original,
        result["id"],
        "reproduced",
    )
    assert snap_json("verify")["ok"] is True


def test_an_unseeded_random_number_differs_in_exactly_that_cell(workdir: Path) -> None:
    notebook = executed_notebook(
        workdir / "rand.ipynb",
        "import random\nx = 21 * 2\nx",
        "random.random()",
        "print(x + 1)",
    )
    original = take(notebook)

    proc = snap("rerun", original, "--json", check=False)

    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["verdict"] == "differs"
    assert result["cells"] == [
        {"index": 0, "status": "same"},
        {"index": 1, "status": "differs"},
        {"index": 2, "status": "same"},
    ]
    assert result["id"] in listed_ids()  # a run that differs is still a whole snapshot


def test_a_changed_data_file_is_reported_before_running(workdir: Path) -> None:
    (workdir / "data.csv").write_text("name,n\na,1\n")
    notebook = executed_notebook(workdir / "nb.ipynb", "print(open('data.csv').read())")
    original = take(notebook)
    (workdir / "data.csv").write_text("name,n\na,7\n")

    proc = snap("rerun", original, check=False)

    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0] == "data changed since the snapshot: data.csv"
    assert any(line.startswith("running cell 0") for line in lines[1:])
    assert "cell 0: differs" in proc.stdout
    as_json = json.loads(snap("rerun", original, "--json", check=False).stdout)
    assert as_json["data_changed"] == ["data.csv"]


def test_a_timed_out_rerun_stores_no_snapshot(workdir: Path) -> None:
    notebook = executed_notebook(workdir / "slow.ipynb", "x = 1", "import time\nx += 1", "x")
    nb = json.loads(notebook.read_text())
    nb["cells"][1]["source"] = "import time\ntime.sleep(60)"  # slow only when re-run
    notebook.write_text(json.dumps(nb))
    original = take(notebook)
    started = time.monotonic()

    proc = snap("rerun", original, "--timeout", "3", "--json", check=False)

    assert time.monotonic() - started < 40
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["verdict"] == "failed" and result["id"] is None
    assert result["cells"] == [
        {"index": 0, "status": "same"},
        {"index": 1, "status": "timeout"},
        {"index": 2, "status": "timeout"},
    ]
    assert listed_ids() == [original]
    assert sorted(os.listdir(workdir)) == ["slow.ipynb"]
    assert snap_json("verify")["ok"] is True


def test_a_killed_rerun_leaves_no_half_snapshot(workdir: Path) -> None:
    notebook = executed_notebook(workdir / "long.ipynb", "x = 1", "x")
    nb = json.loads(notebook.read_text())
    nb["cells"][1]["source"] = "import time\ntime.sleep(60)\nx"
    notebook.write_text(json.dumps(nb))
    original = take(notebook)
    proc = subprocess.Popen(
        [snapshot_exe(), "rerun", original],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # the run is under way: the slow cell started
        if line.startswith("running cell 1"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)

    assert listed_ids() == [original]
    report = snap_json("verify")
    assert report["ok"] is True and report["manifests"] == 1
