"""scan_secrets / redact_secrets on notebooks: every kind found, no value ever returned."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from capture_helpers import code, notebook

from jupyter_ext.capture import SecretFinding, redact_secrets, redact_text, scan_secrets

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4Zr\nQWERTYuiop1234\n"
    "-----END RSA PRIVATE KEY-----"
)
SAMPLES = {
    "AWS Access Key": "AKIAIOSFODNN7EXAMPLE",
    "GitHub Token": "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    "GitHub fine-grained": "github_pat_11ABCDEFG0abcdefghijkl_" + "x" * 59,
    "Private Key": PEM,
    "JSON Web Token": JWT,
    "Basic Auth Credentials": "postgresql://bob:hunter2pass@db.example.com:5432/x",
    "Slack Token": "xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJ",
    "Stripe Access Key": "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "OpenAI Token": "sk-proj-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv",
}


@pytest.mark.parametrize("label", list(SAMPLES))
def test_each_kind_is_found_in_sources_and_redacted(label):
    secret = SAMPLES[label]
    nb = notebook(code("x = 1"), code(f'token_value = "{secret}"\nprint(1)'))
    findings = scan_secrets(nb)
    assert findings and all(f.cell_index == 1 and f.where == "source" for f in findings)
    assert findings[0].line == 1
    assert secret not in json.dumps([dataclasses.asdict(f) for f in findings])
    redacted = redact_secrets(nb, findings)
    assert secret not in json.dumps(redacted)
    assert "[REDACTED:" in redacted["cells"][1]["source"]
    assert redacted["cells"][0] == nb["cells"][0]
    assert secret in nb["cells"][1]["source"]  # input untouched


def test_outputs_of_every_type_are_scanned_and_redacted():
    tok = SAMPLES["GitHub Token"]
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": f"ok\n{tok}\n"},
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "metadata": {},
            "data": {
                "text/plain": f"'{tok}'",
                "text/html": f"<b>{tok}</b>",
                "application/json": {"k": tok},
                "image/png": "iVBORw0KGgo=",
            },
        },
        {"output_type": "error", "ename": "E", "evalue": tok, "traceback": [f"x {tok}"]},
    ]
    nb = notebook(code("print(secret)", outputs=copy.deepcopy(outputs)))
    findings = scan_secrets(nb)
    assert {(f.where, f.output_index) for f in findings} == {
        ("output", 0),
        ("output", 1),
        ("output", 2),
    }
    assert findings[0].line == 2
    redacted = redact_secrets(nb, findings)
    assert tok not in json.dumps(redacted)
    assert redacted["cells"][0]["outputs"][1]["data"]["image/png"] == "iVBORw0KGgo="


def test_clean_notebook_has_no_findings():
    nb = notebook(
        code(
            "import pandas as pd\ndf = pd.read_csv('s3://bucket/x.csv')\n"
            "tokenizer = 'bert-base-uncased'\nurl = 'https://github.com/x/y'"
        )
    )
    assert scan_secrets(nb) == []


def test_extra_texts_are_reported_by_key_without_values():
    findings = scan_secrets(
        notebook(),
        {
            "env:MLFLOW_TRACKING_URI": "https://u:pw123456@h/",
            "param:db_password": "correct-horse",
            "param:lr": "0.1",
            "env:TZ": "UTC",
        },
    )
    assert findings == [
        SecretFinding(None, None, "env", "Basic Auth Credentials", None, key="MLFLOW_TRACKING_URI"),
        SecretFinding(None, None, "param", "Secret Keyword", None, key="db_password"),
    ]


def test_redact_text_merges_overlaps_and_keeps_the_rest():
    text = f"a={SAMPLES['AWS Access Key']} and {JWT} end"
    redacted, kinds = redact_text(text)
    assert redacted == "a=[REDACTED:AWS Access Key] and [REDACTED:JSON Web Token] end"
    assert kinds == ["AWS Access Key", "JSON Web Token"]


def test_json_outputs_with_numbers_are_scanned_not_crashed_on():
    from jupyter_ext.capture import normalize_notebook, scan_secrets

    output = {"output_type": "display_data", "metadata": {},
              "data": {"application/json": [1.5, 2, {"key": "AKIAIOSFODNN7EXAMPLE"}],
                       "text/plain": ["x"]}}  # fmt: skip
    cell = {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": 1, "source": "",
            "outputs": [output]}  # fmt: skip
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    findings = scan_secrets(normalize_notebook(nb))
    assert [f.where for f in findings] == ["output"]
