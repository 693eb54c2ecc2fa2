"""The kernel-side audit hook: what it records, what it filters, non-Python kernels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from capture_helpers import RunningKernel
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from jupyter_ext.capture import audit_log_path, install_kernel_hook
from jupyter_ext.capture.kernelprobe import bootstrap_code


def records(k: RunningKernel) -> list[tuple[str, str]]:
    log = audit_log_path(k.log_dir, k.kernel_id)
    lines = log.read_text().splitlines() if log.exists() else []
    return [(json.loads(line)["path"], json.loads(line)["mode"]) for line in lines]


async def test_hook_records_data_files_and_skips_interpreter_noise(start_kernel):
    k: RunningKernel = await start_kernel()
    (k.root / "sub").mkdir()
    (k.root / "sub" / "x.bin").write_bytes(b"1")
    (k.root / ".hidden").mkdir()
    (k.root / ".hidden" / "h.txt").write_text("h")
    (k.root / "mod_here.py").write_text("VALUE = 1\n")
    await k.cell(
        "import os, sys, sysconfig, email.mime.text, mod_here\n"
        "open(os.path.join(sysconfig.get_paths()['stdlib'], 'os.py')).read()\n"
        "open('/proc/self/status').read()\n"
        "open(os.devnull, 'w').write('x')\n"
        "open('.hidden/h.txt').read()\n"
        "os.chdir('sub')\n"
        "open('x.bin', 'rb').read()\n"
        "open('new.txt', 'a').write('y')\n"
        "fd = os.open('x.bin', os.O_WRONLY)\nos.close(fd)\n"
        "os.chdir('..')\n"
    )
    assert records(k) == [
        (str(k.root / "sub" / "x.bin"), "read"),
        (str(k.root / "sub" / "new.txt"), "write"),
        (str(k.root / "sub" / "x.bin"), "write"),
    ]


async def test_helper_usable_in_kernel_as_jupyter_ext_kernel(start_kernel):
    k: RunningKernel = await start_kernel()
    cell = await k.cell("import jupyter_ext.kernel as jk\njk.log_param(seed=3)")
    assert len(cell["outputs"]) == 1  # the display only: no Out[] for a returned value
    bundle = cell["outputs"][0]["data"]
    assert bundle["application/vnd.jupyter-ext.metrics+json"] == {"params": {"seed": 3}}
    assert bundle["text/plain"] == "params: seed=3"


def test_bootstrap_aliases_jupyter_ext_kernel_where_it_is_not_installed(tmp_path):
    """-I -S: no site-packages, no cwd on sys.path: jupyter_ext is not importable there."""
    script = tmp_path / "boot.py"
    script.write_text(
        bootstrap_code(".install_audit_hook(LOG)", LOG=str(tmp_path / "logs" / "k.jsonl"))
        + "\nfrom jupyter_ext.kernel import log_metric\nlog_metric(a=2)\n"
        + "open({!r}, 'w').write('x')\n".format(str(tmp_path / "out.csv"))
    )
    (tmp_path / "logs").mkdir()
    out = subprocess.run(
        [sys.executable, "-I", "-S", str(script)], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == {"application/vnd.jupyter-ext.metrics+json": {"metrics": {"a": 2}}}
    logged = [json.loads(line) for line in (tmp_path / "logs" / "k.jsonl").read_text().splitlines()]
    assert [(r["path"], r["mode"]) for r in logged] == [(str(tmp_path / "out.csv"), "write")]


async def test_non_python_kernels_are_skipped_silently(tmp_path, jp_asyncio_loop, monkeypatch):
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "notpython"
    spec_dir.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec_dir / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Other", "language": "bash"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    km = AsyncMappingKernelManager(root_dir=str(tmp_path))
    kid = await km.start_kernel(kernel_name="notpython", path="")
    try:
        log_dir = tmp_path / "logs"
        await install_kernel_hook(km, kid, log_dir=log_dir)
        assert not log_dir.exists()
    finally:
        await km.shutdown_kernel(kid, now=True)


async def test_install_hook_rejects_path_like_kernel_ids(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="invalid kernel id"):
        await install_kernel_hook(None, "../../etc/x", log_dir=Path(tmp_path))
