"""`kg sparql` / `KnowledgeGraph.sparql` followed `SERVICE <http://...>` out to the network, and a query could not be stopped.

A query of a built graph now reads the local store only: SERVICE is refused
before anything runs (no connection is made), every query has a time limit
(`--timeout`, default 60 s), and Ctrl-C stops a running query with exit 130.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import QueryError, QueryTimeout
from kg.query.graph import KnowledgeGraph

from ..conftest import TESTS, run_kg

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }"
"""A four-way cross product of the seed graph's triples: minutes of work."""


def test_service_is_refused_and_no_connection_is_made(seed_build: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    graph = KnowledgeGraph.open(seed_build)
    with pytest.raises(QueryError, match=r"SERVICE .* is not allowed"):
        graph.sparql(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    with pytest.raises(socket.timeout):
        listener.accept()


def test_the_word_service_in_a_string_or_iri_is_not_a_service_clause(seed_build: Path) -> None:
    graph = KnowledgeGraph.open(seed_build)
    rows = graph.sparql('SELECT ?x WHERE { VALUES ?x { "SERVICE" <urn:x:SERVICE> } } # SERVICE').rows
    assert len(rows) == 2


def test_updates_are_refused_with_a_clear_message(seed_build: Path) -> None:
    result = run_kg("sparql", "--build", str(seed_build), "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert result.returncode == 2
    assert "SPARQL updates (INSERT) are not allowed" in result.stderr


def test_a_query_stops_at_its_time_limit(seed_build: Path) -> None:
    graph = KnowledgeGraph.open(seed_build, timeout=1)
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match="did not finish within 1 s"):
        graph.sparql(SLOW)
    assert time.monotonic() - start < 5


def test_the_cli_timeout_exits_2(seed_build: Path) -> None:
    result = run_kg("sparql", "--build", str(seed_build), "--timeout", "1", SLOW)
    assert result.returncode == 2
    assert "did not finish within 1 s" in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_stops_a_running_query_with_exit_130(seed_build: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "sparql", "--build", str(seed_build), "--timeout", "0", SLOW],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=TESTS.parent,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(3)
    assert process.poll() is None, "the query finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
