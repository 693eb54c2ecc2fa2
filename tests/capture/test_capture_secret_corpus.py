"""Every credential of the corpus (``tests/secrets_corpus.py``), wherever a notebook carries it
- a cell's source, its outputs, a papermill parameter, an allow-listed environment variable of a
real kernel - is found, named by cell and kind, and redacted without a piece of it left; no
finding or warning ever holds it."""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path

import pytest
from capture_helpers import RunningKernel, code, notebook
from secrets_corpus import CORPUS, IDS, Fake

from jupyter_ext import kernel as kernel_helper
from jupyter_ext.capture import SecretFinding, capture_facts, redact_secrets, scan_secrets
from jupyter_ext.capture.environment import clean_env_vars

# Allow-listed names whose value is harmless to change inside a running kernel.
ENV_SLOTS = [
    n
    for n in kernel_helper.ENV_ALLOWLIST
    if n not in ("LANG", "LC_ALL", "TZ", "PYTHONPATH", "PYTHONHASHSEED")
]


def _dump(findings: list[SecretFinding]) -> str:
    return json.dumps([dataclasses.asdict(f) for f in findings])


def _outputs(fake: Fake) -> list[dict]:
    """What a cell that leaks the credential shows: print, repr, an HTML table, a traceback."""
    return [
        {"output_type": "stream", "name": "stdout", "text": f"connecting\n{fake.printed}\n"},
        {
            "output_type": "execute_result",
            "execution_count": 3,
            "metadata": {},
            "data": {
                "text/plain": repr(fake.printed),
                "text/html": f"<table><tr><td><pre>{html.escape(fake.printed)}</pre></td></tr>",
            },
        },
        {
            "output_type": "error",
            "ename": "AuthError",
            "evalue": f"rejected: {fake.printed}",
            "traceback": ["Traceback (most recent call last)", f"AuthError: {fake.printed}"],
        },
    ]


@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
def test_found_in_a_cell_source_and_redacted(fake: Fake):
    nb = notebook(code("import boto3"), code(f"x = 1\n{fake.line}\nprint(x)"), code("y = 2"))
    findings = scan_secrets(nb)
    cell_id = nb["cells"][1]["id"]
    assert {(f.cell_index, f.cell_id, f.where, f.line, f.kind) for f in findings} == {
        (1, cell_id, "source", 2, fake.kind)
    }
    assert fake.leaks(_dump(findings)) == []
    redacted = redact_secrets(nb, findings)
    assert fake.leaks(json.dumps(redacted)) == []
    assert f"[REDACTED:{fake.kind}]" in redacted["cells"][1]["source"]
    assert redacted["cells"][1]["source"].startswith("x = 1\n")
    assert [redacted["cells"][i] for i in (0, 2)] == [nb["cells"][i] for i in (0, 2)]


@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
def test_found_in_every_kind_of_output_and_redacted(fake: Fake):
    nb = notebook(code("print('hi')"), code("connect()", outputs=_outputs(fake)))
    findings = scan_secrets(nb)
    assert {(f.cell_index, f.cell_id, f.where, f.kind) for f in findings} == {
        (1, nb["cells"][1]["id"], "output", fake.kind)
    }
    assert {f.output_index for f in findings} == {0, 1, 2}
    assert fake.leaks(_dump(findings)) == []
    redacted = redact_secrets(nb, findings)
    assert fake.leaks(json.dumps(redacted)) == []
    assert redacted["cells"][1]["source"] == "connect()"


@pytest.mark.parametrize("tag", ["parameters", "injected-parameters"])
@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
async def test_found_in_a_parameter_and_redacted(fake: Fake, tag: str, tmp_path: Path):
    # A neutral name: the value alone must give it away.
    quote = '"""' if "\n" in fake.value else '"'
    params = code(f"lr = 0.1\nconn = {quote}{fake.value}{quote}\nepochs = 3", tags=[tag])
    nb = notebook(code("import os"), params, code("train(lr, conn)"))
    if tag == "injected-parameters":  # papermill also records what it injected
        nb["metadata"]["papermill"] = {"parameters": {"conn": fake.value, "lr": 0.1}}
    findings = scan_secrets(nb)
    places = {(f.cell_index, f.cell_id, f.where, f.line) for f in findings}
    assert (1, params["id"], "source", 2) in places
    assert ((None, None, "metadata", None) in places) == (tag == "injected-parameters")
    result = await capture_facts(nb, notebook_path=None, root_dir=tmp_path)
    assert result.facts["params"]["conn"].startswith("[REDACTED:")
    assert result.facts["params"]["lr"] == 0.1 and result.facts["params"]["epochs"] == 3
    assert any(w.startswith("parameter conn looks like a secret") for w in result.warnings)
    redacted = redact_secrets(nb, findings)
    assert redacted["cells"][1]["source"].startswith("lr = 0.1\nconn = ")
    assert redacted["cells"][1]["source"].endswith("\nepochs = 3")
    everything = json.dumps([redacted, result.facts, result.warnings]) + _dump(findings)
    assert fake.leaks(everything + repr(result.extra_blobs)) == []


@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
def test_found_in_an_allow_listed_environment_value(fake: Fake):
    env, warnings = clean_env_vars({"JUPYTER_IMAGE": fake.value, "OMP_NUM_THREADS": "4"})
    assert env["OMP_NUM_THREADS"] == "4"
    assert fake.leaks(json.dumps([env, warnings])) == []
    if fake.kind == "Basic Auth Credentials":  # the credentials go, the URL stays
        assert env["JUPYTER_IMAGE"] == "postgresql://db.internal.example.com:5432/warehouse"
    else:
        assert env["JUPYTER_IMAGE"].startswith("[REDACTED:")
        assert [w.split(" looks")[0] for w in warnings] == ["environment variable JUPYTER_IMAGE"]
    findings = scan_secrets(notebook(), {"env:JUPYTER_IMAGE": fake.value})
    assert [(f.where, f.key) for f in findings] == [("env", "JUPYTER_IMAGE")]
    assert fake.leaks(_dump(findings)) == []


LEAK_CELL = """\
from IPython.display import HTML, display
import html, os
value = _leaks[{name!r}]
print("value:", value)
display(HTML("<pre>" + html.escape(value) + "</pre>"))
value"""


async def test_real_kernel_outputs_and_environment(start_kernel):
    """One real kernel holds the whole corpus: in allow-listed environment variables, and
    printed / displayed / returned by cells whose sources hold no secret."""
    assert len(ENV_SLOTS) >= len(CORPUS)
    slots = dict(zip(IDS, ENV_SLOTS, strict=False))
    k: RunningKernel = await start_kernel()
    setup = json.dumps(
        {
            "env": {slots[f.name]: f.value for f in CORPUS},
            "leaks": {f.name: f.printed for f in CORPUS},
        }
    )
    await k.cell(f"import json, os\n_s = json.loads({setup!r})\nos.environ.update(_s['env'])\n"
                 "_leaks = _s['leaks']\ndel _s")  # fmt: skip
    cells = [await k.cell(LEAK_CELL.format(name=f.name)) for f in CORPUS]
    for fake, cell in zip(CORPUS, cells, strict=True):
        cell["id"] = f"leak-{fake.name}"
    result = await capture_facts(
        notebook(*cells),
        notebook_path=Path("nb.ipynb"),
        root_dir=k.root,
        kernel_manager=k.km,
        kernel_id=k.kernel_id,
    )
    assert result.facts["environment"]["source"] == "kernel"
    env_vars = result.facts["environment"]["env_vars"]
    facts_text = json.dumps([result.facts, result.warnings]) + _dump(result.findings)
    redacted = json.dumps(redact_secrets(notebook(*cells), result.findings))
    problems: dict[str, object] = {}
    for index, fake in enumerate(CORPUS):
        got = {
            (f.cell_id, f.where, f.kind, f.output_index)
            for f in result.findings
            if f.cell_index == index
        }
        outputs = cells[index]["outputs"]
        holding = [i for i, out in enumerate(outputs) if fake.leaks(json.dumps(out))]
        # print may arrive in several stream messages: only those with the secret count
        assert len(holding) >= 3, (fake.name, outputs)
        want = {(cells[index]["id"], "output", fake.kind, i) for i in holding}
        slot = slots[fake.name]
        if fake.kind == "Basic Auth Credentials":
            env_ok = env_vars.get(slot) == "postgresql://db.internal.example.com:5432/warehouse"
        else:
            env_ok = env_vars.get(slot, "").startswith("[REDACTED:") and any(
                f"environment variable {slot} looks like a secret" in w for w in result.warnings
            )
        leaks = fake.leaks(facts_text) + fake.leaks(redacted)
        leaks += [
            p for p in fake.fragments() if any(p.encode() in b for b in result.extra_blobs.values())
        ]
        if got != want or not env_ok or leaks:
            problems[fake.name] = {"findings": sorted(got, key=str), "env": env_ok, "leaks": leaks}
    assert problems == {}
