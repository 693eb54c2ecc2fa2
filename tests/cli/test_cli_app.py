"""`jupyter snapshot` as one Jupyter application: the server's config files and traits, help
that documents them, ids people type, and what a take says."""

import json
import os
from pathlib import Path

import boto3
from cli_helpers import snap
from moto_s3 import make_bucket
from test_cli import notebook

from jupyter_ext.cli import main


def test_storage_options_only_in_a_config_file_reach_the_moto_bucket(
    workdir, moto_endpoint, monkeypatch
):
    """A team's S3-compatible store configured the server's way, nothing in the environment:
    the CLI stores in the bucket (old CLI: storage_options ignored, the take was queued)."""
    bucket = make_bucket(moto_endpoint)
    config_dir = workdir / "config"
    config_dir.mkdir()
    (config_dir / "jupyter_server_config.py").write_text(
        f"c.SnapshotApp.store_url = 's3://{bucket}/team'\n"
        f"c.SnapshotApp.storage_options = {{'endpoint_url': {moto_endpoint!r}}}\n"
    )
    (config_dir / "jupyter_snapshot_config.py").write_text("c.SnapshotApp.author = 'from-config'\n")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config_dir))
    for name in ("JUPYTER_SNAPSHOT_STORE", "JUPYTER_SNAPSHOT_AUTHOR", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.9))

    made = json.loads(snap("init", "--json").stdout)  # `init` reads the same config
    assert made["created"] is True
    taken = json.loads(snap("take", "exp.ipynb", "-m", "on s3", "--json").stdout)
    assert taken["queued"] is False, taken.get("queue_reason")
    assert taken["author"]["username"] == "from-config"
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="team/snapshots/")
    keys = [o["Key"] for o in listing["Contents"]]
    assert f"team/snapshots/{taken['id']}.json" in keys
    listed = json.loads(snap("list", "--json").stdout)
    assert [(i["id"], i["queued"]) for i in listed] == [(taken["id"], False)]
    info = json.loads(snap("info", "--json").stdout)
    assert info["store"] == f"s3://{bucket}/team" and info["reachable"] is True
    assert info["store_from"] == "c.SnapshotApp.store_url"
    assert info["storage_options"] == ["endpoint_url"]  # names only, never values


def test_help_all_documents_the_shared_settings(workdir):
    """`jupyter snapshot --help-all` lists c.SnapshotApp's traits, the ones the server reads."""
    text = snap("--help-all").stdout
    for trait in ("store_url", "storage_options", "store_class", "author", "max_body_bytes"):
        assert f"--SnapshotApp.{trait}" in text, trait
    take_help = snap("take", "--help").stdout
    for option in ("-m", "-t", "--author", "--json", "--store", "--redact-secrets"):
        assert option in take_help, option


def test_command_line_trait_and_store_precedence(workdir, monkeypatch):
    """--store beats the environment, which beats the config file."""
    config_dir = workdir / "config"
    config_dir.mkdir()
    (config_dir / "jupyter_server_config.py").write_text(
        f"c.SnapshotApp.store_url = {str(workdir / 'configured')!r}\n"
    )
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config_dir))

    def info(*args):
        return json.loads(snap("info", *args, "--json", check=False).stdout)

    assert info()["store"] == str(workdir / "store")
    monkeypatch.delenv("JUPYTER_SNAPSHOT_STORE")
    assert info()["store"] == str(workdir / "configured")
    explicit = info("--store", str(workdir / "x"))
    assert (explicit["store"], explicit["store_from"]) == (str(workdir / "x"), "--store")


def test_a_team_store_is_made_on_purpose_and_a_missing_one_is_named(workdir):
    """A configured store that is not there (an unmounted share) is never created by a take:
    the take is queued, list/verify/sync fail naming it, `init` makes it, sync delivers."""
    team = workdir / "share" / "snapshots"
    (workdir / "share").mkdir()
    (workdir / "exp.ipynb").write_text(notebook(0.1, 0.9))
    queued = json.loads(snap("take", "exp.ipynb", "--store", str(team), "--json").stdout)
    assert queued["queued"] is True and not team.exists()
    for command in ("list", "verify", "sync"):
        failed = snap(command, "--store", str(team), check=False)
        assert failed.returncode != 0 and str(team) in failed.stderr, command
        assert "Traceback" not in failed.stderr
    assert not team.exists()
    made = snap("init", "--store", str(team))
    assert "created a new store" in made.stdout and team.is_dir()
    assert "already a store" in snap("init", "--store", str(team)).stdout
    synced = json.loads(snap("sync", "--store", str(team), "--json").stdout)
    assert synced["delivered"] == [queued["id"]]
    listed = json.loads(snap("list", "--store", str(team), "--json").stdout)
    assert [(i["id"], i["queued"]) for i in listed] == [(queued["id"], False)]


def test_ids_people_type_full_short_prefix_and_ambiguous(workdir):
    (workdir / "a.ipynb").write_text(notebook(0.01, 0.8))
    first = json.loads(snap("take", "a.ipynb", "--json").stdout)["id"]
    (workdir / "a.ipynb").write_text(notebook(0.1, 0.9))
    second = json.loads(snap("take", "a.ipynb", "--json").stdout)["id"]
    for typed in (second, second[-6:].lower(), second[-6:], second[:20], second[:20].lower()):
        shown = json.loads(snap("show", typed, "--json").stdout)
        assert shown["id"] == second, typed
    exported = snap("export", first[-6:].lower()).stdout
    assert json.loads(exported)["cells"][0]["source"] == "lr = 0.01"
    common = os.path.commonprefix([first, second])
    if len(common) >= 6:  # both taken within the same ~second: their time parts share a prefix
        ambiguous = snap("show", common[:6], check=False)
        assert ambiguous.returncode != 0
        assert first in ambiguous.stderr and second in ambiguous.stderr
    unknown = snap("show", "zzzzzz", check=False)
    assert unknown.returncode != 0 and "zzzzzz" in unknown.stderr
    short = snap("show", "01M9", check=False)
    assert short.returncode != 0 and "not a snapshot id" in short.stderr


def test_take_says_when_nothing_changed(workdir):
    (workdir / "same.ipynb").write_text(notebook(0.1, 0.9))
    first = json.loads(snap("take", "same.ipynb", "--json").stdout)
    again = snap("take", "same.ipynb")
    assert f"no change since {first['id'][-6:].lower()}" in again.stderr
    (workdir / "same.ipynb").write_text(notebook(0.2, 0.9))
    changed = snap("take", "same.ipynb")
    assert "no change" not in changed.stderr


def test_diff_with_a_live_notebook_file_reports_params_and_metrics(workdir):
    """The CLI's `diff ID FILE` used to say "unknown" for every param and metric."""
    (workdir / "churn.ipynb").write_text(notebook(0.01, 0.8))
    sid = json.loads(snap("take", "churn.ipynb", "--json").stdout)["id"]
    (workdir / "churn.ipynb").write_text(notebook(0.1, 0.9))
    result = json.loads(snap("diff", sid[-6:].lower(), "churn.ipynb", "--json").stdout)
    assert result["base"] == sid
    run = result["run_diff"]
    params = {p["name"]: (p["base"], p["remote"], p["change"]) for p in run["params"]}
    assert params == {"lr": (0.01, 0.1, "changed")}
    metrics = {m["name"]: (m["base"], m["remote"]) for m in result["run_diff"]["metrics"]}
    assert metrics == {"accuracy": (0.8, 0.9)}
    human = snap("diff", sid, "churn.ipynb").stdout
    assert "lr" in human and "unknown" not in human.split("\n## ")[0].split("params")[1][:200]


def test_main_returns_the_status_and_can_run_twice_in_one_process(workdir, capsys):
    (workdir / "x.ipynb").write_text(notebook(1, 1))
    assert main(["take", "x.ipynb", "-m", "one", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["message"] == "one"
    assert main(["take", "x.ipynb", "-m", "two", "-t", "a", "-t", "b", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["message"], second["tags"]) == ("two", ["a", "b"])
    assert main(["nonsense"]) != 0
    assert "nonsense" in capsys.readouterr().err
    assert main([]) != 0


def test_generate_config_writes_the_snapshot_config(workdir, monkeypatch):
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(workdir / "cfg"))
    snap("--generate-config", "-y")
    written = (workdir / "cfg" / "jupyter_snapshot_config.py").read_text()
    assert "c.SnapshotApp.store_url" in written and "c.SnapshotApp.storage_options" in written
    assert Path(workdir / "cfg").is_dir()
