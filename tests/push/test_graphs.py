"""Which graphs `kg push` sends, in what order, and how each is serialized; `--dry-run` sends nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.namespaces import INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, graph_iri, inferred_graph_iri
from kg.push.graphs import classify, plan, serialized

from ..conftest import run_kg
from .servers import scripted_store

PUSH_ORDER = [
    str(ONTOLOGY_GRAPH),
    str(INFERRED_ONTOLOGY_GRAPH),
    graph_iri("bender-2024"),
    inferred_graph_iri("bender-2024"),
    graph_iri("mahipathy-2020"),
    inferred_graph_iri("mahipathy-2020"),
]


def test_ontology_first_then_case_by_case(store: ox.Store) -> None:
    assert [graph.iri for graph in plan(store)] == PUSH_ORDER
    assert [graph.kind for graph in plan(store)] == ["ontology", "inferred ontology", "case", "inferred case", "case", "inferred case"]


def test_case_selection(store: ox.Store) -> None:
    assert [(graph.iri, graph.case) for graph in plan(store, "case")] == [
        (graph_iri("bender-2024"), "bender-2024"),
        (graph_iri("mahipathy-2020"), "mahipathy-2020"),
    ]


def test_a_graph_outside_the_project_is_other() -> None:
    assert classify("https://example.org/g").kind == "other"


@pytest.mark.parametrize("fmt, syntax", [("turtle", "turtle"), ("ntriples", "nt")])
def test_a_serialized_graph_holds_exactly_that_graph(store: ox.Store, fmt: str, syntax: str) -> None:
    graph = graph_iri("bender-2024")
    quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    expected = rdflib.Graph().parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
    with serialized(store, graph, fmt) as payload:
        data = payload.body.read()
    assert payload.size == len(data) and payload.triples == len(quads) > 1000
    assert isomorphic(rdflib.Graph().parse(data=data, format=syntax), expected)


def test_dry_run_lists_the_requests_and_sends_nothing(seed_build: Path) -> None:
    with scripted_store(lambda _r, _s: (500, {}, b"")) as server:
        result = run_kg("push", "--endpoint", server.endpoint, "--build", str(seed_build), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert server.seen == []
    lines = result.stdout.splitlines()
    assert len(lines) == 7 and all(line.startswith(f"PUT {server.endpoint}?graph=https%3A%2F%2F") for line in lines[:6])
    assert lines[6].startswith("Dry run: would push 6 graphs (1 ontology, 1 inferred ontology, 2 case, 2 inferred case)")


def test_a_folder_without_a_build_is_an_input_error(tmp_path: Path) -> None:
    result = run_kg("push", "--endpoint", "http://127.0.0.1:9/store", "--build", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"error: {tmp_path}: no SPARQL store found; run `kg build` first\n"
