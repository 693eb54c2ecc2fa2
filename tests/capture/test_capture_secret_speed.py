"""Secret scanning takes time linear in the text: a huge one-line output (20,000 URLs printed
at once) or a crafted one cannot freeze a take, and nothing is missed in them."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from capture_helpers import code, notebook
from secrets_corpus import CORPUS, IDS, Fake

from jupyter_ext.capture import redact_secrets, redact_text, scan_secrets
from jupyter_ext.capture.environment import imports_in_code
from jupyter_ext.capture.secret_patterns import _PLUGIN_CLASSES, EXTRA_PATTERNS
from jupyter_ext.capture.secrets import find_secret_spans
from jupyter_ext.capture.urls import strip_credentials_in_text, strip_url_credentials

BOUND_S = 2.0  # generous for a loaded 2-core CI machine; today's code took 10 s and more


def url_line(count: int = 20_000) -> str:
    """What `print(" ".join(urls))` shows for ``count`` URLs: one 653 KiB line for 20,000."""
    return " ".join(f"https://example.com/files/{i:06d}" for i in range(count))


# Each 96 KiB, one line, shaped against one detector family: an unbounded run followed by
# something required that never comes, repeated so that a backtracking engine restarts it
# at every position.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "npm-slashes": lambda n: "//a" * (n // 3),
    "basic-auth-colons": lambda n: "://a:" * (n // 5),
    "jwt-prefixes": lambda n: "eyJ" * (n // 3),
    "jwt-dot": lambda n: "eyJa.eyJ" * (n // 8),
    "openai-prefixes": lambda n: "sk-" * (n // 3),
    "gitlab-agent": lambda n: "glagent-" * (n // 8),
    "github-pat": lambda n: "github_pat_" * (n // 11),
    "gitlab-pat": lambda n: "glpat-" * (n // 6),
    "slack-bot": lambda n: "xoxb-1-" * (n // 7),
    "aws-words": lambda n: "aws key pass token " * (n // 19),
    "artifactory": lambda n: " AKC" + "a" * (n - 4),
    "secret-keyword": lambda n: 'token="' * (n // 7),
    "aws-keyword": lambda n: "aws_key=" * (n // 8),
    "pem-begins": lambda n: "-----BEGIN A PRIVATE KEY-----" * (n // 29),
    "mixed": lambda n: "//x:y@eyJsk-AKC token= glpat-" * (n // 29),
}


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _scan_output(text: str) -> list:
    nb = notebook(
        code("print(urls)", outputs=[{"output_type": "stream", "name": "stdout", "text": text}])
    )
    return scan_secrets(nb)


def test_653_kib_line_of_urls_is_scanned_in_well_under_a_second_or_two():
    text = url_line()
    assert 640 * 1024 < len(text) < 670 * 1024 and "\n" not in text
    elapsed = _timed(lambda: _scan_output(text))
    assert elapsed < BOUND_S, f"{elapsed:.2f} s"
    assert _scan_output(text) == []


@pytest.mark.parametrize("shape", list(ADVERSARIAL))
def test_crafted_96_kib_output_is_scanned_fast(shape: str):
    text = ADVERSARIAL[shape](96 * 1024)
    elapsed = _timed(lambda: find_secret_spans(text))
    assert elapsed < BOUND_S, f"{shape}: {elapsed:.2f} s"


@pytest.mark.parametrize("shape", ["urls", "jwt-prefixes", "basic-auth-colons", "mixed"])
def test_time_grows_linearly_with_the_text(shape: str):
    make = ADVERSARIAL.get(shape) or (lambda n: url_line(n // 33))
    small, big = make(40 * 1024), make(160 * 1024)
    # best of three: the machine is shared
    t_small = min(_timed(lambda: find_secret_spans(small)) for _ in range(3))
    t_big = min(_timed(lambda: find_secret_spans(big)) for _ in range(3))
    assert t_big < 6 * t_small + 0.05, f"4x the text: {t_small:.3f} s -> {t_big:.3f} s"


@pytest.mark.parametrize("fake", CORPUS, ids=IDS)
def test_a_secret_inside_a_huge_line_is_found_and_redacted(fake: Fake):
    urls = url_line()
    half = len(urls) // 2
    text = f"{urls[:half]} {fake.printed} {urls[half:]}"
    nb = notebook(
        code("print(urls)", outputs=[{"output_type": "stream", "name": "stdout", "text": text}])
    )
    findings = scan_secrets(nb)
    alone = _scan_output(f"x {fake.printed} y")
    assert [(f.kind, f.line) for f in findings] == [(f.kind, f.line) for f in alone]
    assert fake.kind in {f.kind for f in findings}
    redacted = redact_secrets(nb, findings)
    out = redacted["cells"][0]["outputs"][0]["text"]
    assert fake.leaks(out) == []
    assert out.startswith(urls[:1000]) and out.endswith(urls[-1000:])


def test_many_distinct_secrets_in_one_output_stay_linear():
    """20,000 different keys, one per line: each is found, each finding names its line."""
    keys = [f"AKIA{i:016d}" for i in range(20_000)]
    text = "\n".join(f"key {k}" for k in keys)
    start = time.perf_counter()
    findings = _scan_output(text)
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND_S * 2, f"{elapsed:.2f} s"
    assert [f.line for f in findings] == list(range(1, 20_001))
    start = time.perf_counter()
    redacted, kinds = redact_text(text)
    assert time.perf_counter() - start < BOUND_S
    assert kinds == ["AWS Access Key"] * 20_000
    assert redacted.splitlines()[-1] == "key [REDACTED:AWS Access Key]"


def _python_spans(text: str) -> list[tuple[int, int]]:
    """What Python's backtracking ``re`` finds with the same patterns (the former engine)."""
    spans: list[tuple[int, int]] = []
    for _, pattern in EXTRA_PATTERNS:
        regex = re.compile(pattern)
        for match in regex.finditer(text):
            group = 1 if regex.groups else 0
            if match.group(group):
                spans.append(match.span(group))
    for plugin_cls in _PLUGIN_CLASSES:
        for value in set(plugin_cls().analyze_string(text)):
            start = text.find(value) if value else -1
            while start != -1:
                spans.append((start, start + len(value)))
                start = text.find(value, start + len(value))
    return spans


_ODD_SPACES = ["\u00a0", "\u2003", "\x0b", "\x1c"]
ENGINE_TEXTS = (
    [
        text
        for fake in CORPUS
        for text in (fake.line, fake.printed, fake.value, f"{fake.value}\n", f"a={fake.value}")
    ]
    + [
        f"password{space}={space}'hunter2hunter2'{tail}"
        for space in _ODD_SPACES
        for tail in ("", "\n", " x")
    ]
    + [f"https://bob:pa55word{space}x@host" for space in _ODD_SPACES]
)


@pytest.mark.parametrize("text", ENGINE_TEXTS, ids=range(len(ENGINE_TEXTS)))
def test_linear_engine_finds_everything_pythons_re_finds(text: str):
    found = find_secret_spans(text)
    for start, end in _python_spans(text):
        assert any(s <= start and end <= e for s, e, _ in found), (text, text[start:end])


def test_a_notebook_of_ten_thousand_small_outputs_scans_fast():
    """Most texts are short and clean: what a call costs, not only what a byte costs."""
    cells = [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {},
            "execution_count": i + 1,
            "source": f"x{i} = {i}\nprint(x{i})",
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": f"step {i}: {i * 3}\n"}
            ],
        }
        for i in range(10_000)
    ]
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}
    elapsed = _timed(lambda: scan_secrets(nb))
    assert elapsed < BOUND_S, f"{elapsed:.2f} s"


def test_url_credentials_are_stripped_in_linear_time():
    """A string literal or env value of 128 KiB shaped against the userinfo pattern."""
    crafted = "s3://" + "a." * (64 * 1024)
    for strip in (strip_url_credentials, strip_credentials_in_text):
        elapsed = _timed(lambda strip=strip: strip(crafted))
        assert elapsed < BOUND_S / 4, f"{strip.__name__}: {elapsed:.2f} s"
    long_scheme = "x." * 40 + "db+postgres://bob:hunter2@host/db"
    assert "hunter2" not in strip_credentials_in_text(f"DSN={long_scheme} ok")
    assert strip_url_credentials("https://bob:pw@host/x") == "https://host/x"


def test_import_lines_are_read_in_linear_time():
    """A code cell with a 128 KiB "from aaaa..." line and no import after it."""
    cells = [
        {"cell_type": "code", "metadata": {}, "source": "import numpy\nfrom " + "a" * (128 * 1024)},
        {"cell_type": "code", "metadata": {}, "source": "from " + "a." * (64 * 1024)},
        {"cell_type": "code", "metadata": {}, "source": "from pandas.io import sql\n"},
    ]
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}
    start = time.perf_counter()
    assert imports_in_code(nb) == ["numpy", "pandas"]
    assert time.perf_counter() - start < BOUND_S / 4
