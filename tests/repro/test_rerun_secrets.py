"""A re-run's outputs go through the secrets check of a take: redacted unless allowed."""

from __future__ import annotations

import json
from pathlib import Path

from repro_helpers import executed_notebook, snap, take

from jupyter_ext.store import Store

# built at run time: the source shows no token, the output does
PRINTS_A_TOKEN = "token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'\nprint(token)"
TOKEN = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def _stored_text(workdir: Path, sid: str) -> str:
    reader = Store(str(workdir.parent / "store"), workdir.parent / "reader", sync_interval=0)
    try:
        return json.dumps(reader.get_notebook(sid))
    finally:
        reader.close()


def test_a_rerun_redacts_the_secret_its_output_prints(workdir: Path) -> None:
    notebook = executed_notebook(workdir / "leak.ipynb", "x = 2\nx", PRINTS_A_TOKEN)
    original = take(notebook, "--redact-secrets")
    assert TOKEN not in _stored_text(workdir, original)

    result = json.loads(snap("rerun", original, "--json").stdout)

    # redacted before comparing: the same redacted output as the snapshot's
    assert result["verdict"] == "reproduced", result
    assert [(s["cell_index"], s["where"], s["kind"]) for s in result["secrets"]] == [
        (1, "output", "GitHub Token")
    ]
    assert "1 possible secret redacted in the snapshot" in result["warnings"]
    stored = _stored_text(workdir, result["id"])
    assert TOKEN not in stored and "[REDACTED" in stored


def test_allow_secrets_keeps_them_and_says_what_was_found(workdir: Path) -> None:
    notebook = executed_notebook(workdir / "leak.ipynb", PRINTS_A_TOKEN)
    original = take(notebook, "--redact-secrets")

    proc = snap("rerun", original, "--allow-secrets", "--json", check=False)

    result = json.loads(proc.stdout)
    assert proc.returncode == 1 and result["verdict"] == "differs", result
    assert [s["where"] for s in result["secrets"]] == ["output"]
    assert TOKEN in _stored_text(workdir, result["id"])
    text = snap("rerun", original, check=False).stdout  # text mode shows the warning
    assert "warning: 1 possible secret redacted in the snapshot" in text, text
