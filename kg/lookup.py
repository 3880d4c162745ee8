"""Resolve what a user types for a term (IRI, CURIE, local name, label, synonym) to its IRI.

Covers the ontology's named classes (through :class:`kg.terms.TermIndex`) and
its named individuals, the value sets such as ``cck:Absent`` or ``cck:Female``.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from functools import cached_property

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .errors import QueryError
from .namespaces import CCK, PREFIXES
from .terms import TermIndex

__all__ = ["TermLookup", "expand_curie"]


def expand_curie(value: str) -> str | None:
    """The IRI of ``<iri>``, ``http(s)://...`` or ``prefix:local`` with a declared prefix; else None."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if value.startswith(("http://", "https://", "urn:")):
        return value
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class TermLookup:
    """Names of the ontology's classes and named individuals, by tier: labels before synonyms."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index

    @cached_property
    def known(self) -> dict[URIRef, str]:
        """Every resolvable IRI with its label."""
        found = {iri: term.label for iri, term in self.index.terms.items()}
        graph = self.index.graph
        for individual in graph.subjects(RDF.type, OWL.NamedIndividual):
            if isinstance(individual, URIRef):
                found[individual] = str(graph.value(individual, RDFS.label) or "")
        return found

    @cached_property
    def _tiers(self) -> tuple[dict[str, set[URIRef]], dict[str, set[URIRef]]]:
        labels: dict[str, set[URIRef]] = defaultdict(set)
        others: dict[str, set[URIRef]] = defaultdict(set)
        graph = self.index.graph
        for iri, label in self.known.items():
            if label:
                labels[_key(label)].add(iri)
            for prop in (SKOS.altLabel, CCK.abbreviation):
                for name in graph.objects(iri, prop):
                    others[_key(str(name))].add(iri)
        return dict(labels), dict(others)

    def resolve(self, value: str) -> URIRef:
        """The IRI ``value`` names; QueryError if it names nothing or more than one term."""
        iri = expand_curie(value)
        if iri is not None:
            if URIRef(iri) in self.known:
                return URIRef(iri)
            raise QueryError(f"unknown term {value!r}: no ontology term has this IRI")
        if value.strip().isidentifier() and CCK[value.strip()] in self.known:
            return CCK[value.strip()]
        key = _key(value)
        for tier in self._tiers:
            matches = tier.get(key, set())
            if len(matches) == 1:
                return next(iter(matches))
            if len(matches) > 1:
                names = ", ".join(sorted(f"cck:{str(m)[len(str(CCK)):]} ({self.known[m]})" for m in matches))
                raise QueryError(f"ambiguous term {value!r}: it names {names}; give the CURIE instead")
        close = difflib.get_close_matches(key, [k for tier in self._tiers for k in tier], n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(f"unknown term {value!r}: no ontology label, synonym or CURIE matches it{hint}")
