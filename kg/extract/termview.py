"""What the fact rules ask of the ontology, answered once per extractor and cached.

``is_a`` for project terms (a standard id is never looked up here, so the
reference tables are not loaded while drafting), the part-of closure of the
anatomic sites, and the grouping terms not proposed as facts.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDFS

from kg.namespaces import CCK
from kg.ontology.terms import TermIndex

__all__ = ["TermView"]


class TermView:
    """Cached ontology questions for the fact rules."""

    def __init__(self, terms: TermIndex, generic: frozenset[str]) -> None:
        self.terms = terms
        self.generic = generic
        self._is_a: dict[tuple[str, str], bool] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self.part_of = _part_of_closure(terms)

    def is_a(self, term: str, ancestor: str) -> bool:
        """True if the project term ``term`` is ``ancestor`` or under it; False for a standard id."""
        key = (term, ancestor)
        if key not in self._is_a:
            found = None if ":" in term else self.terms.resolve(term)
            self._is_a[key] = found is not None and found.is_a(CCK[ancestor])
        return self._is_a[key]

    def ancestors(self, term: str) -> frozenset[str]:
        """Local names of the ancestors of a project term (empty for a standard id)."""
        if term not in self._ancestors:
            found = None if ":" in term else self.terms.resolve(term)
            self._ancestors[term] = frozenset(str(a).rsplit("/", 1)[-1] for a in found.ancestors) if found else frozenset()
        return self._ancestors[term]

    def is_regional(self, site: str) -> bool:
        """A body region (part of another site), as opposed to a tissue layer such as skin or subcutis."""
        return bool(self.part_of.get(site, set()) - {"AnatomicSite", "Term"})


def _part_of_closure(terms: TermIndex) -> dict[str, set[str]]:
    """For each anatomic site, every site it is part of or a kind of (transitively)."""
    graph = terms.graph
    parents: dict[str, set[str]] = {}
    for term in terms.terms.values():
        if terms.branch_of(term) != "AnatomicSite" or not str(term.iri).startswith(str(CCK)):
            continue
        ups = {str(a).rsplit("/", 1)[-1] for a in term.ancestors}
        for restriction in graph.objects(term.iri, RDFS.subClassOf):
            if not isinstance(restriction, URIRef) and graph.value(restriction, OWL.onProperty) == CCK.partOf:
                target = graph.value(restriction, OWL.someValuesFrom)
                if target is not None:
                    ups.add(str(target).rsplit("/", 1)[-1])
        parents[term.local_name] = ups
    closure: dict[str, set[str]] = {}
    for name in parents:
        seen: set[str] = set()
        stack = list(parents[name])
        while stack:
            up = stack.pop()
            if up not in seen:
                seen.add(up)
                stack.extend(parents.get(up, ()))
        closure[name] = seen
    return closure
