"""`jupyter snapshot take` and the secrets corpus: a notebook holding any corpus credential is
refused (exit 3, the cell and the kind named, the secret never printed) unless
``--allow-secrets``; nothing of it is printed or logged either way."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from secrets_corpus import CORPUS, IDS, Fake, leaked

from jupyter_ext.cli import EXIT_SECRETS, main


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JUPYTER_SNAPSHOT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ci-bot")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _cell(fake: Fake, cell_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(fake.line, execution_count=2)
    cell.id = cell_id
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=fake.printed)]
    return cell


def _write(path: Path, *cells: nbformat.NotebookNode) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import boto3"), *cells]
    path.write_text(nbformat.writes(nb))


@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
def test_take_refuses_each_kind_unless_allowed(fake, workdir, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    _write(workdir / "leak.ipynb", _cell(fake, "c0ffee"))
    assert main(["take", "leak.ipynb"]) == EXIT_SECRETS
    refused = capsys.readouterr()
    assert f"cell 2 (id c0ffee): {fake.kind} in source line 1, output 1\n" in refused.err
    assert "nothing was stored" in refused.err and "--allow-secrets" in refused.err
    assert not list((workdir / "store").glob("snapshots/*.json"))

    assert main(["take", "leak.ipynb", "--allow-secrets", "--json", "-m", "ok"]) == 0
    allowed = capsys.readouterr()
    assert json.loads(allowed.out)["message"] == "ok"
    assert leaked(refused.out + refused.err + allowed.out + allowed.err + caplog.text) == {}


def snap(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("jupyter-snapshot") or str(Path(sys.executable).parent / "jupyter-snapshot")
    return subprocess.run(
        [exe, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env=os.environ.copy(),
    )  # fmt: skip


def test_whole_corpus_in_one_notebook_real_process(workdir):
    _write(workdir / "all.ipynb", *(_cell(f, f"leak-{i}") for i, f in enumerate(CORPUS)))
    refused = snap("take", "all.ipynb")
    assert refused.returncode == EXIT_SECRETS, refused.stderr
    for i, fake in enumerate(CORPUS):
        assert f"cell {i + 2} (id leak-{i}): {fake.kind} in source line 1, output 1\n" in (
            refused.stderr
        )
    assert "Traceback" not in refused.stderr
    allowed = snap("take", "all.ipynb", "--allow-secrets", "--json")
    assert allowed.returncode == 0, allowed.stderr
    redacted = snap("take", "all.ipynb", "--redact-secrets", "--json")
    assert redacted.returncode == 0, redacted.stderr
    exported = snap("export", json.loads(redacted.stdout)["id"])
    assert exported.returncode == 0 and "[REDACTED:" in exported.stdout
    printed = [p.stdout + p.stderr for p in (refused, allowed, redacted)] + [exported.stdout]
    assert leaked("".join(printed)) == {}
    # --allow-secrets keeps the notebook as it is: the secrets are there.
    kept = snap("export", json.loads(allowed.stdout)["id"])
    assert set(leaked(kept.stdout)) == set(IDS)
