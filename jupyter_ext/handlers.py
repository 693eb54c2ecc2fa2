"""REST API: thin tornado handlers over SnapshotService."""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join
from tornado import web

from .service import SnapshotService

API_BASE = "/jupyter-ext/api"
# Documented for jupyter-server Authorizers: every route checks read/write on this resource.
AUTH_RESOURCE = "jupyter_ext"


class BaseHandler(ExtensionHandlerMixin, APIHandler):
    auth_resource = AUTH_RESOURCE

    @property
    def service(self) -> SnapshotService:
        service: SnapshotService = self.settings["jupyter_ext"]
        return service

    def write_json(self, payload: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))


class HealthHandler(BaseHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(self.service.health())


def build_handlers() -> list[tuple[str, type[web.RequestHandler]]]:
    return [(url_path_join(API_BASE, "health"), HealthHandler)]
