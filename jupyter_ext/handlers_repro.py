"""REST routes for reproduction: re-run jobs, verifications, environment files, lineage and
artifacts. Thin like ``handlers``: parse, authorize, call ``jupyter_ext.repro``, serialize.

- ``POST /snapshots/{id}/rerun`` ``{timeout?, rtol?, allow_secrets?}`` -> 202 job (runs in a
  worker thread);
  ``GET /snapshots/{id}/rerun/{job}`` progress and result; ``DELETE`` cancels it
- ``GET /snapshots/{id}/verifications`` -> ``{items}``; ``GET /verifications/latest`` ->
  ``{verdicts: {snapshot id: {verdict, verification}}}`` (one store listing)
- ``GET /snapshots/{id}/env?format=requirements|conda&all=1`` -> text/plain
- ``GET /snapshots/{id}/lineage`` -> ``{id, upstream, downstream}``
- ``GET /snapshots/{id}/artifacts`` -> ``{items}``; ``GET …/artifacts/{path}`` -> the bytes
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jupyter_server.auth.decorator import authorized
from tornado import web

from .handlers import ID, BaseHandler, api_errors
from .repro.jobs import RerunJob, RerunJobs

JOB = r"(?P<job_id>[^/]+)"
_ULID = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")
MAX_TIMEOUT_S = 24 * 3600.0


class ReproHandler(BaseHandler):
    @property
    def jobs(self) -> RerunJobs:
        jobs: RerunJobs = self.settings.setdefault("jupyter_ext_rerun_jobs", RerunJobs())
        return jobs

    def job(self, snapshot_id: str, job_id: str) -> RerunJob:
        if not _ULID.match(job_id):
            raise web.HTTPError(400, "not a job id")
        job = self.jobs.get(job_id)
        if job is None or job.snapshot != snapshot_id:
            raise web.HTTPError(404, f"no re-run job {job_id} for snapshot {snapshot_id}")
        return job

    def number_field(self, data: dict[str, Any], name: str, low: float, high: float) -> float:
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise web.HTTPError(400, f"'{name}' must be a number")
        if not low <= value <= high:
            raise web.HTTPError(400, f"'{name}' must be between {low:g} and {high:g}")
        return float(value)


class RerunHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def post(self, snapshot_id: str) -> None:
        from .repro.rerun import DEFAULT_RTOL, DEFAULT_TIMEOUT, RerunSettings, rerun

        data = self.json_body()
        timeout = DEFAULT_TIMEOUT
        if "timeout" in data:
            timeout = self.number_field(data, "timeout", 1, MAX_TIMEOUT_S)
        rtol = self.number_field(data, "rtol", 0, 1) if "rtol" in data else DEFAULT_RTOL
        allow_secrets = data.get("allow_secrets", False)
        if not isinstance(allow_secrets, bool):
            raise web.HTTPError(400, "'allow_secrets' must be true or false")
        service = self.service
        manifest = await service.manifest(snapshot_id)  # 400/404 before any job starts
        store = await service.store()
        author = service.author(self.current_user)
        sid = str(manifest["id"])

        async def body(progress: Any) -> dict[str, Any]:
            settings = RerunSettings(
                root_dir=Path(service.root_dir),
                author=author,
                timeout=timeout,
                rtol=rtol,
                hash_cache_dir=service.local_dir / "hash-cache",
                keep_written_max_bytes=service.keep_written_max_bytes,
                allow_secrets=allow_secrets,
                progress=progress,
            )
            return await rerun(store, sid, settings)

        job = self.jobs.start(sid, author["username"], body)
        self.write_json(job.to_json(), status=202)


class RerunJobHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str, job_id: str) -> None:
        self.write_json(self.job(snapshot_id, job_id).to_json())

    @web.authenticated
    @authorized
    @api_errors
    async def delete(self, snapshot_id: str, job_id: str) -> None:
        job = self.job(snapshot_id, job_id)
        job.cancel()
        self.write_json(job.to_json())


class VerificationsHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        from .repro.verifications import list_verifications

        store = await self.service.store()
        items = await self.service.run(list_verifications, store, snapshot_id)
        self.write_json({"items": items})


class LatestVerdictsHandler(ReproHandler):
    """Each verified snapshot's latest verdict, for a verdict column over many runs."""

    @web.authenticated
    @authorized
    @api_errors
    async def get(self) -> None:
        from .repro.verifications import latest_verdicts

        store = await self.service.store()
        self.write_json({"verdicts": await self.service.run(latest_verdicts, store)})


class EnvHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        from .repro.envfile import FORMATS, environment_file

        fmt = self.get_query_argument("format", "requirements") or "requirements"
        if fmt not in FORMATS:
            raise web.HTTPError(400, f"'format' must be one of {', '.join(FORMATS)}")
        every = self.get_query_argument("all", "0")
        if every not in ("0", "1", "true", "false"):
            raise web.HTTPError(400, "'all' must be 0, 1, true or false")
        store = await self.service.store()
        text = await self.service.run(
            environment_file, store, snapshot_id, fmt, every in ("1", "true")
        )
        self.finish(
            text, set_content_type="text/plain; charset=utf-8"
        )  # APIHandler's default: JSON


class LineageHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        from .repro.lineage import lineage

        store = await self.service.store()
        self.write_json(await self.service.run(lineage, store, snapshot_id))


class ArtifactsHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        from .repro.artifacts import list_artifacts

        manifest = await self.service.manifest(snapshot_id)
        self.write_json({"items": list_artifacts(manifest)})


class ArtifactHandler(ReproHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str, artifact_path: str) -> None:
        from .repro.artifacts import ArtifactNotFound, read_artifact

        store = await self.service.store()
        try:
            ref, content = await self.service.run(read_artifact, store, snapshot_id, artifact_path)
        except ArtifactNotFound as exc:
            raise web.HTTPError(404, str(exc)[:2000]) from None
        name = Path(str(ref["path"])).name or "artifact"
        self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(name)}")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(content, set_content_type="application/octet-stream")


def repro_routes() -> list[tuple[str, type[BaseHandler]]]:
    return [
        (f"snapshots/{ID}/rerun", RerunHandler),
        (f"snapshots/{ID}/rerun/{JOB}", RerunJobHandler),
        (f"snapshots/{ID}/verifications", VerificationsHandler),
        ("verifications/latest", LatestVerdictsHandler),
        (f"snapshots/{ID}/env", EnvHandler),
        (f"snapshots/{ID}/lineage", LineageHandler),
        (f"snapshots/{ID}/artifacts", ArtifactsHandler),
        (f"snapshots/{ID}/artifacts/(?P<artifact_path>.+)", ArtifactHandler),
    ]
