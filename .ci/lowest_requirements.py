"""Print what the lowest-versions check installs (`uv pip install -r`), from pyproject.toml.

The package itself with its ``s3`` extra, every ``>=`` lower bound pinned exactly
(``name==lower``: unlike ``uv --resolution lowest-direct``, which settles for the lowest version
that resolves, a bound that cannot be installed fails here), and the test tools the store/capture
tests need, at their pins. Tools the store/capture tests do not use (linters, type checker, API
fuzzer) and the test extra's own pins of runtime packages (s3fs, boto3: they would lift the
bounds under test) are left out. The kernel (ipykernel) is the user's, not ours: the resolver
picks one that goes with the lower bounds (the pinned 7.4.0 needs jupyter_client>=8.9 and
tornado>=6.5.7).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# The test tools the store/capture tests import or run (pytest plugins, the kernel, moto).
TEST_TOOLS = {"pytest", "pytest-jupyter", "pytest-timeout", "hypothesis", "moto"}
UNPINNED_TOOLS = ["ipykernel"]
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9._-]+)(\[[^\]]*\])?\s*(.*)$")
LOWER_BOUND = re.compile(r">=\s*([^,;\s]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lowest_pins(requirements: list[str]) -> list[str]:
    """``name[extras]==lower`` for each requirement with a lower bound; an error otherwise."""
    pins = []
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        bound = LOWER_BOUND.search(match.group(3)) if match else None
        if match is None or bound is None:
            sys.exit(f"{requirement!r} has no lower bound (>=): the lowest check needs one")
        pins.append(f"{match.group(1)}{match.group(2) or ''}=={bound.group(1)}")
    return pins


def main() -> None:
    runtime = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["s3"]
    tools = [
        requirement
        for requirement in PROJECT["optional-dependencies"]["test"]
        if canonical(REQUIREMENT.match(requirement).group(1)) in TEST_TOOLS  # type: ignore[union-attr]
    ]
    print("\n".join([*lowest_pins(runtime), *tools, *UNPINNED_TOOLS]))


if __name__ == "__main__":
    main()
