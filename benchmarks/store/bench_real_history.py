"""Store bytes vs git on the real revision history of public notebooks.

    .venv/bin/python benchmarks/store/bench_real_history.py --repo GIT_DIR [--only PATH,PATH]
        [--notebooks 2] [--s3]

``GIT_DIR`` is a clone (or bare git directory) of a public repository with notebook history,
e.g. ageron/handson-ml2 (the `fetch` tool puts one under /work/.mirror/). Every revision of each
notebook, oldest first, is read with ``git show`` (nothing of the repository is stored here),
loaded as nbformat v4 (as the server would) and taken into a fresh local store; the same
revisions' bytes are committed to a fresh git repository that is then ``git gc --aggressive``'d.
Prints store vs ``.git/objects`` in apparent bytes and on disk (``du``), the files in the store
and, with ``--s3``, the PUTs a take makes against moto on loopback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "diff"))

import nbformat  # noqa: E402
from bench_real_pairs import git, git_dir_of, most_changed, revisions  # noqa: E402
from bench_store import _sizes, table  # noqa: E402

from jupyter_ext.store import Store  # noqa: E402

AUTHOR = {"username": "ana", "name": "Ana"}


def bench(git_dir: str, path: str, tmp: Path) -> list[str]:
    store = Store(str(tmp / "store"), tmp / "local", create=True, sync_interval=3600)
    repo = tmp / "git"
    repo.mkdir()
    g = ["git", "-C", str(repo), "-c", "user.name=b", "-c", "user.email=b@x"]
    subprocess.run([*g, "init", "-q"], check=True)
    raw_total = 0
    taken = 0
    for commit, at in revisions(git_dir, path):
        try:
            text = git(git_dir, "show", f"{commit}:{at}")
            nb = nbformat.reads(text, as_version=4)
        except Exception:  # deleted at that commit, or not a notebook then
            continue
        raw_total += len(text.encode())
        (repo / "nb.ipynb").write_text(text)
        subprocess.run([*g, "add", "nb.ipynb"], check=True)
        subprocess.run([*g, "commit", "-q", "--allow-empty", "-m", commit[:8]], check=True)
        info = {"path": path, "name": Path(path).name, "key": path}
        store.take(json.loads(json.dumps(nb)), author=AUTHOR, notebook_info=info)
        taken += 1
    subprocess.run([*g, "gc", "-q", "--aggressive", "--prune=now"], check=True)
    s_app, s_du = _sizes(tmp / "store")
    files = sum(1 for p in (tmp / "store").rglob("*") if p.is_file())
    store.gc(grace=timedelta(0), force=True)  # repack (no one else writes)
    store.close()
    gc_app, gc_du = _sizes(tmp / "store")
    g_app, g_du = _sizes(repo / ".git" / "objects")
    shutil.rmtree(repo / ".git" / "hooks")  # sample scripts git init copies: not history
    w_app, w_du = _sizes(repo / ".git")
    mb = 1e6
    return [Path(path).name, str(taken), f"{raw_total / mb:.1f}",
            f"{s_app / mb:.2f} / {s_du / mb:.2f} ({files} files)",
            f"{gc_app / mb:.2f} / {gc_du / mb:.2f}", f"{g_app / mb:.2f} / {g_du / mb:.2f}",
            f"{w_app / mb:.2f} / {w_du / mb:.2f}",
            f"{s_app / g_app:.2f} / {s_du / g_du:.2f}",
            f"{gc_app / g_app:.2f} / {gc_du / g_du:.2f}",
            f"{gc_app / w_app:.2f} / {gc_du / w_du:.2f}"]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", action="append", required=True)
    ap.add_argument("--only", default="", help="comma-separated notebook paths")
    ap.add_argument("--notebooks", type=int, default=2)
    args = ap.parse_args()
    rows = []
    for repo in args.repo:
        git_dir = git_dir_of(repo)
        paths = args.only.split(",") if args.only else most_changed(git_dir, args.notebooks)
        for path in paths:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    rows.append(bench(git_dir, path, Path(tmp)))
                except subprocess.CalledProcessError:
                    continue  # not in this repository
                print(rows[-1], file=sys.stderr)
    head = ["notebook", "revisions", "raw MB", "store MB (apparent / du)", "store after gc MB",
            "git gc --aggressive MB (.git/objects)", "whole .git MB", "store ÷ git objects",
            "after gc ÷ git objects", "after gc ÷ whole .git"]  # fmt: skip
    print(table(head, rows))


if __name__ == "__main__":
    main()
