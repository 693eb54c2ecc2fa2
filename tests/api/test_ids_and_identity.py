"""Ids people can type (full, the UI's short form, a unique prefix) and a notebook's history
that survives renames and restored copies, through the REST API."""

import json

from api_helpers import make_notebook

from jupyter_ext.store import Store


def short(snapshot_id: str) -> str:
    return snapshot_id[-6:].lower()  # what the UI shows (src/history/format.ts shortId)


async def test_every_id_taking_route_accepts_the_short_form_and_prefixes(api, notebook_on_disk):
    _, first = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "one"})
    _, second = await api(
        "POST",
        "snapshots",
        body={"path": notebook_on_disk, "content": make_notebook(lr=0.1), "message": "two"},
    )
    sid = first["id"]
    for typed in (sid, sid.lower(), short(sid), short(sid).upper(), sid[:20], sid[:20].lower()):
        status, manifest = await api("GET", "snapshots", typed)
        assert status == 200, (typed, manifest)
        assert manifest["id"] == sid
    status, notebook = await api("GET", "snapshots", short(sid), "notebook")
    assert status == 200 and notebook["cells"][1]["source"].startswith("lr = 0.01")
    status, comment = await api("POST", "snapshots", short(sid), "comments", body={"text": "hi"})
    assert status == 201 and comment["snapshot"] == sid
    status, comments = await api("GET", "snapshots", sid[:16].lower(), "comments")
    assert [c["text"] for c in comments["items"]] == ["hi"]
    status, result = await api(
        "GET", "diff", params={"base": short(sid), "remote": short(second["id"])}
    )
    assert status == 200, result
    assert result["base_id"] == sid and result["remote_id"] == second["id"]
    assert {p["name"]: (p["base"], p["remote"]) for p in result["run_diff"]["params"]} == {
        "lr": (0.01, 0.1)
    }
    status, restored = await api(
        "POST", "snapshots", short(sid), "restore", body={"path": "copy.ipynb"}
    )
    assert status == 201 and restored["id"] == sid
    status, _ = await api("DELETE", "snapshots", short(second["id"]))
    assert status == 204
    status, _ = await api("GET", "snapshots", second["id"])
    assert status == 404


async def test_unknown_short_and_ambiguous_ids_are_clear_errors(
    api, notebook_on_disk, snapshot_store, tmp_path
):
    # Two teammates' runs in the same millisecond share their first 10 characters.
    bob = Store(snapshot_store, tmp_path / "bob", sync_interval=0, clock=lambda: 1_800_000_000.0)
    try:
        ids = [
            bob.take(make_notebook(), author={"username": "bob"}, notebook_info={"path": "b"})["id"]
            for _ in range(2)
        ]
    finally:
        bob.close()
    assert ids[0][:10] == ids[1][:10]
    status, error = await api("GET", "snapshots", ids[0][:10].lower())
    assert status == 409, error
    assert ids[0] in error["message"] and ids[1] in error["message"]
    status, manifest = await api("GET", "snapshots", ids[1][:-1])  # unique: 25 characters
    assert status == 200 and manifest["id"] == ids[1]
    status, error = await api("GET", "snapshots", "zzzzzz")
    assert status == 404, error
    status, error = await api("GET", "snapshots", "01ab")
    assert status == 400 and "6" in error["message"]
    status, error = await api("GET", "snapshots", "not-an-id!")
    assert status == 400


async def test_history_and_parent_follow_a_rename(api, jp_fetch, jp_root_dir):
    (jp_root_dir / "Untitled.ipynb").write_text(json.dumps(make_notebook()))
    status, first = await api("POST", "snapshots", body={"path": "Untitled.ipynb"})
    assert status == 201, first
    await jp_fetch(
        "api",
        "contents",
        "Untitled.ipynb",
        method="PATCH",
        body=json.dumps({"path": "scratch.ipynb"}),
    )
    assert (jp_root_dir / "scratch.ipynb").is_file()
    status, second = await api(
        "POST",
        "snapshots",
        body={"path": "scratch.ipynb", "content": make_notebook(lr=0.2), "message": "renamed"},
    )
    assert status == 201, second
    assert second["parent"] == first["id"]
    _, page = await api("GET", "snapshots", params={"notebook": "scratch.ipynb"})
    assert [i["id"] for i in page["items"]] == [second["id"], first["id"]]
    _, manifest = await api("GET", "snapshots", second["id"])
    assert manifest["notebook"]["path"] == "scratch.ipynb"
    assert manifest["notebook"]["id"] and manifest["parent"] == first["id"]

    # A new notebook at the old name is another notebook: its own history, no parent.
    (jp_root_dir / "Untitled.ipynb").write_text(json.dumps(make_notebook(lr=0.9)))
    status, fresh = await api("POST", "snapshots", body={"path": "Untitled.ipynb"})
    assert status == 201 and fresh["parent"] is None
    _, page = await api("GET", "snapshots", params={"notebook": "Untitled.ipynb"})
    assert [i["id"] for i in page["items"]] == [fresh["id"]]
    _, page = await api("GET", "snapshots", params={"notebook": "scratch.ipynb"})
    assert [i["id"] for i in page["items"]] == [second["id"], first["id"]]


async def test_a_restored_copy_starts_its_history_at_its_origin(api, notebook_on_disk):
    _, origin = await api("POST", "snapshots", body={"path": notebook_on_disk, "message": "o"})
    status, restored = await api(
        "POST", "snapshots", origin["id"], "restore", body={"path": "copy.ipynb"}
    )
    assert status == 201, restored
    _, page = await api("GET", "snapshots", params={"notebook": "copy.ipynb"})
    assert [(i["id"], i.get("origin_of")) for i in page["items"]] == [(origin["id"], "copy.ipynb")]
    status, taken = await api("POST", "snapshots", body={"path": "copy.ipynb", "message": "c"})
    assert status == 201, taken
    assert taken["parent"] == origin["id"]
    _, manifest = await api("GET", "snapshots", taken["id"])
    assert manifest["notebook"]["origin"] == origin["id"]
    assert manifest["notebook"]["id"] != (await api("GET", "snapshots", origin["id"]))[1][
        "notebook"
    ].get("id")
    _, page = await api("GET", "snapshots", params={"notebook": "copy.ipynb"})
    assert [i["id"] for i in page["items"]] == [taken["id"], origin["id"]]
    _, page = await api("GET", "snapshots", params={"notebook": notebook_on_disk})
    assert [i["id"] for i in page["items"]] == [origin["id"]]


async def test_a_moved_folder_keeps_its_notebooks_histories(api, jp_fetch, notebook_on_disk):
    _, first = await api("POST", "snapshots", body={"path": notebook_on_disk})
    await jp_fetch("api", "contents", "exp", method="PATCH", body=json.dumps({"path": "archive"}))
    status, moved = await api("POST", "snapshots", body={"path": "archive/churn.ipynb"})
    assert status == 201, moved
    assert moved["parent"] == first["id"]
    _, page = await api("GET", "snapshots", params={"notebook": "archive/churn.ipynb"})
    assert [i["id"] for i in page["items"]] == [moved["id"], first["id"]]


async def test_a_duplicate_of_a_restored_copy_is_another_notebook(api, jp_fetch, notebook_on_disk):
    _, origin = await api("POST", "snapshots", body={"path": notebook_on_disk})
    await api("POST", "snapshots", origin["id"], "restore", body={"path": "copy.ipynb"})
    _, copy_run = await api("POST", "snapshots", body={"path": "copy.ipynb"})
    await jp_fetch(
        "api", "contents", method="POST", body=json.dumps({"copy_from": "copy.ipynb"})
    )  # JupyterLab's "Duplicate": copy-Copy1.ipynb
    status, dup = await api("POST", "snapshots", body={"path": "copy-Copy1.ipynb"})
    assert status == 201, dup
    assert dup["parent"] != copy_run["id"]
    _, page = await api("GET", "snapshots", params={"notebook": "copy.ipynb"})
    assert [i["id"] for i in page["items"]] == [copy_run["id"], origin["id"]]
