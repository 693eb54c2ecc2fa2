"""REST API: thin tornado handlers over SnapshotService.

Every verb is ``@web.authenticated`` + ``@authorized`` on the resource ``jupyter_ext``
(read for GET, write for POST/DELETE), so a custom jupyter-server Authorizer can grant or
deny the whole API. Errors are JSON ``{"message": ...}`` with a 4xx status.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join
from tornado import web

from .operations import AmbiguousId, Conflict, NotFound, SecretPolicy, SecretsFound
from .paths import BadPath
from .service import SnapshotService
from .store import (
    CorruptObject,
    InvalidSnapshotId,
    PermissionDenied,
    QueryError,
    SnapshotNotFound,
    StoreError,
    StoreUnavailable,
)

API_BASE = "/jupyter-ext/api"
AUTH_RESOURCE = "jupyter_ext"
ID = r"(?P<snapshot_id>[^/]+)"
OPENAPI_PATH = Path(__file__).with_name("openapi.json")


def _status_for(exc: Exception) -> tuple[int, str]:
    """One place that turns library errors into HTTP statuses."""
    if isinstance(exc, (AmbiguousId, Conflict)):
        return 409, str(exc)
    if isinstance(exc, SecretsFound):
        return 422, str(exc)
    if isinstance(exc, (BadPath, InvalidSnapshotId, QueryError)):
        return 400, str(exc)
    if isinstance(exc, (SnapshotNotFound, NotFound)) or type(exc).__name__ == "ObjectNotFound":
        return 404, str(exc)
    if isinstance(exc, PermissionDenied):
        return 403, str(exc)
    if isinstance(exc, StoreUnavailable):
        return 503, f"The snapshot store is unreachable: {exc}"
    if isinstance(exc, CorruptObject) and any(
        c.__name__ == "TooLarge" for c in type(exc).__mro__
    ):  # the store's read limits (a huge comment file or manifest): named, never served
        return 500, f"Stored object {exc.object} is too large to serve: {exc}"
    if isinstance(exc, CorruptObject):
        return 500, f"Stored data is corrupt ({exc.object}); run `jupyter snapshot verify`."
    if isinstance(exc, (StoreError, ValueError)):
        return 400, str(exc)
    raise exc


def strict_json(value: Any) -> Any:
    """*value* with every non-finite float replaced by None (JSON has no NaN/Infinity)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(v) for v in value]
    return value


def api_errors(
    method: Callable[..., Awaitable[None]],
) -> Callable[..., Awaitable[None]]:
    @wraps(method)
    async def wrapper(self: BaseHandler, *args: Any, **kwargs: Any) -> None:
        try:
            await method(self, *args, **kwargs)
        except web.HTTPError:
            raise
        except Exception as exc:
            status, message = _status_for(exc)
            raise web.HTTPError(status, message[:2000]) from None

    return wrapper


@web.stream_request_body
class BaseHandler(ExtensionHandlerMixin, APIHandler):
    """Bodies are streamed so that memory stays bounded: tornado would otherwise buffer a
    body of any size (up to the server's 512 MB max_body_size) before we could say 413. Bytes
    past max_body_bytes are drained and dropped, so the client still reads a clean 413."""

    auth_resource = AUTH_RESOURCE

    async def prepare(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._body_parts: list[bytes] = []
        self._body_size = 0
        try:
            await super().prepare(*args, **kwargs)
        except web.HTTPError as exc:
            # tornado answers an anonymous POST/DELETE with 403; an API should say 401.
            if exc.status_code == 403 and self.current_user is None:
                raise web.HTTPError(401, "authentication required: send a Jupyter token") from None
            raise

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 405:  # RFC 9110: say which methods the resource does support
            allowed = [m.upper() for m in ("get", "post", "delete") if m in vars(type(self))]
            self.set_header("Allow", ", ".join(allowed))
        super().write_error(status_code, **kwargs)

    def get_login_url(self) -> str:
        # An API answers "who are you?" with 401, not a login redirect (or jupyter's 403).
        if not self.current_user:
            raise web.HTTPError(401, "authentication required: send a Jupyter token")
        return str(super().get_login_url())

    def check_xsrf_cookie(self) -> None:
        # Anonymous requests are refused by @web.authenticated (401) before any XSRF question.
        if getattr(self, "_jupyter_current_user", None) is None and hasattr(
            self, "_jupyter_current_user"
        ):
            return
        super().check_xsrf_cookie()

    @property
    def service(self) -> SnapshotService:
        service: SnapshotService = self.settings["jupyter_ext_service"]
        return service

    @property
    def max_body_bytes(self) -> int:
        return int(getattr(self.extensionapp, "max_body_bytes", 256 * 1024 * 1024))

    def write_json(self, payload: Any, status: int = 200) -> None:
        """Strict JSON: NaN and infinities (from a teammate's manifest, say) become null."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        try:
            text = json.dumps(payload, allow_nan=False)
        except ValueError:
            text = json.dumps(strict_json(payload), allow_nan=False)
        self.finish(text)

    def data_received(self, chunk: bytes) -> None:
        self._body_size += len(chunk)
        if self._body_size <= self.max_body_bytes:
            self._body_parts.append(chunk)
        else:
            self._body_parts.clear()

    def json_body(self) -> dict[str, Any]:
        if self._body_size > self.max_body_bytes:
            raise web.HTTPError(413, f"request body is larger than {self.max_body_bytes} bytes")
        body = b"".join(self._body_parts)
        self._body_parts = [body]
        if not body.strip():
            return {}
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            raise web.HTTPError(400, "request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise web.HTTPError(400, "request body must be a JSON object")
        return data

    def str_field(self, data: dict[str, Any], name: str, *, required: bool = False) -> str | None:
        value = data.get(name)
        if value is None and name in data:
            raise web.HTTPError(400, f"'{name}' must be a string, not null")
        if value is None:
            if required:
                raise web.HTTPError(400, f"'{name}' is required")
            return None
        if not isinstance(value, str):
            raise web.HTTPError(400, f"'{name}' must be a string")
        return value

    def raw_query_argument(self, name: str) -> str | None:
        """A query argument exactly as sent: tornado turns control characters into spaces,
        which would make a path with a NUL look like another, valid path."""
        values = self.request.query_arguments.get(name)
        if not values:
            return None
        try:
            return values[-1].decode("utf-8")
        except UnicodeDecodeError:
            raise web.HTTPError(400, f"'{name}' is not valid UTF-8") from None

    def int_arg(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.get_query_argument(name, None)
        if raw in (None, ""):
            return default
        try:
            value = int(raw)
        except ValueError:
            raise web.HTTPError(400, f"'{name}' must be an integer") from None
        if not low <= value <= high:
            raise web.HTTPError(400, f"'{name}' must be between {low} and {high}")
        return value

    def flag_arg(self, name: str) -> bool:
        return (self.get_query_argument(name, "") or "").lower() in ("1", "true", "yes")


class HealthHandler(BaseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(self.service.health())


class WhoAmIHandler(BaseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(self.service.author(self.current_user))


class SnapshotsHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self) -> None:
        filters = {
            name: self.get_query_argument(arg, None) or None
            for name, arg in (
                ("notebook", "notebook"),
                ("author", "author"),
                ("query", "q"),
                ("since", "since"),
                ("cursor", "cursor"),
                ("sort", "sort"),
            )
        }
        limit = self.int_arg("limit", 50, 1, 1000)
        if len(filters["query"] or "") > 2000:
            raise web.HTTPError(400, "'q' is limited to 2000 characters")
        items, cursor = await self.service.list(self.current_user, limit=limit, **filters)
        self.write_json({"items": items, "cursor": cursor})

    @web.authenticated
    @authorized
    @api_errors
    async def post(self) -> None:
        data = self.json_body()
        path = self.str_field(data, "path", required=True)
        assert path is not None
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            raise web.HTTPError(400, "'tags' must be a list of non-empty strings")
        secrets = self.secret_policy(data)
        content = data.get("content")
        if content is not None and not isinstance(content, (dict, str)):
            raise web.HTTPError(400, "'content' must be a notebook (JSON object)")
        summary = await self.service.take(
            path=path,
            content=content,
            kernel_id=self.str_field(data, "kernel_id"),
            message=self.str_field(data, "message") or "",
            tags=tags,
            identity=self.current_user,
            secrets=secrets,
        )
        self.write_json(summary, status=201)

    @staticmethod
    def secret_policy(data: dict[str, Any]) -> SecretPolicy:
        """The secret policy every take shares: redact unless the client explicitly allows
        the secrets (``allow_secrets: true`` or ``redact_secrets: false``)."""
        for name in ("redact_secrets", "allow_secrets"):
            if not isinstance(data.get(name, False), bool):
                raise web.HTTPError(400, f"'{name}' must be true or false")
        if data.get("redact_secrets") is True:
            return "redact"
        if data.get("allow_secrets") is True or data.get("redact_secrets") is False:
            return "allow"
        return "redact"


class SnapshotHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        self.write_json(await self.service.manifest(snapshot_id))

    @web.authenticated
    @authorized
    @api_errors
    async def delete(self, snapshot_id: str) -> None:
        await self.service.delete(snapshot_id, identity=self.current_user)
        self.set_status(204)
        self.finish()


class SnapshotNotebookHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        self.write_json(await self.service.notebook(snapshot_id))


class CommentsHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def get(self, snapshot_id: str) -> None:
        self.write_json({"items": await self.service.comments(snapshot_id)})

    @web.authenticated
    @authorized
    @api_errors
    async def post(self, snapshot_id: str) -> None:
        data = self.json_body()
        text = self.str_field(data, "text", required=True)
        assert text is not None
        comment = await self.service.add_comment(
            snapshot_id, text, self.str_field(data, "cell_id"), identity=self.current_user
        )
        self.write_json(comment, status=201)


class CommentCountsHandler(BaseHandler):
    """Only snapshots that have comments; open views poll it to refresh their counts."""

    @web.authenticated
    @authorized
    @api_errors
    async def get(self) -> None:
        self.write_json({"counts": await self.service.comment_counts()})


class RestoreHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def post(self, snapshot_id: str) -> None:
        data = self.json_body()
        path = self.str_field(data, "path", required=True)
        assert path is not None
        self.write_json(await self.service.restore(snapshot_id, path), status=201)


class DiffHandler(BaseHandler):
    def options_from_query(self) -> Any:
        from .diff import DiffOptions

        return DiffOptions(
            ignore_outputs=self.flag_arg("ignore_outputs"),
            ignore_metadata=self.flag_arg("ignore_metadata"),
            ignore_execution_count=self.flag_arg("ignore_execution_count"),
            ignore_whitespace=self.flag_arg("ignore_whitespace"),
        )

    @web.authenticated
    @authorized
    @api_errors
    async def get(self) -> None:
        base = self.raw_query_argument("base")
        remote = self.raw_query_argument("remote")
        if not base or not remote:
            raise web.HTTPError(
                400, "'base' (a snapshot id) and 'remote' (an id or path) are required"
            )
        result = await self.service.diff(
            base, remote, self.options_from_query(), identity=self.current_user
        )
        self.write_json(result)

    @web.authenticated
    @authorized
    @api_errors
    async def post(self) -> None:
        """Diff against the notebook as shown in the browser (unsaved edits included)."""
        data = self.json_body()
        base = self.str_field(data, "base", required=True)
        remote = self.str_field(data, "remote", required=True)
        assert base is not None and remote is not None
        result = await self.service.diff(
            base,
            remote,
            self.options_from_query(),
            remote_content=data.get("remote_content"),
            kernel_id=self.str_field(data, "kernel_id"),
            identity=self.current_user,
        )
        self.write_json(result)


class SecretsScanHandler(BaseHandler):
    @web.authenticated
    @authorized
    @api_errors
    async def post(self) -> None:
        data = self.json_body()
        if "content" not in data:
            raise web.HTTPError(400, "'content' (a notebook) is required")
        self.write_json({"findings": await self.service.scan_secrets(data["content"])})


class OpenAPIHandler(BaseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(OPENAPI_PATH.read_bytes())


def build_handlers() -> list[tuple[str, type[web.RequestHandler]]]:
    routes: list[tuple[str, type[BaseHandler]]] = [
        ("health", HealthHandler),
        ("whoami", WhoAmIHandler),
        ("openapi.json", OpenAPIHandler),
        ("snapshots", SnapshotsHandler),
        (f"snapshots/{ID}", SnapshotHandler),
        (f"snapshots/{ID}/notebook", SnapshotNotebookHandler),
        (f"snapshots/{ID}/restore", RestoreHandler),
        (f"snapshots/{ID}/comments", CommentsHandler),
        ("comments/counts", CommentCountsHandler),
        ("diff", DiffHandler),
        ("secrets-scan", SecretsScanHandler),
    ]
    return [(url_path_join(API_BASE, route), handler) for route, handler in routes]
