"""A snapshot of a live kernel through the server: what it read, ran on, and logged."""

import asyncio
import hashlib
import json
import time

from api_helpers import make_notebook


async def run_in_kernel(client, code: str, timeout: float = 30) -> list[dict]:
    msg_id = client.execute(code)
    outputs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = await client.get_iopub_msg(timeout=1)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("display_data", "stream", "execute_result", "error"):
            outputs.append(msg["content"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
    raise TimeoutError(code)


async def test_snapshot_records_the_kernel_the_data_it_read_and_its_metrics(
    api, jp_fetch, jp_root_dir, jp_serverapp
):
    data = b"x,y\n1,2\n3,4\n"
    (jp_root_dir / "train.csv").write_bytes(data)
    (jp_root_dir / "exp.ipynb").write_text(json.dumps(make_notebook()))

    response = await jp_fetch(
        "api", "kernels", method="POST", body=json.dumps({"name": "python3", "path": "exp.ipynb"})
    )
    kernel_id = json.loads(response.body)["id"]
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        # The server installs the audit hook when the kernel starts; wait for it.
        for _ in range(60):
            out = await run_in_kernel(
                client, "import sys; print('_jupyter_ext_kernel' in sys.modules)"
            )
            if out and out[0].get("text", "").strip() == "True":
                break
            await asyncio.sleep(0.5)
        else:
            raise AssertionError("audit hook never installed in the kernel")
        outputs = await run_in_kernel(
            client,
            "rows = open('train.csv').read().splitlines()\n"
            "from jupyter_ext.kernel import log_metric\n"
            "log_metric(accuracy=0.75, rows=len(rows))",
        )
        bundle = next(o for o in outputs if "data" in o)
        assert "application/vnd.jupyter-ext.metrics+json" in bundle["data"]

        shown = make_notebook()
        shown["cells"][3]["outputs"] = [
            {"output_type": "display_data", "data": bundle["data"], "metadata": {}}
        ]
        status, summary = await api(
            "POST",
            "snapshots",
            body={"path": "exp.ipynb", "content": shown, "kernel_id": kernel_id, "message": "k"},
        )
        assert status == 201, summary
        assert summary["metrics"] == {"accuracy": 0.75, "rows": 3}

        _, manifest = await api("GET", "snapshots", summary["id"])
        kernel = manifest["kernel"]
        assert kernel["name"] == "python3"
        assert kernel["language"] == "python"
        assert kernel["state"] in ("idle", "busy")
        assert kernel["executable"]
        refs = {ref["path"]: ref for ref in manifest["data"]}
        assert "train.csv" in refs, manifest["data"]
        ref = refs["train.csv"]
        assert ref["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert ref["mode"] == "read" and ref["size"] == len(data)
        assert ref["source"] == "audit"
        env = manifest["environment"]
        assert env["python"] and env["packages_count"] > 0
    finally:
        client.stop_channels()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")
