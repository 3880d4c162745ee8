"""The SHACL shapes: read from their folder and checked against SHACL-for-SHACL (with pySHACL)."""

from __future__ import annotations

import logging
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from kg.errors import OntologyError
from kg.ontology.turtle import load_turtle_folder
from kg.resources import shapes_dir

__all__ = ["load_shapes", "check_shapes", "quiet_pyshacl"]


def load_shapes(folder: Path | None = None) -> Graph:
    """Parse the SHACL shapes files into one graph."""
    return load_turtle_folder(folder or shapes_dir(), "SHACL shapes")


def check_shapes(shapes: Graph) -> None:
    """Check the shapes themselves against the SHACL-for-SHACL meta-shapes."""
    quiet_pyshacl()
    try:
        conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    except Exception as exc:  # pyshacl reports bad shapes by raising
        raise OntologyError(f"the SHACL shapes are not valid: {exc}") from exc
    if not conforms:
        raise OntologyError(f"the SHACL shapes are not valid:\n{text}")


def quiet_pyshacl() -> None:
    """Keep pySHACL's own logging off the terminal."""
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
