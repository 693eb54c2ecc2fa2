"""An HTTP proxy in front of a real moto S3 server that injects faults on chosen requests.

Faults a real object store produces and a client must survive:
- ``refuse``: answer an error (500, 503 SlowDown, 409 ConditionalRequestConflict, ...)
  without forwarding: the request never happened.
- ``lose``: forward (the write happens), then answer an error: the response was lost.
- ``stall``: forward (the write happens), then hold the answer past the client's timeout.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_S3_CODES = {
    409: "ConditionalRequestConflict",
    412: "PreconditionFailed",
    500: "InternalError",
    503: "SlowDown",
}


@dataclass
class Fault:
    method: str
    path: str  # regex searched in the request path
    action: str  # refuse | lose | stall
    status: int = 500
    times: int = 1
    stall_s: float = 0.0
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        wanted = method == self.method and re.search(self.path, path) is not None
        return wanted and self.hits < self.times


@dataclass
class FaultProxy:
    upstream: str
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str, int]] = field(default_factory=list)
    generation: int = 0  # bumped by clear(): late answers of a previous test are not logged
    lock: threading.Lock = field(default_factory=threading.Lock)
    endpoint: str = ""

    def inject(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.log.clear()
            self.generation += 1

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.hits += 1
                    return fault
        return None

    def record(self, method: str, path: str, status: int, generation: int) -> None:
        with self.lock:
            if generation == self.generation:
                self.log.append((method, path, status))

    def requests(self, method: str, pattern: str) -> list[int]:
        """Statuses the client saw for requests matching method and path pattern."""
        with self.lock:
            return [s for m, p, s in self.log if m == method and re.search(pattern, p)]


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    target = urlsplit(proxy.upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                parts = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(parts)
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
            headers = {k: v for k, v in self.headers.items() if k.lower() != "transfer-encoding"}
            headers["Content-Length"] = str(len(body))
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.getheaders(), resp.read()
            finally:
                conn.close()

        def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
            self.send_response(status)
            skip = {"content-length", "transfer-encoding", "connection", "server", "date"}
            for name, value in headers:
                if name.lower() not in skip:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            self.close_connection = True
            proxy.record(self.command, self.path, status, self.generation)

        def _error(self, status: int) -> None:
            code = _S3_CODES.get(status, "InternalError")
            condition = "<Condition>If-None-Match</Condition>" if status == 412 else ""
            xml = (
                f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code>"
                f"<Message>injected fault {status}</Message>{condition}</Error>"
            ).encode()
            self._answer(status, [("Content-Type", "application/xml")], xml)

        def _handle(self) -> None:
            self.generation = proxy.generation
            body = self._body()
            fault = proxy.take_fault(self.command, self.path)
            if fault is None:
                self._answer(*self._forward(body))
            elif fault.action == "refuse":
                self._error(fault.status)
            elif fault.action == "lose":
                self._forward(body)
                self._error(fault.status)
            elif fault.action == "stall":
                answer = self._forward(body)
                proxy.record(self.command, self.path, 0, self.generation)  # 0: held back
                self.generation = -1  # the late answer itself is not logged
                time.sleep(fault.stall_s)
                with contextlib.suppress(OSError):  # the client gave up long ago
                    self._answer(*answer)
            else:
                raise ValueError(fault.action)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

    return Handler


def start_proxy(upstream: str) -> tuple[FaultProxy, ThreadingHTTPServer]:
    proxy = FaultProxy(upstream)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    server.daemon_threads = True
    proxy.endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return proxy, server
