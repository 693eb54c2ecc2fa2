"""Restores create their target exclusively and respect hidden folders as the contents API
does; a snapshot deleted elsewhere is not served from this server's cache."""

import asyncio
import json
import time

from api_helpers import make_notebook

from jupyter_ext.store import Store


async def test_concurrent_restores_to_one_new_path_create_it_once(api, notebook_on_disk):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    results = await asyncio.gather(
        *(
            api("POST", "snapshots", summary["id"], "restore", body={"path": "new/copy.ipynb"})
            for _ in range(6)
        )
    )
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] + [409] * 5, results


async def test_restoring_into_a_hidden_folder_is_refused_before_writing(
    api, notebook_on_disk, jp_root_dir
):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    (jp_root_dir / ".hidden").mkdir()
    for target in (".hidden/copy.ipynb", ".new/copy.ipynb", ".copy.ipynb"):
        status, error = await api(
            "POST", "snapshots", summary["id"], "restore", body={"path": target}
        )
        assert status == 400, (target, error)
        assert "hidden" in error["message"]
        assert not (jp_root_dir / target).exists()
    assert not (jp_root_dir / ".new").exists()


async def test_a_snapshot_deleted_through_another_server_is_gone_here(
    api, notebook_on_disk, snapshot_store, tmp_path
):
    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})
    status, manifest = await api("GET", "snapshots", summary["id"])  # now cached here
    assert status == 200
    owner = manifest["author"]["username"]
    other = Store(snapshot_store, tmp_path / "other-server", sync_interval=0)
    try:
        other.sync()
        other.delete(summary["id"], username=owner)
    finally:
        other.close()
    deadline = time.monotonic() + 10  # this server's index refreshes every 2 s at most
    while (status := (await api("GET", "snapshots", summary["id"]))[0]) == 200:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.3)
    assert status == 404
    status, _ = await api("GET", "snapshots", summary["id"], "notebook")
    assert status == 404
    status, _ = await api("POST", "snapshots", summary["id"], "comments", body={"text": "x"})
    assert status == 404


async def test_restore_keeps_the_snapshot_and_records_where_it_came_from(
    api, notebook_on_disk, jp_root_dir
):
    _, summary = await api(
        "POST", "snapshots", body={"path": notebook_on_disk, "content": make_notebook(lr=0.4)}
    )
    status, restored = await api(
        "POST", "snapshots", summary["id"], "restore", body={"path": "r.ipynb"}
    )
    assert status == 201, restored
    written = json.loads((jp_root_dir / "r.ipynb").read_text())
    assert written["metadata"]["jupyter_ext"]["origin"] == summary["id"]
    assert "".join(written["cells"][1]["source"]).startswith("lr = 0.4")


async def test_an_object_over_the_stores_read_limit_is_a_clear_error(
    api, notebook_on_disk, monkeypatch
):
    from jupyter_ext.store import CorruptObject, Store

    class TooLarge(CorruptObject):  # the store's read-limit error (a CorruptObject)
        pass

    _, summary = await api("POST", "snapshots", body={"path": notebook_on_disk})

    def refuse(self, snapshot_id):
        raise TooLarge("manifest is larger than 16 MiB", f"snapshots/{snapshot_id}.json")

    monkeypatch.setattr(Store, "get_manifest", refuse)
    status, error = await api("GET", "snapshots", summary["id"])
    assert status == 500
    assert error["message"].startswith(f"Stored object snapshots/{summary['id']}.json is too large")
