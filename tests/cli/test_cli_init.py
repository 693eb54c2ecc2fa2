"""`jupyter snapshot init`: a team store is made on purpose, and a missing one is named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_helpers import snap


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JUPYTER_SNAPSHOT_STORE", raising=False)
    monkeypatch.setenv("JUPYTER_SNAPSHOT_AUTHOR", "ci-bot")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"id": "a", "cell_type": "code", "metadata": {}, "execution_count": 1,
         "source": "print(1)", "outputs": []}]}  # fmt: skip
    (tmp_path / "run.ipynb").write_text(json.dumps(nb))
    return tmp_path


def test_an_unmounted_share_is_named_and_nothing_is_created_in_it(env: Path) -> None:
    mount = env / "mnt"
    mount.mkdir()
    store = str(mount / "snapshots")
    listing = snap("list", "--store", store, check=False)
    assert listing.returncode != 0
    assert "Is the share mounted?" in listing.stderr and store in listing.stderr
    take = snap("take", "run.ipynb", "--store", store, "--json", check=False)
    assert "Is the share mounted?" in take.stdout + take.stderr
    sync = snap("sync", "--store", store, check=False)
    assert sync.returncode != 0 and "Is the share mounted?" in sync.stderr
    verify = snap("verify", "--store", store, check=False)
    assert verify.returncode != 0 and "Is the share mounted?" in verify.stderr
    assert os.listdir(mount) == [], "nothing is created inside the mount point"

    made = snap("init", "--store", store)
    assert "created" in made.stdout
    assert "already" in snap("init", "--store", store).stdout
    assert "delivered 1" in snap("sync", "--store", store).stdout
    items = json.loads(snap("list", "--store", store, "--json").stdout)
    assert len(items) == 1 and not items[0]["queued"]
    assert "store is intact" in snap("verify", "--store", store).stdout


def test_init_never_creates_a_missing_parent(env: Path) -> None:
    proc = snap("init", "--store", str(env / "nope" / "snapshots"), check=False)
    assert proc.returncode != 0 and "mounted" in proc.stderr
    assert not (env / "nope").exists()


def test_the_default_store_is_still_created_on_demand(env: Path) -> None:
    snap("take", "run.ipynb")
    assert len(json.loads(snap("list", "--json").stdout)) == 1


def test_init_an_s3_store(env: Path, moto_endpoint: str) -> None:
    from moto_s3 import make_bucket

    url = f"s3://{make_bucket(moto_endpoint)}/team/snapshots"
    missing = snap("list", "--store", url, check=False)
    assert missing.returncode != 0 and "not there" in missing.stderr
    assert "created" in snap("init", "--store", url).stdout
    assert "no snapshots" in snap("list", "--store", url).stdout
    assert "QUEUED" not in snap("take", "run.ipynb", "--store", url).stdout
    assert len(json.loads(snap("list", "--store", url, "--json").stdout)) == 1
