"""The operations a terminal calls (the CLI's layer): the same policy, ids and identity as the
server, on a plain folder and without a kernel."""

import asyncio
import json
import os

import nbformat
import pytest

from jupyter_ext.operations import AmbiguousId, SecretsFound, UnknownId, for_file
from jupyter_ext.store import Store

SECRET = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
AUTHOR = {"username": "ci-bot", "name": "ci-bot"}


def make_notebook() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("lr = 0.01", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# model"),
        nbformat.v4.new_code_cell("print('training')"),
    ]
    return json.loads(nbformat.writes(nb))


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    opened = Store(str(tmp_path / "store"), str(tmp_path / "state"), sync_interval=0)
    yield opened
    opened.close()


def test_refused_secrets_store_nothing_and_redaction_is_the_same_everywhere(store, tmp_path):
    nb = make_notebook()
    nb["cells"][2]["source"] = f"token = '{SECRET}'"
    (tmp_path / "leak.ipynb").write_text(json.dumps(nb))
    ops, rel = for_file(store, "leak.ipynb")
    with pytest.raises(SecretsFound) as refused:
        asyncio.run(ops.take(rel, author=AUTHOR, secrets="refuse"))
    assert refused.value.findings and SECRET not in str(refused.value)
    assert ops.list()[0] == []
    summary = asyncio.run(ops.take(rel, author=AUTHOR))  # the shared default: redact
    assert SECRET not in json.dumps(ops.notebook(summary["id"]))


def test_typed_ids_and_the_history_of_a_moved_file(store, tmp_path):
    (tmp_path / "a.ipynb").write_text(json.dumps(make_notebook()))
    ops, rel = for_file(store, "a.ipynb")
    first = asyncio.run(ops.take(rel, author=AUTHOR))
    assert ops.show(first["id"][-6:].lower())["id"] == first["id"]
    assert ops.show(first["id"][:12].lower())["id"] == first["id"]
    with pytest.raises(UnknownId):
        ops.show("zzzzzz")
    second = asyncio.run(ops.take(rel, author=AUTHOR))
    assert second["hints"] == [f"no change since {first['id'][-6:].lower()}"]
    common = os.path.commonprefix([first["id"], second["id"]])
    if len(common) >= 6:  # same few minutes: a short prefix names both
        with pytest.raises(AmbiguousId) as ambiguous:
            ops.show(common[:6])
        assert set(ambiguous.value.candidates) == {first["id"], second["id"]}
    os.rename(tmp_path / "a.ipynb", tmp_path / "b.ipynb")
    ops.renamed("a.ipynb", "b.ipynb")  # what the server does on a contents rename event
    moved = asyncio.run(ops.take("b.ipynb", author=AUTHOR))
    assert moved["parent"] == second["id"]
    assert [i["id"] for i in ops.list(notebook="b.ipynb")[0]] == [
        moved["id"],
        second["id"],
        first["id"],
    ]
