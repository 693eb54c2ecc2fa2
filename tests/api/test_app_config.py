"""SnapshotApp's swappable parts: the Store class and the filesystem options reach the store."""

import pytest
from api_helpers import make_notebook

from jupyter_ext.store import Store


class RecordingStore(Store):
    """A Store subclass a deployment could configure; remembers how it was opened."""

    opened: list = []

    def __init__(self, url, local_dir, storage_options=None, **kwargs):
        RecordingStore.opened.append(storage_options)
        super().__init__(url, local_dir, storage_options, **kwargs)


@pytest.fixture
def snapshot_app_config():
    return {"store_class": RecordingStore, "storage_options": {"auto_mkdir": True}}


async def test_the_configured_store_class_and_options_are_used(api, jp_serverapp):
    RecordingStore.opened.clear()
    status, summary = await api(
        "POST", "snapshots", body={"path": "c.ipynb", "content": make_notebook()}
    )
    assert status == 201, summary
    assert RecordingStore.opened == [{"auto_mkdir": True}]
    service = jp_serverapp.web_app.settings["jupyter_ext_service"]
    assert isinstance(await service.store(), RecordingStore)
    status, page = await api("GET", "snapshots")
    assert [item["id"] for item in page["items"]] == [summary["id"]]
