"""Environment facts: from the kernel probe, or from this process (CLI / kernel unreachable)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from .. import kernel as kernel_helper
from .secrets import looks_like_secret
from .urls import strip_credentials_in_text

_ENV_KEYS = ("os", "hostname", "cpu_count", "memory_bytes", "gpus", "python", "imported_packages")


# "(\w+)(?:\.\w*)*", not "(\w+)[\w.]*": that split is ambiguous, and "from aaaa..." with no
# "import" after it backtracked quadratically (20 KB: 7 s)
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(\w+)(?:\.\w*)*[ \t]+import\b|import[ \t]+([^\n#;]+))", re.M
)


def imports_in_code(notebook: Mapping[str, Any]) -> list[str]:
    """Top-level module names imported by the notebook's code cells (a line scan: parsing
    every cell with ``ast`` costs ~0.3 s on a 1000-cell notebook)."""
    names: set[str] = set()
    for cell in notebook.get("cells") or []:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if "import" not in source:
            continue
        for match in _IMPORT.finditer(source):
            if match.group(1):
                names.add(match.group(1))
                continue
            for item in match.group(2).split(","):
                name = item.strip().split(" ")[0].partition(".")[0]
                if name.isidentifier():
                    names.add(name)
    return sorted(names)


def process_probe(notebook: Mapping[str, Any]) -> dict[str, Any]:
    """The kernel probe run in THIS process, with imports taken from the notebook's code."""
    probe: dict[str, Any] = json.loads(kernel_helper._probe(modules=imports_in_code(notebook)))
    return probe


def clean_env_vars(env: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Allow-listed variables only; credentials stripped from URLs; secret-looking values
    replaced by ``[REDACTED:<kind>]``."""
    allowed = set(kernel_helper.ENV_ALLOWLIST)
    cleaned: dict[str, str] = {}
    warnings: list[str] = []
    for name, value in env.items():
        if name not in allowed or not isinstance(value, str):
            continue
        value = strip_credentials_in_text(value)
        kind = looks_like_secret(name, value)
        if kind:
            warnings.append(f"environment variable {name} looks like a secret ({kind}): redacted")
            value = f"[REDACTED:{kind}]"
        cleaned[name] = value
    return cleaned, warnings


def package_blob(packages: list[str]) -> tuple[str, bytes]:
    """Canonical blob of the full package list (sorted ``name==version`` lines) and its hash."""
    content = ("\n".join(sorted(set(packages))) + "\n").encode("utf-8")
    return hashlib.sha256(content).hexdigest(), content


def environment_facts(
    probe: Mapping[str, Any], source: str
) -> tuple[dict[str, Any], dict[str, bytes], list[str]]:
    """Manifest ``environment`` from a probe payload; (facts, extra blobs, warnings)."""
    env: dict[str, Any] = {key: probe.get(key) for key in _ENV_KEYS}
    env["source"] = source
    blobs: dict[str, bytes] = {}
    packages = probe.get("packages")
    if isinstance(packages, list) and packages:
        digest, content = package_blob([str(p) for p in packages])
        blobs[digest] = content
        env["packages"], env["packages_count"] = digest, len(set(packages))
    else:
        env["packages"], env["packages_count"] = None, None
    env["env_vars"], warnings = clean_env_vars(probe.get("env_vars") or {})
    return env, blobs, warnings
