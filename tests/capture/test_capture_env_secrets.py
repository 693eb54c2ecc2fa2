"""Secrets in a real kernel's environment never reach the facts or the extra blobs."""

from __future__ import annotations

import json
from pathlib import Path

from capture_helpers import RunningKernel, code, notebook

from jupyter_ext.capture import capture_facts

AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
URL_PASSWORD = "s3cr3t-Pa55word"
SECRET_ENV = {
    "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "GITHUB_TOKEN": GITHUB,
    # allow-listed variables whose values carry secrets
    "MLFLOW_TRACKING_URI": f"https://ana:{URL_PASSWORD}@mlflow.example.com/api",
    "JUPYTER_IMAGE": GITHUB,
    "OMP_NUM_THREADS": "4",
}


def _leaks(result_facts: dict, blobs: dict[str, bytes]) -> list[str]:
    text = json.dumps(result_facts)
    everything = text.encode() + b"".join(blobs.values())
    return [
        s
        for s in (AWS_SECRET, GITHUB, URL_PASSWORD, "AKIAIOSFODNN7EXAMPLE")
        if s.encode() in everything
    ]


async def test_kernel_environment_secrets_never_leak(start_kernel):
    k: RunningKernel = await start_kernel(env=SECRET_ENV)
    cell = await k.cell("import os\nprint(len(os.environ['GITHUB_TOKEN']))")
    result = await capture_facts(
        notebook(cell),
        notebook_path=Path("nb.ipynb"),
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
    )
    assert _leaks(result.facts, result.extra_blobs) == []
    env_vars = result.facts["environment"]["env_vars"]
    assert "AWS_SECRET_ACCESS_KEY" not in env_vars and "GITHUB_TOKEN" not in env_vars
    assert env_vars["MLFLOW_TRACKING_URI"] == "https://mlflow.example.com/api"
    assert env_vars["JUPYTER_IMAGE"] == "[REDACTED:GitHub Token]"
    assert env_vars["OMP_NUM_THREADS"] == "4"
    assert any("JUPYTER_IMAGE" in w for w in result.warnings)


async def test_secrets_in_notebook_outputs_and_params_are_warned_and_redacted(start_kernel):
    k: RunningKernel = await start_kernel(env=SECRET_ENV)
    params = code(f'api_key = "{GITHUB}"\nlr = 0.1', tags=["parameters"])
    leak = await k.cell(
        "import os\nprint(os.environ['AWS_SECRET_ACCESS_KEY'][:4], os.environ['GITHUB_TOKEN'])"
    )
    result = await capture_facts(
        notebook(params, leak),
        notebook_path=None,
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
    )
    assert _leaks(result.facts, result.extra_blobs) == []
    assert result.facts["params"] == {"api_key": "[REDACTED:GitHub Token]", "lr": 0.1}
    assert "output of cell 2 may contain a secret (GitHub Token)" in result.warnings
    assert "source of cell 1 may contain a secret (GitHub Token)" in result.warnings
    kinds = {(f.cell_index, f.where, f.kind) for f in result.findings}
    assert (1, "output", "GitHub Token") in kinds


async def test_cli_process_environment_is_filtered_too(tmp_path, monkeypatch):
    for name, value in SECRET_ENV.items():
        monkeypatch.setenv(name, value)
    result = await capture_facts(notebook(), notebook_path=None, root_dir=tmp_path)
    assert _leaks(result.facts, result.extra_blobs) == []
    assert result.facts["environment"]["env_vars"]["MLFLOW_TRACKING_URI"] == (
        "https://mlflow.example.com/api"
    )
