"""Store test fixtures: a real local folder and a real S3 protocol server (moto, see
tests/conftest.py) on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from s3_fault_proxy import FaultProxy, start_proxy
from store_helpers import make_bucket

from jupyter_ext.store import Store, init_store


@pytest.fixture(params=["file", "s3"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same behaviour tests run against a local folder and against S3."""
    if request.param == "file":
        url = str(tmp_path / "shared")
    else:
        endpoint = request.getfixturevalue("moto_endpoint")
        url = f"s3://{make_bucket(endpoint)}/team/store"
    init_store(url)  # a team store is made on purpose (`jupyter snapshot init`)
    return url


@pytest.fixture
def store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    s = Store(store_url, tmp_path / "local", sync_interval=0)
    yield s
    s.close()


@pytest.fixture
def other_store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A second server (own index and outbox) on the same shared store."""
    s = Store(store_url, tmp_path / "local2", sync_interval=0)
    yield s
    s.close()


@pytest.fixture(scope="module")
def fault_proxy(moto_endpoint: str) -> Iterator[FaultProxy]:
    """An HTTP proxy in front of moto that counts requests and injects faults on demand."""
    proxy, server = start_proxy(moto_endpoint)
    yield proxy
    server.shutdown()
    server.server_close()
