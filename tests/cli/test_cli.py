"""`jupyter snapshot …` as a user or a CI job runs it: real processes, real files."""

import json
import shutil
from pathlib import Path

import nbformat
from cli_helpers import snap

NBDIME_FILES = Path(nbformat.__file__).parent.parent / "nbdime" / "tests" / "files"


def notebook(lr: float, accuracy: float) -> str:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(f"lr = {lr}", metadata={"tags": ["parameters"]})
    result = nbformat.v4.new_code_cell("log_metric(...)", execution_count=1)
    result.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter-ext.metrics+json": {"metrics": {"accuracy": accuracy}},
                "text/plain": "accuracy",
            },
        )
    ]
    nb.cells = [params, result]
    return nbformat.writes(nb)


def test_take_list_show_export_diff_round_trip(workdir):
    first_text = notebook(0.01, 0.8)
    (workdir / "exp.ipynb").write_text(first_text)
    first = json.loads(snap("take", "exp.ipynb", "-m", "baseline", "-t", "base", "--json").stdout)
    assert first["id"] and first["message"] == "baseline" and first["tags"] == ["base"]
    assert first["author"]["username"] == "ci-bot"

    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.9))
    second = json.loads(snap("take", "exp.ipynb", "-m", "higher lr", "--json").stdout)

    listed = json.loads(snap("list", "--json").stdout)
    assert [i["id"] for i in listed] == [second["id"], first["id"]]
    only = json.loads(
        snap("list", "--notebook", "exp.ipynb", "--query", "lr>0.05", "--json").stdout
    )
    assert [i["id"] for i in only] == [second["id"]]
    assert json.loads(snap("list", "--author", "nobody", "--json").stdout) == []

    manifest = json.loads(snap("show", second["id"], "--json").stdout)
    assert manifest["params"] == {"lr": 0.1}
    assert manifest["metrics"] == {"accuracy": 0.9}

    snap("export", first["id"], "-o", "restored.ipynb")
    original = nbformat.reads(first_text, as_version=4)
    assert nbformat.read(workdir / "restored.ipynb", as_version=4) == original

    result = json.loads(snap("diff", first["id"], second["id"], "--json").stdout)
    assert set(result) >= {"diff", "run_diff"}
    assert result["diff"]
    params = {p["name"]: p for p in result["run_diff"]["params"]}
    assert (params["lr"]["base"], params["lr"]["remote"]) == (0.01, 0.1)
    human = snap("diff", first["id"], second["id"]).stdout
    assert "lr" in human

    verify = json.loads(snap("verify", "--json").stdout)
    assert verify["ok"] is True
    snap("gc", "--grace", "14d")
    snap("sync")


def test_errors_are_one_clear_line_and_a_non_zero_exit(workdir):
    missing = snap("take", "nope.ipynb", check=False)
    assert missing.returncode != 0 and "no such notebook" in missing.stderr
    (workdir / "bad.ipynb").write_text("{not json")
    bad = snap("take", "bad.ipynb", check=False)
    assert bad.returncode != 0 and "bad.ipynb" in bad.stderr
    assert "Traceback" not in bad.stderr
    unknown = snap("show", "01ARZ3NDEKTSV4RRFFQ69G5FAV", check=False)
    assert unknown.returncode != 0 and "01ARZ3NDEKTSV4RRFFQ69G5FAV" in unknown.stderr
    invalid = snap("show", "../../etc/passwd", check=False)
    assert invalid.returncode != 0 and "not a snapshot id" in invalid.stderr
    query = snap("list", "--query", "lr=>1", check=False)
    assert query.returncode != 0 and query.stderr.strip()
    (workdir / "x.ipynb").write_text(notebook(1, 1))
    exported = snap("take", "x.ipynb", "--json")
    sid = json.loads(exported.stdout)["id"]
    (workdir / "taken.ipynb").write_text("keep me")
    clash = snap("export", sid, "-o", "taken.ipynb", check=False)
    assert clash.returncode != 0 and (workdir / "taken.ipynb").read_text() == "keep me"


def test_secrets_stop_take_unless_redacted(workdir):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            'key = "AKIAIOSFODNN7EXAMPLE"\nsecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'
        )
    ]
    (workdir / "leak.ipynb").write_text(nbformat.writes(nb))
    refused = snap("take", "leak.ipynb", check=False)
    assert refused.returncode != 0
    assert "secret" in refused.stderr.lower() and "AKIAIOSFODNN7EXAMPLE" not in refused.stderr
    assert json.loads(snap("list", "--json").stdout) == []
    taken = json.loads(snap("take", "leak.ipynb", "--redact-secrets", "--json").stdout)
    exported = snap("export", taken["id"]).stdout
    assert "AKIAIOSFODNN7EXAMPLE" not in exported and "REDACTED" in exported


def test_real_world_notebooks_export_exactly(workdir):
    for source in sorted(NBDIME_FILES.glob("*.ipynb"))[:25]:
        try:
            expected = nbformat.read(source, as_version=4)
        except Exception:
            continue
        if expected.nbformat != 4 or json.loads(source.read_text()).get("nbformat") != 4:
            continue
        shutil.copy(source, workdir / source.name)
        taken = snap("take", source.name, "--json", "--allow-secrets", check=False)
        assert taken.returncode == 0, (source.name, taken.stderr)
        sid = json.loads(taken.stdout)["id"]
        snap("export", sid, "-o", f"out-{source.name}")
        exported = json.loads((workdir / f"out-{source.name}").read_text())
        raw = json.loads(source.read_text())
        got = json.loads(json.dumps(nbformat.from_dict(exported)))
        want = json.loads(json.dumps(expected))
        for index, cell in enumerate(raw.get("cells", [])):
            if "id" not in cell:  # nbformat invents random ids on read
                got["cells"][index].pop("id", None)
                want["cells"][index].pop("id", None)
        assert got == want, source.name
