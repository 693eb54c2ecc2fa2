"""Print the project's runtime + test requirements (from pyproject.toml) for pip -r."""

import tomllib
from pathlib import Path

project = tomllib.loads(Path(__file__).resolve().parent.parent.joinpath("pyproject.toml").read_text())[
    "project"
]
for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(requirement)
