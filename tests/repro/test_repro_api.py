"""The reproduction REST routes on a real jupyter-server: re-run jobs (worker threads,
progress, cancel), verifications, env files, lineage and artifact downloads."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from repro_helpers import executed_notebook


@pytest.fixture
def api(jp_fetch: Any) -> Any:
    async def call(method: str, *parts: str, body: Any = None, params: Any = None) -> Any:
        kwargs: dict[str, Any] = {"method": method, "raise_error": False}
        if body is not None or method == "POST":
            kwargs["body"] = json.dumps(body if body is not None else {})
        if params:
            kwargs["params"] = params
        response = await jp_fetch("jupyter-ext", "api", *parts, **kwargs)
        kind = response.headers.get("Content-Type", "")
        payload = (
            json.loads(response.body) if kind.startswith("application/json") else response.body
        )
        return response.code, payload

    return call


async def wait_for(api: Any, sid: str, job: str, until: Any, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status, body = await api("GET", "snapshots", sid, "rerun", job)
        assert status == 200, body
        if until(body):
            return body
        assert time.monotonic() < deadline, body
        await asyncio.sleep(0.2)


async def test_rerun_job_reproduces_and_records_a_verification(api: Any, jp_root_dir: Path) -> None:
    executed_notebook(jp_root_dir / "exp" / "nb.ipynb", "x = 6 * 7\nx", "print(x)")
    status, taken = await api("POST", "snapshots", body={"path": "exp/nb.ipynb"})
    assert status == 201, taken
    sid = taken["id"]

    status, job = await api("POST", "snapshots", sid, "rerun", body={"timeout": 60})
    assert status == 202 and job["state"] in ("queued", "running"), job
    done = await wait_for(api, sid, job["id"], lambda j: j["state"] not in ("queued", "running"))

    assert done["state"] == "done", done
    result = done["result"]
    assert result["verdict"] == "reproduced" and result["of"] == sid
    assert result["cells"] == [{"index": 0, "status": "same"}, {"index": 1, "status": "same"}]
    assert done["data_changed"] == []
    status, records = await api("GET", "snapshots", sid, "verifications")
    assert status == 200
    assert [(r["rerun"], r["verdict"]) for r in records["items"]] == [(result["id"], "reproduced")]
    status, rerun = await api("GET", "snapshots", result["id"])
    assert rerun["tags"] == [f"rerun-of:{sid}"]
    status, latest = await api("GET", "verifications", "latest")
    assert status == 200
    assert latest["verdicts"] == {
        sid: {"verdict": "reproduced", "verification": records["items"][0]["id"]}
    }


async def test_a_cancelled_job_stores_nothing_and_the_server_keeps_answering(
    api: Any, jp_root_dir: Path
) -> None:
    path = executed_notebook(jp_root_dir / "slow.ipynb", "x = 1", "x")
    nb = json.loads(path.read_text())
    nb["cells"][1]["source"] = "import time\ntime.sleep(60)"
    path.write_text(json.dumps(nb))
    _, taken = await api("POST", "snapshots", body={"path": "slow.ipynb"})
    sid = taken["id"]
    _, job = await api("POST", "snapshots", sid, "rerun", body={"timeout": 120})
    await wait_for(api, sid, job["id"], lambda j: j["progress"].get("index") == 1)

    started = time.monotonic()
    status, _health = await api("GET", "health")  # the run is not on the event loop
    assert status == 200 and time.monotonic() - started < 2
    status, cancelling = await api("DELETE", "snapshots", sid, "rerun", job["id"])
    assert status == 200
    done = await wait_for(api, sid, job["id"], lambda j: j["state"] == "cancelled", timeout=30)
    assert done["result"] is None
    _, listed = await api("GET", "snapshots")
    assert [item["id"] for item in listed["items"]] == [sid]
    assert sorted(p.name for p in jp_root_dir.iterdir()) == ["slow.ipynb"]  # scratch removed


async def test_rerun_requests_are_validated(api: Any, jp_root_dir: Path) -> None:
    executed_notebook(jp_root_dir / "nb.ipynb", "1")
    _, taken = await api("POST", "snapshots", body={"path": "nb.ipynb"})
    sid = taken["id"]
    assert (await api("POST", "snapshots", sid, "rerun", body={"timeout": "soon"}))[0] == 400
    assert (await api("POST", "snapshots", sid, "rerun", body={"timeout": 0}))[0] == 400
    assert (await api("POST", "snapshots", sid, "rerun", body={"allow_secrets": "yes"}))[0] == 400
    assert (await api("POST", "snapshots", "..%2Fx", "rerun"))[0] in (400, 404)
    unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
    assert (await api("POST", "snapshots", unknown, "rerun"))[0] == 404
    assert (await api("GET", "snapshots", sid, "rerun", "not-a-job"))[0] == 400
    assert (await api("GET", "snapshots", sid, "rerun", unknown))[0] == 404
    assert (await api("DELETE", "snapshots", sid, "rerun", unknown))[0] == 404


async def test_a_rerun_job_reports_and_redacts_secrets_unless_allowed(
    api: Any, jp_root_dir: Path
) -> None:
    token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    executed_notebook(jp_root_dir / "leak.ipynb", f"print({token[:4]!r} + {token[4:]!r})")
    _, taken = await api("POST", "snapshots", body={"path": "leak.ipynb"})
    sid = taken["id"]
    results = {}
    for allow in (False, True):
        _, job = await api("POST", "snapshots", sid, "rerun", body={"allow_secrets": allow})
        done = await wait_for(api, sid, job["id"], lambda j: j["state"] == "done")
        results[allow] = done["result"]
    for result in results.values():
        assert [(s["cell_index"], s["where"]) for s in result["secrets"]] == [(0, "output")]
    assert "1 possible secret redacted in the snapshot" in results[False]["warnings"]
    assert results[False]["verdict"] == "reproduced"  # the snapshot's output was redacted too
    assert results[True]["verdict"] == "differs"
    outputs = {}
    for allow, result in results.items():
        _, nb = await api("GET", "snapshots", result["id"], "notebook")
        outputs[allow] = json.dumps(nb)
    assert token not in outputs[False] and token in outputs[True]


async def test_env_lineage_and_artifacts(api: Any, jp_root_dir: Path) -> None:
    executed_notebook(
        jp_root_dir / "prep" / "make.ipynb",
        "import yaml\nopen('features.csv', 'w').write('a,b\\n1,2\\n')",
    )
    executed_notebook(
        jp_root_dir / "model" / "fit.ipynb", "rows = open('../prep/features.csv').read()"
    )
    _, writer = await api("POST", "snapshots", body={"path": "prep/make.ipynb"})
    _, reader = await api("POST", "snapshots", body={"path": "model/fit.ipynb"})
    _, opted_out = await api(
        "POST", "snapshots", body={"path": "prep/make.ipynb", "keep_written": False}
    )
    bad = await api("POST", "snapshots", body={"path": "prep/make.ipynb", "keep_written": "yes"})
    assert bad[0] == 400

    status, text = await api("GET", "snapshots", writer["id"], "env")
    assert status == 200 and b"PyYAML==" in text
    status, text = await api("GET", "snapshots", writer["id"], "env",
                             params={"format": "conda", "all": "1"})  # fmt: skip
    assert status == 200 and b"dependencies:" in text and b"nbclient==" in text
    assert (await api("GET", "snapshots", writer["id"], "env", params={"format": "x"}))[0] == 400

    status, links = await api("GET", "snapshots", reader["id"], "lineage")
    assert status == 200
    assert [(e["path"], e["snapshot"]) for e in links["upstream"]] == [
        ("prep/features.csv", writer["id"])
    ]
    _, links = await api("GET", "snapshots", writer["id"], "lineage")
    assert [e["snapshot"] for e in links["downstream"]] == [reader["id"]]

    status, listed = await api("GET", "snapshots", writer["id"], "artifacts")
    assert [a["path"] for a in listed["items"]] == ["prep/features.csv"]
    status, content = await api("GET", "snapshots", writer["id"], "artifacts", "prep/features.csv")
    assert status == 200 and content == (jp_root_dir / "prep" / "features.csv").read_bytes()
    status, _ = await api("GET", "snapshots", opted_out["id"], "artifacts", "prep/features.csv")
    assert status == 404
    status, _ = await api("GET", "snapshots", writer["id"], "artifacts", "etc/passwd")
    assert status == 404
