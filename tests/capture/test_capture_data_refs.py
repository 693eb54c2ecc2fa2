"""Data references: code literals, audit log records, hashing (cache, sampled, DVC, git)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from capture_helpers import code, git, make_repo, notebook

from jupyter_ext.capture import capture_facts
from jupyter_ext.capture.hashing import MIB


def sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


async def capture(nb: dict, root: Path, **kwargs):
    kwargs.setdefault("notebook_path", Path("nb.ipynb"))
    return await capture_facts(nb, root_dir=root, **kwargs)


async def test_code_literals_become_refs_relative_to_the_notebook(tmp_path):
    (tmp_path / "exp" / "data").mkdir(parents=True)
    (tmp_path / "exp" / "data" / "train.csv").write_bytes(b"a\n1\n")
    (tmp_path / "exp" / "data" / "p1.parquet").write_bytes(b"1")
    (tmp_path / "exp" / "data" / "p2.parquet").write_bytes(b"2")
    nb = notebook(
        code(
            "import pandas as pd\n"
            "df = pd.read_csv('data/train.csv')\n"
            "df.to_parquet('out/result.parquet')\n"
            "parts = pd.read_parquet('data/p*.parquet')\n"
            "s3 = pd.read_csv('s3://AKID:secretkey@bucket/raw/x.csv')\n"
            "web = 'https://example.com/d.json?token=abc123&v=2'\n"
            "name = f'data/{df}.csv'  # f-strings are not guessed\n"
            "note = 'hello world'\n"
        )
    )
    result = await capture(nb, tmp_path, notebook_path=Path("exp/nb.ipynb"))
    data = {d["path"] or d["url"]: d for d in result.facts["data"]}
    assert set(data) == {
        "exp/data/train.csv",
        "exp/out/result.parquet",
        "exp/data/p1.parquet",
        "exp/data/p2.parquet",
        "s3://bucket/raw/x.csv",
        "https://example.com/d.json?token=REDACTED&v=2",
    }
    train = data["exp/data/train.csv"]
    assert train == {
        **train,
        "source": "code",
        "mode": "read",
        "size": 4,
        "hash": sha(b"a\n1\n"),
        "stored": None,
    }
    assert data["exp/out/result.parquet"]["mode"] == "write"
    assert data["exp/out/result.parquet"]["hash"] is None  # does not exist (yet)
    assert "secretkey" not in json.dumps(result.facts)


async def test_code_paths_outside_root_are_listed_but_never_opened(tmp_path, watch_opens):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.csv").write_text("x")
    opened = watch_opens(outside)
    nb = notebook(code(f"a = open('{outside / 'secret.csv'}')\nb = open('../outside/secret.csv')"))
    result = await capture(nb, root)
    assert opened == []
    entries = result.facts["data"]
    assert [e["path"] for e in entries] == [str(outside / "secret.csv")]
    assert entries[0]["size"] is None and entries[0]["hash"] is None


async def test_audit_records_outside_root_are_hashed_with_absolute_paths(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "shared"
    root.mkdir()
    outside.mkdir()
    (outside / "ref.csv").write_bytes(b"abc")
    (root / "in.csv").write_bytes(b"in")
    logs = tmp_path / "logs"
    logs.mkdir()
    records = [
        {"path": str(outside / "ref.csv"), "mode": "read"},
        {"path": str(root / "in.csv"), "mode": "read"},
        {"path": str(root / "in.csv"), "mode": "write"},
    ]
    (logs / "k1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records) + '{"pa')
    result = await capture(
        notebook(), root, kernel_id="k1", audit_log_dir=logs, kernel_manager=None
    )
    data = {d["path"]: d for d in result.facts["data"]}
    assert data[str(outside / "ref.csv")]["hash"] == sha(b"abc")
    assert data["in.csv"]["mode"] == "readwrite" and data["in.csv"]["source"] == "audit"


async def test_second_capture_does_not_reread_unchanged_files(tmp_path, watch_opens):
    root, cache = tmp_path / "root", tmp_path / "cache"
    root.mkdir()
    big = root / "big.csv"
    big.write_bytes(os.urandom(3 * MIB))
    nb = notebook(code("open('big.csv')"))
    opened = watch_opens(root)
    first = await capture(nb, root, hash_cache_dir=cache)
    assert opened.count(str(big)) == 1
    second = await capture(nb, root, hash_cache_dir=cache)
    assert opened.count(str(big)) == 1  # served from the (inode, size, mtime) cache
    assert first.facts["data"] == second.facts["data"]
    big.write_bytes(os.urandom(3 * MIB))  # changed content -> re-read
    opened.clear()
    third = await capture(nb, root, hash_cache_dir=cache)
    assert opened.count(str(big)) == 1
    assert third.facts["data"][0]["hash"] == sha(big.read_bytes())


async def test_files_above_threshold_get_a_marked_sampled_fingerprint(tmp_path):
    content = os.urandom(5 * MIB + 123)
    (tmp_path / "huge.npy").write_bytes(content)
    result = await capture(notebook(code("open('huge.npy')")), tmp_path, sample_above_bytes=4 * MIB)
    size = len(content)
    mid = size // 2 - MIB // 2
    expected = hashlib.sha256(
        f"{size}\n".encode() + content[:MIB] + content[mid : mid + MIB] + content[size - MIB :]
    ).hexdigest()
    assert result.facts["data"][0]["hash"] == "sampled-sha256:" + expected


async def test_dvc_md5_reused_while_current(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.csv").write_bytes(b"x\n")
    md5 = hashlib.md5(b"x\n").hexdigest()
    (data / "train.csv.dvc").write_text(
        f"outs:\n- md5: {md5}\n  size: 2\n  hash: md5\n  path: train.csv\n"
    )
    (tmp_path / "dvc.lock").write_text(
        "schema: '2.0'\nstages:\n  prep:\n    cmd: python prep.py\n    outs:\n"
        f"    - path: data/model.pkl\n      hash: md5\n      md5: {'b' * 32}\n      size: 3\n"
    )
    (data / "model.pkl").write_bytes(b"abc")
    old = os.stat(data / "train.csv.dvc").st_mtime - 10
    os.utime(data / "train.csv", (old, old))
    os.utime(data / "model.pkl", (old, old))
    nb = notebook(code("a = open('data/train.csv')\nb = open('data/model.pkl')"))
    result = await capture(nb, tmp_path)
    hashes = {d["path"]: d["hash"] for d in result.facts["data"]}
    assert hashes == {"data/train.csv": f"md5:{md5}", "data/model.pkl": "md5:" + "b" * 32}
    (data / "train.csv").write_bytes(b"y\n")  # modified after `dvc add`: not trusted
    result = await capture(nb, tmp_path)
    assert result.facts["data"][1]["hash"] == sha(b"y\n")


async def test_git_blob_sha1_reused_for_clean_tracked_files(tmp_path):
    repo = make_repo(tmp_path / "repo")
    (repo / "small.csv").write_bytes(b"1,2\n")
    (repo / "edited.csv").write_bytes(b"3\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    (repo / "edited.csv").write_bytes(b"4\n")
    nb = notebook(code("a = open('small.csv')\nb = open('edited.csv')"))
    result = await capture(nb, tmp_path, notebook_path=Path("repo/nb.ipynb"))
    hashes = {d["path"]: d["hash"] for d in result.facts["data"]}
    blob = git(repo, "hash-object", "small.csv").strip()
    assert hashes == {"repo/small.csv": f"git-sha1:{blob}", "repo/edited.csv": sha(b"4\n")}


async def test_small_files_stored_when_asked_unless_they_hold_secrets(tmp_path):
    (tmp_path / "cfg.json").write_bytes(b'{"lr": 0.1}')
    (tmp_path / "creds.json").write_bytes(b'{"key": "AKIAIOSFODNN7EXAMPLE"}')
    (tmp_path / "big.csv").write_bytes(b"x" * 2000)
    nb = notebook(code("a = open('cfg.json')\nb = open('creds.json')\nc = open('big.csv')"))
    result = await capture(nb, tmp_path, include_data_max_bytes=1000)
    stored = {d["path"]: d["stored"] for d in result.facts["data"]}
    digest = hashlib.sha256(b'{"lr": 0.1}').hexdigest()
    assert stored == {"cfg.json": digest, "creds.json": None, "big.csv": None}
    assert result.extra_blobs[digest] == b'{"lr": 0.1}'
    assert any("creds.json" in w and "secret" in w for w in result.warnings)
    assert b"AKIA" not in b"".join(result.extra_blobs.values())


async def test_globs_outside_root_are_not_expanded_and_gone_temp_files_are_dropped(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "a.csv").write_text("1")
    logs = tmp_path / "logs"
    logs.mkdir()
    gone = {"path": str(tmp_path / "tmpabc.json"), "mode": "write"}  # deleted since
    deleted_inside = {"path": str(root / "intermediate.csv"), "mode": "write"}
    (logs / "k2.jsonl").write_text(json.dumps(gone) + "\n" + json.dumps(deleted_inside) + "\n")
    nb = notebook(code(f"import glob\nfiles = glob.glob('{outside}/*.csv')"))
    result = await capture(nb, root, kernel_id="k2", audit_log_dir=logs)
    paths = [d["path"] for d in result.facts["data"]]
    assert paths == [str(outside / "*.csv"), "intermediate.csv"]
