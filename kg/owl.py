"""The one module that talks to owlready2: load a graph and reason with HermiT.

owlready2 does not read Turtle, so graphs go through RDF/XML. Each call uses a
fresh owlready2 world, so calls share no state.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from .errors import OntologyError

__all__ = ["ReasonerReport", "check_consistency", "classify_named", "hermit_memberships"]


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT said about a graph."""

    consistent: bool
    unsatisfiable: tuple[str, ...]
    classes: int
    explanation: str = ""


@contextmanager
def _reasoned(graph: Graph, infer_property_values: bool = False) -> Iterator[tuple[Any, Any, str]]:
    """Load ``graph`` into a fresh owlready2 world and run HermiT; yield (world, ontology, error)."""
    import owlready2

    logging.getLogger("owlready2").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="kg-owl-") as tmp:
        path = Path(tmp) / "graph.owl"
        graph.serialize(path, format="xml")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        error = ""
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=infer_property_values, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            error = str(exc) or "HermiT found the ontology inconsistent"
        except owlready2.base.OwlReadyJavaError as exc:  # type: ignore[attr-defined]
            raise OntologyError(f"HermiT could not run: {str(exc).splitlines()[-1] if str(exc) else exc}") from exc
        try:
            yield world, onto, error
        finally:
            world.close()


def _unsatisfiable(world: Any) -> tuple[str, ...]:
    return tuple(sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri")))


def check_consistency(ontology: Graph) -> ReasonerReport:
    """Classify the ontology with HermiT and list unsatisfiable classes."""
    with _reasoned(ontology) as (world, onto, error):
        classes = len(list(onto.classes()))
        if error:
            return ReasonerReport(consistent=False, unsatisfiable=(), classes=classes, explanation=error)
        return ReasonerReport(consistent=True, unsatisfiable=_unsatisfiable(world), classes=classes)


def classify_named(ontology: Graph) -> tuple[ReasonerReport, dict[URIRef, frozenset[URIRef]]]:
    """Classify the ontology; map every named class to its named superclasses (itself included)."""
    with _reasoned(ontology) as (world, onto, error):
        classes = list(world.classes())
        report = ReasonerReport(
            consistent=not error,
            unsatisfiable=() if error else _unsatisfiable(world),
            classes=len(classes),
            explanation=error,
        )
        if error:
            return report, {}
        superclasses = {
            URIRef(cls.iri): frozenset(URIRef(a.iri) for a in cls.ancestors() if hasattr(a, "iri") and a.iri != str(OWL.Thing))
            for cls in classes
        }
        return report, superclasses


def hermit_memberships(
    view: Graph, individuals: Iterable[URIRef], properties: Iterable[URIRef]
) -> tuple[dict[URIRef, frozenset[URIRef]], dict[tuple[URIRef, URIRef], frozenset[URIRef]]]:
    """Reason over ontology and data together; return each individual's named classes and property values."""
    wanted = list(properties)
    with _reasoned(view, infer_property_values=True) as (world, _onto, error):
        if error:
            raise OntologyError(f"the ontology and data are inconsistent: {error}")
        types: dict[URIRef, frozenset[URIRef]] = {}
        values: dict[tuple[URIRef, URIRef], frozenset[URIRef]] = {}
        for iri in individuals:
            entity = world[str(iri)]
            if entity is None:
                continue
            types[iri] = frozenset(
                URIRef(c.iri) for c in entity.INDIRECT_is_a if hasattr(c, "iri") and c.iri != str(OWL.Thing)
            )
            for prop in wanted:
                prop_entity = world[str(prop)]
                found = prop_entity[entity] if prop_entity is not None else []
                if found:
                    values[(iri, prop)] = frozenset(URIRef(v.iri) for v in found if hasattr(v, "iri"))
        return types, values
