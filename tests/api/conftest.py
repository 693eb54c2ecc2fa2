import json
from pathlib import Path

import pytest
from api_helpers import make_notebook


@pytest.fixture
def notebook_on_disk(jp_root_dir: Path) -> str:
    (jp_root_dir / "exp").mkdir()
    (jp_root_dir / "exp" / "churn.ipynb").write_text(json.dumps(make_notebook()))
    return "exp/churn.ipynb"


@pytest.fixture
def api(jp_fetch):
    """Call the API; returns (status, parsed JSON or None) and never raises on 4xx."""

    async def call(method: str, *parts: str, body=None, params=None, headers=None):
        kwargs = {"method": method, "raise_error": False}
        if body is not None:
            kwargs["body"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
        elif method in ("POST", "PUT"):
            kwargs["body"] = "{}"
        if params:
            kwargs["params"] = params
        if headers:
            kwargs["headers"] = headers
        response = await jp_fetch("jupyter-ext", "api", *parts, **kwargs)
        payload = json.loads(response.body) if response.body else None
        return response.code, payload

    return call
