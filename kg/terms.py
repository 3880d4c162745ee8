"""Load the ontology modules with rdflib and look terms up by name and branch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .errors import OntologyError
from .namespaces import CCK, OBOINOWL, bind_prefixes
from .resources import ontology_dir

__all__ = ["BRANCHES", "Term", "TermIndex", "load_ontology_graph"]

BRANCHES: tuple[str, ...] = ("Condition", "ClinicalFinding", "AnatomicSite", "Drug", "Procedure", "Organism")
"""Local names of the roots of the domain-term branches."""


def load_ontology_graph(folder: Path | None = None) -> Graph:
    """Parse every ``*.ttl`` module of the ontology folder into one graph."""
    folder = folder or ontology_dir()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise OntologyError(f"{folder}: no ontology modules (*.ttl) found")
    graph = Graph()
    bind_prefixes(graph)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser error types
            raise OntologyError(f"{path}: cannot parse Turtle: {exc}") from exc
    return graph


@dataclass(frozen=True)
class Term:
    """One named class of the ontology with its labels and cross-references."""

    iri: URIRef
    label: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    ancestors: frozenset[URIRef] = field(default_factory=frozenset)

    @property
    def local_name(self) -> str:
        return str(self.iri)[len(str(CCK)) :]

    def is_a(self, other: URIRef) -> bool:
        """True if this term is ``other`` or a subclass of it."""
        return self.iri == other or other in self.ancestors


class TermIndex:
    """The named classes of the ontology, with their superclasses and labels."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    @classmethod
    def load(cls, folder: Path | None = None) -> "TermIndex":
        return cls(load_ontology_graph(folder))

    @cached_property
    def terms(self) -> dict[URIRef, Term]:
        g = self.graph
        parents: dict[URIRef, set[URIRef]] = {}
        for cls_ in g.subjects(RDF.type, OWL.Class):
            if isinstance(cls_, URIRef):
                parents[cls_] = {p for p in g.objects(cls_, RDFS.subClassOf) if isinstance(p, URIRef)}
        terms = {}
        for iri in parents:
            terms[iri] = Term(
                iri=iri,
                label=str(g.value(iri, RDFS.label) or ""),
                synonyms=_literals(g.objects(iri, SKOS.altLabel)),
                abbreviations=_literals(g.objects(iri, CCK.abbreviation)),
                xrefs=_literals(g.objects(iri, OBOINOWL.hasDbXref)),
                ancestors=frozenset(_ancestors(iri, parents)),
            )
        return terms

    def resolve(self, name: str) -> Term | None:
        """Find a term by local name (``Heparin``) or CURIE (``cck:Heparin``)."""
        local = name[4:] if name.startswith("cck:") else name
        return self.terms.get(CCK[local])

    def in_branch(self, name: str, *branches: str) -> bool:
        """True if ``name`` is a term under one of the given branch roots (local names)."""
        term = self.resolve(name)
        return term is not None and any(term.is_a(CCK[b]) for b in branches)

    def branch_of(self, term: Term) -> str | None:
        """The local name of the domain branch a term belongs to, if any."""
        return next((b for b in BRANCHES if term.is_a(CCK[b])), None)


def _literals(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values))


def _ancestors(iri: URIRef, parents: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen: set[URIRef] = set()
    stack = list(parents.get(iri, ()))
    while stack:
        parent = stack.pop()
        if parent not in seen:
            seen.add(parent)
            stack.extend(parents.get(parent, ()))
    return seen
