"""The example notebooks `make lab` puts in its workspace are documentation that must not rot.

They run top to bottom in a real kernel (nbclient), in a workspace made by the Makefile's own
`workspace` target; the set-up keeps the project's git status clean and gives the workspace its
own code version; `make lab` serves the workspace, not the checkout, with a kernel that has the
data-science stack.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import nbformat
import pytest
from moto_s3 import free_port
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TRAIN = "01-train-model.ipynb"
EVALUATE = "02-evaluate-model.ipynb"
METRICS = "application/vnd.jupyter-ext.metrics+json"
SNAPSHOT = str(Path(sys.executable).parent / "jupyter-snapshot")


def make(*args: str, cwd: Path = REPO, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(cwd), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        **kwargs,
    )


def run_notebook(path: Path) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder, as a person pressing Run All would; save it."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=180,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nbformat.write(notebook, path)
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]


def logged(notebook: nbformat.NotebookNode, key: str) -> list[dict[str, Any]]:
    return [out["data"][METRICS][key] for out in outputs(notebook) if METRICS in out.get("data", {})
            and key in out["data"][METRICS]]  # fmt: skip


def parameters_cell(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "each example has exactly one papermill `parameters` cell"
    values: dict[str, Any] = {}
    exec(cells[0].source, {}, values)
    return values


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace made by `make workspace`, with both examples run in order."""
    folder = tmp_path_factory.mktemp("lab") / "workspace"
    make("workspace", f"WORKSPACE={folder}")
    run_notebook(folder / TRAIN)
    run_notebook(folder / EVALUATE)
    return folder


@pytest.mark.parametrize("name", [TRAIN, EVALUATE])
def test_examples_in_the_repository_are_small_clean_and_say_what_to_try(name: str) -> None:
    notebook = nbformat.read(EXAMPLES / name, as_version=4)
    nbformat.validate(notebook)
    assert all(cell.get("id") for cell in notebook.cells), "every cell has an id"
    assert outputs(notebook) == [], "outputs are cleared in the repository"
    first = notebook.cells[0]
    assert first.cell_type == "markdown"
    for feature in ("Snapshot run", "parameter", "diff", "Team runs", "compare"):
        assert feature.lower() in first.source.lower(), f"{name} says how to try {feature!r}"
    assert parameters_cell(notebook)
    assert (EXAMPLES / name).stat().st_size < 20_000


def test_training_notebook_logs_each_epoch_plots_and_writes_a_model(workspace: Path) -> None:
    notebook = nbformat.read(workspace / TRAIN, as_version=4)
    assert not [out for out in outputs(notebook) if out["output_type"] == "error"]
    epochs = parameters_cell(notebook)["epochs"]
    metrics = logged(notebook, "metrics")
    assert [m["epoch"] for m in metrics] == list(range(1, epochs + 1)), "one metric per epoch"
    assert all(0 <= m["accuracy"] <= 1 and m["train_loss"] > 0 for m in metrics)
    assert logged(notebook, "params")[0]["rows"] == 400  # it read the whole data/train.csv
    assert any("image/png" in out.get("data", {}) for out in outputs(notebook)), "a plot"

    with open(workspace / "outputs" / "model.pkl", "rb") as model_file:
        trained = pickle.load(model_file)
    holdout = (workspace / "outputs" / "holdout.csv").read_text().splitlines()
    assert holdout[0].split(",") == [*trained["features"], "churned"]
    assert len(holdout) - 1 == 100  # a quarter of the 400 rows


def test_evaluation_notebook_reads_what_the_training_wrote(workspace: Path) -> None:
    training = nbformat.read(workspace / TRAIN, as_version=4)
    evaluation = nbformat.read(workspace / EVALUATE, as_version=4)
    assert not [out for out in outputs(evaluation) if out["output_type"] == "error"]
    [scores] = logged(evaluation, "metrics")
    # Threshold 0.5 on the saved model and holdout reproduces the training run's last accuracy.
    assert scores["accuracy"] == pytest.approx(logged(training, "metrics")[-1]["accuracy"])
    assert 0 <= scores["precision"] <= 1 and 0 <= scores["recall"] <= 1
    assert any("image/png" in out.get("data", {}) for out in outputs(evaluation))


def test_workspace_set_up_never_overwrites_a_users_files(tmp_path: Path) -> None:
    folder = tmp_path / "workspace"
    make("workspace", f"WORKSPACE={folder}")
    edited = folder / TRAIN
    edited.write_text(edited.read_text().replace("epochs = 12", "epochs = 3"))
    (folder / "data" / "train.csv").unlink()

    make("workspace", f"WORKSPACE={folder}")

    assert "epochs = 3" in edited.read_text(), "an edited notebook is kept"
    restored = (folder / "data" / "train.csv").read_bytes()
    assert restored == (EXAMPLES / "data" / "train.csv").read_bytes(), "a deleted file comes back"


def snapshot_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [SNAPSHOT, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def checkout_copy(target: Path) -> Path:
    """A fresh clone of this checkout as it is now (tracked and new files, committed)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = ["git", "-C", str(target), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "checkout"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "https://example.invalid/jupyter-ext.git"])
    return target


def test_running_an_example_keeps_the_checkout_clean_and_records_the_workspaces_code(
    tmp_path: Path,
) -> None:
    checkout = checkout_copy(tmp_path / "clone")
    make("workspace", cwd=checkout)  # the default WORKSPACE, inside the checkout
    folder = checkout / "workspace"
    run_notebook(folder / TRAIN)
    assert (folder / "outputs" / "model.pkl").is_file()

    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=checkout, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert status == "", f"running an example changed the checkout:\n{status}"

    store = tmp_path / "store"
    env = {**os.environ, "JUPYTER_SNAPSHOT_STORE": str(store), "JUPYTER_DATA_DIR": str(tmp_path)}
    taken = snapshot_cli(env, "take", str(folder / TRAIN), "-m", "example", "--json")
    shown = snapshot_cli(env, "show", json.loads(taken)["id"], "--json")
    code_version = json.loads(shown)["git"]
    assert code_version["root"] == str(folder.resolve()), "the workspace's own repository"
    workspace_head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert code_version["commit"] == workspace_head and code_version["remote"] is None


TOKEN = "examples-test-token"


def post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return json.load(response)


def execute(channels_url: str, code: str) -> str:
    """Run code in a kernel through the server's websocket (Jupyter's JSON protocol): stdout."""
    import websocket  # websocket-client, a jupyter-server dependency

    connection = websocket.create_connection(channels_url, timeout=60)
    try:
        msg_id = uuid.uuid4().hex
        connection.send(json.dumps({
            "channel": "shell",
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": msg_id,
                       "username": "test", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))  # fmt: skip
        stdout = ""
        while True:
            message = json.loads(connection.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                stdout += content["text"]
            elif kind == "error":
                raise AssertionError(content["evalue"])
            elif kind == "status" and content["execution_state"] == "idle":
                return stdout
    finally:
        connection.close()


def wait_for_server(url: str, process: subprocess.Popen[str], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "make lab exited early"
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no server at {url} after {seconds}s")


def test_make_lab_serves_the_workspace_with_a_data_science_kernel(tmp_path: Path) -> None:
    port = free_port()
    folder = tmp_path / "workspace"
    log = tmp_path / "lab.log"
    env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "JUPYTER_DATA_DIR": str(tmp_path)}
    env.pop("JUPYTER_SNAPSHOT_STORE", None)
    with open(log, "w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(REPO), "lab", f"WORKSPACE={folder}",
             f"LAB_PORT={port}", "LAB_ARGS=--no-browser"],
            stdout=out, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
        )  # fmt: skip
    base = f"http://localhost:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={TOKEN}", process)

        def get(path: str) -> Any:
            request = f"{base}{path}?token={TOKEN}"
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return json.load(response)

        root = {item["name"] for item in get("/api/contents/")["content"]}
        assert {TRAIN, EVALUATE, "data"} <= root, "the examples are there"
        assert "Makefile" not in root and "pyproject.toml" not in root, "not the checkout"

        kernel = post(f"{base}/api/kernels?token={TOKEN}", {})
        printed_by_kernel = execute(
            f"ws://localhost:{port}/api/kernels/{kernel['id']}/channels?token={TOKEN}",
            "import matplotlib, numpy, pandas, sklearn; print(pandas.__name__, sklearn.__name__)",
        )
        assert printed_by_kernel == "pandas sklearn\n"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    printed = log.read_text().splitlines()
    [line] = [text for text in printed if text.startswith("JupyterLab: ")]
    assert f"http://localhost:{port}/lab?token={TOKEN}" in line
    assert f"notebooks: {folder}" in line and f"store: {tmp_path / 'snapshots'}" in line
