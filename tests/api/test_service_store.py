"""The service opens one Store however many first requests arrive together."""

import asyncio

from jupyter_ext.service import SnapshotService


def test_first_requests_together_share_one_store(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))

    async def first_requests():
        service = SnapshotService(store_url=str(tmp_path / "store"), root_dir=str(tmp_path))
        return await asyncio.gather(*(service.store() for _ in range(16)))

    for _ in range(5):
        stores = asyncio.run(first_requests())
        assert len({id(s) for s in stores}) == 1, "one Store, one index connection"
        stores[0].close()
