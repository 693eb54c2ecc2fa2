"""normalize_notebook, notebook_identity and git facts (real temporary git repositories)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from capture_helpers import git, make_repo

from jupyter_ext.capture import capture_facts, normalize_notebook, notebook_identity
from jupyter_ext.capture.gitinfo import git_facts
from jupyter_ext.capture.urls import normalize_remote, strip_url_credentials


def _nb(minor: int, cells: list[dict]) -> dict:
    return {"nbformat": 4, "nbformat_minor": minor, "metadata": {}, "cells": cells}


def test_normalize_accepts_text_and_dict_and_returns_plain_dicts():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\ny = 2")])
    text = nbformat.writes(nb)  # multi-line sources written as lists
    from_text = normalize_notebook(text)
    from_dict = normalize_notebook(json.loads(text))
    assert from_text == from_dict
    assert type(from_text) is dict and type(from_text["cells"][0]) is dict
    assert from_text["cells"][0]["source"] == "x = 1\ny = 2"
    assert normalize_notebook(from_text) == from_text  # idempotent


def test_normalize_keeps_missing_cell_ids_missing():
    cell = {
        "cell_type": "code",
        "source": "1",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
    }
    for minor in (4, 5):
        out = normalize_notebook(_nb(minor, [dict(cell)]))
        assert "id" not in out["cells"][0] and out["nbformat_minor"] == minor


def test_normalize_accepts_integral_float_versions():
    out = normalize_notebook({"nbformat": 4.0, "nbformat_minor": 4.0, "metadata": {}, "cells": []})
    assert out["nbformat"] == 4 and out["nbformat_minor"] == 4
    assert type(out["nbformat"]) is int and type(out["nbformat_minor"]) is int


def test_normalize_upgrades_v3():
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": ""},
        "worksheets": [
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "input": "print(1)",
                        "language": "python",
                        "outputs": [],
                        "prompt_number": 1,
                        "metadata": {},
                    }
                ],
                "metadata": {},
            }
        ],
    }
    out = normalize_notebook(v3)
    assert out["nbformat"] == 4 and out["cells"][0]["source"] == "print(1)"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"cells": []}', "nbformat"),
        ('{"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}', "unsupported"),
        (
            json.dumps(_nb(5, [{"cell_type": "bogus", "source": "", "metadata": {}, "id": "a"}])),
            "invalid notebook",
        ),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": {}}', "cells"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": NaN}, "cells": []}', "plain JSON"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [1, "x"]}', "notebook"),
        ('{"nbformat": 4, "nbformat_minor": "x", "metadata": {}, "cells": []}', "invalid notebook"),
    ],
)
def test_normalize_rejects_non_notebooks_with_a_clear_message(bad, message):
    with pytest.raises(ValueError, match=message):
        normalize_notebook(bad)


def test_strip_and_normalize_remotes():
    assert strip_url_credentials("https://user:tok@github.com/x/y.git") == (
        "https://github.com/x/y.git"
    )
    assert strip_url_credentials("https://h/p?X-Amz-Signature=abc&a=1") == (
        "https://h/p?X-Amz-Signature=REDACTED&a=1"
    )
    for remote in (
        "git@github.com:x/y.git",
        "ssh://git@github.com/x/y",
        "https://u:p@GitHub.com/x/y.git",
        "https://github.com/x/y/",
    ):
        assert normalize_remote(remote) == "github.com/x/y"


def test_identity_without_git(tmp_path):
    (tmp_path / "exp").mkdir()
    ident = notebook_identity(Path("exp/a.ipynb"), tmp_path)
    assert ident == {
        "path": "exp/a.ipynb",
        "name": "a.ipynb",
        "key": "exp/a.ipynb",
        "git_remote": None,
        "path_in_repo": None,
    }
    assert notebook_identity(tmp_path / "exp" / "a.ipynb", tmp_path)["path"] == "exp/a.ipynb"
    with pytest.raises(ValueError, match="outside"):
        notebook_identity(Path("../x.ipynb"), tmp_path)


def test_identity_in_repo_with_remote_uses_remote_and_path_in_repo(tmp_path):
    repo = make_repo(tmp_path / "work" / "proj", "https://ana:tok123@github.com/team/proj.git")
    (repo / "nb").mkdir()
    ident = notebook_identity(Path("proj/nb/churn.ipynb"), tmp_path / "work")
    assert ident["path"] == "proj/nb/churn.ipynb"
    assert ident["path_in_repo"] == "nb/churn.ipynb"
    assert ident["git_remote"] == "https://github.com/team/proj.git"
    assert ident["key"] == "github.com/team/proj:nb/churn.ipynb"
    assert "tok123" not in json.dumps(ident)


def test_identity_in_repo_without_remote_uses_root_relative_path(tmp_path):
    make_repo(tmp_path / "proj")
    ident = notebook_identity(Path("proj/a.ipynb"), tmp_path)
    assert ident["key"] == "proj/a.ipynb" and ident["path_in_repo"] == "a.ipynb"


def test_git_facts_commit_branch_dirty_remote(tmp_path):
    repo = make_repo(tmp_path / "r", "https://bob:pw@gitlab.example.com/g/r.git")
    assert git_facts(repo)[0]["commit"] is None  # no commit yet
    (repo / "a.py").write_text("1\n")
    git(repo, "add", "a.py")
    git(repo, "commit", "-q", "-m", "init")
    head = git(repo, "rev-parse", "HEAD").strip()
    facts, warning = git_facts(repo / "a.py")
    assert warning is None and facts is not None
    assert facts["commit"] == head and facts["branch"] == "main"
    assert facts["dirty"] is False and facts["root"] == str(repo.resolve())
    assert facts["remote"] == "https://gitlab.example.com/g/r.git"
    (repo / "a.py").write_text("2\n")
    assert git_facts(repo)[0]["dirty"] is True
    (repo / "untracked.txt").write_text("x")
    git(repo, "checkout", "-q", "a.py")
    assert git_facts(repo)[0]["dirty"] is False  # untracked files do not count
    git(repo, "checkout", "-q", "--detach")
    assert git_facts(repo)[0]["branch"] is None


def test_no_git_repo_gives_null(tmp_path):
    assert git_facts(tmp_path) == (None, None)


async def test_capture_facts_git_section(tmp_path):
    repo = make_repo(tmp_path / "r", "git@github.com:team/r.git")
    (repo / "nb.ipynb").write_text("{}")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "c")
    result = await capture_facts(_nb(5, []), notebook_path=Path("r/nb.ipynb"), root_dir=tmp_path)
    assert result.facts["git"]["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert result.facts["git"]["remote"] == "git@github.com:team/r.git"
    assert "modified" not in result.facts["git"]
