"""Every route and verb is authenticated and authorized through jupyter-server."""

import json
import warnings

import pytest

from jupyter_ext.handlers import build_handlers

SAMPLE_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
VERBS = ("get", "post", "delete")


def served_calls():
    for pattern, handler in build_handlers():
        path = pattern.replace("(?P<snapshot_id>[^/]+)", SAMPLE_ID)
        for verb in VERBS:
            if verb in vars(handler):
                yield verb.upper(), path.strip("/").split("/")


@pytest.mark.parametrize(("method", "parts"), list(served_calls()))
async def test_no_token_no_data(jp_fetch, method, parts):
    kwargs = {"method": method, "raise_error": False, "headers": {"Authorization": ""}}
    if method == "POST":
        kwargs["body"] = "{}"
    response = await jp_fetch(*parts, **kwargs)
    assert response.code in (401, 403), (method, parts, response.code)
    assert b"items" not in response.body and b"version" not in response.body


async def test_cookie_post_without_xsrf_is_refused(jp_fetch, jp_serverapp, notebook_on_disk):
    # Log in as a browser does (token in the URL -> login cookie), then post with the cookie only.
    login = await jp_fetch(
        "api",
        "status",
        params={"token": jp_serverapp.identity_provider.token},
        headers={"Authorization": ""},
    )
    cookies = [c.split(";")[0] for c in login.headers.get_list("Set-Cookie")]
    assert cookies, "token login sets a cookie"
    cookie = "; ".join(cookies)
    read = await jp_fetch(
        "jupyter-ext", "api", "health", headers={"Authorization": "", "Cookie": cookie}
    )
    assert read.code == 200  # the cookie alone is enough to read
    response = await jp_fetch(
        "jupyter-ext",
        "api",
        "snapshots",
        method="POST",
        raise_error=False,
        body=json.dumps({"path": notebook_on_disk}),
        headers={"Authorization": "", "Cookie": cookie},
    )
    assert response.code == 403
    assert b"XSRF" in response.body or b"xsrf" in response.body


def test_extension_loads_without_auth_warnings(jp_serverapp):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = jp_serverapp.extension_manager.extension_apps["jupyter_ext"]
        for extension_app in app:
            extension_app._prepare_handlers()
    ours = [w for w in caught if "jupyter_ext" in str(w.message) or "jupyter-ext" in str(w.message)]
    assert ours == []
