"""Validate one case graph at a time in one reused in-memory store: the design the build replaced by per-batch stores."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.build.shacl.compiler import CompiledShapes
from kg.build.shacl.issues import Issue
from kg.rdfterms import to_quads

__all__ = ["CaseValidator", "to_oxigraph"]


def to_oxigraph(graph: Graph, name: ox.NamedNode | None = None) -> list[ox.Quad]:
    """The triples of an rdflib graph as pyoxigraph quads in graph ``name`` (default graph if None)."""
    return to_quads(graph, name if name is not None else ox.DefaultGraph())


class CaseValidator:
    """Validate one case graph at a time, in an in-memory store that keeps the ontology loaded."""

    _GRAPH = ox.NamedNode("urn:x-kg:fastshacl:case")
    _ONTOLOGY = ox.NamedNode("urn:x-kg:fastshacl:ontology")

    def __init__(self, compiled: CompiledShapes, ontology: Graph | None = None) -> None:
        self.compiled = compiled
        self.store = ox.Store()
        if ontology is not None:
            self.store.extend(to_oxigraph(ontology, self._ONTOLOGY))

    def validate(self, data: Graph) -> tuple[Issue, ...]:
        """The issues of one case graph (with the ontology mixed in), as :func:`kg.reference.pyshacl.validate_case` gives them."""
        self.store.extend(to_oxigraph(data, self._GRAPH))
        try:
            return self.compiled.validate_store(self.store)
        finally:
            self.store.clear_graph(self._GRAPH)
