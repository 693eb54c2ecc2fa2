"""pytest-jupyter: a real jupyter-server with the extension, per test."""

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def snapshot_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from jupyter_ext.store import init_store

    url = str(tmp_path_factory.mktemp("team-store"))
    init_store(url)  # a team store is made on purpose (`jupyter snapshot init`)
    return url


@pytest.fixture
def server_app_config() -> dict:
    """Extra ServerApp settings; a test module overrides this to add some."""
    return {}


@pytest.fixture
def snapshot_app_config() -> dict:
    """Extra SnapshotApp settings; a test module overrides this to add some."""
    return {}


@pytest.fixture
def jp_server_config(
    snapshot_store: str, server_app_config: dict, snapshot_app_config: dict
) -> dict:
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyter_ext": True},
            # Every route must hold without the server's "allow all" escape hatch.
            "allow_unauthenticated_access": False,
            **server_app_config,
        },
        "SnapshotApp": {"store_url": snapshot_store, "sync_interval": 0.0, **snapshot_app_config},
    }
