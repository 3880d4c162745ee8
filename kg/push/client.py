"""A small HTTP client for the Graph Store Protocol: PUT one graph, with retries, backoff and a strict redirect policy.

Standard library only (:mod:`http.client`), one kept-alive connection. A
request is retried after a connection error, a timeout or a ``5xx`` (and
``408``/``429``, which ask for it), waiting ``backoff * 2**(n-1)`` seconds
(at most 30, or the server's ``Retry-After``) before retry ``n``; any other
``4xx`` is final. Redirects are followed only where they keep scheme, host
and port and the method (``307``/``308``); any other redirect is an error
that names where the server pointed, never followed silently.
"""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from kg import __version__
from kg.push.auth import Credentials
from kg.push.endpoint import Endpoint

__all__ = ["GraphStoreClient", "RequestFailed", "Sent", "MAX_DELAY"]

MAX_DELAY = 30.0
"""Longest wait before a retry, in seconds."""
_MAX_REDIRECTS = 5
_MAX_AUTH_ROUNDS = 2
_BLOCK = 256 * 1024
_SHOWN = 200
"""Characters of an error response's body quoted in the error."""


class RequestFailed(Exception):
    """A request that did not succeed: ``reason`` says why in one line, ``attempts`` how often it was sent."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


@dataclass(frozen=True)
class Sent:
    """A request the server accepted: its status and how many attempts it took."""

    status: int
    attempts: int


@dataclass(frozen=True)
class _Reply:
    status: int
    reason: str
    text: str
    location: str | None
    retry_after: float | None
    challenges: list[str]


class GraphStoreClient:
    """Sends PUT requests to one graph store endpoint; ``close()`` when done (or use as a context manager)."""

    def __init__(
        self,
        endpoint: Endpoint,
        credentials: Credentials | None = None,
        *,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.credentials = credentials or Credentials()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self._connection: http.client.HTTPConnection | None = None

    def __enter__(self) -> GraphStoreClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None

    def put(self, target: str, body: IO[bytes], size: int, content_type: str) -> Sent:
        """PUT ``size`` bytes of ``body`` to ``target`` (a path on the endpoint's server); raise :class:`RequestFailed`."""
        attempts = redirects = auth_rounds = 0
        while True:
            attempts += 1
            try:
                reply = self._send_fresh_if_stale("PUT", target, body, size, content_type)
            except (OSError, http.client.HTTPException) as exc:
                failure, wait = f"no answer from {self.endpoint.origin}: {_describe(exc)}", None
            else:
                if 200 <= reply.status < 300:
                    return Sent(reply.status, attempts)
                if reply.status in (307, 308) and reply.location and redirects < _MAX_REDIRECTS:
                    followed = self.endpoint.redirect_target(target, reply.location)
                    if followed is None:
                        raise RequestFailed(_redirect_refused(reply), attempts)
                    target, redirects, attempts = followed, redirects + 1, attempts - 1
                    continue
                if 300 <= reply.status < 400:
                    raise RequestFailed(_redirect_refused(reply), attempts)
                if reply.status == 401 and auth_rounds < _MAX_AUTH_ROUNDS and self.credentials.answer(reply.challenges):
                    auth_rounds, attempts = auth_rounds + 1, attempts - 1
                    continue
                failure, wait = _status_line(reply), reply.retry_after
                if not _retryable(reply.status):
                    raise RequestFailed(f"{failure}{_hint(reply.status, self.credentials)}", attempts)
            if attempts > self.retries:
                raise RequestFailed(f"{failure} (after {attempts} attempt{'s' if attempts > 1 else ''})", attempts)
            self.sleep(min(MAX_DELAY, wait if wait is not None else self.backoff * 2 ** (attempts - 1)))

    def _send_fresh_if_stale(self, method: str, target: str, body: IO[bytes], size: int, content_type: str) -> _Reply:
        """Send once; a kept-alive connection the server has meanwhile closed is replaced at once, not counted as a failure."""
        reused = self._connection is not None
        try:
            return self._send(method, target, body, size, content_type)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            return self._send(method, target, body, size, content_type)

    def _send(self, method: str, target: str, body: IO[bytes], size: int, content_type: str) -> _Reply:
        connection = self._connect()
        body.seek(0)
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(size),
            "User-Agent": f"kg/{__version__} (kg push)",
            "Accept": "*/*",
            **self.credentials.headers(method, target),
        }
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        if response.will_close:
            self.close()
        challenges = response.headers.get_all("WWW-Authenticate") or []
        return _Reply(
            response.status,
            response.reason,
            _snippet(data, response.headers.get_content_charset()),
            response.headers.get("Location"),
            _retry_after(response.headers.get("Retry-After")),
            challenges,
        )

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self.endpoint.scheme == "https" else http.client.HTTPConnection
            self._connection = kind(self.endpoint.host, self.endpoint.port, timeout=self.timeout, blocksize=_BLOCK)
        return self._connection


def _retryable(status: int) -> bool:
    return status >= 500 or status in (408, 429)


def _status_line(reply: _Reply) -> str:
    text = f": {reply.text}" if reply.text else ""
    return f"HTTP {reply.status} {reply.reason}{text}"


def _hint(status: int, credentials: Credentials) -> str:
    if status == 401:
        return (
            " (check --user and KG_PUSH_PASSWORD, or KG_PUSH_TOKEN)"
            if credentials.present
            else " (the server wants credentials: --user, or KG_PUSH_TOKEN)"
        )
    if status in (404, 405):
        return " (is --endpoint the graph store endpoint of a writable dataset?)"
    return ""


def _redirect_refused(reply: _Reply) -> str:
    where = reply.location or "nowhere (no Location header)"
    return (
        f"HTTP {reply.status} {reply.reason}: the server redirects to {where}; kg push follows only 307/308 redirects "
        f"on the same server; give that URL as --endpoint if it is the right one"
    )


def _snippet(data: bytes, charset: str | None) -> str:
    text = " ".join(data.decode(charset or "utf-8", errors="replace").split())
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back on the backoff


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timed out (see --timeout)"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host name ({exc.strerror or exc})"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())
