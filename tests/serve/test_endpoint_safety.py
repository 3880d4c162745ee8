"""The endpoint keeps the project's safety rules: read-only, no SERVICE, a time limit, only loopback hosts.

Each refusal is an HTTP error status with a one-line message, and the server keeps serving.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from .conftest import fetch, running

SLOW = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y . FILTER(STRLEN(STR(?x)) + STRLEN(STR(?y)) = 61) }"
"""Every pair of the seed graph's triples, with a filter that keeps a few: tens of seconds of work, rows now and then."""


def _query(base_url: str, text: str) -> tuple[int, str]:
    reply = fetch(base_url + "sparql", text.encode(), {"Content-Type": "application/sparql-query"})
    return reply.status, reply.text


def test_service_is_refused_and_no_connection_is_made(base_url: str, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    status, message = _query(base_url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    assert status == 400
    assert "SERVICE" in message and "not allowed" in message
    with pytest.raises(socket.timeout):
        listener.accept()


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "DROP ALL", "LOAD <http://127.0.0.1:9/x.ttl>", "CLEAR DEFAULT"],
)
def test_updates_are_refused_in_a_query(base_url: str, update: str) -> None:
    status, message = _query(base_url, update)
    assert status == 400
    assert "SPARQL updates" in message and "not allowed" in message


def test_the_update_operation_is_refused(base_url: str) -> None:
    url = base_url + "sparql"
    as_form = fetch(url, urllib.parse.urlencode({"update": "DROP ALL"}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    as_body = fetch(url, b"DROP ALL", {"Content-Type": "application/sparql-update"})
    for reply in (as_form, as_body):
        assert reply.status == 400 and "read-only" in reply.text
    status, message = _query(base_url, 'ASK { ?r cck:recordId "bender-2024" }')
    assert status == 200 and '"boolean":true' in message


def test_datasets_by_parameter_are_refused(base_url: str) -> None:
    query = urllib.parse.urlencode({"query": "ASK {}", "default-graph-uri": "urn:x"})
    reply = fetch(f"{base_url}sparql?{query}")
    assert reply.status == 400 and "default-graph-uri" in reply.text


@pytest.mark.parametrize(
    ("body", "headers", "status", "words"),
    [
        (b"SELECT WHERE {", {"Content-Type": "application/sparql-query"}, 400, "syntax error"),
        (b"ASK {}", {"Content-Type": "text/plain"}, 415, "Content-Type"),
        (b"", {"Content-Type": "application/sparql-query"}, 400, "empty"),
        (b"\xff\xfe", {"Content-Type": "application/sparql-query"}, 400, "not UTF-8"),
        (None, {}, 400, "no query"),
    ],
)
def test_malformed_requests_get_a_message(base_url: str, body: bytes | None, headers: dict[str, str], status: int, words: str) -> None:
    reply = fetch(base_url + "sparql", body, headers, method="POST" if body is not None else "GET")
    assert reply.status == status
    assert words in reply.text
    assert "Traceback" not in reply.text


def test_other_methods_are_405(base_url: str) -> None:
    reply = fetch(base_url + "sparql", b"x", method="PUT")
    assert reply.status == 405 and "GET" in reply.headers["Allow"]


def test_a_request_for_another_host_is_refused(base_url: str) -> None:
    """A page elsewhere that rebinds its own name to 127.0.0.1 sends its name as Host: refused."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    connection.request("GET", "/sparql?query=ASK%7B%7D", headers={"Host": "attacker.example:80"})
    response = connection.getresponse()
    assert response.status == 400 and b"not served here" in response.read()
    connection.close()
    assert fetch(base_url.replace("127.0.0.1", "localhost") + "sparql?query=ASK%7B%7D").status == 200


def test_a_huge_body_is_refused_unread(base_url: str) -> None:
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(2 * 1024 * 1024))
    connection.endheaders()  # the body is never sent: the answer must not wait for it
    response = connection.getresponse()
    assert response.status == 413 and b"larger than" in response.read()
    connection.close()


def test_a_slow_query_stops_at_the_time_limit(seed_build: Path) -> None:
    with running(seed_build, None, timeout=1) as url:
        start = time.monotonic()
        status, message = _query(url, SLOW)
        assert status == 503
        assert "did not finish within 1 s" in message
        assert time.monotonic() - start < 10
        deadline = time.monotonic() + 60
        while any(thread.name == "sparql query" for thread in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(thread.name == "sparql query" for thread in threading.enumerate()), "the abandoned query still runs"
        status, message = _query(url, 'ASK { ?r cck:recordId "bender-2024" }')
        assert status == 200, message
