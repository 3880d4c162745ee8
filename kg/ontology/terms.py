"""Load the ontology modules with rdflib and look terms up by name and branch.

A term is named by its local name (``Heparin``), its CURIE (``cck:Heparin``)
or, for terms of a standard vocabulary, by the standard id
(``MONDO:0005015``, see :mod:`kg.vocab`). A standard id resolves, in order:

1. to the project term that cross-references it (``oboInOwl:hasDbXref``), when
   exactly one does: the graph keeps one node per concept;
2. to the imported class of that id, when the index's graph holds an import
   module (:meth:`TermIndex.with_imports`);
3. to the term as the shipped reference tables describe it, read on first use
   (the tables are not loaded until a standard id is seen).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import OntologyError
from kg.namespaces import CCK, OBOINOWL, bind_prefixes
from kg.ontology.turtle import load_turtle_folder
from kg.resources import ontology_dir

__all__ = ["BRANCHES", "Term", "TermIndex", "load_ontology_graph"]

BRANCHES: tuple[str, ...] = ("Condition", "ClinicalFinding", "AnatomicSite", "Drug", "Procedure", "Organism")
"""Local names of the roots of the domain-term branches."""


def load_ontology_graph(folder: Path | None = None) -> Graph:
    """Parse every ``*.ttl`` module of the ontology folder into one graph."""
    return load_turtle_folder(folder or ontology_dir(), "ontology modules")


@dataclass(frozen=True)
class Term:
    """One named class of the ontology (or an imported standard term) with its labels and cross-references."""

    iri: URIRef
    label: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    ancestors: frozenset[URIRef] = field(default_factory=frozenset)

    @property
    def local_name(self) -> str:
        """The name a record uses: the local name of a project term, the standard id of an imported one."""
        if self.iri.startswith(str(CCK)):
            return str(self.iri)[len(str(CCK)) :]
        from kg.vocab.curies import curie_for

        return curie_for(str(self.iri)) or str(self.iri)

    def is_a(self, other: URIRef) -> bool:
        """True if this term is ``other`` or a subclass of it."""
        return self.iri == other or other in self.ancestors


class TermIndex:
    """The named classes of the ontology, with their superclasses and labels; standard terms on demand."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._standard: dict[str, Term | None] = {}

    @classmethod
    def load(cls, folder: Path | None = None, imports: Path | None = None) -> TermIndex:
        """The ontology modules of ``folder`` (default: the bundled ones), and an import module file if given."""
        graph = load_ontology_graph(folder)
        if imports is not None:
            try:
                graph.parse(imports, format="turtle")
            except Exception as exc:  # rdflib raises many parser error types
                raise OntologyError(f"{imports}: cannot parse Turtle: {exc}") from exc
        return cls(graph)

    def with_imports(self, imports: Graph) -> TermIndex:
        """An index over this ontology and an import module (itself when the module is empty)."""
        if len(imports) == 0:
            return self
        graph = Graph()
        bind_prefixes(graph)
        graph += self.graph
        graph += imports
        return TermIndex(graph)

    @cached_property
    def terms(self) -> dict[URIRef, Term]:
        g = self.graph
        parents: dict[URIRef, set[URIRef]] = {}
        for cls_ in g.subjects(RDF.type, OWL.Class):
            if isinstance(cls_, URIRef):
                parents[cls_] = {p for p in g.objects(cls_, RDFS.subClassOf) if isinstance(p, URIRef)}
        terms = {}
        for iri in parents:
            xrefs = list(g.objects(iri, OBOINOWL.hasDbXref))
            if not iri.startswith(str(CCK)):
                xrefs += g.objects(iri, OBOINOWL.id)  # an imported term: its own id
            terms[iri] = Term(
                iri=iri,
                label=str(g.value(iri, RDFS.label) or ""),
                synonyms=_literals(g.objects(iri, SKOS.altLabel)),
                abbreviations=_literals(g.objects(iri, CCK.abbreviation)),
                xrefs=_literals(xrefs),
                ancestors=frozenset(_ancestors(iri, parents)),
            )
        return terms

    @cached_property
    def mapped_ids(self) -> dict[str, URIRef]:
        """Standard ids cross-referenced by exactly one project term, and that term: a record's id resolves to it."""
        found: dict[str, set[URIRef]] = defaultdict(set)
        for iri, term in self.terms.items():
            if iri.startswith(str(CCK)):
                for xref in term.xrefs:
                    found[xref].add(iri)
        return {xref: next(iter(iris)) for xref, iris in sorted(found.items()) if len(iris) == 1}

    def resolve(self, name: str) -> Term | None:
        """Find a term by local name (``Heparin``), CURIE (``cck:Heparin``) or standard id (``MONDO:0005015``)."""
        if ":" in name and not name.startswith("cck:"):
            return self._resolve_standard(name)
        local = name[4:] if name.startswith("cck:") else name
        return self.terms.get(CCK[local])

    def imported_ids(self, ids: Iterable[str]) -> tuple[str, ...]:
        """The standard ids among ``ids`` that name a term to import (known, and no project term's xref), sorted."""
        found = ((name, self.resolve(name)) for name in set(ids) if ":" in name and not name.startswith("cck:"))
        return tuple(sorted(name for name, term in found if term is not None and not term.iri.startswith(str(CCK))))

    def namesakes(self, name: str) -> tuple[Term, ...]:
        """Project terms whose label or synonym is the label of the standard term ``name``: likely the same concept."""
        term = self.resolve(name)
        if term is None or term.iri.startswith(str(CCK)):
            return ()
        return tuple(self._project_names.get(term.label.casefold(), ()))

    @cached_property
    def _project_names(self) -> dict[str, list[Term]]:
        names: dict[str, list[Term]] = defaultdict(list)
        for iri, term in sorted(self.terms.items()):
            if iri.startswith(str(CCK)):
                for text in dict.fromkeys(t.casefold() for t in (term.label, *term.synonyms) if t):
                    names[text].append(term)
        return names

    def in_branch(self, name: str, *branches: str) -> bool:
        """True if ``name`` is a term under one of the given branch roots (local names)."""
        term = self.resolve(name)
        return term is not None and any(term.is_a(CCK[b]) for b in branches)

    def branch_of(self, term: Term) -> str | None:
        """The local name of the domain branch a term belongs to, if any."""
        return next((b for b in BRANCHES if term.is_a(CCK[b])), None)

    def _resolve_standard(self, curie: str) -> Term | None:
        if curie in self._standard:
            return self._standard[curie]
        from kg.vocab.curies import is_standard_id

        found: Term | None = None
        if is_standard_id(curie):
            mapped = self.mapped_ids.get(curie)
            if mapped is not None:
                found = self.terms[mapped]
            else:
                from kg.vocab.sources import iri_for

                found = self.terms.get(URIRef(iri_for(curie))) or self._reference_term(curie)
        self._standard[curie] = found
        return found

    def _reference_term(self, curie: str) -> Term | None:
        """The standard term as the shipped reference tables describe it, placed as an import would place it."""
        from kg.vocab import import_closure, iri_for, load_terms, source_of, synonym_property

        table = load_terms()
        if curie not in table:
            return None
        placed = table[curie]
        texts: dict[str, set[str]] = defaultdict(set)
        for synonym in placed.term.synonyms:
            prop = synonym_property(synonym, placed.term.label)
            if prop is not None:
                texts[prop].add(synonym.text)
        source = source_of(curie)
        assert source is not None
        ancestors: set[URIRef] = {CCK[placed.branch]}
        root = self.terms.get(CCK[placed.branch])
        if root is not None:
            ancestors |= root.ancestors
        if source.parent_axiom == "subClassOf":  # part-of parents (Uberon) are not superclasses
            ancestors |= {URIRef(iri_for(i)) for i in import_closure([curie], table) if i != curie}
        return Term(
            iri=URIRef(iri_for(curie)),
            label=placed.term.label,
            synonyms=tuple(sorted(texts["skos:altLabel"])),
            abbreviations=tuple(sorted(texts["cck:abbreviation"])),
            xrefs=(curie,),
            ancestors=frozenset(ancestors),
        )


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
