"""What a take says beyond "saved": a busy kernel, nothing changed, secrets handled by the
one policy every path shares, and answers that are always strict JSON."""

import asyncio
import json
import math
import time

from api_helpers import make_notebook

from jupyter_ext.store import Store


async def test_an_identical_resnapshot_hints_no_change(api, notebook_on_disk):
    _, first = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert first["hints"] == []
    status, again = await api("POST", "snapshots", body={"path": notebook_on_disk})
    assert status == 201, again
    hint = f"no change since {first['id'][-6:].lower()}"
    assert again["hints"] == [hint]
    assert hint in again["warnings"]  # what the dialog's toast shows today
    _, changed = await api(
        "POST", "snapshots", body={"path": notebook_on_disk, "content": make_notebook(lr=0.3)}
    )
    assert changed["hints"] == []


async def test_a_busy_kernel_says_which_cell_is_still_running(
    api, jp_fetch, jp_root_dir, jp_serverapp
):
    (jp_root_dir / "slow.ipynb").write_text(json.dumps(make_notebook()))
    response = await jp_fetch(
        "api", "kernels", method="POST", body=json.dumps({"name": "python3", "path": "slow.ipynb"})
    )
    kernel_id = json.loads(response.body)["id"]
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        client.execute("import time; time.sleep(20)")
        deadline = time.monotonic() + 20
        while jp_serverapp.kernel_manager.get_kernel(kernel_id).execution_state != "busy":
            assert time.monotonic() < deadline
            await asyncio.sleep(0.1)
        shown = make_notebook()
        shown["cells"][1]["execution_count"] = 1
        shown["cells"][2]["source"] = "import time; time.sleep(20)"
        shown["cells"][2]["execution_count"] = None
        shown["cells"][2]["outputs"] = []
        shown["cells"][3]["execution_count"] = None
        status, summary = await api(
            "POST",
            "snapshots",
            body={"path": "slow.ipynb", "content": shown, "kernel_id": kernel_id},
        )
        assert status == 201, summary
        assert "cell 3 is still running; outputs may be partial" in summary["warnings"]
    finally:
        await jp_fetch("api", "kernels", kernel_id, "interrupt", method="POST", body="")
        client.stop_channels()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")


SECRET = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def leaky_notebook() -> dict:
    nb = make_notebook()
    nb["cells"][2]["source"] = f"token = '{SECRET}'"
    return nb


async def test_one_secret_policy_for_every_take(api, notebook_on_disk):
    # The auto-snapshot on save sends no choice: the shared policy redacts, as the dialog does.
    status, auto = await api(
        "POST",
        "snapshots",
        body={"path": notebook_on_disk, "content": leaky_notebook(), "tags": ["auto"]},
    )
    assert status == 201, auto
    _, stored = await api("GET", "snapshots", auto["id"], "notebook")
    assert SECRET not in json.dumps(stored)
    assert any("redacted" in w for w in auto["warnings"])
    # Keeping them takes an explicit choice.
    status, kept = await api(
        "POST",
        "snapshots",
        body={"path": notebook_on_disk, "content": leaky_notebook(), "allow_secrets": True},
    )
    assert status == 201, kept
    _, stored = await api("GET", "snapshots", kept["id"], "notebook")
    assert SECRET in json.dumps(stored)
    status, error = await api(
        "POST", "snapshots", body={"path": notebook_on_disk, "allow_secrets": "yes"}
    )
    assert status == 400 and "allow_secrets" in error["message"]


async def test_nan_and_infinity_in_a_teammates_manifest_answer_strict_json(
    api, jp_fetch, snapshot_store, tmp_path
):
    bob = Store(snapshot_store, tmp_path / "bob", sync_interval=0)
    try:
        summary = bob.take(
            make_notebook(),
            author={"username": "bob"},
            notebook_info={"path": "b.ipynb"},
            facts={"metrics": {"loss": math.nan, "best": math.inf}, "params": {"x": -math.inf}},
        )
    finally:
        bob.close()
    for parts in (("snapshots",), ("snapshots", summary["id"])):
        response = await jp_fetch("jupyter-ext", "api", *parts, raise_error=False)
        assert response.code == 200
        text = response.body.decode()
        assert "NaN" not in text and "Infinity" not in text
        body = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        manifest = body if "metrics" in body else body["items"][0]
        assert manifest["metrics"] == {"loss": None, "best": None}
