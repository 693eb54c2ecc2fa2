"""`jupyter snapshot env`: the file installs (pip --dry-run, offline, in a fresh venv that sees
this environment's packages) and pins what the run imported."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from repro_helpers import executed_notebook, snap, take


def fresh_venv(where: Path) -> Path:
    """A new venv (no pip of its own) whose only extra path is this environment's packages,
    so that resolving needs no network."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "here.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def pip_dry_run(python: Path, requirements: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--dry-run",
         "--no-index", "-r", str(requirements)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def snapshot_importing_packages(workdir: Path) -> str:
    notebook = executed_notebook(
        workdir / "nb.ipynb", "import yaml, zstandard\nimport json", "yaml.safe_dump({'a': 1})"
    )
    return take(notebook)


def test_requirements_pin_the_imported_packages_and_install(
    workdir: Path, snapshot_importing_packages: str, tmp_path: Path
) -> None:
    text = snap("env", snapshot_importing_packages).stdout
    pins = [line for line in text.splitlines() if not line.startswith("#")]
    assert pins == [f"PyYAML=={version('PyYAML')}", f"zstandard=={version('zstandard')}"]

    python = fresh_venv(tmp_path / "fresh")
    requirements = tmp_path / "requirements.txt"
    snap("env", snapshot_importing_packages, "-o", str(requirements))
    proc = pip_dry_run(python, requirements)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "already satisfied: PyYAML" in proc.stdout

    # the same venv refuses a pin it cannot satisfy: the check above can fail
    requirements.write_text(text.replace(version("PyYAML"), "0.0.1"))
    assert pip_dry_run(python, requirements).returncode != 0


def test_all_lists_every_recorded_package_and_conda_is_an_environment_file(
    workdir: Path, snapshot_importing_packages: str, tmp_path: Path
) -> None:
    full = snap("env", snapshot_importing_packages, "--all").stdout.splitlines()
    pins = [line for line in full if not line.startswith("#")]
    assert len(pins) > 50 and f"nbclient=={version('nbclient')}" in pins

    conda = yaml.safe_load(snap("env", snapshot_importing_packages, "--format", "conda").stdout)
    deps = conda["dependencies"]
    assert deps[0] == f"python={sys.version.split()[0]}" and "pip" in deps
    assert deps[-1] == {
        "pip": [f"PyYAML=={version('PyYAML')}", f"zstandard=={version('zstandard')}"]
    }
    assert conda["name"].startswith("snapshot-")

    python = fresh_venv(tmp_path / "fresh")
    requirements = tmp_path / "all.txt"
    requirements.write_text("\n".join(full) + "\n")
    proc = pip_dry_run(python, requirements)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_unknown_snapshot_and_format_are_clear_errors(workdir: Path) -> None:
    missing = snap("env", "01ARZ3NDEKTSV4RRFFQ69G5FAV", check=False)
    assert missing.returncode != 0 and "01ARZ3NDEKTSV4RRFFQ69G5FAV" in missing.stderr
    bad = snap("env", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "--format", "docker", check=False)
    assert bad.returncode != 0 and "invalid choice" in bad.stderr
