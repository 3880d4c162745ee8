"""The HTTP server of ``kg serve``: standard library ``ThreadingHTTPServer``, one thread per connection.

It opens the build's store read-only, answers on 127.0.0.1 unless told
otherwise, refuses a foreign ``Host`` header when bound to the loopback
interface (a web page elsewhere cannot reach it through DNS rebinding), and
sends every page with a content security policy that allows only the
server's own scripts and styles.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from kg.query.graph import KnowledgeGraph
from kg.query.run import DEFAULT_TIMEOUT
from kg.serve.app import App
from kg.serve.evidence import ReportTexts
from kg.serve.messages import Request, Response
from kg.serve.sparql import Endpoint

__all__ = ["KgServer", "make_server", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body accepted (a query or a form)."""
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class KgServer(ThreadingHTTPServer):
    """A threading HTTP server that hands every request to an :class:`~kg.serve.app.App`."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: App, log: Callable[[str], None]) -> None:
        self.app = app
        self.log = log
        self.loopback_only = _is_loopback(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A connection that failed outside a handler (most often a client that hung up): one line in the log."""
        exc = sys.exc_info()[1]
        self.log(f"{client_address[0]} connection ended: {type(exc).__name__}: {exc}")

    @property
    def url(self) -> str:
        """The base URL clients use, with the port actually bound."""
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


def make_server(
    build_dir: Path,
    reports_dir: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8080,
    timeout: float | None = DEFAULT_TIMEOUT,
    log: Callable[[str], None] | None = None,
) -> KgServer:
    """A server over the build in ``build_dir``, bound but not yet serving (call ``serve_forever``); port 0 picks a free one."""
    graph = KnowledgeGraph.open(build_dir, timeout=timeout or None)
    _ = graph.queries, graph.terms  # load both now, not on the first requests of concurrent threads
    app = App(graph, ReportTexts(reports_dir), Endpoint(graph.store, timeout or None))
    return KgServer((host.strip("[]"), port), app, log or (lambda _message: None))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    """Turns one HTTP request into a :class:`Request`, and the app's :class:`Response` back into bytes."""

    server: KgServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms wait for a delayed ACK
    server_version = "kg-serve"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        self._answer(send_body=True)

    def do_PUT(self) -> None:
        self._answer(send_body=True)

    def do_DELETE(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        try:
            response = self._refusal() or self.server.app.handle(self._request())
        except Exception as exc:  # a bug: answer 500, keep serving, tell the operator
            self.server.log(f"internal error on {self.command} {self.path}: {type(exc).__name__}: {exc}")
            self.server.log("".join(traceback.format_exception(exc)))
            response = Response.text(500, f"internal error: {type(exc).__name__} (a bug in kg serve; see the server's log)")
        self.send_response(response.status)
        headers = {**_SECURITY_HEADERS, "Content-Type": response.content_type, "Content-Length": str(len(response.body)), **response.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def _refusal(self) -> Response | None:
        """A response that stops the request before the app sees it: a foreign Host, a body too large."""
        if self.server.loopback_only:
            host = (self.headers.get("Host") or "").strip().lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in _LOOPBACK_NAMES:
                self.close_connection = True
                return Response.text(400, f"Host {host!r} is not served here: this server answers on the loopback interface only")
        length = self.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            self.close_connection = True
            return Response.text(413, f"the request body is larger than {MAX_BODY_BYTES} bytes (or its length is malformed)")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            return Response.text(411, "send the body with a Content-Length, not chunked")
        return None

    def _request(self) -> Request:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        return Request(
            method=self.command,
            path=unquote(parts.path),
            params=parse_qs(parts.query, keep_blank_values=True),
            headers=dict(self.headers.items()),
            body=body,
        )

    def log_message(self, format: str, *args: object) -> None:
        self.server.log(f"{self.address_string()} {format % args}")

    def log_error(self, format: str, *args: object) -> None:
        self.server.log(f"{self.address_string()} {format % args}")
