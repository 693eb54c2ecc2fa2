"""The snapshots REST API against a real jupyter-server with the extension loaded."""

import asyncio
import json
import time

import nbformat
from api_helpers import NBDIME_FILES, make_notebook

from jupyter_ext.store import Store
from jupyter_ext.store.comments import add_comment


async def test_take_from_disk_then_list_show_and_export(api, notebook_on_disk, jp_root_dir):
    status, summary = await api(
        "POST", "snapshots", body={"path": notebook_on_disk, "message": "baseline", "tags": ["b"]}
    )
    assert status == 201, summary
    assert summary["message"] == "baseline"
    assert summary["tags"] == ["b"]
    assert summary["params"] == {"lr": 0.01, "epochs": 3}
    assert summary["metrics"] == {"accuracy": 0.9}

    status, page = await api("GET", "snapshots", params={"notebook": notebook_on_disk})
    assert status == 200
    assert [item["id"] for item in page["items"]] == [summary["id"]]

    status, manifest = await api("GET", "snapshots", summary["id"])
    assert status == 200
    assert manifest["notebook"]["path"] == notebook_on_disk
    assert manifest["kernel"]["state"] == "none"

    status, notebook = await api("GET", "snapshots", summary["id"], "notebook")
    assert status == 200
    on_disk = nbformat.read(jp_root_dir / notebook_on_disk, as_version=4)
    assert notebook == json.loads(json.dumps(on_disk))


async def test_take_uses_the_content_the_browser_shows(api, notebook_on_disk):
    unsaved = make_notebook(lr=0.5, accuracy=0.95)
    status, summary = await api(
        "POST", "snapshots", body={"path": notebook_on_disk, "content": unsaved, "message": "m"}
    )
    assert status == 201, summary
    assert summary["params"]["lr"] == 0.5
    status, notebook = await api("GET", "snapshots", summary["id"], "notebook")
    assert notebook["cells"][1]["source"].startswith("lr = 0.5")


async def test_history_is_newest_first_and_diff_reports_the_parameter_change(api, notebook_on_disk):
    _, first = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "one"})
    _, second = await api(
        "POST",
        "snapshots",
        body={
            "path": notebook_on_disk,
            "content": make_notebook(lr=0.1, accuracy=0.93),
            "message": "two",
        },
    )
    _, page = await api("GET", "snapshots", params={"notebook": notebook_on_disk})
    assert [i["message"] for i in page["items"]] == ["two", "one"]

    status, result = await api("GET", "diff", params={"base": first["id"], "remote": second["id"]})
    assert status == 200, result
    assert result["diff"], "the notebooks differ, so the diff is not empty"
    params = {p["name"]: p for p in result["run_diff"]["params"]}
    assert params["lr"]["base"] == 0.01 and params["lr"]["remote"] == 0.1
    metrics = {m["name"]: m for m in result["run_diff"]["metrics"]}
    assert abs(metrics["accuracy"]["delta"] - 0.03) < 1e-9

    status, live = await api(
        "GET", "diff", params={"base": second["id"], "remote": notebook_on_disk}
    )
    assert status == 200, live
    assert {p["name"] for p in live["run_diff"]["params"]} >= {"lr"}


async def test_restore_as_copy_never_overwrites(api, notebook_on_disk, jp_root_dir):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    status, restored = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": "exp/copy.ipynb"}
    )
    assert status == 201, restored
    assert json.loads((jp_root_dir / "exp" / "copy.ipynb").read_text())["cells"]
    before = (jp_root_dir / notebook_on_disk).read_bytes()
    status, error = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": notebook_on_disk}
    )
    assert status == 409
    assert "already exists" in error["message"]
    assert (jp_root_dir / notebook_on_disk).read_bytes() == before


async def test_only_the_author_may_delete(api, notebook_on_disk, monkeypatch):
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ana")
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert summary["author"]["username"] == "ana"
    _, page = await api("GET", "snapshots")
    assert [item["can_delete"] for item in page["items"]] == [True]
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "bob")
    _, page = await api("GET", "snapshots")
    assert [item["can_delete"] for item in page["items"]] == [False], "the list says who may"
    status, error = await api("DELETE", "snapshots", summary["id"])
    assert status == 403
    assert "ana" in error["message"]
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ana")
    status, _ = await api("DELETE", "snapshots", summary["id"])
    assert status == 204
    status, _ = await api("GET", "snapshots", summary["id"])
    assert status == 404
    _, page = await api("GET", "snapshots")
    assert page["items"] == []


async def test_real_world_notebooks_round_trip_through_the_api(api, jp_root_dir):
    names = sorted(p.name for p in NBDIME_FILES.glob("*.ipynb"))[:12]
    for name in names:
        (jp_root_dir / name).write_bytes((NBDIME_FILES / name).read_bytes())
        status, summary = await api("POST", "snapshots", body={"path": name})
        if status == 400:  # nbformat 3 files in the set: refused with a reason, not a crash
            assert summary["message"]
            continue
        assert status == 201, (name, summary)
        _, exported = await api("GET", "snapshots", summary["id"], "notebook")
        expected = json.loads(json.dumps(nbformat.read(jp_root_dir / name, as_version=4)))
        # nbformat invents random ids for id-less cells on every read: compare the rest.
        raw = json.loads((jp_root_dir / name).read_text())
        for index, cell in enumerate(raw.get("cells", [])):
            if "id" not in cell:
                exported["cells"][index].pop("id", None)
                expected["cells"][index].pop("id", None)
        assert exported == expected, name


async def test_comments_are_kept_beside_the_snapshot_and_counted(api, notebook_on_disk):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "m"})
    status, comment = await api(
        "POST",
        "snapshots",
        summary["id"],
        "comments",
        body={"text": "lr too high", "cell_id": "c1"},
    )
    assert status == 201, comment
    assert comment["text"] == "lr too high" and comment["cell_id"] == "c1"
    await api("POST", "snapshots", summary["id"], "comments", body={"text": "<b>second</b>"})
    status, listed = await api("GET", "snapshots", summary["id"], "comments")
    assert [c["text"] for c in listed["items"]] == ["lr too high", "<b>second</b>"]
    _, page = await api("GET", "snapshots")
    assert page["items"][0]["comment_count"] == 2
    status, error = await api("POST", "snapshots", summary["id"], "comments", body={"text": "  "})
    assert status == 400 and "text" in error["message"]
    status, _ = await api(
        "POST", "snapshots", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "comments", body={"text": "x"}
    )
    assert status == 404


async def test_comment_counts_include_comments_written_through_another_server(
    api, notebook_on_disk, snapshot_store, tmp_path
):
    """Bob's server shares the store: his comments reach my counts (the Team runs poll)
    within the store's sync interval, although my server's counts are cached."""
    _, commented = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "a"})
    _, quiet = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "b"})
    _, other = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "c"})
    await api("POST", "snapshots", commented["id"], "comments", body={"text": "mine"})
    status, body = await api("GET", "comments", "counts")
    assert status == 200, body
    assert body == {"counts": {commented["id"]: 1}}  # only snapshots with comments

    bob = Store(snapshot_store, tmp_path / "bob", sync_interval=0)
    try:
        add_comment(bob, commented["id"], author={"username": "bob", "name": "Bob"}, text="+1")
        add_comment(bob, other["id"], author={"username": "bob", "name": "Bob"}, text="why?")
    finally:
        bob.close()
    expected = {commented["id"]: 2, other["id"]: 1}
    deadline = time.monotonic() + 10  # the server's Store caches counts for 2 s
    while (counts := (await api("GET", "comments", "counts"))[1]["counts"]) != expected:
        assert time.monotonic() < deadline, counts
        await asyncio.sleep(0.2)
    _, page = await api("GET", "snapshots")
    assert {i["id"]: i["comment_count"] for i in page["items"]} == {**expected, quiet["id"]: 0}


async def test_restoring_a_teammates_run_creates_their_folders_in_my_workspace(api, jp_root_dir):
    _, summary = await api(
        "POST", "snapshots", body={"path": "e.ipynb", "content": make_notebook(lr=0.2)}
    )
    status, restored = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": "bob/exp/copy.ipynb"}
    )
    assert status == 201, restored
    assert (jp_root_dir / "bob" / "exp" / "copy.ipynb").is_file()
    (jp_root_dir / "afile").write_text("x")
    status, error = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": "afile/copy.ipynb"}
    )
    assert status == 409 and "afile" in error["message"]
    assert (jp_root_dir / "afile").read_text() == "x"


async def test_diff_with_a_live_notebook_says_unknown_not_changed(api, notebook_on_disk):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    status, result = await api(
        "POST",
        "diff",
        body={
            "base": summary["id"],
            "remote": notebook_on_disk,
            "remote_content": make_notebook(lr=0.7),
        },
    )
    assert status == 200, result
    run = result["run_diff"]
    assert {p["name"]: p["remote"] for p in run["params"]}["lr"] == 0.7
    assert run["remote_live"] is True
    assert "kernel" not in run["summary"]
