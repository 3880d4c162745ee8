"""Quality checks on the ontology, in the spirit of ROBOT's ``report`` and ``reason``.

Errors (the report fails): a class without exactly one label or one definition,
a domain term without a named parent, a label, synonym or abbreviation shared by
two domain terms (text matching would be ambiguous), a malformed cross-reference,
an inconsistent ontology or an unsatisfiable class. Warnings: a domain term
without cross-reference, a cross-reference with a prefix outside the usual
registries, a class label also used by a property.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import CCK
from kg.ontology.hermit import check_consistency
from kg.ontology.terms import BRANCHES, TermIndex, load_ontology_graph
from kg.resources import ontology_dir

__all__ = ["Problem", "CORE_MODULE", "KNOWN_PREFIXES", "check_ontology", "render"]

CORE_MODULE = "core.ttl"
"""The module that declares top-level classes; classes elsewhere need a named parent."""
KNOWN_PREFIXES = frozenset({"MONDO", "HP", "UBERON", "CHEBI", "DRUGBANK", "RXNORM", "NCIT", "SCTID", "NCBITaxon", "PATO", "BFO", "DOID", "MESH"})
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_.]*):(?P<local>[A-Za-z0-9_.-]+)$")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the report."""

    severity: str
    check: str
    term: str
    message: str

    def line(self) -> str:
        return f"{self.severity.upper():7} {self.check:22} {self.term}: {self.message}"


def check_ontology(folder: Path | None = None, reason: bool = True) -> tuple[Problem, ...]:
    """Run every check on the ontology modules of ``folder``; HermiT too unless ``reason`` is False."""
    folder = folder or ontology_dir()
    graph = load_ontology_graph(folder)
    index = TermIndex(graph)
    problems = [
        *_annotation_problems(graph),
        *_parent_problems(folder),
        *_duplicate_problems(index),
        *_xref_problems(index),
        *_property_label_problems(graph),
    ]
    if reason:
        problems.extend(_reasoner_problems(graph))
    return tuple(sorted(problems, key=lambda p: (p.severity != "error", p.check, p.term, p.message)))


def render(problems: tuple[Problem, ...]) -> str:
    """The report as text: one line per problem and a count."""
    errors = sum(1 for p in problems if p.severity == "error")
    lines = [p.line() for p in problems]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s)")
    return "\n".join(lines) + "\n"


def _short(iri: object) -> str:
    text = str(iri)
    return "cck:" + text[len(str(CCK)) :] if text.startswith(str(CCK)) else text


def _classes(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))


def _annotation_problems(graph: Graph) -> Iterator[Problem]:
    for cls in _classes(graph):
        labels = list(graph.objects(cls, RDFS.label))
        definitions = list(graph.objects(cls, SKOS.definition))
        if len(labels) != 1:
            yield Problem("error", "label", _short(cls), f"has {len(labels)} labels (needs exactly one)")
        elif not str(labels[0]).strip() or str(labels[0]) != str(labels[0]).strip():
            yield Problem("error", "label", _short(cls), f"label {str(labels[0])!r} is empty or has surrounding spaces")
        if len(definitions) != 1:
            yield Problem("error", "definition", _short(cls), f"has {len(definitions)} definitions (needs exactly one)")


def _parent_problems(folder: Path) -> Iterator[Problem]:
    for path in sorted(folder.glob("*.ttl")):
        if path.name == CORE_MODULE:
            continue
        module = Graph().parse(path, format="turtle")
        for cls in _classes(module):
            parents = [p for p in module.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef)]
            if not parents:
                yield Problem("error", "missing_parent", _short(cls), f"has no named superclass in {path.name}")


def _duplicate_problems(index: TermIndex) -> Iterator[Problem]:
    owners: dict[str, set[str]] = defaultdict(set)
    for term in index.terms.values():
        if index.branch_of(term) is None:
            continue
        for name in {term.label, *term.synonyms, *term.abbreviations}:
            if name:
                owners[name.casefold()].add(_short(term.iri))
    for name, terms in sorted(owners.items()):
        if len(terms) > 1:
            yield Problem("error", "duplicate_name", ", ".join(sorted(terms)), f"share the label or synonym {name!r}")


def _xref_problems(index: TermIndex) -> Iterator[Problem]:
    roots = {CCK[b] for b in BRANCHES}
    for term in sorted(index.terms.values(), key=lambda t: str(t.iri)):
        for xref in term.xrefs:
            match = _CURIE.match(xref)
            if not match:
                yield Problem("error", "malformed_xref", _short(term.iri), f"cross-reference {xref!r} is not a CURIE (PREFIX:ID)")
            elif match["prefix"] not in KNOWN_PREFIXES:
                yield Problem(
                    "warning", "unknown_xref_prefix", _short(term.iri), f"cross-reference prefix {match['prefix']!r} is not a usual registry"
                )
        if index.branch_of(term) and term.iri not in roots and not term.xrefs:
            yield Problem("warning", "missing_xref", _short(term.iri), "has no cross-reference to a standard identifier")


def _property_label_problems(graph: Graph) -> Iterator[Problem]:
    property_labels: dict[str, URIRef] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            for label in graph.objects(prop, RDFS.label):
                if isinstance(prop, URIRef):
                    property_labels[str(label).casefold()] = prop
    for cls in _classes(graph):
        for label in graph.objects(cls, RDFS.label):
            same = property_labels.get(str(label).casefold()) if isinstance(label, Literal) else None
            if same is not None:
                yield Problem("warning", "label_shared_with_property", _short(cls), f"label {str(label)!r} is also the label of {_short(same)}")


def _reasoner_problems(graph: Graph) -> Iterator[Problem]:
    report = check_consistency(graph)
    if not report.consistent:
        yield Problem("error", "inconsistent", "ontology", report.explanation)
    for iri in report.unsatisfiable:
        yield Problem("error", "unsatisfiable", _short(iri), "is unsatisfiable (equivalent to owl:Nothing)")
