"""`jupyter snapshot lineage` and `artifact`: runs linked by the files they share, across
notebooks and authors; files a run wrote, back byte-exact."""

from __future__ import annotations

import hashlib
from pathlib import Path

from repro_helpers import executed_notebook, snap, snap_json, take

WRITE_FEATURES = "open('features.csv', 'w').write('f,y\\n1,0\\n2,1\\n')"
READ_FEATURES = "rows = open('../prep/features.csv').read().splitlines()\nlen(rows)"


def test_a_writer_and_a_reader_of_features_csv_are_linked_both_ways(workdir: Path) -> None:
    writer = take(executed_notebook(workdir / "prep" / "features.ipynb", WRITE_FEATURES))
    reader = take(
        executed_notebook(workdir / "model" / "train.ipynb", READ_FEATURES),
        JUPYTER_SNAPSHOT_AUTHOR="bob",
    )
    digest = (
        "sha256:" + hashlib.sha256((workdir / "prep" / "features.csv").read_bytes()).hexdigest()
    )
    # a later run writing other content is no producer of what `reader` read
    (workdir / "other").mkdir()
    take(executed_notebook(workdir / "other" / "x.ipynb", WRITE_FEATURES.replace("2,1", "3,1")))

    up = snap_json("lineage", reader)
    assert [(e["path"], e["hash"], e["snapshot"]) for e in up["upstream"]] == [
        ("prep/features.csv", digest, writer)
    ]
    assert up["upstream"][0]["author"] == "ana"
    assert up["upstream"][0]["notebook"] == "prep/features.ipynb"
    assert up["downstream"] == []

    down = snap_json("lineage", writer)
    assert [(e["path"], e["hash"], e["snapshot"]) for e in down["downstream"]] == [
        ("prep/features.csv", digest, reader)
    ]
    assert down["downstream"][0]["author"] == "bob" and down["upstream"] == []
    human = snap("lineage", reader).stdout
    assert f"read prep/features.csv: produced by {writer} by ana" in human


def test_lineage_comes_from_the_index_rebuilt_from_the_store(workdir: Path) -> None:
    writer = take(executed_notebook(workdir / "prep" / "features.ipynb", WRITE_FEATURES))
    reader = take(executed_notebook(workdir / "model" / "train.ipynb", READ_FEATURES))
    for index in (workdir.parent / "data").rglob("index.sqlite*"):
        index.unlink()  # another teammate's server: it only has the shared store
    assert [e["snapshot"] for e in snap_json("lineage", reader)["upstream"]] == [writer]


def test_an_artifact_round_trips_byte_exact(workdir: Path, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 64 + b"\r\n\x00end"
    (workdir / "payload.bin").write_bytes(payload)
    notebook = executed_notebook(
        workdir / "train.ipynb",
        "model = open('payload.bin', 'rb').read()\n"
        "with open('model.pkl', 'wb') as f:\n    f.write(model)",
    )
    (workdir / "payload.bin").unlink()
    sid = take(notebook)
    (workdir / "model.pkl").write_bytes(b"retrained since")

    out = tmp_path / "restored.pkl"
    snap("artifact", sid, "model.pkl", "-o", str(out))
    assert out.read_bytes() == payload
    again = snap("artifact", sid, "model.pkl", "-o", str(out), check=False)
    assert again.returncode != 0 and "exists" in again.stderr
    snap("artifact", sid, "./model.pkl", "-o", str(out), "--force")
    assert out.read_bytes() == payload

    missing = snap("artifact", sid, "nope.pkl", "-o", str(tmp_path / "x"), check=False)
    assert missing.returncode != 0 and "model.pkl" in missing.stderr  # names what it has


def test_written_files_are_kept_by_size_and_per_take_choice(workdir: Path, tmp_path: Path) -> None:
    big = 5 << 20  # above the default keep_written_max_bytes (4 MiB)
    notebook = executed_notebook(
        workdir / "export.ipynb",
        f"open('big.pkl', 'wb').write(b'x' * {big})\nopen('small.csv', 'w').write('a\\n1\\n')",
    )
    default = take(notebook)
    refused = snap("artifact", default, "big.pkl", "-o", str(tmp_path / "big"), check=False)
    assert refused.returncode != 0 and "--keep-written" in refused.stderr
    snap("artifact", default, "small.csv", "-o", str(tmp_path / "small.csv"))
    assert (tmp_path / "small.csv").read_text() == "a\n1\n"

    opted_in = take(notebook, "--keep-written")
    snap("artifact", opted_in, "big.pkl", "-o", str(tmp_path / "big"))
    assert (tmp_path / "big").stat().st_size == big

    opted_out = take(notebook, "--no-keep-written")
    none = snap("artifact", opted_out, "small.csv", "-o", str(tmp_path / "s2"), check=False)
    assert none.returncode != 0 and "not kept" in none.stderr
    assert snap_json("verify")["ok"] is True
