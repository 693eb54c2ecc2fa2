"""Print the project's runtime, test and examples requirements (pyproject.toml) for pip -r.

The examples extra is the data-science stack of the kernel `make lab` offers; the example
notebooks run in `make test` too.
"""

import tomllib
from pathlib import Path

project = tomllib.loads(
    Path(__file__).resolve().parent.parent.joinpath("pyproject.toml").read_text()
)["project"]
extras = project["optional-dependencies"]
for requirement in project["dependencies"] + extras["test"] + extras["examples"]:
    print(requirement)
