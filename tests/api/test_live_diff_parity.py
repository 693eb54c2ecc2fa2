"""A snapshot against the live notebook: the same run diff through the REST API (the UI's
"Diff with current notebook") and through the operations the CLI calls."""

import json
import subprocess

from api_helpers import make_notebook

from jupyter_ext.operations import Operations
from jupyter_ext.store import Store

SAME_IN_BOTH = ("params", "metrics", "data", "packages", "kernel", "environment", "git")


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


async def test_live_diff_is_the_same_run_diff_in_the_ui_and_the_cli(
    api, jp_root_dir, snapshot_store, tmp_path
):
    git(jp_root_dir, "init", "-q")
    (jp_root_dir / "churn.ipynb").write_text(json.dumps(make_notebook(lr=0.01, accuracy=0.9)))
    git(jp_root_dir, "add", "churn.ipynb")
    git(jp_root_dir, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "init")
    _, base = await api("POST", "snapshots", body={"path": "churn.ipynb"})
    (jp_root_dir / "churn.ipynb").write_text(json.dumps(make_notebook(lr=0.1, accuracy=0.95)))

    status, ui = await api("GET", "diff", params={"base": base["id"], "remote": "churn.ipynb"})
    assert status == 200, ui
    store = Store(snapshot_store, tmp_path / "cli-state", sync_interval=0)
    try:
        cli = await Operations(store, root_dir=jp_root_dir).diff(
            base["id"][-6:].lower(), "churn.ipynb"
        )
    finally:
        store.close()
    for side in (ui["run_diff"], cli["run_diff"]):
        assert [(p["name"], p["base"], p["remote"]) for p in side["params"]] == [("lr", 0.01, 0.1)]
        accuracy = next(m for m in side["metrics"] if m["name"] == "accuracy")
        assert (accuracy["base"], accuracy["remote"]) == (0.9, 0.95)
        assert side["git"]["base_commit"] and side["git"]["changed"] is False
        assert side["git"]["remote_commit"] == side["git"]["base_commit"]
        assert sorted(side["unknown"]) == ["environment", "kernel", "packages"]
        assert "unknown" not in json.dumps(side["params"] + side["metrics"])
    for key in SAME_IN_BOTH:
        assert ui["run_diff"][key] == cli["run_diff"][key], key
    assert ui["run_diff"]["summary"] == cli["run_diff"]["summary"]
    assert ui["diff"] == cli["diff"]
