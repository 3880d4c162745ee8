"""What `kg push` does when the server fails: retries on 5xx, timeouts and lost connections, never on other 4xx, no silent redirects."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.namespaces import ONTOLOGY_GRAPH, graph_iri
from kg.push import PushOptions, push
from kg.push.client import GraphStoreClient, RequestFailed
from kg.push.endpoint import Endpoint

from ..conftest import run_kg
from .servers import Reply, Seen, free_port, scripted_store

OK: Reply = (204, {}, b"")
SECOND = graph_iri("bender-2024")  # the third graph in push order (after the ontology and its inferences)


def _fail_first(times: int, status: int = 500, headers: dict[str, str] | None = None) -> Callable[[Seen, list[Seen]], Reply]:
    def script(_request: Seen, seen: list[Seen]) -> Reply:
        return (status, headers or {}, b"try again later") if len(seen) <= times else OK

    return script


def _options(endpoint: str, **changes: object) -> PushOptions:
    return PushOptions(endpoint, **{"retries": 3, "backoff": 0.01, "timeout": 5.0, **changes})  # type: ignore[arg-type]


def test_a_5xx_is_retried_until_the_server_accepts(seed_build: Path) -> None:
    with scripted_store(_fail_first(2)) as server:
        result = push(seed_build, _options(server.endpoint))
    assert [request.graph for request in server.seen[:3]] == [str(ONTOLOGY_GRAPH)] * 3
    assert len(server.seen) == 3 + 5
    assert result.graphs[0].attempts == 3 and all(graph.attempts == 1 for graph in result.graphs[1:])
    assert result.retried == 2
    assert all(request.method == "PUT" and request.body for request in server.seen)
    assert len({request.body for request in server.seen[:3]}) == 1  # the same body each time


def test_the_cli_retries_and_reports_the_retries(seed_build: Path) -> None:
    with scripted_store(_fail_first(2)) as server:
        result = run_kg("push", "--endpoint", server.endpoint, "--build", str(seed_build), "--backoff", "0.01")
    assert result.returncode == 0, result.stderr
    assert "Pushed 6 graphs" in result.stdout and "2 requests retried" in result.stdout
    assert len(server.seen) == 8


def test_a_4xx_is_final_and_names_the_graph(seed_build: Path) -> None:
    def refuse_the_case(request: Seen, _seen: list[Seen]) -> Reply:
        return (403, {"Content-Type": "text/plain"}, b"read-only dataset") if request.graph == SECOND else OK

    with scripted_store(refuse_the_case) as server:
        result = run_kg("push", "--endpoint", server.endpoint, "--build", str(seed_build), "--backoff", "0.01")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: push of graph <{SECOND}> failed: HTTP 403")
    assert "read-only dataset" in lines[0] and "2 of 6 graphs were pushed before it" in lines[0]
    assert [request.graph for request in server.seen].count(SECOND) == 1
    assert len(server.seen) == 3  # nothing after the refused graph


def test_a_5xx_that_goes_on_fails_after_the_retries(seed_build: Path) -> None:
    with (
        scripted_store(lambda _r, _s: (503, {}, b"")) as server,
        pytest.raises(ExportError, match=rf"<{re.escape(ONTOLOGY_GRAPH)}> failed: HTTP 503 .*after 3 attempts") as error,
    ):
        push(seed_build, _options(server.endpoint, retries=2))
    assert len(server.seen) == 3
    assert "0 of 6 graphs were pushed before it" in str(error.value)


def test_429_waits_as_long_as_the_server_asks() -> None:
    waits: list[float] = []
    with (
        scripted_store(_fail_first(1, 429, {"Retry-After": "7"})) as server,
        GraphStoreClient(Endpoint.parse(server.endpoint), retries=2, backoff=0.5, sleep=waits.append) as client,
    ):
        sent = client.put("/store?graph=urn%3Ag", io.BytesIO(b"<urn:s> <urn:p> <urn:o> ."), 25, "application/n-triples")
    assert (sent.status, sent.attempts, waits) == (204, 2, [7.0])


def test_the_backoff_doubles() -> None:
    waits: list[float] = []
    with (
        scripted_store(_fail_first(3)) as server,
        GraphStoreClient(Endpoint.parse(server.endpoint), retries=3, backoff=0.5, sleep=waits.append) as client,
    ):
        client.put("/store?graph=urn%3Ag", io.BytesIO(b""), 0, "text/turtle")
    assert waits == [0.5, 1.0, 2.0]


def test_no_server_fails_after_the_retries(seed_build: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = run_kg("push", "--endpoint", endpoint, "--build", str(seed_build), "--retries", "1", "--backoff", "0.01")
    assert result.returncode == 2
    assert f"<{ONTOLOGY_GRAPH}> failed: no answer from http://127.0.0.1" in result.stderr
    assert "connection refused" in result.stderr and "after 2 attempts" in result.stderr


def test_a_server_too_slow_for_the_timeout_is_retried(seed_build: Path) -> None:
    answered: list[Seen] = []

    def slow_once(request: Seen) -> float:
        answered.append(request)
        return 2.0 if len(answered) == 1 else 0.0

    with scripted_store(lambda _r, _s: OK, delay=slow_once) as server:
        result = push(seed_build, _options(server.endpoint, timeout=0.5))
    assert result.graphs[0].attempts == 2 and result.retried == 1
    assert len(server.seen) == 7


def test_a_redirect_on_the_same_server_is_followed(seed_build: Path) -> None:
    def moved(request: Seen, _seen: list[Seen]) -> Reply:
        if request.path.startswith("/store?"):
            return 307, {"Location": request.path.replace("/store?", "/new/store?", 1)}, b""
        return OK

    with scripted_store(moved) as server:
        result = push(seed_build, _options(server.endpoint))
    assert [request.path.split("?")[0] for request in server.seen] == ["/store", "/new/store"] * 6
    assert all(graph.attempts == 1 for graph in result.graphs)
    assert server.seen[1].body == server.seen[0].body


@pytest.mark.parametrize(
    "status, location",
    [
        (307, "http://127.0.0.2:{port}/store"),  # another host
        (308, "https://127.0.0.1:{port}/store"),  # another scheme
        (301, "/elsewhere"),  # a redirect that would turn PUT into GET
    ],
)
def test_other_redirects_are_refused(seed_build: Path, status: int, location: str) -> None:
    holder: dict[str, int] = {}

    def redirect(_request: Seen, _seen: list[Seen]) -> Reply:
        return status, {"Location": location.format(port=holder["port"])}, b""

    with scripted_store(redirect) as server:
        holder["port"] = int(server.base.rsplit(":", 1)[1])
        with pytest.raises(ExportError, match=rf"HTTP {status} .*redirects to .*give that URL as --endpoint"):
            push(seed_build, _options(server.endpoint))
    assert len(server.seen) == 1


def test_request_failed_counts_attempts() -> None:
    with (
        scripted_store(lambda _r, _s: (400, {}, b"bad turtle at line 1")) as server,
        GraphStoreClient(Endpoint.parse(server.endpoint), retries=5, backoff=0) as client,
        pytest.raises(RequestFailed) as error,
    ):
        client.put("/store?graph=urn%3Ag", io.BytesIO(b"x"), 1, "text/turtle")
    assert error.value.attempts == 1 and error.value.reason == "HTTP 400 Bad Request: bad turtle at line 1"
