"""Credentials for a graph store: HTTP Basic, HTTP Digest (RFC 7616, as Virtuoso asks for) or a bearer token.

Basic and bearer credentials go with every request. Digest credentials
answer the server's challenge: the first request goes without them, the
``401`` names the realm and nonce, and later requests reuse that nonce with a
rising nonce count until the server says it is stale.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.errors import ExportError

__all__ = ["Credentials", "DigestChallenge", "digest_response", "parse_challenges"]

_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)\s*,?')
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


@dataclass(frozen=True)
class DigestChallenge:
    """The parameters of one ``WWW-Authenticate: Digest`` challenge."""

    realm: str
    nonce: str
    qop: str | None = None
    opaque: str | None = None
    algorithm: str = "MD5"
    stale: bool = False


def parse_challenges(values: Sequence[str]) -> list[tuple[str, dict[str, str]]]:
    """Split ``WWW-Authenticate`` header values into (scheme, parameters) pairs, scheme in lower case."""
    found: list[tuple[str, dict[str, str]]] = []
    for value in values:
        rest = value.strip()
        while rest:
            scheme, _, rest = rest.partition(" ")
            params: dict[str, str] = {}
            while True:
                match = _PARAM.match(rest)
                if not match:
                    break
                raw = match.group(3) if match.group(3) is not None else match.group(2)
                params[match.group(1).lower()] = re.sub(r"\\(.)", r"\1", raw)
                rest = rest[match.end() :]
            found.append((scheme.strip(", ").lower(), params))
            rest = rest.strip(", ")
    return found


def _digest_challenge(values: Sequence[str]) -> DigestChallenge | None:
    for scheme, params in parse_challenges(values):
        if scheme == "digest" and "nonce" in params:
            qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
            if qops and "auth" not in qops:
                raise ExportError(f"the server asks for Digest qop={params['qop']!r}, which kg push does not speak (only qop=auth)")
            return DigestChallenge(
                realm=params.get("realm", ""),
                nonce=params["nonce"],
                qop="auth" if qops else None,
                opaque=params.get("opaque"),
                algorithm=params.get("algorithm", "MD5"),
                stale=params.get("stale", "").lower() == "true",
            )
    return None


def digest_response(challenge: DigestChallenge, user: str, password: str, method: str, uri: str, nc: int, cnonce: str) -> str:
    """The ``response`` value of a Digest ``Authorization`` header (RFC 7616 section 3.4.1)."""
    algorithm = challenge.algorithm.upper()
    session = algorithm.endswith("-SESS")
    base = algorithm[: -len("-SESS")] if session else algorithm
    if base not in _HASHES:
        raise ExportError(f"the server asks for Digest algorithm {challenge.algorithm}, which kg push does not speak (MD5, SHA-256)")

    def hashed(text: str) -> str:
        return _HASHES[base](text.encode("utf-8")).hexdigest()

    ha1 = hashed(f"{user}:{challenge.realm}:{password}")
    if session:
        ha1 = hashed(f"{ha1}:{challenge.nonce}:{cnonce}")
    ha2 = hashed(f"{method}:{uri}")
    if challenge.qop:
        return hashed(f"{ha1}:{challenge.nonce}:{nc:08x}:{cnonce}:{challenge.qop}:{ha2}")
    return hashed(f"{ha1}:{challenge.nonce}:{ha2}")


@dataclass
class Credentials:
    """Who the push is: a user and password (Basic, or Digest with ``digest``), or a bearer token, or nobody."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    digest: bool = False
    _challenge: DigestChallenge | None = field(default=None, init=False, repr=False)
    _count: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.token and self.user:
            raise ExportError("give either --user (with a password) or KG_PUSH_TOKEN, not both")
        if self.user is not None and self.password is None:
            raise ExportError(f"--user {self.user}: no password; set KG_PUSH_PASSWORD")
        if self.digest and self.user is None:
            raise ExportError("--digest needs --user")

    @property
    def present(self) -> bool:
        """Whether any credentials are sent at all."""
        return bool(self.token) or self.user is not None

    def headers(self, method: str, target: str) -> dict[str, str]:
        """The ``Authorization`` header for one request, if there is one to send yet."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is None or self.password is None:
            return {}
        if not self.digest:
            pair = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return {"Authorization": f"Basic {pair}"}
        if self._challenge is None:
            return {}
        self._count += 1
        cnonce = secrets.token_hex(8)
        challenge = self._challenge
        response = digest_response(challenge, self.user, self.password, method, target, self._count, cnonce)
        parts = [
            f'username="{_quoted(self.user)}"',
            f'realm="{_quoted(challenge.realm)}"',
            f'nonce="{_quoted(challenge.nonce)}"',
            f'uri="{_quoted(target)}"',
            f'response="{response}"',
            f"algorithm={challenge.algorithm}",
        ]
        if challenge.qop:
            parts += [f"qop={challenge.qop}", f"nc={self._count:08x}", f'cnonce="{cnonce}"']
        if challenge.opaque is not None:
            parts.append(f'opaque="{_quoted(challenge.opaque)}"')
        return {"Authorization": "Digest " + ", ".join(parts)}

    def answer(self, www_authenticate: Sequence[str]) -> bool:
        """Take a ``401``'s challenge; True when a new Digest answer is worth sending (first challenge, or a stale nonce)."""
        if not self.digest:
            return False
        challenge = _digest_challenge(www_authenticate)
        if challenge is None:
            return False
        first = self._challenge is None
        self._challenge, self._count = challenge, 0
        return first or challenge.stale


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
