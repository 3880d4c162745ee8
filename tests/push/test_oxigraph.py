"""`kg push` against a real graph store: an Oxigraph server started on loopback."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from kg.namespaces import ONTOLOGY_GRAPH, graph_iri

from ..conftest import run_kg
from .servers import Oxigraph

CASE = graph_iri("bender-2024")
STRAY = b'<https://example.org/stray> <https://example.org/p> "left over from an earlier push" .\n'


def _push(oxigraph: Oxigraph, build: Path, *options: str) -> str:
    result = run_kg("push", "--endpoint", oxigraph.store_endpoint, "--build", str(build), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_named_graph_arrives_with_all_its_triples(oxigraph: Oxigraph, seed_build: Path, seed_counts: dict[str, int]) -> None:
    oxigraph.clear()
    stdout = _push(oxigraph, seed_build)
    assert oxigraph.counts() == seed_counts
    assert len(seed_counts) == 6 and str(ONTOLOGY_GRAPH) in seed_counts and CASE in seed_counts
    assert f"Pushed 6 graphs (1 ontology, 1 inferred ontology, 2 case, 2 inferred case), {sum(seed_counts.values())} triples" in stdout


def test_the_graphs_on_the_server_are_the_local_graphs(oxigraph: Oxigraph, seed_build: Path, store: ox.Store) -> None:
    oxigraph.clear()
    _push(oxigraph, seed_build)
    for graph in store.named_graphs():
        local = ox.serialize((q.triple for q in store.quads_for_pattern(None, None, None, graph)), format=ox.RdfFormat.N_TRIPLES)
        remote = oxigraph.get_graph(graph.value)
        assert isomorphic(rdflib.Graph().parse(data=local, format="nt"), rdflib.Graph().parse(data=remote, format="nt")), graph


def test_a_second_push_replaces_each_graph(oxigraph: Oxigraph, seed_build: Path, seed_counts: dict[str, int]) -> None:
    oxigraph.clear()
    _push(oxigraph, seed_build)
    oxigraph.post_triples(CASE, STRAY)
    assert oxigraph.counts()[CASE] == seed_counts[CASE] + 1
    _push(oxigraph, seed_build, "--format", "ntriples")
    assert oxigraph.counts() == seed_counts
    assert not oxigraph.select("SELECT * WHERE { GRAPH ?g { <https://example.org/stray> ?p ?o } }")


def test_case_selection_pushes_the_case_graphs_only(oxigraph: Oxigraph, seed_build: Path, seed_counts: dict[str, int]) -> None:
    oxigraph.clear()
    stdout = _push(oxigraph, seed_build, "--graphs", "case")
    assert oxigraph.counts() == {graph_iri(case): seed_counts[graph_iri(case)] for case in ("bender-2024", "mahipathy-2020")}
    assert "Pushed 2 graphs (2 case)" in stdout


def test_graphs_already_on_the_server_are_left_alone(oxigraph: Oxigraph, seed_build: Path) -> None:
    oxigraph.clear()
    other = "https://example.org/graph/someone-else"
    oxigraph.post_triples(other, STRAY)
    _push(oxigraph, seed_build)
    assert oxigraph.counts()[other] == 1
