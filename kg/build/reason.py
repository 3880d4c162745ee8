"""Reasoning: classify the ontology once with HermiT, then infer case by case.

HermiT (through :mod:`kg.owl`) classifies the ontology: every named class gets
its inferred named superclasses, and unsatisfiable classes stop the build. Case
data is then reasoned over one case at a time in Python, by evaluating the
ontology's defined classes, inverse properties and property chains against the
classified hierarchy. The defined classes are kept to a fragment where this
evaluation is exact (see ``ontology/core.ttl``); ``tests/test_reason.py``
checks that it infers the same memberships as HermiT over the whole graph.

Facts point to terms by class IRI (``?dx cck:hasSite cck:Thigh``). For
reasoning, such a link means "the fact has a site that is a thigh", the
existential ``hasSite some Thigh``; that is how :func:`owl_view` hands the
data to HermiT, and how :func:`infer_case` reads it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.errors import InconsistentCase, OntologyError
from kg.namespaces import CCKD, inferred_graph_for
from kg.ontology.hermit import classify_named
from kg.ontology.hierarchy import part_of_closure

__all__ = [
    "Restriction",
    "DefinedClass",
    "Classification",
    "PlainModel",
    "CaseInference",
    "InconsistentCase",
    "classify",
    "infer_case",
    "infer_triples",
    "superclass_table",
    "superclasses_from_table",
]


@dataclass(frozen=True)
class Restriction:
    """``p some C`` or ``p value i`` (``inverse`` reads ``p`` backwards)."""

    prop: URIRef
    kind: str
    filler: URIRef
    inverse: bool = False


@dataclass(frozen=True)
class DefinedClass:
    """A class equivalent to an intersection of named classes and restrictions."""

    iri: URIRef
    named: frozenset[URIRef]
    restrictions: tuple[Restriction, ...]


@dataclass(frozen=True)
class Classification:
    """What the case-by-case reasoner needs from the classified ontology."""

    superclasses: dict[URIRef, frozenset[URIRef]]
    individual_types: dict[URIRef, frozenset[URIRef]]
    defined: tuple[DefinedClass, ...]
    inverses: dict[URIRef, URIRef]
    chains: tuple[tuple[URIRef, tuple[URIRef, URIRef]], ...]
    disjoint: tuple[frozenset[URIRef], ...]
    functional: frozenset[URIRef]
    different: frozenset[URIRef]
    part_of: dict[URIRef, frozenset[URIRef]]

    @cached_property
    def plain(self) -> PlainModel:
        """This classification with plain-string IRIs, for the case-by-case reasoner (made on first use)."""
        return PlainModel.of(self)


@dataclass
class CaseInference:
    """The inferred triples of one case and, for each inferred membership, the facts behind it."""

    graph: Graph
    types: dict[URIRef, set[URIRef]]
    reasons: dict[tuple[URIRef, URIRef], tuple[URIRef, ...]] = field(default_factory=dict)


def classify(ontology: Graph, superclasses: dict[URIRef, frozenset[URIRef]] | None = None) -> Classification:
    """Classify the ontology with HermiT and read its defined classes and property axioms.

    ``superclasses``, HermiT's answer for this very ontology from an earlier
    build (see :func:`superclass_table`), skips the reasoner.
    """
    if superclasses is None:
        report, superclasses = classify_named(ontology)
        if not report.consistent:
            raise OntologyError(f"the ontology is inconsistent: {report.explanation}")
        if report.unsatisfiable:
            raise OntologyError("unsatisfiable classes in the ontology: " + ", ".join(report.unsatisfiable))
    individual_types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for ind, cls in ontology.subject_objects(RDF.type):
        if isinstance(ind, URIRef) and isinstance(cls, URIRef) and cls in superclasses:
            individual_types[ind].add(cls)
    for cls, members in _enumerations(ontology):
        for member in members:
            individual_types[member].add(cls)
    inverses: dict[URIRef, URIRef] = {}
    for p, q in ontology.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            inverses[p], inverses[q] = q, p
    return Classification(
        superclasses=superclasses,
        individual_types={i: frozenset(t) for i, t in individual_types.items()},
        defined=tuple(_defined_classes(ontology)),
        inverses=inverses,
        chains=tuple(_chains(ontology)),
        disjoint=tuple(_disjoint_groups(ontology)),
        functional=frozenset(p for p in ontology.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(p, URIRef)),
        different=frozenset(_all_different(ontology)),
        part_of=part_of_closure(ontology, superclasses),
    )


def superclass_table(model: Classification) -> dict[str, list[str]]:
    """HermiT's classification as plain data (class IRI to sorted superclass IRIs), to keep between builds."""
    return {str(cls): sorted(str(a) for a in ancestors) for cls, ancestors in sorted(model.superclasses.items())}


def superclasses_from_table(table: dict[str, list[str]]) -> dict[URIRef, frozenset[URIRef]]:
    """The inverse of :func:`superclass_table`."""
    return {URIRef(cls): frozenset(URIRef(a) for a in ancestors) for cls, ancestors in table.items()}


def infer_case(case: Graph, model: Classification) -> CaseInference:
    """Infer the class memberships and property values of one case graph.

    Returns only what is not asserted: the types from the class hierarchy and
    the defined classes, the inverse and chained property values.
    """
    links = {(str(s), str(p), str(o)) for s, p, o in case if isinstance(s, URIRef) and isinstance(o, URIRef)}
    subjects = {str(s) for s in case.subjects() if isinstance(s, URIRef)}
    inferred, types, reasons = _infer(subjects, links, model.plain)
    graph = Graph(identifier=URIRef(inferred_graph_for(str(case.identifier))))
    for s, p, o in inferred:
        graph.add((URIRef(s), URIRef(p), URIRef(o)))
    return CaseInference(
        graph=graph,
        types={URIRef(x): {URIRef(c) for c in classes} for x, classes in types.items()},
        reasons={(URIRef(x), URIRef(c)): tuple(URIRef(w) for w in found) for (x, c), found in reasons.items()},
    )


def infer_triples(triples: Iterable[tuple[ox.NamedNode, ox.NamedNode, object]], model: Classification) -> list[tuple[str, str, str]]:
    """What :func:`infer_case` infers, for a case given as pyoxigraph triples: the inferred triples as IRI strings, sorted."""
    links: set[tuple[str, str, str]] = set()
    subjects: set[str] = set()
    named = ox.NamedNode
    for s, p, o in triples:
        if type(s) is named:
            subjects.add(s.value)
            if type(o) is named:
                links.add((s.value, p.value, o.value))
    return sorted(_infer(subjects, links, model.plain)[0])


@dataclass(frozen=True)
class _PlainDefined:
    """A :class:`DefinedClass` with plain-string IRIs; a restriction is (property read forwards or None, kind, filler)."""

    iri: str
    named: frozenset[str]
    restrictions: tuple[tuple[str | None, str, str], ...]


@dataclass(frozen=True)
class PlainModel:
    """A :class:`Classification` with its IRIs as plain strings, for the case-by-case reasoner.

    rdflib's URIRef compares in Python; plain strings hash and compare in C.
    """

    superclasses: dict[str, frozenset[str]]
    individual_types: dict[str, frozenset[str]]
    defined: tuple[_PlainDefined, ...]
    inverses: dict[str, str]
    chains: tuple[tuple[str, tuple[str, str]], ...]
    disjoint: tuple[frozenset[str], ...]
    functional: frozenset[str]
    different: frozenset[str]

    @classmethod
    def of(cls, model: Classification) -> PlainModel:
        """The plain-string copy of ``model``."""

        def iris(values: Iterable[URIRef]) -> frozenset[str]:
            return frozenset(map(str, values))

        def restriction(r: Restriction) -> tuple[str | None, str, str]:
            prop = model.inverses.get(r.prop) if r.inverse else r.prop
            return (str(prop) if prop is not None else None), r.kind, str(r.filler)

        return cls(
            superclasses={str(c): iris(a) for c, a in model.superclasses.items()},
            individual_types={str(i): iris(t) for i, t in model.individual_types.items()},
            defined=tuple(_PlainDefined(str(d.iri), iris(d.named), tuple(map(restriction, d.restrictions))) for d in model.defined),
            inverses={str(p): str(q) for p, q in model.inverses.items()},
            chains=tuple((str(r), (str(a), str(b))) for r, (a, b) in model.chains),
            disjoint=tuple(map(iris, model.disjoint)),
            functional=iris(model.functional),
            different=iris(model.different),
        )

    def closure(self, classes: Iterable[str]) -> set[str]:
        """The named classes and all their inferred superclasses (owl:Thing left out)."""
        result: set[str] = set()
        for cls in classes:
            result |= self.superclasses.get(cls, frozenset({cls}))
        result.discard(_THING)
        return result


_THING = str(OWL.Thing)
_TYPE = str(RDF.type)
_INDIVIDUALS = str(CCKD)


def _infer(
    subjects: set[str], links: set[tuple[str, str, str]], model: PlainModel
) -> tuple[set[tuple[str, str, str]], dict[str, set[str]], dict[tuple[str, str], tuple[str, ...]]]:
    """Infer over a case given as its IRI subjects and its IRI-to-IRI triples."""
    edges = _edges(links, model)
    individuals = {s for s in subjects if s.startswith(_INDIVIDUALS)}
    asserted: dict[str, set[str]] = defaultdict(set)
    for s, p, o in links:
        if p == _TYPE and s in individuals:
            asserted[s].add(o)
    types: dict[str, set[str]] = {x: model.closure(asserted.get(x, ())) for x in individuals}
    reasons: dict[tuple[str, str], tuple[str, ...]] = {}
    changed = True
    while changed:
        changed = False
        for defined in model.defined:
            for x in individuals:
                classes = types[x]
                if defined.iri in classes or not defined.named <= classes:
                    continue
                witnesses = _satisfies(x, defined, types, edges, model)
                if witnesses is not None:
                    inherited = (w for named in sorted(defined.named) for w in reasons.get((x, named), ()))
                    witnesses = tuple(dict.fromkeys((*inherited, *witnesses)))
                    classes |= model.closure([defined.iri])
                    reasons[(x, defined.iri)] = witnesses
                    changed = True
    _check_consistency(types, edges, model)
    inferred: set[tuple[str, str, str]] = set()
    for x in individuals:
        for cls in types[x] - asserted.get(x, set()):
            inferred.add((x, _TYPE, cls))
    derived = set(model.inverses) | {result for result, _ in model.chains}
    for (s, p), objects in edges.items():
        if p in derived and s in individuals:
            for o in objects:
                if (s, p, o) not in links:
                    inferred.add((s, p, o))
    return inferred, types, reasons


def _edges(links: set[tuple[str, str, str]], model: PlainModel) -> dict[tuple[str, str], set[str]]:
    """Object property values of a case (its IRI-to-IRI triples), with inverse and chained values added."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    inverses = model.inverses
    for s, p, o in links:
        if p != _TYPE:
            edges[(s, p)].add(o)
            inverse = inverses.get(p)
            if inverse is not None:
                edges[(o, inverse)].add(s)
    for result, (first, second) in model.chains:
        for (s, p), middles in list(edges.items()):
            if p == first:
                for middle in middles:
                    edges[(s, result)] |= edges.get((middle, second), set())
    return edges


def _holds(value: str, cls: str, types: dict[str, set[str]], model: PlainModel) -> bool:
    if value in types:
        return cls in types[value]
    if value in model.superclasses:  # a term: "some individual of this class"
        return cls in model.superclasses[value]
    return cls in model.closure(model.individual_types.get(value, ()))


def _satisfies(
    x: str,
    defined: _PlainDefined,
    types: dict[str, set[str]],
    edges: dict[tuple[str, str], set[str]],
    model: PlainModel,
) -> tuple[str, ...] | None:
    """The witnesses that make ``x`` a member of ``defined``, or None."""
    witnesses: list[str] = []
    for prop, kind, filler in defined.restrictions:
        values = edges.get((x, prop), set()) if prop else set()
        if kind == "value":
            found = [v for v in values if v == filler]
        else:
            found = sorted(v for v in values if _holds(v, filler, types, model))
        if not found:
            return None
        witnesses.extend(found)
    return tuple(witnesses)


def _check_consistency(types: dict[str, set[str]], edges: dict[tuple[str, str], set[str]], model: PlainModel) -> None:
    problems = []
    for x, classes in types.items():
        for group in model.disjoint:
            clash = classes & group
            if len(clash) > 1:
                problems.append(f"{x} is a member of disjoint classes {', '.join(sorted(clash))}")
    for (x, prop), values in edges.items():
        if prop in model.functional and len(values) > 1:
            distinct = sorted(v for v in values if v in model.different)
            if len(distinct) > 1:
                problems.append(f"{x} has {len(distinct)} different values for functional property {prop}: {', '.join(distinct)}")
    if problems:
        raise InconsistentCase("the case data contradicts the ontology: " + "; ".join(sorted(problems)))


def _list(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _defined_classes(ontology: Graph) -> Iterator[DefinedClass]:
    for cls, expression in sorted(ontology.subject_objects(OWL.equivalentClass)):
        members = _list(ontology, ontology.value(expression, OWL.intersectionOf))
        if not isinstance(cls, URIRef) or not members:
            continue
        named = frozenset(m for m in members if isinstance(m, URIRef))
        found = [_restriction(ontology, m) for m in members if not isinstance(m, URIRef)]
        restrictions = tuple(r for r in found if r is not None)
        if len(restrictions) != len(found):
            raise OntologyError(f"defined class {cls} is outside the fragment the case reasoner evaluates")
        yield DefinedClass(iri=cls, named=named, restrictions=restrictions)


def _restriction(ontology: Graph, node: Node) -> Restriction | None:
    prop = ontology.value(node, OWL.onProperty)
    inverse = False
    if isinstance(prop, BNode):
        prop, inverse = ontology.value(prop, OWL.inverseOf), True
    some = ontology.value(node, OWL.someValuesFrom)
    value = ontology.value(node, OWL.hasValue)
    if isinstance(prop, URIRef) and isinstance(some, URIRef):
        return Restriction(prop, "some", some, inverse)
    if isinstance(prop, URIRef) and isinstance(value, URIRef) and not inverse:
        return Restriction(prop, "value", value)
    return None


def _enumerations(ontology: Graph) -> Iterator[tuple[URIRef, list[URIRef]]]:
    for cls, expression in ontology.subject_objects(OWL.equivalentClass):
        members = _list(ontology, ontology.value(expression, OWL.oneOf))
        if isinstance(cls, URIRef) and members:
            yield cls, [m for m in members if isinstance(m, URIRef)]


def _chains(ontology: Graph) -> Iterator[tuple[URIRef, tuple[URIRef, URIRef]]]:
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = _list(ontology, head)
        if len(steps) != 2 or not all(isinstance(s, URIRef) for s in steps):
            raise OntologyError(f"property chain of {prop} must have two named properties")
        yield prop, (steps[0], steps[1])  # type: ignore[misc]


def _disjoint_groups(ontology: Graph) -> Iterator[frozenset[URIRef]]:
    for a, b in ontology.subject_objects(OWL.disjointWith):
        yield frozenset({a, b})  # type: ignore[arg-type]
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        yield frozenset(m for m in _list(ontology, ontology.value(node, OWL.members)) if isinstance(m, URIRef))


def _all_different(ontology: Graph) -> Iterator[URIRef]:
    for node in ontology.subjects(RDF.type, OWL.AllDifferent):
        yield from (m for m in _list(ontology, ontology.value(node, OWL.distinctMembers)) if isinstance(m, URIRef))
