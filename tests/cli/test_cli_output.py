"""What `jupyter snapshot` prints for a person at a terminal, and for a pipe."""

import json
import os
import subprocess

import nbformat
from cli_helpers import snap, snapshot_exe
from test_cli import notebook

from jupyter_ext.cli import main


def take_two(workdir):
    (workdir / "exp.ipynb").write_text(notebook(0.01, 0.9099999999999999))
    long_message = "a message long enough to need cutting " * 4
    first = json.loads(snap("take", "exp.ipynb", "-m", long_message, "-t", "base", "--json").stdout)
    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.93))
    second = json.loads(snap("take", "exp.ipynb", "-m", "higher lr", "--json").stdout)
    return first, second


def test_list_is_a_table_with_headers_fitted_to_the_terminal(workdir, monkeypatch):
    first, second = take_two(workdir)
    monkeypatch.setenv("COLUMNS", "110")
    lines = snap("list").stdout.splitlines()
    assert lines[0].split() == ["ID", "CREATED", "(UTC)", "AUTHOR", "NOTEBOOK", "MESSAGE", "TAGS",
                                "METRICS"]  # fmt: skip
    assert len(lines) == 3 and all(len(line) <= 110 for line in lines)
    assert lines[1].startswith(second["id"][-6:].lower())
    assert lines[2].startswith(first["id"][-6:].lower())
    column = lines[0].index("NOTEBOOK")
    assert all(line[column:].startswith("exp.ipynb") for line in lines[1:])  # aligned
    assert "accuracy=0.91" in lines[2] and "0.9099999999999999" not in lines[2]
    assert "…" in lines[2]  # the long message was cut, not wrapped
    monkeypatch.setenv("COLUMNS", "250")
    wide = snap("list").stdout
    assert "a message long enough to need cutting " * 3 in wide
    full = json.loads(snap("list", "--json").stdout)
    assert full[1]["metrics"]["accuracy"] == 0.9099999999999999  # full precision in JSON


def test_show_prints_every_section_of_the_manifest(workdir):
    take_two(workdir)
    (workdir / "data.csv").write_text("a,b\n1,2\n")
    nb = nbformat.reads(notebook(0.5, 0.5), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import pandas\npandas.read_csv('data.csv')"))
    (workdir / "exp.ipynb").write_text(nbformat.writes(nb))
    sid = json.loads(snap("take", "exp.ipynb", "--json").stdout)["id"]
    manifest = json.loads(snap("show", sid, "--json").stdout)
    text = snap("show", sid).stdout
    assert f"snapshot {sid}" in text
    for section in ("params", "metrics", "data", "kernel:", "environment", "git:", "timing"):
        assert f"\n{section}" in text, section
    env = manifest["environment"]
    assert f"os:        {env['os']}" in text
    assert f"python:    {env['python']}" in text
    assert f"{env['packages_count']} installed" in text
    for name, value in env["env_vars"].items():
        assert f"{name}={value}" in text
    assert "lr = 0.5" in text and "accuracy = 0.5" in text
    assert "data.csv" in text


def test_json_only_when_asked_gc_dry_run_reads_as_text(workdir):
    take_two(workdir)
    human = snap("gc", "--dry-run")
    assert not human.stdout.lstrip().startswith("{")
    assert "would delete 0 unreferenced blobs" in human.stdout
    report = json.loads(snap("gc", "--dry-run", "--json").stdout)
    assert report["dry_run"] is True and report["deleted_blobs"] == 0


def test_a_store_that_is_not_there_is_an_error_not_an_empty_list(workdir):
    for command in ("list", "verify"):
        missing = snap(command, "--store", "/nonexistent/x", check=False)
        assert missing.returncode != 0, command
        assert "/nonexistent/x" in missing.stderr and "Traceback" not in missing.stderr
        assert missing.stdout == ""
    assert not os.path.exists("/nonexistent")
    info = snap("info", "--store", "/nonexistent/x", check=False)
    assert info.returncode != 0 and "UNAVAILABLE" in info.stdout


def test_info_says_where_the_store_is_and_what_is_queued(workdir):
    take_two(workdir)
    text = snap("info").stdout
    assert f"store:    {workdir / 'store'}" in text and "JUPYTER_SNAPSHOT_STORE" in text
    assert "reachable" in text and "(2 snapshots)" in text
    assert "outbox:   0 queued" in text and "author:   ci-bot" in text
    report = json.loads(snap("info", "--json").stdout)
    assert report["index"].startswith(str(workdir / "data")) and report["indexed"] == 2


def test_a_reader_that_closes_the_pipe_early_gets_no_complaint(workdir):
    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.9))
    for _ in range(3):
        snap("take", "exp.ipynb", "-m", "x" * 2000)
    script = f'{snapshot_exe()} list --json | head -c 1; echo " ${{PIPESTATUS[0]}}" >&2'
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=os.environ.copy(), timeout=120
    )
    assert proc.stdout == "["
    status = proc.stderr.split()[-1]
    assert status in ("0", "141"), proc.stderr
    assert "Broken pipe" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == status


def test_export_never_writes_through_a_planted_symlink(workdir, capsys):
    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.9))
    sid = json.loads(snap("take", "exp.ipynb", "--json").stdout)["id"]
    victim = workdir / "victim.txt"
    victim.write_text("precious")
    # The old temp name was predictable (.NAME.tmp-PID): a teammate could plant a symlink there.
    (workdir / f".out.ipynb.tmp-{os.getpid()}").symlink_to(victim)
    assert main(["export", sid, "-o", "out.ipynb"]) == 0
    assert victim.read_text() == "precious"
    assert json.loads((workdir / "out.ipynb").read_text())["cells"][0]["source"] == "lr = 0.1"
    dangling = workdir / "dangling.ipynb"
    dangling.symlink_to(workdir / "elsewhere.ipynb")
    assert main(["export", sid, "-o", "dangling.ipynb"]) != 0
    assert not (workdir / "elsewhere.ipynb").exists()
    assert "exists" in capsys.readouterr().err
