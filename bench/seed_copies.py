"""Corpora for the benchmarks: copies of the seed case graphs, each under a fresh case id.

Case ``bender-2024`` becomes ``bender-2024-s00042``, so every copy is the size
and shape of a seed case. Imported by the benchmark scripts beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef

from kg.namespaces import CCKD
from kg.ontology.terms import TermIndex
from kg.records.reader import record_files
from kg.reference.records import read_records, record_graph
from kg.resources import bundled_data_dir

__all__ = ["seed_graphs", "synthetic_cases"]


def seed_graphs(terms: TermIndex) -> list[tuple[str, Graph]]:
    """The bundled records' case graphs, by case id."""
    return [(record.id, record_graph(record, terms)) for _, record in read_records(record_files(bundled_data_dir()), terms)]


def synthetic_cases(seeds: list[tuple[str, Graph]], count: int) -> Iterator[Graph]:
    """``count`` copies of the seed cases, each under its own case id."""
    templates = [(case_id, list(graph), str(graph.identifier)) for case_id, graph in seeds]
    for index in range(count):
        case_id, triples, graph_iri = templates[index % len(templates)]
        old, new = f"{CCKD}{case_id}", f"{CCKD}{case_id}-s{index:05d}"
        graph = Graph(identifier=URIRef(f"{graph_iri}-s{index:05d}"))
        for s, p, o in triples:
            s = URIRef(s.replace(old, new, 1)) if s.startswith(old) else s
            o = URIRef(o.replace(old, new, 1)) if isinstance(o, URIRef) and o.startswith(old) else o
            graph.add((s, p, o))
        yield graph
