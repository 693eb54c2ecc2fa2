"""Secrets in a notebook are reported by kind and place, never echoed: not in responses,
not in the server's logs (even at DEBUG)."""

import logging

from api_helpers import make_notebook

FAKES = {
    "aws": "AKIAIOSFODNN7EXAMPLE",
    "github": "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    "github_pat": "github_pat_11ABCDEFG0123456789_"
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV12",
    "url": "postgres://admin:" + "S3cr3tPassw0rd" + "@db.example.com/prod",
}


async def test_secret_values_never_reach_responses_or_logs(api, caplog):
    caplog.set_level(logging.DEBUG)
    nb = make_notebook()
    nb["cells"][2]["source"] = "\n".join(f'{k} = "{v}"' for k, v in FAKES.items())
    status, scan = await api("POST", "secrets-scan", body={"content": nb})
    assert status == 200
    assert {f["cell_index"] for f in scan["findings"]} == {2}
    status, summary = await api(
        "POST", "snapshots", body={"path": "leak.ipynb", "content": nb, "redact_secrets": True}
    )
    assert status == 201, summary
    _, stored = await api("GET", "snapshots", summary["id"], "notebook")
    # A bad request that carries a secret in the field the server complains about.
    await api("POST", "snapshots", body={"path": FAKES["github"] + "/../x.ipynb"})
    everything = caplog.text + str(scan) + str(summary) + str(stored)
    for kind, value in FAKES.items():
        secret = value.split("@")[0].rsplit(":", 1)[-1] if kind == "url" else value
        assert secret not in everything, kind
