"""A custom jupyter-server Authorizer governs the API: read allowed, write denied."""

import pytest
from jupyter_server.auth.authorizer import Authorizer

SAMPLE_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


class ReadOnlyAuthorizer(Authorizer):
    """Lets everyone read jupyter_ext but nobody write it."""

    def is_authorized(self, handler, user, action, resource):
        return not (resource == "jupyter_ext" and action == "write")


@pytest.fixture
def server_app_config():
    return {"authorizer_class": ReadOnlyAuthorizer}


async def test_an_authorizer_can_make_the_api_read_only(api, notebook_on_disk):
    status, _ = await api("GET", "snapshots")
    assert status == 200
    status, _ = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert status == 403
    status, _ = await api("DELETE", "snapshots", SAMPLE_ID)
    assert status == 403
    _, page = await api("GET", "snapshots")
    assert page["items"] == []
