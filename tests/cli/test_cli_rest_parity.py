"""The CLI and the REST API (what the UI calls) give the same answers for the same scenario:
a real jupyter-server (pytest-jupyter) and a real `jupyter snapshot` process on one store."""

import json
import os
import subprocess

import nbformat
from cli_helpers import snapshot_exe
from test_cli import notebook

SAME_IN_BOTH = ("params", "metrics", "data", "packages", "kernel", "environment", "git", "summary")


def cli(root, store, *args):
    env = {**os.environ, "JUPYTER_SNAPSHOT_STORE": store, "JUPYTER_SNAPSHOT_AUTHOR": "ci-bot"}
    proc = subprocess.run(
        [snapshot_exe(), *args], cwd=root, env=env, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


async def rest(jp_fetch, *parts, method="GET", body=None, params=None):
    kwargs = {"method": method}
    if body is not None:
        kwargs["body"] = json.dumps(body)
    if params:
        kwargs["params"] = params
    response = await jp_fetch("jupyter-ext", "api", *parts, **kwargs)
    return json.loads(response.body)


async def test_live_diff_ids_and_notebook_are_the_same_in_the_cli_and_the_ui(
    jp_fetch, jp_root_dir, snapshot_store
):
    (jp_root_dir / "churn.ipynb").write_text(notebook(0.01, 0.8))
    taken = await rest(jp_fetch, "snapshots", method="POST", body={"path": "churn.ipynb"})
    sid = taken["id"]
    (jp_root_dir / "churn.ipynb").write_text(notebook(0.1, 0.9))

    ui = await rest(jp_fetch, "diff", params={"base": sid, "remote": "churn.ipynb"})
    terminal = cli(jp_root_dir, snapshot_store, "diff", sid[-6:].lower(), "churn.ipynb", "--json")
    for side in (ui["run_diff"], terminal["run_diff"]):
        params = [(p["name"], p["base"], p["remote"], p["change"]) for p in side["params"]]
        assert params == [("lr", 0.01, 0.1, "changed")]
        metrics = {m["name"]: (m["base"], m["remote"]) for m in side["metrics"]}
        assert metrics == {"accuracy": (0.8, 0.9)}
    for key in SAME_IN_BOTH:
        assert ui["run_diff"].get(key) == terminal["run_diff"].get(key), key
    assert ui["diff"] == terminal["diff"]

    for typed in (sid, sid[-6:].lower(), sid[:10]):
        ui_manifest = await rest(jp_fetch, "snapshots", typed)
        assert cli(jp_root_dir, snapshot_store, "show", typed, "--json") == ui_manifest
    ui_notebook = await rest(jp_fetch, "snapshots", sid[-6:].lower(), "notebook")
    cli(jp_root_dir, snapshot_store, "export", sid[-6:].lower(), "-o", "copy.ipynb", "--json")
    exported = json.loads((jp_root_dir / "copy.ipynb").read_text())
    assert exported == ui_notebook
    assert nbformat.reads(json.dumps(exported), as_version=4).cells[0].source == "lr = 0.01"

    listed = await rest(jp_fetch, "snapshots")
    assert [i["id"] for i in cli(jp_root_dir, snapshot_store, "list", "--json")] == [
        i["id"] for i in listed["items"]
    ]
