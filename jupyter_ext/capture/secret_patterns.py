"""The secret detectors (detect-secrets' regex plugins plus a few newer token formats), run on
RE2: matching time is linear in the text whatever it holds, and RE2 releases the GIL while it
matches, so a scan in a worker thread never stalls the server's event loop.

Python's backtracking ``re`` restarts an unbounded run at every position: a 653 KiB line of
URLs took 10 s in one plugin. Each pattern is translated to RE2 syntax here, keeping Python's
meaning (Unicode ``\\s``/``\\d``/``\\w``, ``\\Z``, a trailing negative lookahead); a pattern RE2
cannot take stays on ``re`` (tests check that none of today's does).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import re2
from detect_secrets.plugins.artifactory import ArtifactoryDetector
from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector

_PLUGIN_CLASSES: tuple[type[RegexBasedDetector], ...] = (
    AWSKeyDetector,
    GitHubTokenDetector,
    GitLabTokenDetector,
    JwtTokenDetector,
    BasicAuthDetector,
    SlackDetector,
    StripeDetector,
    OpenAIDetector,
    PypiTokenDetector,
    SendGridDetector,
    TwilioKeyDetector,
    AzureStorageKeyDetector,
    DiscordBotTokenDetector,
    NpmDetector,
    SquareOAuthDetector,
    MailchimpDetector,
    ArtifactoryDetector,
)
# Formats detect-secrets 1.5 misses, and PEM blocks redacted whole (the plugin only sees the
# BEGIN line). Group 1, when present, is the secret; else the whole match.
EXTRA_PATTERNS: list[tuple[str, str]] = [
    (
        "Private Key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
        r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    ),
    ("PuTTY Private Key", r"PuTTY-User-Key-File-\d:[\s\S]*?(?:Private-MAC: \w+|\Z)"),
    ("GitHub Token", r"github_pat_[A-Za-z0-9_]{22,255}"),
    ("GitHub Token", r"gh[pousr]_[A-Za-z0-9]{36,251}"),
    ("OpenAI Token", r"sk-(?:proj-|svcacct-|admin-)[A-Za-z0-9_-]{20,}"),
    ("Anthropic Key", r"sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{20,}"),
    ("JSON Web Token", r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),
    ("Google API Key", r"AIza[0-9A-Za-z_-]{35}"),
    ("Hugging Face Token", r"hf_[A-Za-z0-9]{30,}"),
    ("Slack Token", r"xox[abposr]-[A-Za-z0-9-]{10,}"),
    ("Stripe Access Key", r"[sr]k_(?:live|test)_[0-9a-zA-Z]{16,}"),
    # detect-secrets' BasicAuth stops at reserved characters: "S3cr3t!" gives nothing.
    ("Basic Auth Credentials", r"://[^\s:/?#@{}'\"<>]+:([^\s/?#@{}'\"<>]+)@"),
    # ~/.aws/credentials, `env` output: the value is not quoted (the plugin wants quotes).
    (
        "AWS Access Key",
        r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
    ),
    (
        "Secret Keyword",
        # a name ENDING in a keyword (no leading \w*: that backtracks on every word)
        r"(?i)(?:password|passwd|pwd|secret|api_?key|access_?key|secret_?key|auth_?token"
        r"|access_?token|token)\b[\"']?\s*[:=]\s*[\"']([^\"'\s]{6,})[\"']",
    ),
]
GENERIC_KINDS = frozenset({"Secret Keyword", "High Entropy String"})
# Cheap necessary conditions (substrings of the lower-cased text): a detector whose text has
# none of them is not run at all (most texts are short and clean: a call costs more than this).
_NEEDS: dict[str, tuple[str, ...]] = {
    "Private Key": ("private key",),
    "PuTTY Private Key": ("putty-user-key-file-",),
    "GitHub Token": ("github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "OpenAI Token": ("sk-",),
    "Anthropic Key": ("sk-ant-",),
    "JSON Web Token": ("eyj",),
    "Google API Key": ("aiza",),
    "Hugging Face Token": ("hf_",),
    "Slack Token": ("xox",),
    "Stripe Access Key": ("k_live_", "k_test_"),
    "Basic Auth Credentials": ("://",),
    "AWS Access Key": ("aws_secret", "awssecret"),
    "Secret Keyword": ("pass", "pwd", "secret", "key", "token"),
    "AWSKeyDetector": ("akia", "asia", "abia", "acca", "a3t", "aws"),
    "GitHubTokenDetector": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "GitLabTokenDetector": ("gl", "gr1348941"),
    "JwtTokenDetector": ("eyj",),
    "BasicAuthDetector": ("://",),
    "SlackDetector": ("xox", "hooks.slack.com"),
    "StripeDetector": ("k_live_",),
    "OpenAIDetector": ("t3blbkfj",),
    "PypiTokenDetector": ("pypi-",),
    "SendGridDetector": ("sg.",),
    "TwilioKeyDetector": ("ac", "sk"),
    "AzureStorageKeyDetector": ("accountkey=",),
    "DiscordBotTokenDetector": (".",),
    "NpmDetector": ("_authtoken",),
    "SquareOAuthDetector": ("sq0csp-",),
    "MailchimpDetector": ("-us",),
    "ArtifactoryDetector": ("akc", "ap"),
}
# Python's \s, \d, \w match Unicode; RE2's only ASCII. Inside a character class, no brackets.
_UNICODE_CLASSES = {"s": r"\t-\r\x1c-\x20\x85\p{Z}", "d": r"\p{Nd}", "w": r"\p{L}\p{N}_"}
_TRAILING_LOOKAHEAD = re.compile(r"\(\?!(\[\^?)((?:\\.|[^\]\\])*)\]\)$")
_BIG_REPEAT = re.compile(r"(\[(?:\\.|[^\]\\])*\])\{(\d+),(\d+)\}")
_WIDE_REPEAT = 8
_RELOCATE_MAX = 32  # a plugin's distinct values also redacted wherever else they appear


@dataclass(frozen=True)
class Detector:
    kind: str
    name: str  # the plugin's class name, or the kind for our own patterns
    regex: Any  # a compiled RE2 pattern (re2._Regexp), or re.Pattern for what RE2 refuses
    plugin: bool  # detect-secrets plugin: its values are also redacted where else they appear
    secret_groups: tuple[int, ...]  # the secret is each non-empty one; () the whole match
    needs: frozenset[str]  # lower-cased substrings, one of which a matching text has

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for match in self.regex.finditer(text):
            for group in self.secret_groups or (0,):
                start, end = match.span(group)
                if end > start >= 0:
                    yield start, end


def to_re2(pattern: str, flags: int = 0) -> tuple[str, bool]:
    """RE2 syntax for the Python ``pattern``, and whether a group was added around the whole
    match (a trailing negative lookahead becomes a consumed character or the end)."""
    out: list[str] = ["(?i)"] if flags & re.IGNORECASE else []
    in_class, i = False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if escaped in _UNICODE_CLASSES:
                body = _UNICODE_CLASSES[escaped]
                out.append(body if in_class else f"[{body}]")
            elif escaped == "Z" and not in_class:
                out.append(r"\z")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class and char == "]" and not _class_opening(out):
            in_class = False
        elif not in_class and char == "[":
            in_class = True
        out.append(char)
        i += 1
    translated = _BIG_REPEAT.sub(_open_repeat, "".join(out))
    lookahead = _TRAILING_LOOKAHEAD.search(translated)
    if lookahead is None:
        return translated, False
    body = translated[: lookahead.start()]
    negated = "[" if lookahead.group(1) == "[^" else "[^"
    flag = "(?i)" if body.startswith("(?i)") else ""
    body = body[len(flag) :]
    return f"{flag}({body})(?:{negated}{lookahead.group(2)}]|\\z)", True


def _class_opening(out: list[str]) -> bool:
    """Whether a ']' just read is the first character of a class (then it is literal)."""
    return bool(out) and (out[-1] == "[" or (out[-1] == "^" and len(out) > 1 and out[-2] == "["))


def _open_repeat(match: re.Match[str]) -> str:
    """``[class]{m,n}`` with a wide range as ``[class]{m,}``: RE2 counts each of the n places
    in its automaton, and overlapping starts ("glagent-glagent-...") multiply the states (6 s
    on 96 KiB). A run longer than n is then taken whole: more redacted, never less."""
    atom, low, high = match.group(1), int(match.group(2)), int(match.group(3))
    return match.group(0) if high - low <= _WIDE_REPEAT else f"{atom}{{{low},}}"


def _compile(pattern: str, flags: int) -> tuple[Any, bool]:
    """(RE2 pattern, group added) or, if RE2 refuses it, (Python pattern, False)."""
    if flags & re.VERBOSE and re.search(r"\s|#", pattern):
        return re.compile(pattern, flags), False  # not translated: whitespace means nothing
    options = re2.Options()
    options.log_errors = False
    translated, wrapped = to_re2(pattern, flags)
    try:
        return re2.compile(translated, options), wrapped
    except re2.error:
        return re.compile(pattern, flags), False


def _detector(kind: str, name: str, pattern: str, flags: int, plugin: bool) -> Detector:
    regex, wrapped = _compile(pattern, flags)
    count = re.compile(pattern, flags).groups
    # Ours name the secret in group 1; a plugin's values are each group (as its findall gives).
    groups = tuple(range(1, (1 if count and not plugin else count) + 1))
    if wrapped:  # group 1 is now the whole match; the pattern's own come after it
        shifted = tuple(g + 1 for g in groups)
        # a plugin's group may be a mere prefix ("glpat"): its whole match is the token
        groups = (1, *shifted) if plugin or not shifted else shifted
    return Detector(kind, name, regex, plugin, groups, frozenset(_NEEDS[name]))


def _detectors() -> list[Detector]:
    found = [_detector(kind, kind, pattern, 0, False) for kind, pattern in EXTRA_PATTERNS]
    for cls in _PLUGIN_CLASSES:
        plugin = cls()
        for python in plugin.denylist:
            flags = python.flags & (re.IGNORECASE | re.VERBOSE)
            found.append(
                _detector(str(plugin.secret_type), cls.__name__, python.pattern, flags, True)
            )
    return found


DETECTORS: list[Detector] = _detectors()


_NEEDLES = frozenset(n for needs in _NEEDS.values() for n in needs)


def find_secret_spans(text: str) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping (start, end, kind) spans of secrets in ``text``."""
    spans: list[tuple[int, int, str]] = []
    if not text:
        return spans
    lower = text.lower()
    present = {needle for needle in _NEEDLES if needle in lower}
    for detector in DETECTORS:
        if detector.needs.isdisjoint(present):
            continue
        found = list(detector.spans(text))
        spans += [(start, end, detector.kind) for start, end in found]
        if detector.plugin:
            spans += _elsewhere(text, {text[s:e] for s, e in found}, detector.kind)
    spans.sort(key=lambda s: (s[0], -s[1], s[2] in GENERIC_KINDS))
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            # overlapping finds: name the specific kind ("AWS Access Key", not "Secret Keyword")
            name = kind if last[2] in GENERIC_KINDS and kind not in GENERIC_KINDS else last[2]
            merged[-1] = (last[0], max(last[1], end), name)
        else:
            merged.append((start, end, kind))
    return merged


def _elsewhere(text: str, values: set[str], kind: str) -> list[tuple[int, int, str]]:
    """Every occurrence of a few found values (a key printed again, out of its context)."""
    spans: list[tuple[int, int, str]] = []
    for value in sorted(values)[:_RELOCATE_MAX]:
        start = text.find(value)
        while start != -1:
            spans.append((start, start + len(value), kind))
            start = text.find(value, start + len(value))
    return spans


def redact_text(text: str) -> tuple[str, list[str]]:
    """``text`` with every secret replaced by ``[REDACTED:<kind>]``, and the kinds found."""
    spans = find_secret_spans(text)
    parts: list[str] = []
    done = 0
    for start, end, kind in spans:
        parts += [text[done:start], f"[REDACTED:{kind}]"]
        done = end
    parts.append(text[done:])
    return "".join(parts), [kind for _, _, kind in spans]
