"""The one module that talks to owlready2: load a graph and reason with HermiT.

owlready2 does not read Turtle, so graphs go through RDF/XML. Each call uses a
fresh owlready2 world, so calls share no state.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from kg.errors import OntologyError

__all__ = ["ReasonerReport", "check_consistency", "classify_named", "reasoned"]


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT said about a graph."""

    consistent: bool
    unsatisfiable: tuple[str, ...]
    classes: int
    explanation: str = ""


@contextmanager
def reasoned(graph: Graph, infer_property_values: bool = False) -> Iterator[tuple[Any, Any, str]]:
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
        except owlready2.base.OwlReadyJavaError as exc:
            raise OntologyError(f"HermiT could not run: {str(exc).splitlines()[-1] if str(exc) else exc}") from exc
        except FileNotFoundError as exc:
            raise OntologyError(
                f"the HermiT reasoner needs Java, and {exc.filename or 'java'} was not found on the PATH; "
                "install a Java runtime (11 or newer, e.g. Debian's default-jre-headless)"
            ) from None
        try:
            yield world, onto, error
        finally:
            world.close()


def _unsatisfiable(world: Any) -> tuple[str, ...]:
    return tuple(sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri")))


def check_consistency(ontology: Graph) -> ReasonerReport:
    """Classify the ontology with HermiT and list unsatisfiable classes."""
    with reasoned(ontology) as (world, onto, error):
        classes = len(list(onto.classes()))
        if error:
            return ReasonerReport(consistent=False, unsatisfiable=(), classes=classes, explanation=error)
        return ReasonerReport(consistent=True, unsatisfiable=_unsatisfiable(world), classes=classes)


def classify_named(ontology: Graph) -> tuple[ReasonerReport, dict[URIRef, frozenset[URIRef]]]:
    """Classify the ontology; map every named class to its named superclasses (itself included)."""
    with reasoned(ontology) as (world, _onto, error):
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
            URIRef(cls.iri): frozenset(URIRef(a.iri) for a in cls.ancestors() if hasattr(a, "iri") and a.iri != str(OWL.Thing)) for cls in classes
        }
        return report, superclasses
