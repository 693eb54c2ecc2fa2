"""Secrets in a notebook are reported by kind and place, never echoed: not in responses, not in
the server's logs (even at DEBUG), and - when redacted - not in a single byte the server writes
(the shared store, compressed blobs decoded, and its local index)."""

import logging
from pathlib import Path

from api_helpers import make_notebook
from secrets_corpus import CORPUS, leaked

from jupyter_ext.store.codec import decode_blob


def _leaky_notebook() -> dict:
    """Every corpus credential: in its own cell's source and output, and as a papermill
    parameter (injected cell + notebook metadata) under a neutral name."""
    nb = make_notebook()
    injected = "\n".join(
        f'conn_{i} = """{f.value}"""' if "\n" in f.value else f'conn_{i} = "{f.value}"'
        for i, f in enumerate(CORPUS)
    )
    nb["cells"].append(
        {"cell_type": "code", "id": "injected", "metadata": {"tags": ["injected-parameters"]},
         "execution_count": None, "outputs": [], "source": injected}
    )  # fmt: skip
    nb["metadata"]["papermill"] = {
        "parameters": {f"conn_{i}": f.value for i, f in enumerate(CORPUS)}
    }
    for fake in CORPUS:
        nb["cells"].append(
            {"cell_type": "code", "id": f"leak-{fake.name}", "metadata": {}, "execution_count": 7,
             "source": fake.line,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": fake.printed}]}
        )  # fmt: skip
    return nb


def _stored_bytes(*folders: Path) -> bytes:
    """Every file under ``folders``, and each store blob decoded (zstd, deltas)."""
    chunks: list[bytes] = []
    for folder in folders:
        objects = {p.parent.name + p.name: p for p in (folder / "objects").glob("??/*")}

        def fetch(digest: str, objects: dict[str, Path] = objects) -> bytes:
            return decode_blob(objects[digest].read_bytes(), digest, fetch)

        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            chunks.append(path.read_bytes())
            if path in objects.values():
                chunks.append(decode_blob(chunks[-1], path.name, fetch))
    assert len(chunks) > 10
    return b"\n".join(chunks)


async def test_secret_values_never_reach_responses_store_or_logs(
    api, caplog, snapshot_store, jp_data_dir
):
    caplog.set_level(logging.DEBUG)
    nb = _leaky_notebook()
    status, scan = await api("POST", "secrets-scan", body={"content": nb})
    assert status == 200
    found = {(f["cell_index"], f["cell_id"], f["where"], f["kind"]) for f in scan["findings"]}
    for index, cell in enumerate(nb["cells"]):
        if cell["id"].startswith("leak-"):
            fake = next(f for f in CORPUS if cell["id"] == f"leak-{f.name}")
            assert (index, cell["id"], "source", fake.kind) in found, fake.name
            assert (index, cell["id"], "output", fake.kind) in found, fake.name
    injected = {f["line"] for f in scan["findings"] if f["cell_id"] == "injected"}
    assert injected == set(range(1, injected_lines(nb) + 1)) - pem_body_lines(nb)
    assert any(f["where"] == "metadata" for f in scan["findings"])

    status, summary = await api(
        "POST", "snapshots", body={"path": "leak.ipynb", "content": nb, "redact_secrets": True}
    )
    assert status == 201, summary
    _, stored = await api("GET", "snapshots", summary["id"], "notebook")
    _, manifest = await api("GET", "snapshots", summary["id"])
    assert len(stored["cells"]) == len(nb["cells"])
    assert all(p.startswith("[REDACTED:") for k, p in manifest["params"].items() if "conn" in k)
    # Bad requests that carry a secret in the field the server complains about.
    errors = []
    for fake in CORPUS:
        if "\n" not in fake.value:
            _, error = await api("POST", "snapshots", body={"path": fake.value + "/../x.ipynb"})
            errors.append(error)
    _, error = await api("POST", "secrets-scan", body={"content": {"cells": CORPUS[0].value}})
    errors.append(error)
    on_disk = _stored_bytes(Path(snapshot_store), Path(jp_data_dir))
    assert leaked(on_disk) == {}
    assert leaked(str([scan, summary, stored, manifest, errors])) == {}
    assert "secrets-scan" in caplog.text  # the DEBUG log was captured
    assert leaked(caplog.text) == {}


def injected_lines(nb: dict) -> int:
    return next(c for c in nb["cells"] if c["id"] == "injected")["source"].count("\n") + 1


def pem_body_lines(nb: dict) -> set[int]:
    """Lines of the injected cell inside a PEM string (a finding names the line it starts on)."""
    lines = next(c for c in nb["cells"] if c["id"] == "injected")["source"].split("\n")
    return {i for i, line in enumerate(lines, 1) if not line.startswith("conn_")}
