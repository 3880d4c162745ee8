"""The ontology's hierarchies beyond subclass links: which anatomic sites each site is part of."""

from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDFS

from kg.namespaces import CCK

__all__ = ["part_of_closure"]


def part_of_closure(ontology: Graph, superclasses: dict[URIRef, frozenset[URIRef]]) -> dict[URIRef, frozenset[URIRef]]:
    """Every site each site is part of: told part-of axioms, through subclasses and transitivity."""
    told: dict[URIRef, set[URIRef]] = defaultdict(set)
    for cls, restriction in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(restriction, BNode) and (restriction, OWL.onProperty, CCK.partOf) in ontology:
            whole = ontology.value(restriction, OWL.someValuesFrom)
            if isinstance(cls, URIRef) and isinstance(whole, URIRef):
                told[cls].add(whole)
    closure: dict[URIRef, frozenset[URIRef]] = {}

    def wholes(site: URIRef, seen: frozenset[URIRef]) -> frozenset[URIRef]:
        if site in closure:
            return closure[site]
        found: set[URIRef] = set()
        for ancestor in superclasses.get(site, frozenset({site})):
            for whole in told.get(ancestor, ()):
                if whole not in seen:
                    found.add(whole)
                    found |= wholes(whole, seen | {whole})
        closure[site] = frozenset(found)
        return closure[site]

    for site in list(superclasses):
        wholes(site, frozenset({site}))
    return {site: parts for site, parts in closure.items() if parts}
