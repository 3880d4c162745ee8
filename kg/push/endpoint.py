"""The graph store endpoint a push writes to: a checked http(s) URL, and the request target of each named graph.

Graphs are named by *indirect identification* (SPARQL 1.1 Graph Store HTTP
Protocol, section 4.2): the graph IRI travels percent-encoded in the ``graph``
query parameter of the endpoint URL, ``<endpoint>?graph=<IRI>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from kg.errors import ExportError

__all__ = ["Endpoint"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_LOOPBACK = ("localhost", "::1")


@dataclass(frozen=True)
class Endpoint:
    """A graph store endpoint: scheme, host and port to connect to, and the path (with any query) to send to."""

    url: str
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        """Check a user-given endpoint URL; raise :class:`ExportError` with a one-line reason if it cannot be used."""
        text = url.strip()
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as exc:
            raise ExportError(f"--endpoint {url!r}: not a valid URL ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            shown = f"{scheme}:" if scheme else "no scheme"
            raise ExportError(f"--endpoint {url!r}: only http:// and https:// URLs can be pushed to ({shown} given)")
        if not parts.hostname:
            raise ExportError(f"--endpoint {url!r}: the URL names no host")
        if parts.username is not None or parts.password is not None:
            raise ExportError("--endpoint: put the user name in --user and the password in KG_PUSH_PASSWORD, not in the URL")
        if parts.fragment:
            raise ExportError(f"--endpoint {url!r}: a graph store URL has no #fragment")
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        return cls(text, scheme, parts.hostname, port or _DEFAULT_PORTS[scheme], path)

    def target(self, graph: str) -> str:
        """The request target (path and query) that names ``graph`` on this endpoint."""
        joiner = "&" if "?" in self.path else "?"
        return f"{self.path}{joiner}graph={quote(graph, safe='')}"

    def url_of(self, target: str) -> str:
        """The absolute URL of a request target on this endpoint's server."""
        return f"{self.origin}{target}"

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` of the server (IPv6 hosts in brackets, the scheme's default port left out)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == _DEFAULT_PORTS[self.scheme] else f":{self.port}"
        return f"{self.scheme}://{host}{port}"

    @property
    def is_loopback(self) -> bool:
        """Whether the server is on this machine (credentials over plain http stay local then)."""
        return self.host in _LOOPBACK or self.host.startswith("127.")

    def redirect_target(self, current: str, location: str) -> str | None:
        """The request target a redirect leads to, if it stays on this server (same scheme, host and port); else None."""
        absolute = urljoin(self.url_of(current), location)
        try:
            parts = urlsplit(absolute)
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), -1)
        except ValueError:
            return None
        same = parts.scheme.lower() == self.scheme and (parts.hostname or "") == self.host and port == self.port
        if not same:
            return None
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
