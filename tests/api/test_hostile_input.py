"""Hostile ids, paths and bodies get a clear 4xx and touch nothing outside the root/store."""

import json
import os
from pathlib import Path

import pytest
from api_helpers import make_notebook

BAD_PATHS = [
    "../outside.ipynb",
    "%2e%2e/outside.ipynb",
    "%252e%252e/outside.ipynb",
    "..%2foutside.ipynb",
    "exp/../../outside.ipynb",
    "..\\outside.ipynb",
    "C:/Windows/outside.ipynb",
    "/etc/passwd",
    "~/outside.ipynb",
    "exp/churn.ipynb#../../x",
    "exp/churn.ipynb?x=../../y",
    "exp/\x00churn.ipynb",
    "exp/\x1bchurn.ipynb",
    "",
]
BAD_IDS = [
    "..",
    "..%2f..%2fetc",
    "%2e%2e",
    "01ARZ3NDEKTSV4RRFFQ69G5FA",
    "01ARZ3NDEKTSV4RRFFQ69G5FAV0",
    "01arz3ndektsv4rrffq69g5fav/../x",
    "<script>",
    "01ARZ3NDEKTSV4RRFFQ69G5FA!",
]


def tree(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_size
        for p in root.rglob("*")
        if p.is_file() and "jupyter_ext" not in p.parts
    }


@pytest.fixture
def outside(jp_root_dir: Path) -> Path:
    # A sibling whose name starts with the root's name: a string-prefix check would let it in.
    sibling = jp_root_dir.parent / (jp_root_dir.name + "-evil")
    sibling.mkdir(exist_ok=True)
    (sibling / "secret.ipynb").write_text(json.dumps(make_notebook(lr=9.9)))
    (jp_root_dir.parent / "outside.ipynb").write_text(json.dumps(make_notebook(lr=8.8)))
    return sibling


@pytest.mark.parametrize("path", BAD_PATHS + ["../{root}-evil/secret.ipynb"])
async def test_bad_take_paths_are_400_and_nothing_is_read(api, jp_root_dir, outside, path):
    path = path.replace("{root}", jp_root_dir.name)
    before = tree(jp_root_dir.parent)
    status, body = await api("POST", "snapshots", body={"path": path})
    assert status == 400, (path, body)
    assert body["message"]
    _, page = await api("GET", "snapshots")
    assert page["items"] == []
    assert tree(jp_root_dir.parent) == before


async def test_a_symlink_out_of_the_root_is_refused(api, jp_root_dir, outside):
    os.symlink(outside / "secret.ipynb", jp_root_dir / "link.ipynb")
    status, body = await api("POST", "snapshots", body={"path": "link.ipynb"})
    assert status == 400 and "outside" in body["message"]
    os.symlink(outside, jp_root_dir / "linkdir")
    _, summary = await api(
        "POST", "snapshots", body={"path": "exp.ipynb", "content": make_notebook()}
    )
    status, body = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": "linkdir/x.ipynb"}
    )
    assert status == 400
    assert not (outside / "x.ipynb").exists()


@pytest.mark.parametrize("path", BAD_PATHS)
async def test_bad_restore_targets_are_400(api, jp_root_dir, outside, path):
    _, summary = await api(
        "POST", "snapshots", body={"path": "e.ipynb", "content": make_notebook()}
    )
    before = tree(jp_root_dir.parent)
    status, body = await api("POST", "snapshots", summary["id"], "restore", body={"path": path})
    assert status == 400, (path, body)
    assert tree(jp_root_dir.parent) == before


@pytest.mark.parametrize("path", BAD_PATHS + ["../{root}-evil/secret.ipynb"])
async def test_bad_diff_remotes_are_400_and_nothing_is_read(api, jp_root_dir, outside, path):
    """A diff against a live file: the file must be inside the root like any other path."""
    path = path.replace("{root}", jp_root_dir.name)
    _, summary = await api(
        "POST", "snapshots", body={"path": "d.ipynb", "content": make_notebook()}
    )
    before = tree(jp_root_dir.parent)
    status, body = await api("GET", "diff", params={"base": summary["id"], "remote": path})
    assert status == 400, (path, body)
    assert "9.9" not in json.dumps(body) and "8.8" not in json.dumps(body)
    status, body = await api("POST", "diff", body={"base": summary["id"], "remote": path})
    assert status == 400, (path, body)
    assert "9.9" not in json.dumps(body) and "8.8" not in json.dumps(body)
    assert tree(jp_root_dir.parent) == before


@pytest.mark.parametrize("sid", BAD_IDS)
async def test_bad_ids_are_4xx_everywhere(api, sid):
    from urllib.parse import quote

    quoted = quote(sid, safe="")
    for method, parts in (
        ("GET", ("snapshots", quoted)),
        ("GET", ("snapshots", quoted, "notebook")),
        ("DELETE", ("snapshots", quoted)),
        ("POST", ("snapshots", quoted, "restore")),
    ):
        status, body = await api(
            method, *parts, body={"path": "x.ipynb"} if method == "POST" else None
        )
        assert 400 <= status < 500, (method, parts, status)
        if body is not None:
            assert "Traceback" not in json.dumps(body)
    status, _ = await api("GET", "diff", params={"base": sid, "remote": sid})
    assert 400 <= status < 500


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        '"string"',
        json.dumps({"path": 3}),
        json.dumps({"path": "a.ipynb", "tags": "x"}),
        json.dumps({"path": "a.ipynb", "content": {"cells": "nope"}}),
        json.dumps({"path": "a.ipynb", "content": {"nbformat": 3, "worksheets": "x"}}),
        json.dumps({"path": "a.ipynb", "content": ["not", "a", "notebook"]}),
        "[" * 100000 + "]" * 100000,
    ],
)
async def test_malformed_bodies_are_400_with_a_message(api, body):
    status, reply = await api("POST", "snapshots", body=body)
    assert status == 400, reply
    assert reply["message"] and "Traceback" not in reply["message"]


async def test_missing_notebook_is_404(api):
    status, reply = await api("POST", "snapshots", body={"path": "nope.ipynb"})
    assert status == 404 and "nope.ipynb" in reply["message"]


async def test_bad_query_is_400_with_the_reason(api):
    status, reply = await api("GET", "snapshots", params={"q": "lr=>0.1"})
    assert status == 400 and reply["message"]
    status, reply = await api("GET", "snapshots", params={"limit": "-3"})
    assert status == 400


@pytest.fixture
def snapshot_app_config():
    return {"max_body_bytes": 200_000}


async def test_oversized_bodies_are_413(api):
    big = make_notebook(extra="#" + "x" * 300_000)
    status, reply = await api("POST", "snapshots", body={"path": "big.ipynb", "content": big})
    assert status == 413 and "200000" in reply["message"]
