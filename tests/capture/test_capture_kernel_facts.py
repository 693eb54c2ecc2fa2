"""capture_facts against real ipykernels: idle, busy, dead; metrics/params logged in-kernel."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from capture_helpers import RunningKernel, notebook


async def _wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        await asyncio.sleep(0.05)


async def test_idle_kernel_gives_kernel_environment_metrics_params_and_data(start_kernel):
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel()
    (k.root / "train.csv").write_text("x,y\n1,2\n")
    cells = [
        await k.cell("import json\nrows = open('train.csv').read()"),
        await k.cell(
            "from jupyter_ext.kernel import log_metric, log_param\n"
            "log_param(lr=0.1)\nlog_metric(accuracy=0.5)"
        ),
        await k.cell(
            "log_metric({'accuracy': 0.75, 'loss': float('nan')})\n"
            "open('model.txt', 'w').write('m')"
        ),
    ]
    nb = notebook(*cells)
    result = await capture_facts(
        nb,
        notebook_path=Path("nb.ipynb"),
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
    )
    facts = result.facts
    assert set(facts) >= {
        "params",
        "metrics",
        "data",
        "kernel",
        "environment",
        "git",
        "timing",
        "warnings",
    }
    kernel = facts["kernel"]
    assert kernel["state"] == "idle" and kernel["missing"] == []
    assert kernel["name"] == "python3" and kernel["language"] == "python"
    assert kernel["implementation"] == sys.implementation.name
    assert kernel["implementation_version"] == "{}.{}.{}".format(*sys.version_info[:3])
    assert Path(kernel["executable"]).name.startswith("python")
    assert facts["metrics"] == {"accuracy": 0.75, "loss": None}
    assert facts["metrics_history"]["accuracy"] == [0.5, 0.75]
    assert facts["params"] == {"lr": 0.1}
    data = {d["path"]: d for d in facts["data"]}
    assert data["train.csv"]["mode"] == "read" and data["train.csv"]["source"] == "audit"
    assert data["train.csv"]["hash"].startswith("sha256:") and data["train.csv"]["size"] == 8
    assert data["model.txt"]["mode"] == "write"
    env = facts["environment"]
    assert env["source"] == "kernel" and env["cpu_count"] and env["python"]
    assert env["gpus"] == [] or isinstance(env["gpus"], list)
    assert env["packages"] in result.extra_blobs and env["packages_count"] > 10
    assert b"ipykernel==" in result.extra_blobs[env["packages"]]
    assert "ipykernel" not in env["imported_packages"]  # kernel machinery is not "imported"
    assert facts["timing"]["duration_s"] < 3
    json.dumps(facts)  # JSON-safe


async def test_probe_leaves_no_trace_in_the_users_session(start_kernel):
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel()
    before = await k.cell('print(sorted(n for n in globals() if not n.startswith("_")))')
    await capture_facts(
        notebook(), notebook_path=None, root_dir=k.root, kernel_manager=k.km, kernel_id=k.kernel_id
    )
    after = await k.cell('print(sorted(n for n in globals() if not n.startswith("_")))')
    assert before["outputs"][0]["text"] == after["outputs"][0]["text"]
    assert after["execution_count"] == before["execution_count"] + 1  # probe not counted


async def test_busy_kernel_capture_completes_within_timeout(start_kernel):
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel()
    (k.root / "input.parquet").write_bytes(b"PAR1data")
    k.start(
        "data = open('input.parquet', 'rb').read()\n"
        "open('started.flag', 'w').close()\nimport time\ntime.sleep(30)"
    )
    await _wait_for(k.root / "started.flag")
    t0 = time.monotonic()
    result = await capture_facts(
        notebook(),
        notebook_path=Path("nb.ipynb"),
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
        timeout=3.0,
    )
    assert time.monotonic() - t0 < 4.0
    assert result.facts["kernel"]["state"] == "busy"
    # ipykernel 7 answers kernel_info on control and runs the probe on a subshell
    assert result.facts["kernel"]["language"] == "python"
    assert result.facts["kernel"]["missing"] == []
    assert result.facts["environment"]["source"] == "kernel"
    assert result.facts["kernel"]["implementation"] == sys.implementation.name
    paths = {d["path"]: d for d in result.facts["data"]}
    assert paths["input.parquet"]["source"] == "audit"  # from the log file, kernel busy
    assert paths["input.parquet"]["hash"].startswith("sha256:")
    assert result.facts["environment"]["packages"] in result.extra_blobs


async def test_busy_kernel_without_subshell_support_reports_missing(start_kernel, monkeypatch):
    """Older kernels (no subshells) cannot be probed while busy: facts marked missing."""
    from jupyter_ext.capture import capture_facts, kernelprobe

    k: RunningKernel = await start_kernel()
    k.start("open('started.flag', 'w').close()\nimport time\ntime.sleep(30)")
    await _wait_for(k.root / "started.flag")
    monkeypatch.setattr(kernelprobe, "SUBSHELL_FEATURE", "no-such-feature")
    t0 = time.monotonic()
    result = await capture_facts(
        notebook(),
        notebook_path=None,
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
        timeout=2.0,
    )
    assert time.monotonic() - t0 < 3.0
    kernel = result.facts["kernel"]
    assert kernel["state"] == "busy"
    assert any("busy" in m for m in kernel["missing"])
    assert any(w.startswith("kernel busy") for w in result.warnings)
    assert result.facts["environment"]["source"] == "server-process"
    assert [d["path"] for d in result.facts["data"]] == ["started.flag"]


async def test_dead_kernel_still_captures_with_audit_data(start_kernel):
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel()
    (k.root / "a.csv").write_text("1\n")
    await k.cell("open('a.csv').read()")
    await k.kill()
    t0 = time.monotonic()
    result = await capture_facts(
        notebook(),
        notebook_path=None,
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
        timeout=3.0,
    )
    assert time.monotonic() - t0 < 3.5
    kernel = result.facts["kernel"]
    assert kernel["state"] == "dead" and kernel["missing"]
    assert [d["path"] for d in result.facts["data"]] == ["a.csv"]


async def test_unknown_kernel_id_is_reported_dead(start_kernel):
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel(hook=False)
    result = await capture_facts(
        notebook(),
        notebook_path=None,
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id="no-such-kernel",
    )
    assert result.facts["kernel"]["state"] == "dead"


async def test_without_kernel_environment_comes_from_this_process(tmp_path):
    from jupyter_ext.capture import capture_facts

    nb = notebook()
    nb["cells"] = [
        {
            "cell_type": "code",
            "source": "import nbformat\nimport os",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "id": "a",
        }
    ]
    result = await capture_facts(nb, notebook_path=None, root_dir=tmp_path)
    facts = result.facts
    assert facts["kernel"]["state"] == "none" and facts["kernel"]["missing"]
    env = facts["environment"]
    assert env["source"] == "cli-process"
    assert env["imported_packages"] == {"nbformat": nbformat_version()}
    assert env["packages"] in result.extra_blobs


def nbformat_version() -> str:
    import importlib.metadata

    return importlib.metadata.version("nbformat")


async def test_install_hook_twice_keeps_one_hook_and_records_each_file_once(start_kernel):
    from jupyter_ext.capture import audit_log_path, install_kernel_hook

    k: RunningKernel = await start_kernel()
    await install_kernel_hook(k.km, k.kernel_id, log_dir=k.log_dir)
    (k.root / "d.json").write_text("{}")
    await k.cell(
        "for _ in range(3):\n    open('d.json').read()\nimport os\n"
        "os.close(os.open('d.json', os.O_RDWR))"
    )
    lines = audit_log_path(k.log_dir, k.kernel_id).read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(Path(r["path"]).name, r["mode"]) for r in records] == [
        ("d.json", "read"),
        ("d.json", "readwrite"),
    ]


async def test_identical_environments_give_identical_package_blobs(start_kernel):
    from jupyter_ext.capture import capture_facts

    k1: RunningKernel = await start_kernel()
    k2: RunningKernel = await start_kernel()
    r1 = await capture_facts(
        notebook(),
        notebook_path=None,
        root_dir=k1.root,
        kernel_manager=k1.km,
        kernel_id=k1.kernel_id,
    )
    r2 = await capture_facts(
        notebook(),
        notebook_path=None,
        root_dir=k2.root,
        kernel_manager=k2.km,
        kernel_id=k2.kernel_id,
    )
    h1, h2 = r1.facts["environment"]["packages"], r2.facts["environment"]["packages"]
    assert h1 == h2 and r1.extra_blobs[h1] == r2.extra_blobs[h2]


async def test_plain_jupyter_client_multikernelmanager_works_too(tmp_path):
    """The CLI or other hosts may hand us jupyter_client's manager (KeyError, not HTTP 404)."""
    from jupyter_client.multikernelmanager import AsyncMultiKernelManager

    from jupyter_ext.capture import capture_facts, install_kernel_hook

    km = AsyncMultiKernelManager()
    kid = await km.start_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        await install_kernel_hook(km, kid, log_dir=tmp_path / "logs")
        result = await capture_facts(
            notebook(), notebook_path=None, root_dir=tmp_path, kernel_manager=km, kernel_id=kid
        )
        assert result.facts["kernel"]["state"] == "idle"
        assert result.facts["environment"]["source"] == "kernel"
        missing = await capture_facts(
            notebook(), notebook_path=None, root_dir=tmp_path, kernel_manager=km, kernel_id="gone"
        )
        assert missing.facts["kernel"]["state"] == "dead"
    finally:
        await km.shutdown_all(now=True)


async def test_first_capture_installs_a_missing_audit_hook(start_kernel):
    """A kernel started before the extension loaded: the first capture installs the hook."""
    from jupyter_ext.capture import capture_facts

    k: RunningKernel = await start_kernel(hook=False)
    (k.root / "late.csv").write_text("1\n")

    async def data() -> list[str]:
        result = await capture_facts(
            notebook(),
            notebook_path=None,
            root_dir=k.root,
            kernel_manager=k.km,
            kernel_id=k.kernel_id,
            audit_log_dir=k.log_dir,
        )
        return [d["path"] for d in result.facts["data"]]

    assert await data() == []
    await k.cell("open('late.csv').read()")
    assert await data() == ["late.csv"]
