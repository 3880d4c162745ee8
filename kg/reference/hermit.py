"""HermiT over the ontology and the case data together: the whole-graph reasoning the build's case-by-case inference is checked against.

It does not scale (about 50 s for 10 cases), which is why the build classifies
the ontology once and infers each case on its own (:mod:`kg.build.reason`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg.errors import OntologyError
from kg.ontology.hermit import reasoned

__all__ = ["owl_view", "hermit_memberships"]


def owl_view(ontology: Graph, cases: Iterable[Graph]) -> Graph:
    """Ontology plus case data as HermiT reads it: term links become existential class assertions."""
    view = Graph()
    for triple in ontology:
        view.add(triple)
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    for case in cases:
        for s, p, o in case:
            if isinstance(o, Literal):
                continue
            if p != RDF.type and o in classes:
                restriction = BNode()
                view.add((restriction, RDF.type, OWL.Restriction))
                view.add((restriction, OWL.onProperty, p))
                view.add((restriction, OWL.someValuesFrom, o))
                view.add((s, RDF.type, restriction))
            else:
                view.add((s, p, o))
        for s in set(case.subjects()):
            if isinstance(s, URIRef):
                view.add((s, RDF.type, OWL.NamedIndividual))
    return view


def hermit_memberships(
    view: Graph, individuals: Iterable[URIRef], properties: Iterable[URIRef]
) -> tuple[dict[URIRef, frozenset[URIRef]], dict[tuple[URIRef, URIRef], frozenset[URIRef]]]:
    """Reason over ontology and data together; return each individual's named classes and property values."""
    wanted = list(properties)
    with reasoned(view, infer_property_values=True) as (world, _onto, error):
        if error:
            raise OntologyError(f"the ontology and data are inconsistent: {error}")
        types: dict[URIRef, frozenset[URIRef]] = {}
        values: dict[tuple[URIRef, URIRef], frozenset[URIRef]] = {}
        for iri in individuals:
            entity = world[str(iri)]
            if entity is None:
                continue
            types[iri] = frozenset(URIRef(c.iri) for c in entity.INDIRECT_is_a if hasattr(c, "iri") and c.iri != str(OWL.Thing))
            for prop in wanted:
                prop_entity = world[str(prop)]
                found = prop_entity[entity] if prop_entity is not None else []
                if found:
                    values[(iri, prop)] = frozenset(URIRef(v.iri) for v in found if hasattr(v, "iri"))
        return types, values
