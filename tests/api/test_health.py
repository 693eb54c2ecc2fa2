import json

import pytest
from tornado.httpclient import HTTPClientError


async def test_health_answers_with_version_and_store(jp_fetch, snapshot_store):
    response = await jp_fetch("jupyter-ext", "api", "health")
    assert response.code == 200
    body = json.loads(response.body)
    assert body["status"] == "ok"
    assert body["store"] == snapshot_store


async def test_health_refuses_requests_without_a_token(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("jupyter-ext", "api", "health", headers={"Authorization": ""})
    assert error.value.code in (401, 403)
