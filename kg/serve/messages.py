"""The request and response of one HTTP exchange, as the server's handlers see them (no sockets here)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError

__all__ = ["HttpError", "Request", "Response"]


class HttpError(InputError):
    """A request the server answers with an HTTP error status and a one-line message."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.headers = dict(headers or {})
        super().__init__(message)


@dataclass(frozen=True)
class Request:
    """One HTTP request: method, path (decoded), the URL's query parameters, headers and body."""

    method: str
    path: str
    params: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """A header's value (names are case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)

    def param(self, name: str) -> str | None:
        """The one value of a URL parameter, or None; a parameter given twice is a bad request."""
        values = self.params.get(name, [])
        if len(values) > 1:
            raise HttpError(400, f"the parameter {name!r} is given {len(values)} times; give it once")
        return values[0] if values else None

    @property
    def content_type(self) -> str:
        """The media type of the body, lower-cased, without parameters ('' when there is none)."""
        return (self.header("Content-Type") or "").split(";", 1)[0].strip().lower()


@dataclass
class Response:
    """What the server sends back: status, media type, body and extra headers."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
        """A plain-text answer, e.g. an error message for a SPARQL client."""
        return cls(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain; charset=utf-8", dict(headers or {}))

    @classmethod
    def html(cls, status: int, page: str) -> Response:
        return cls(status, page.encode("utf-8"), "text/html; charset=utf-8")

    @classmethod
    def json(cls, data: Any) -> Response:
        return cls(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json")

    @classmethod
    def redirect(cls, location: str) -> Response:
        return cls(303, b"", "text/plain; charset=utf-8", {"Location": location})
