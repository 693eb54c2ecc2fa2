"""Parameters (papermill + log_param) and metrics (log_metric) extraction; nothing executed."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from capture_helpers import code, notebook

from jupyter_ext import kernel as helper
from jupyter_ext.capture.params import extract_metrics, extract_params, parse_parameters

MIME = "application/vnd.jupyter-ext.metrics+json"


def bundle(key: str, values: dict) -> dict:
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {MIME: {key: values}, "text/plain": "x"},
    }


def test_parse_literals_annotations_negatives_and_containers():
    source = (
        "a = 1\nb: float = 0.1\nc = -3\nd = (1, 2)\ne = [1, 'x']\nf = {'k': [1.5, None]}\n"
        "g = h = True\ni, j = 'u', -2.5\nk = -1e-3\nname = 'run'\n"
    )
    assert parse_parameters(source) == {
        "a": 1,
        "b": 0.1,
        "c": -3,
        "d": [1, 2],
        "e": [1, "x"],
        "f": {"k": [1.5, None]},
        "g": True,
        "h": True,
        "i": "u",
        "j": -2.5,
        "k": -1e-3,
        "name": "run",
    }


def test_non_literals_are_recorded_as_source_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    source = (
        f"x = __import__('os').system('touch {marker}')\n"
        "y = np.linspace(0, 1, 5)\nz = b'raw'\nw = 1 + 2\n"
    )
    params = parse_parameters(source)
    assert params["x"] == {"$expr": f"__import__('os').system('touch {marker}')"}
    assert params["y"] == {"$expr": "np.linspace(0, 1, 5)"}
    assert params["z"] == {"$expr": "b'raw'"}
    assert params["w"] == {"$expr": "1 + 2"}
    assert not marker.exists()


def test_magics_comments_and_broken_lines_are_tolerated():
    source = "%matplotlib inline\n# lr\nlr = 0.01  # learning rate\n!pip list\nepochs = 5"
    assert parse_parameters(source) == {"lr": 0.01, "epochs": 5}
    assert parse_parameters("a = 1\nb = (\nc = 3") == {"a": 1, "c": 3}


def test_injected_parameters_override_defaults_and_log_param_overrides_both():
    nb = notebook(
        code("lr = 0.1\nepochs = 10\nseed = 1", tags=["parameters"], execution_count=1),
        code("lr = 0.5\nepochs = 20", tags=["injected-parameters"], execution_count=2),
        code("", outputs=[bundle("params", {"seed": 42})], execution_count=3),
        code("x = 99", execution_count=4),  # untagged cells are not parameters
    )
    assert extract_params(nb) == {"lr": 0.5, "epochs": 20, "seed": 42}


def test_papermill_metadata_parameters_count_as_injected():
    nb = notebook(
        code("lr = 0.1", tags=["parameters"]), papermill={"parameters": {"lr": 0.3, "tag": "b"}}
    )
    assert extract_params(nb) == {"lr": 0.3, "tag": "b"}


def test_metrics_last_executed_wins_and_history_is_kept():
    nb = notebook(
        code("", outputs=[bundle("metrics", {"acc": 0.9, "loss": 0.3})], execution_count=5),
        code("", outputs=[bundle("metrics", {"acc": 0.7})], execution_count=2),
        code("", outputs=[bundle("metrics", {"acc": "high", "f1": None})], execution_count=6),
    )
    metrics, history, warnings = extract_metrics(nb)
    assert metrics == {"acc": 0.9, "loss": 0.3, "f1": None}
    assert history["acc"] == [0.7, 0.9]
    assert warnings == ["metric 'acc' in cell 2 is not a number; ignored"]


def test_metric_bundle_given_as_json_text_is_read():
    output = {
        "output_type": "display_data",
        "metadata": {},
        "data": {MIME: json.dumps({"metrics": {"r2": 0.5}})},
    }
    assert extract_metrics(notebook(code("", outputs=[output])))[0] == {"r2": 0.5}


class FakeNumpyScalar:
    """Quacks like numpy.float32(0.5): has dtype.kind and ndim == 0."""

    class dtype:  # noqa: N801
        kind = "f"

    ndim = 0

    def __float__(self) -> float:
        return 0.5


def test_helper_values_are_json_safe(capsys):
    assert helper.log_metric({"acc": FakeNumpyScalar()}, loss=math.nan, n=3) is None
    printed = json.loads(capsys.readouterr().out)  # no IPython shell here: JSON on stdout
    payload = printed[MIME]
    assert payload["metrics"] == {"acc": 0.5, "loss": None, "n": 3}
    assert payload["notes"] == ["loss was nan, stored as null"]
    helper.log_param(shape=(2, 3), obj=object())
    params = json.loads(capsys.readouterr().out)[MIME]["params"]
    assert params["shape"] == [2, 3]
    assert params["obj"].startswith("<object object")


def test_helper_rejects_non_numeric_metrics():
    import pytest

    with pytest.raises(TypeError, match="must be a number"):
        helper.log_metric(name="rf")
    with pytest.raises(TypeError, match="dict"):
        helper.log_param([1, 2])  # type: ignore[arg-type]


def test_helper_is_stdlib_only_and_runs_in_a_bare_interpreter(tmp_path):
    """The kernel helper works where jupyter_ext is not installed (-I: isolated, -S: no site)."""
    src = Path(helper.__file__).read_text()
    script = tmp_path / "k.py"
    script.write_text(src + "\nlog_metric(a=1)\nimport json\nprint(json.loads(_probe())['python'])")
    out = subprocess.run(
        [sys.executable, "-I", "-S", str(script)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert json.loads(out[0]) == {MIME: {"metrics": {"a": 1}}}
    assert out[1] == "{}.{}.{}".format(*sys.version_info[:3])


def test_gpus_listed_from_nvidia_smi_when_present(tmp_path, monkeypatch):
    """A stand-in nvidia-smi executable on PATH (this machine has no GPU)."""
    exe = tmp_path / "nvidia-smi"
    exe.write_text("#!/bin/sh\necho 'Tesla T4, 15360 MiB, 535.104.05'\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(helper, "_GPU_CACHE", [])
    assert helper._gpus() == [{"name": "Tesla T4", "memory": "15360 MiB", "driver": "535.104.05"}]
    monkeypatch.setattr(helper, "_GPU_CACHE", [])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert helper._gpus() == []


def test_audit_hook_survives_threads_and_fork(tmp_path):
    script = tmp_path / "t.py"
    script.write_text(
        Path(helper.__file__).read_text()
        + f"""
import threading
install_audit_hook({str(tmp_path / "logs" / "k.jsonl")!r})
def work(i):
    for j in range(50):
        open({str(tmp_path)!r} + f"/f{{i}}_{{j}}.txt", "w").close()
threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
pid = os.fork()
if pid == 0:
    open({str(tmp_path)!r} + "/child.txt", "w").close()
    os._exit(0)
os.waitpid(pid, 0)
"""
    )
    (tmp_path / "logs").mkdir()
    subprocess.run([sys.executable, "-I", "-S", str(script)], check=True)
    lines = (tmp_path / "logs" / "k.jsonl").read_text().splitlines()
    names = sorted(Path(json.loads(line)["path"]).name for line in lines)
    assert len(names) == 201 and names[0] == "child.txt"
