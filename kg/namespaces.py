"""The IRIs of the project: one base, two namespaces, one prefix map."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "CCK",
    "CCKD",
    "OBOINOWL",
    "SH",
    "ONTOLOGY_IRI",
    "ONTOLOGY_GRAPH",
    "INFERRED_ONTOLOGY_GRAPH",
    "PREFIXES",
    "case_iri",
    "graph_iri",
    "inferred_graph_iri",
    "GRAPH_BASE",
    "INFERRED_GRAPH_BASE",
    "is_case_graph",
    "inferred_graph_for",
    "bind_prefixes",
]

BASE = "https://w3id.org/calcinosis-kg/"


class _Namespace(Namespace):
    """A namespace that hands out one IRI object per name: building a case graph asks for the same names thousands of times."""

    def term(self, name: str) -> URIRef:
        key = (str(self), name)
        found = _TERMS.get(key)
        if found is None:
            found = _TERMS[key] = super().term(name)
        return found


_TERMS: dict[tuple[str, str], URIRef] = {}

CCK = _Namespace(BASE + "ontology/")
"""Ontology terms, classes and properties."""
CCKD = Namespace(BASE + "data/")  # case IRIs are many and used a few times each: not remembered
"""Individuals built from the case records."""
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONTOLOGY_IRI = BASE + "ontology"
ONTOLOGY_GRAPH = CCKD["graph/ontology"]
"""The named graph holding the ontology as asserted."""
INFERRED_ONTOLOGY_GRAPH = CCKD["graph/inferred/ontology"]
"""The named graph holding what the reasoner adds to the ontology; cases get ``graph/inferred/<case id>``."""

PREFIXES: dict[str, str] = {
    "cck": str(CCK),
    "cckd": str(CCKD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "oboInOwl": str(OBOINOWL),
    "sh": str(SH),
}


GRAPH_BASE = str(CCKD["graph/"])
"""Every named graph of a build starts so: the ontology's, each case's and the inferred ones."""
INFERRED_GRAPH_BASE = str(CCKD["graph/inferred/"])
"""The named graphs of what the reasoner adds start so."""


def case_iri(case_id: str, *parts: str) -> str:
    """Return the IRI of a case's individual, e.g. ``case_iri("bender-2024", "fact", "dx")``."""
    return str(CCKD["/".join((case_id, *parts))])


def graph_iri(case_id: str) -> str:
    """Return the IRI of the named graph holding one case report's triples."""
    return str(CCKD["graph/" + case_id])


def inferred_graph_iri(case_id: str) -> str:
    """Return the IRI of the named graph holding what the reasoner inferred for one case."""
    return str(CCKD["graph/inferred/" + case_id])


def is_case_graph(iri: str) -> bool:
    """True for the IRI of a case report's asserted graph (not the ontology's, not an inferred one)."""
    return iri.startswith(GRAPH_BASE) and not iri.startswith(INFERRED_GRAPH_BASE) and iri != str(ONTOLOGY_GRAPH)


def inferred_graph_for(graph: str) -> str:
    """The inferred graph that goes with an asserted graph (a case's or the ontology's)."""
    if not graph.startswith(GRAPH_BASE) or graph.startswith(INFERRED_GRAPH_BASE):
        raise ValueError(f"not an asserted graph of a build: {graph}")
    return INFERRED_GRAPH_BASE + graph[len(GRAPH_BASE) :]


def bind_prefixes(graph: Graph) -> None:
    """Bind the project's prefix map on an rdflib graph or dataset."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
