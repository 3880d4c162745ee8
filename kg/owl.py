"""The one module that talks to owlready2: load the ontology and reason with HermiT."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import OntologyError

__all__ = ["ReasonerReport", "check_consistency"]


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT said about the ontology."""

    consistent: bool
    unsatisfiable: tuple[str, ...]
    classes: int
    explanation: str = ""


def check_consistency(ontology: Graph) -> ReasonerReport:
    """Classify the ontology with HermiT and list unsatisfiable classes.

    owlready2 does not read Turtle, so the graph goes through RDF/XML first.
    Each call uses a fresh owlready2 world, so calls do not share state.
    """
    import owlready2

    logging.getLogger("owlready2").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="kg-owl-") as tmp:
        path = Path(tmp) / "ontology.owl"
        ontology.serialize(path, format="xml")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerReport(consistent=False, unsatisfiable=(), classes=len(list(onto.classes())), explanation=str(exc))
        except owlready2.base.OwlReadyJavaError as exc:  # type: ignore[attr-defined]
            raise OntologyError(f"HermiT could not run: {exc}") from exc
        nothing = world.inconsistent_classes()
        unsatisfiable = tuple(sorted(c.iri for c in nothing if hasattr(c, "iri")))
        return ReasonerReport(consistent=True, unsatisfiable=unsatisfiable, classes=len(list(onto.classes())))
