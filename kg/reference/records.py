"""Records and case graphs the simple way: one record after another, one rdflib graph per case."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from kg.build.triples import TitleReader, record_triples
from kg.errors import RecordError
from kg.namespaces import bind_prefixes, graph_iri
from kg.ontology.terms import TermIndex
from kg.records.model import Record
from kg.records.reader import read_record

__all__ = ["read_records", "record_graph"]


def read_records(paths: Iterable[Path], terms: TermIndex) -> Iterator[tuple[Path, Record]]:
    """Read records one by one, refusing a case id used by two files."""
    seen: dict[str, Path] = {}
    for path in paths:
        record = read_record(path, terms)
        if record.id in seen:
            raise RecordError(str(path), record.id, "id", f"duplicate case id, also used by {seen[record.id]}")
        seen[record.id] = path
        yield path, record


def record_graph(record: Record, terms: TermIndex, read_title: TitleReader | None = None) -> Graph:
    """The named graph of one case report, as an rdflib graph."""
    graph = Graph(identifier=URIRef(graph_iri(record.id)))
    bind_prefixes(graph)
    for triple in record_triples(record, terms, read_title):
        graph.add(triple)
    return graph
