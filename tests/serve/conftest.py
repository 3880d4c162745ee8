"""Fixtures of the `kg serve` tests: a server over the seed build, started in-process on a free port."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.serve import make_server


@dataclass
class Reply:
    """What the server answered: status, headers and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


@contextmanager
def running(build: Path, reports: Path | None, timeout: float | None = 60, log: list[str] | None = None) -> Iterator[str]:
    """A server over ``build`` on a free port of 127.0.0.1, serving in a thread; yields its base URL."""
    server = make_server(build, reports, "127.0.0.1", 0, timeout, (log if log is not None else []).append)
    thread = threading.Thread(target=server.serve_forever, name="kg serve (test)", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None) -> Reply:
    """One plain HTTP request; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Reply(response.status, dict(response.headers.items()), response.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, dict(exc.headers.items()), exc.read())


@pytest.fixture(scope="session")
def server_log() -> list[str]:
    return []


@pytest.fixture(scope="session")
def base_url(seed_build: Path, seed_reports: Path, server_log: list[str]) -> Iterator[str]:
    """The seed build served with its report texts, for the whole session."""
    with running(seed_build, seed_reports, log=server_log) as url:
        yield url
