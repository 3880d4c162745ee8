"""Read a folder of Turtle files into one rdflib graph: the loader of the ontology modules and of the shapes."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import OntologyError
from kg.namespaces import bind_prefixes

__all__ = ["load_turtle_folder"]


def load_turtle_folder(folder: Path, what: str) -> Graph:
    """Parse every ``*.ttl`` file of ``folder`` (not its subfolders) into one graph with the project's prefixes.

    ``what`` names the files in errors ("ontology modules", "SHACL shapes").
    """
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise OntologyError(f"{folder}: no {what} (*.ttl) found")
    graph = Graph()
    bind_prefixes(graph)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser error types
            raise OntologyError(f"{path}: cannot parse Turtle: {exc}") from exc
    return graph
