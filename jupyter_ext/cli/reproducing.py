"""Commands that reproduce a run: rerun, env, lineage, artifact."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from traitlets import Bool, Float, Unicode

from .base import EXIT_ERROR, EXIT_USAGE, CliError, SnapshotCommand, json_flags, store_aliases
from .reading import write_exclusively


class RerunCommand(SnapshotCommand):
    """Re-run a snapshot's notebook in a fresh kernel and compare its outputs."""

    description = (
        "Re-run a snapshot top to bottom in a fresh kernel of its recorded kind and compare each "
        "cell's outputs (same, close, differs, error, timeout). The re-run is itself a snapshot "
        "tagged rerun-of:ID. Exit 0 only when the verdict is 'reproduced'."
    )
    command = "rerun"
    usage = "ID [--timeout S] [--rtol R] [--allow-secrets] [--json]"
    aliases = store_aliases(
        {
            "timeout": "RerunCommand.timeout",
            "rtol": "RerunCommand.rtol",
            "author": "RerunCommand.author",
        }
    )
    flags = json_flags(
        {
            "allow-secrets": (
                {"RerunCommand": {"allow_secrets": True}},
                "Keep what looks like a secret in the re-run's outputs (default: redact it).",
            )
        }
    )
    allow_secrets = Bool(False, config=True, help="Keep secrets found in the re-run's outputs.")
    timeout = Float(600.0, config=True, help="Seconds the whole re-run may take.")
    rtol = Float(1e-5, config=True, help="Relative tolerance for numbers to count as close.")
    author = Unicode("", config=True, help="Author of the re-run snapshot (default: you).")

    def run(self) -> int:
        from ..config import local_state_dir
        from ..repro.rerun import RerunSettings, rerun

        (text,) = self.positional(1)
        ops = self.operations()
        sid = ops.resolve_id(text)
        quiet = self.json

        def progress(event: dict[str, Any]) -> None:
            if event["stage"] == "data" and event["data_changed"]:
                changed = ", ".join(event["data_changed"])
                print(f"data changed since the snapshot: {changed}", file=sys.stderr)
            elif event["stage"] == "cell" and not quiet:
                done, total = event["done"] + 1, event["total"]
                print(f"running cell {event['index']} ({done}/{total})", file=sys.stderr)

        settings = RerunSettings(
            root_dir=Path.cwd(),
            author=self.author_record(self.author),
            timeout=self.timeout,
            rtol=self.rtol,
            hash_cache_dir=local_state_dir(ops.store.url) / "hash-cache",
            allow_secrets=self.allow_secrets,
            progress=progress,
        )
        result = asyncio.run(rerun(ops.store, sid, settings))
        lines = [f"cell {c['index']}: {c['status']}" for c in result["cells"]]
        stored = result["id"] or "(not stored)"
        lines.append(f"{result['verdict']}: re-run {stored} of {result['of']}")
        if result.get("detail"):
            lines.append(str(result["detail"]))
        lines.extend(f"warning: {w}" for w in result.get("warnings") or [])
        self.emit(result, "\n".join(lines))
        return 0 if result["verdict"] == "reproduced" else EXIT_ERROR


class EnvCommand(SnapshotCommand):
    """Print a file that recreates a snapshot's environment."""

    description = (
        "Print a requirements (or conda) file that recreates the run's environment: the "
        "packages it imported, pinned (--all: every recorded package)."
    )
    command = "env"
    usage = "ID [--format requirements|conda] [--all] [-o FILE]"
    aliases = store_aliases({"format": "EnvCommand.format", ("o", "output"): "EnvCommand.output"})
    flags = json_flags(
        {"all": ({"EnvCommand": {"all": True}}, "Every recorded package, not only the imports.")}
    )
    format = Unicode("requirements", config=True, help="File format: requirements or conda.")
    all = Bool(False, config=True, help="Every recorded package, not only the imported ones.")
    output = Unicode("", config=True, help="Write to this file (default: stdout).")

    def run(self) -> int:
        from ..repro.envfile import FORMATS, environment_file

        (text,) = self.positional(1)
        if self.format not in FORMATS:
            choices = ", ".join(FORMATS)
            raise CliError(
                f"invalid choice: --format {self.format!r} (choose from {choices})", EXIT_USAGE
            )
        ops = self.operations()
        content = environment_file(ops.store, ops.resolve_id(text), self.format, self.all)
        if self.output:
            write_exclusively(Path(self.output).expanduser(), content.encode(), replace=True)
        else:
            sys.stdout.write(content)
        return 0


class LineageCommand(SnapshotCommand):
    """Runs linked to this one by the data files they share."""

    description = (
        "Which runs produced the files this run read (upstream), and which runs read the "
        "files it wrote (downstream), matched by content hash across notebooks and authors."
    )
    command = "lineage"
    usage = "ID [--json]"

    def run(self) -> int:
        from ..repro.lineage import lineage

        (text,) = self.positional(1)
        ops = self.operations()
        links = lineage(ops.store, ops.resolve_id(text))
        lines = []
        for direction, word, verb in (
            ("upstream", "read", "produced by"),
            ("downstream", "wrote", "used by"),
        ):
            for e in links[direction]:
                who = f"{e['snapshot']} by {e.get('author') or '?'} ({e.get('notebook') or '?'})"
                lines.append(f"{word} {e['path']}: {verb} {who}")
        self.emit(links, "\n".join(lines) or "no linked runs")
        return 0


class ArtifactCommand(SnapshotCommand):
    """Get back, byte-exact, a file a run wrote (when the store kept it)."""

    description = "Write a file the run wrote (a model, a figure, an export), byte-exact."
    command = "artifact"
    usage = "ID PATH -o OUT [--force]"
    aliases = store_aliases({("o", "output"): "ArtifactCommand.output"})
    flags = json_flags(
        {"force": ({"ArtifactCommand": {"force": True}}, "Overwrite an existing file.")}
    )
    output = Unicode("", config=True, help="Where to write the file (required).")
    force = Bool(False, config=True, help="Overwrite an existing output file.")

    def run(self) -> int:
        from ..repro.artifacts import read_artifact

        text, path = self.positional(2)
        if not self.output:
            raise CliError("-o OUT is required", EXIT_USAGE)
        ops = self.operations()
        ref, content = read_artifact(ops.store, ops.resolve_id(text), path)
        out = Path(self.output).expanduser()
        if out.exists() and not self.force:
            raise CliError(f"{out} exists; pass --force to overwrite")
        write_exclusively(out, content, replace=self.force)
        report = {"id": text, "path": ref["path"], "output": self.output, "size": len(content)}
        self.emit(report, f"wrote {self.output} ({len(content)} bytes)")
        return 0
