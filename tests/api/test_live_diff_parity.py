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


async def test_a_live_diff_says_whether_the_data_the_run_read_changed_since(
    api, jp_root_dir, snapshot_store, tmp_path
):
    import hashlib

    (jp_root_dir / "exp").mkdir()
    (jp_root_dir / "exp" / "train.csv").write_text("x\n1\n")
    (jp_root_dir / "exp" / "churn.ipynb").write_text(json.dumps(make_notebook()))
    old = (jp_root_dir / "exp" / "train.csv").read_bytes()
    # A run whose kernel read exp/train.csv (the audit hook saw it; the code does not name it).
    store = Store(snapshot_store, tmp_path / "runner", sync_interval=0)
    try:
        base = store.take(
            make_notebook(),
            author={"username": "ana"},
            notebook_info={"path": "exp/churn.ipynb", "name": "churn.ipynb"},
            facts={"data": [{"path": "exp/train.csv", "url": None, "size": len(old),
                             "hash": "sha256:" + hashlib.sha256(old).hexdigest(),
                             "mode": "read", "source": "audit", "stored": None}]},
        )  # fmt: skip
    finally:
        store.close()
    status, same = await api(
        "GET", "diff", params={"base": base["id"], "remote": "exp/churn.ipynb"}
    )
    assert status == 200, same
    assert [(d["path"], d["change"]) for d in same["run_diff"]["data"]] == [
        ("exp/train.csv", "unchanged")
    ]
    (jp_root_dir / "exp" / "train.csv").write_text("x\n1\n2\n")
    _, changed = await api("GET", "diff", params={"base": base["id"], "remote": "exp/churn.ipynb"})
    assert [(d["path"], d["change"]) for d in changed["run_diff"]["data"]] == [
        ("exp/train.csv", "content-changed")
    ]
