"""Outage messages name the store (folder or s3:// URL) and the reason, never an object path.

They reach the take toast, the notification centre and the CLI whole; an object key
(snapshots/<id>.json, objects/ab/cd…) or a temp file name means nothing to the reader.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from store_helpers import make_bucket, make_notebook, take

from jupyter_ext.store import Store, StoreUnavailable, init_store
from jupyter_ext.store.outage import describe, scrub

_INTERNAL = re.compile(r"(snapshots|objects|tombstones|comments)/|\.tmp-|[0-9A-HJKMNP-TV-Z]{26}")


def _assert_readable(reason: str, url: str) -> None:
    assert url in reason, reason
    assert not _INTERNAL.search(reason.replace(url, "<store>")), reason
    assert len(reason) < 600, reason  # short enough to show whole


def test_an_unwritable_folder_store_names_the_folder_and_why(tmp_path: Path) -> None:
    url = str(tmp_path / "shared")
    init_store(url)
    store = Store(url, tmp_path / "local", sync_interval=0)
    (tmp_path / "shared" / "objects").rmdir()
    (tmp_path / "shared" / "objects").write_text("in the way")  # not a directory: ENOTDIR
    summary = take(store, make_notebook(4))
    assert summary["queued"]
    reason = summary["queue_reason"]
    _assert_readable(reason, url)
    assert "not a directory" in reason and "queued locally" in reason, reason
    store.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_s3_store_names_its_url_not_the_endpoint_object(
    moto_endpoint: str, tmp_path: Path
) -> None:
    url = f"s3://{make_bucket(moto_endpoint)}/team"
    init_store(url)
    dead = {"client_kwargs": {"endpoint_url": f"http://127.0.0.1:{_closed_port()}"}}
    store = Store(url, tmp_path / "local", dead, sync_interval=0)
    summary = take(store, make_notebook(3))
    assert summary["queued"]
    _assert_readable(summary["queue_reason"], url)
    with pytest.raises(StoreUnavailable) as failed:
        store.sync()
    _assert_readable(str(failed.value), url)
    store.close()


def test_library_texts_lose_their_object_paths() -> None:
    url, root = "s3://bucket/team", "bucket/team"
    key = "snapshots/01JE2ZJ8W3X7QK1R6VYB0C4D5F.json"
    connect = ConnectionError(
        f'Could not connect to the endpoint URL: "http://10.0.0.5:9000/{root}/{key}"'
    )
    text = describe(connect, url, root)
    assert text == f'ConnectionError: Could not connect to the endpoint URL: "{url}"', text
    assert scrub(f"denied on objects/ab/{'c' * 62}", url, root) == "denied on the store"
    local = OSError(28, "No space left on device", f"/share/store/{key}")
    assert describe(local, "/share/store") == "the store is full (no space left on device)"
    assert len(describe(RuntimeError("x" * 5000), url, root)) < 400
