"""Resolve what a user types for a term (IRI, CURIE, local name, label, synonym) to its IRI.

Covers the ontology's named classes (through :class:`kg.ontology.terms.TermIndex`),
its named individuals, the value sets such as ``cck:Absent`` or ``cck:Female``,
and standard terms by id (``MONDO:0005015``) or IRI: a standard id that a
project term cross-references resolves to the project term, as in records.
Labels and synonyms of standard terms resolve when the index holds the build's
import module (``TermIndex.load(imports=out/imports.ttl)``).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from functools import cached_property

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import QueryError
from kg.namespaces import CCK, PREFIXES
from kg.ontology.terms import TermIndex

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


def _curie(iri: URIRef) -> str:
    """``cck:Heparin`` for a project IRI, the standard id for an imported term, else ``<iri>``."""
    if iri.startswith(str(CCK)):
        return f"cck:{str(iri)[len(str(CCK)) :]}"
    from kg.vocab.curies import curie_for

    return curie_for(str(iri)) or f"<{iri}>"


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
        standard = self._standard(value.strip())
        if standard is not None:
            return standard
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
                names = ", ".join(sorted(f"{_curie(m)} ({self.known[m]})" for m in matches))
                raise QueryError(f"ambiguous term {value!r}: it names {names}; give the CURIE instead")
        close = difflib.get_close_matches(key, [k for tier in self._tiers for k in tier], n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(f"unknown term {value!r}: no ontology label, synonym or CURIE matches it{hint}")

    def _standard(self, value: str) -> URIRef | None:
        """The IRI of a standard term named by its id or IRI (None if ``value`` is neither); QueryError if unknown."""
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        if value.startswith(("http://", "https://")):
            from kg.vocab.curies import curie_for

            curie = curie_for(value)
            if curie is None:
                return None
        elif ":" in value and value.split(":", 1)[0].isupper():
            curie = value
        else:
            return None
        from kg.vocab.curies import is_standard_id

        if not is_standard_id(curie):
            return None
        term = self.index.resolve(curie)
        if term is None:
            raise QueryError(f"unknown term {value!r}: not in the ontology or the standard vocabularies")
        return term.iri
