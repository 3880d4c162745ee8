"""Which named graphs of a build are pushed, in what order, and each one serialized on its own.

A build keeps everything in named graphs (:mod:`kg.namespaces`): the
ontology, what the reasoner adds to it, one graph per case report and one
graph of inferences per case. They are pushed ontology first, then case by
case (the case graph, then its inferences), so a push stopped half-way leaves
whole cases on the server. A graph is serialized into a spooled temporary
file (memory up to a few megabytes, disk beyond), never the whole store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Literal

import pyoxigraph as ox

from kg.namespaces import CCKD, INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, PREFIXES

__all__ = ["GraphKind", "PlannedGraph", "Payload", "SELECTIONS", "FORMATS", "plan", "serialized"]

GraphKind = Literal["ontology", "inferred ontology", "case", "inferred case", "other"]
SELECTIONS = ("all", "case")
"""``all``: every named graph; ``case``: the case report graphs only (no ontology, no inferences)."""
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
}
"""Request body formats: the serialization and its media type."""

_SPOOL_BYTES = 8 * 1024 * 1024
_GRAPH = str(CCKD["graph/"])
_INFERRED = str(CCKD["graph/inferred/"])


@dataclass(frozen=True)
class PlannedGraph:
    """A named graph to push: its IRI, its kind, and the case it belongs to (if any)."""

    iri: str
    kind: GraphKind
    case: str | None = None


@dataclass(frozen=True)
class Payload:
    """One serialized graph: the file to send (at offset 0), its size in bytes and its triple count."""

    body: IO[bytes]
    size: int
    triples: int


def classify(iri: str) -> PlannedGraph:
    """Tell what a named graph of a build holds, from its IRI."""
    if iri == str(ONTOLOGY_GRAPH):
        return PlannedGraph(iri, "ontology")
    if iri == str(INFERRED_ONTOLOGY_GRAPH):
        return PlannedGraph(iri, "inferred ontology")
    if iri.startswith(_INFERRED):
        return PlannedGraph(iri, "inferred case", iri[len(_INFERRED) :])
    if iri.startswith(_GRAPH):
        return PlannedGraph(iri, "case", iri[len(_GRAPH) :])
    return PlannedGraph(iri, "other")


def plan(store: ox.Store, selection: str = "all") -> list[PlannedGraph]:
    """The named graphs of ``store`` to push for ``selection`` (one of :data:`SELECTIONS`), in push order."""
    graphs = [classify(node.value) for node in store.named_graphs() if isinstance(node, ox.NamedNode)]
    if selection == "case":
        graphs = [graph for graph in graphs if graph.kind == "case"]
    rank = {"ontology": 0, "inferred ontology": 1, "case": 2, "inferred case": 2, "other": 3}
    return sorted(graphs, key=lambda g: (rank[g.kind], g.case or "", g.kind != "case", g.iri))


@contextmanager
def serialized(store: ox.Store, graph: str, fmt: str = "turtle") -> Iterator[Payload]:
    """Serialize one named graph of ``store`` as ``fmt`` (a key of :data:`FORMATS`); the file is removed afterwards."""
    rdf_format, _media_type = FORMATS[fmt]
    count = 0

    def triples() -> Iterator[ox.Triple]:
        nonlocal count
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            count += 1
            yield quad.triple

    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as body:
        prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
        ox.serialize(triples(), body, format=rdf_format, prefixes=prefixes)
        size = body.tell()
        body.seek(0)
        yield Payload(body, size, count)
