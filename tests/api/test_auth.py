"""Every route and verb is authenticated and authorized through jupyter-server."""

import json
import re
import warnings

import pytest
from jupyter_server.utils import JupyterServerAuthWarning

from jupyter_ext.handlers import SnapshotsHandler, build_handlers

# Loading our extension with an unguarded verb would fail every test here (not only warn).
pytestmark = pytest.mark.filterwarnings(
    r"error:(?s).*/jupyter-ext/:jupyter_server.utils.JupyterServerAuthWarning"
)

SAMPLE_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
VERBS = ("get", "post", "delete")


def served_calls():
    for pattern, handler in build_handlers():
        path = re.sub(r"\(\?P<\w+>[^)]*\)", SAMPLE_ID, pattern)  # every path parameter
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


def test_every_route_passes_jupyter_servers_auth_check(jp_serverapp):
    """The check jupyter-server runs when an extension adds handlers; loading the extension
    itself already ran it (this module turns the warning into an error)."""
    assert jp_serverapp.allow_unauthenticated_access is False

    def warnings_for(handlers):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            jp_serverapp.web_app.add_handlers(r"check\.invalid$", handlers)
        return [str(w.message) for w in caught if w.category is JupyterServerAuthWarning]

    assert warnings_for(build_handlers()) == []

    class Unguarded(SnapshotsHandler):
        async def get(self):
            self.finish("{}")

    # The same check does catch a verb without @web.authenticated.
    assert any("Unguarded" in m for m in warnings_for([("/check/unguarded", Unguarded)]))


async def browser_session(jp_fetch, jp_serverapp):
    """Cookies and XSRF header of a logged-in browser (token once in the URL, then cookies)."""
    login = await jp_fetch(
        "api", "status", params={"token": jp_serverapp.identity_provider.token},
        headers={"Authorization": ""},
    )  # fmt: skip
    jar = dict(c.split(";")[0].split("=", 1) for c in login.headers.get_list("Set-Cookie"))
    jar["_xsrf"] = "8f3a" * 8  # tornado accepts any token that matches its cookie (v1, hex)
    return {"Authorization": "", "Cookie": _cookie(jar), "X-XSRFToken": jar["_xsrf"]}


def _cookie(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


async def test_a_foreign_origin_is_refused_for_every_verb(
    jp_fetch, jp_serverapp, api, notebook_on_disk
):
    """A page on another site cannot ride a logged-in browser's cookies (CSRF)."""
    headers = await browser_session(jp_fetch, jp_serverapp)
    foreign = {**headers, "Origin": "http://evil.example"}
    status, taken = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert status == 201

    async def call(method, *parts, body=None, headers):
        kwargs = {"method": method, "raise_error": False, "headers": headers}
        if body is not None:
            kwargs["body"] = json.dumps(body)
        return await jp_fetch("jupyter-ext", "api", *parts, **kwargs)

    listing = await call("GET", "snapshots", headers=foreign)
    assert listing.code in (403, 404) and taken["id"].encode() not in listing.body
    post = await call("POST", "snapshots", body={"path": notebook_on_disk}, headers=foreign)
    assert post.code in (403, 404)
    delete = await call("DELETE", "snapshots", taken["id"], headers=foreign)
    assert delete.code in (403, 404)
    status, page = await api("GET", "snapshots")
    assert [item["id"] for item in page["items"]] == [taken["id"]], "nothing taken or deleted"

    # The same session from the server's own origin gets through.
    host = f"127.0.0.1:{jp_serverapp.port}"
    own = {**headers, "Host": host, "Origin": f"http://{host}"}
    listing = await call("GET", "snapshots", headers=own)
    assert listing.code == 200 and taken["id"].encode() in listing.body
    delete = await call("DELETE", "snapshots", taken["id"], headers=own)
    assert delete.code == 204
