"""An unreachable / unwritable store queues whole snapshots locally; sync delivers them."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from store_helpers import make_bucket, make_notebook, take

from jupyter_ext.store import Store, init_store


def _outbox_files(store: Store) -> list[str]:
    return [key for key, _m, _s in store.outbox.walk("")]


def test_path_under_a_regular_file_queues_then_sync_delivers(tmp_path: Path) -> None:
    blocker = tmp_path / "mnt"
    blocker.write_text("not a directory")  # root ignores chmod; a file in the way stops anyone
    store = Store(str(blocker / "store"), tmp_path / "local", sync_interval=0)
    nb = make_notebook(20, image_every=4)
    summary = take(store, nb, message="offline work")
    assert summary["queued"] is True
    assert "store folder does not exist" in summary["queue_reason"]
    items, _ = store.list()
    assert [(i["id"], i["queued"]) for i in items] == [(summary["id"], True)]
    assert store.get_notebook(summary["id"]) == nb  # readable from the outbox meanwhile
    result = store.sync()
    assert result["delivered"] == [] and result["pending"] == [summary["id"]]
    assert result["errors"]

    blocker.unlink()  # the share comes back
    blocker.mkdir()
    init_store(str(blocker / "store"))
    result = store.sync()
    assert result["delivered"] == [summary["id"]] and result["pending"] == []
    assert (blocker / "store" / "snapshots" / f"{summary['id']}.json").exists()
    assert [i["queued"] for i in store.list()[0]] == [False]
    assert store.verify()["ok"]
    assert [k for k in _outbox_files(store) if not k.startswith("snapshots")] == []
    fresh = Store(str(blocker / "store"), tmp_path / "other", sync_interval=0)
    assert fresh.get_notebook(summary["id"]) == nb


def test_outbox_keeps_parent_chain_and_order(tmp_path: Path) -> None:
    blocker = tmp_path / "mnt"
    blocker.write_text("x")
    store = Store(str(blocker / "s"), tmp_path / "local", sync_interval=0)
    nb = make_notebook(5)
    ids = []
    for i in range(3):
        nb["cells"][0]["source"] = f"v{i}"
        ids.append(take(store, nb)["id"])
    manifests = [store.get_manifest(i) for i in ids]
    assert [m["parent"] for m in manifests] == [None, ids[0], ids[1]]
    blocker.unlink()
    blocker.mkdir()  # the share is mounted again, with its store
    init_store(str(blocker / "s"))
    assert store.sync()["delivered"] == ids
    assert [i["id"] for i in store.list()[0]] == ids[::-1]
    assert store.verify()["ok"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_s3_queues_then_delivers(moto_endpoint: str, tmp_path: Path) -> None:
    bucket = make_bucket(moto_endpoint)
    url = f"s3://{bucket}/team"
    init_store(url)
    dead = {"client_kwargs": {"endpoint_url": f"http://127.0.0.1:{_closed_port()}"}}
    offline = Store(url, tmp_path / "local", dead, sync_interval=0)
    nb = make_notebook(30, image_every=5)
    t0 = time.monotonic()
    summary = take(offline, nb)
    assert time.monotonic() - t0 < 20  # fails over quickly
    assert summary["queued"] and "queued locally" in summary["queue_reason"]
    assert offline.list()[0][0]["queued"] is True
    offline.close()

    online = Store(url, tmp_path / "local", sync_interval=0)  # same local dir, store is back
    assert online.list()[0][0]["queued"] is True
    result = online.sync()
    assert result["delivered"] == [summary["id"]], result
    assert online.list()[0][0]["queued"] is False
    assert online.verify()["ok"]
    assert Store(url, tmp_path / "elsewhere").get_notebook(summary["id"]) == nb
    assert not os.listdir(tmp_path / "local" / "outbox" / "snapshots")
