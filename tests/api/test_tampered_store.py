"""A blob changed on the shared store after it was written is never served by any route."""

import json
import os
from pathlib import Path

from api_helpers import make_notebook

from jupyter_ext.store import Store

EVIL = b'{"cell_type":"code","metadata":{},"source":"evil()","outputs":[]}'


def tamper_every_blob(store_dir: str) -> int:
    """Replace each blob with a well-formed blob of other content (so only the hash tells)."""
    count = 0
    for blob in Path(store_dir, "objects").rglob("*"):
        if blob.is_file():
            os.chmod(blob, 0o644)
            blob.write_bytes(b"r" + EVIL)
            count += 1
    return count


async def test_a_tampered_blob_is_refused_with_a_clear_error(
    api, snapshot_store, tmp_path, jp_root_dir
):
    # A teammate's snapshot that this server has never read (nothing cached).
    writer = Store(snapshot_store, tmp_path / "teammate", sync_interval=0)
    summary = writer.take(
        make_notebook(extra="\nprint('honest')"),
        notebook_info={"path": "t.ipynb", "name": "t.ipynb", "key": "t.ipynb"},
        author={"username": "eve", "name": "Eve"},
    )
    writer.close()
    assert tamper_every_blob(snapshot_store) > 0
    sid = summary["id"]
    before = sorted(p.name for p in jp_root_dir.rglob("*"))

    for method, parts, params, body in [
        ("GET", ("snapshots", sid, "notebook"), None, None),
        ("GET", ("diff",), {"base": sid, "remote": sid}, None),
        ("POST", ("snapshots", sid, "restore"), None, {"path": "restored.ipynb"}),
    ]:
        status, reply = await api(method, *parts, params=params, body=body)
        assert status == 500, (parts, status, reply)
        text = json.dumps(reply)
        assert "corrupt" in reply["message"] and "jupyter snapshot verify" in reply["message"]
        assert "evil()" not in text and "Traceback" not in text
    assert sorted(p.name for p in jp_root_dir.rglob("*")) == before, "nothing was restored"
