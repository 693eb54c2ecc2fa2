"""A store is made on purpose: an absent share or a mistyped URL never gets a new store.

Issue 13: a team store at `<mount>/snapshots` whose share is not mounted leaves the empty mount
point; takes must queue (saying so), sync must deliver nothing there, and nothing may be created
inside the mount point. Once the share is back, the queued snapshots reach the team store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from store_helpers import BOB, make_notebook, take

from jupyter_ext.store import Store, StoreError, StoreUnavailable


def _keys(store: Store) -> list[str]:
    return [key for key, _m, _s in store.backend.walk("")]


def test_an_unmounted_share_gets_no_store_and_loses_nothing(tmp_path: Path) -> None:
    mount = tmp_path / "mnt"
    mount.mkdir()  # the empty mount point of a share that is not mounted
    url = str(mount / "snapshots")
    laptop = Store(url, tmp_path / "local", sync_interval=0)
    nb = make_notebook(6)
    queued = take(laptop, nb, message="while the share was away")
    assert queued["queued"] is True
    assert url in queued["queue_reason"] and "Is the share mounted?" in queued["queue_reason"]
    assert "jupyter snapshot init" in queued["queue_reason"]
    result = laptop.sync()
    assert result["delivered"] == [] and result["pending"] == [queued["id"]]
    assert "Is the share mounted?" in result["errors"][0]["error"]
    assert os.listdir(mount) == [], "nothing is created inside the mount point"
    # the author still sees their run (queued) and can read it
    assert [(i["id"], i["queued"]) for i in laptop.list()[0]] == [(queued["id"], True)]
    assert laptop.get_notebook(queued["id"]) == nb
    with pytest.raises(StoreUnavailable, match="Is the share mounted"):
        laptop.verify()
    with pytest.raises(StoreUnavailable, match="Is the share mounted"):
        laptop.gc()

    # The share is mounted again: its store is there (made on purpose, elsewhere, long ago).
    from jupyter_ext.store import init_store

    init_store(url)
    teammate = Store(url, tmp_path / "teammate", sync_interval=0)
    first = take(teammate, make_notebook(3, seed=2), author=BOB)
    assert not first["queued"]
    assert laptop.sync()["delivered"] == [queued["id"]]
    assert [i["id"] for i in teammate.list()[0]] == [first["id"], queued["id"]]
    assert teammate.get_notebook(queued["id"]) == nb
    assert teammate.verify()["ok"]


def test_an_empty_folder_or_prefix_is_not_a_store(tmp_path: Path, moto_endpoint: str) -> None:
    from store_helpers import make_bucket

    folder = tmp_path / "empty"
    folder.mkdir()
    for url in (str(folder), f"s3://{make_bucket(moto_endpoint)}/typo/store"):
        store = Store(url, tmp_path / f"local-{len(url)}", sync_interval=0)
        summary = take(store, make_notebook(2))
        assert summary["queued"] and "no store marker" in summary["queue_reason"], url
        assert store.sync()["delivered"] == []
        assert _keys(store) == [], f"nothing written to {url}"
        fresh = Store(url, tmp_path / f"fresh-{len(url)}", sync_interval=0)
        with pytest.raises(StoreUnavailable, match="not there"):
            fresh.list()  # a mistyped store is an error, not an empty list
        with pytest.raises(StoreUnavailable, match="not there"):
            fresh.verify()


def test_init_makes_a_store_and_only_under_an_existing_parent(tmp_path: Path) -> None:
    from jupyter_ext.store import init_store
    from jupyter_ext.store.layout import MARKER

    with pytest.raises(StoreUnavailable, match="mounted"):
        init_store(str(tmp_path / "absent" / "snapshots"))
    assert not (tmp_path / "absent").exists(), "a share is never mkdir -p'd"
    report = init_store(str(tmp_path / "team"))
    assert report["created"] is True
    marker = json.loads((tmp_path / "team" / MARKER).read_text())
    assert marker["version"] == 1
    assert {"snapshots", "objects"} <= set(os.listdir(tmp_path / "team"))
    assert init_store(str(tmp_path / "team"))["created"] is False
    store = Store(tmp_path / "team", tmp_path / "l", sync_interval=0)
    assert not take(store, make_notebook(2))["queued"]


def test_only_the_default_store_is_created_on_demand(tmp_path: Path) -> None:
    url = tmp_path / "data" / "jupyter" / "snapshots"  # parents missing too: it is ours
    store = Store(url, tmp_path / "l", sync_interval=0, create=True)
    summary = take(store, make_notebook(2))
    assert not summary["queued"]
    assert store.verify()["ok"] and store.list()[0][0]["id"] == summary["id"]


def test_a_store_from_before_the_marker_keeps_working(store_url: str, tmp_path: Path) -> None:
    from jupyter_ext.store.layout import MARKER

    writer = Store(store_url, tmp_path / "w", sync_interval=0)
    sid = take(writer, make_notebook(3))["id"]
    writer.backend.delete(MARKER)  # as written by the previous release
    reader = Store(store_url, tmp_path / "r", sync_interval=0)
    assert [i["id"] for i in reader.list()[0]] == [sid]
    assert not take(reader, make_notebook(3, seed=1))["queued"]
    assert reader.verify()["ok"]
    assert reader.backend.mtime(MARKER) is not None, "the marker is written lazily"


def test_a_store_of_a_newer_format_is_refused(store_url: str, tmp_path: Path) -> None:
    from jupyter_ext.store.layout import MARKER

    store = Store(store_url, tmp_path / "w", sync_interval=0)
    store.backend.write(MARKER, json.dumps({"format": "jupyter-ext/store", "version": 99}).encode())
    with pytest.raises(StoreError, match="upgrade"):
        store.verify()


def test_a_share_unmounted_under_a_running_server_gets_nothing(tmp_path: Path) -> None:
    """The store is the mount point itself: unmounting leaves an empty folder that exists."""
    import shutil

    from jupyter_ext.store import init_store

    mount = tmp_path / "share"
    mount.mkdir()
    init_store(str(mount))
    server = Store(mount, tmp_path / "local", sync_interval=0)
    first = take(server, make_notebook(3))
    assert not first["queued"]
    for child in mount.iterdir():  # umount: the mount point is empty again
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    second = take(server, make_notebook(3, seed=1))
    assert second["queued"], "queued, not written into the bare mount point"
    assert os.listdir(mount) == []
    assert server.sync()["delivered"] == [] and os.listdir(mount) == []
