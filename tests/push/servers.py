"""Servers on loopback for the push tests: a real Oxigraph server, and a scripted graph store that records requests."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

START_SECONDS = 30.0


def oxigraph_binary() -> Path:
    """The ``oxigraph`` command of the test environment (PyPI package ``oxigraph``); the test fails without it."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    pytest.fail(
        "the Oxigraph server is not installed: `pip install 'oxigraph>=0.5,<0.6'` into the test environment "
        "(CI installs it with the test extra); the push tests need a real graph store",
        pytrace=False,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Oxigraph:
    """A running ``oxigraph serve`` on 127.0.0.1, with the few reads the tests need."""

    base: str
    process: subprocess.Popen[bytes]

    @property
    def store_endpoint(self) -> str:
        return f"{self.base}/store"

    def select(self, query: str) -> list[dict[str, str]]:
        url = f"{self.base}/query?{urllib.parse.urlencode({'query': query})}"
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = json.load(response)
        return [{name: cell["value"] for name, cell in row.items()} for row in data["results"]["bindings"]]

    def counts(self) -> dict[str, int]:
        """Triples per named graph on the server."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}

    def get_graph(self, graph: str) -> bytes:
        url = f"{self.store_endpoint}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return bytes(response.read())

    def post_triples(self, graph: str, ntriples: bytes) -> None:
        url = f"{self.store_endpoint}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=ntriples, method="POST", headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(request, timeout=30).close()

    def clear(self) -> None:
        request = urllib.request.Request(
            f"{self.base}/update", data=b"DROP ALL", method="POST", headers={"Content-Type": "application/sparql-update"}
        )
        urllib.request.urlopen(request, timeout=30).close()


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def oxigraph_server(location: Path) -> Iterator[Oxigraph]:
    """Start ``oxigraph serve`` on a free loopback port, wait until it answers, stop it afterwards."""
    binary = oxigraph_binary()
    log = location.parent / f"{location.name}.log"
    for _try in range(3):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], stdout=sink, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_SECONDS
        while process.poll() is None and time.monotonic() < deadline and not _answers(base):
            time.sleep(0.1)
        if process.poll() is None and _answers(base):
            break
        _stop(process)
        if "address" not in log.read_text(errors="replace").lower():  # not a lost race for the port
            pytest.fail(f"oxigraph serve did not start: {log.read_text(errors='replace')[-2000:]}", pytrace=False)
    else:
        pytest.fail("oxigraph serve found no free port in 3 tries", pytrace=False)
    try:
        yield Oxigraph(base, process)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass(frozen=True)
class Seen:
    """A request the scripted server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def graph(self) -> str | None:
        values = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph")
        return values[0] if values else None


Reply = tuple[int, dict[str, str], bytes]
"""Status, headers and body of a scripted answer."""


@dataclass
class ScriptedStore:
    """A graph store that answers each request with ``script(request, requests so far)`` and records every request."""

    script: Callable[[Seen, list[Seen]], Reply]
    seen: list[Seen] = field(default_factory=list)
    base: str = ""
    delay: Callable[[Seen], float] = lambda _request: 0.0

    @property
    def endpoint(self) -> str:
        return f"{self.base}/store"


@contextmanager
def scripted_store(script: Callable[[Seen, list[Seen]], Reply], delay: Callable[[Seen], float] = lambda _r: 0.0) -> Iterator[ScriptedStore]:
    """Run a :class:`ScriptedStore` on a free loopback port in a thread."""
    state = ScriptedStore(script, delay=delay)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_PUT(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            request = Seen(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            with lock:
                state.seen.append(request)
                status, headers, body = state.script(request, list(state.seen))
            time.sleep(state.delay(request))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_PUT

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
