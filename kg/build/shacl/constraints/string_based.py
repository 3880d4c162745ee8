"""String-based constraint components (https://www.w3.org/TR/shacl/#core-components-string): ``sh:pattern`` only."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Literal
from rdflib.term import Node

from kg.build.shacl.constraints.component import ValueTest
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["PARAMETERS", "pattern"]

PARAMETERS = frozenset({SH.pattern, SH.flags})

_FLAGS = {"i", "m", "s", "x"}
"""The ``sh:flags`` SPARQL's REGEX takes."""


def pattern(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:pattern`` with ``sh:flags`` (https://www.w3.org/TR/shacl/#PatternConstraintComponent).

    A blank node violates it; an IRI or a literal is matched by its string.
    """
    regex = sg.one(shape, SH.pattern)
    if regex is None:
        return
    flags = sg.one(shape, SH.flags)
    if not isinstance(regex, Literal) or (flags is not None and not set(str(flags)) <= _FLAGS):
        raise sg.fail(shape, "this sh:pattern or sh:flags")
    flag_arg = f", {ox.Literal(str(flags))}" if flags is not None else ""
    test = f"(isBlank({v}) || !REGEX(STR({v}), {ox.Literal(str(regex))}{flag_arg}))"
    yield ValueTest("Pattern", test, (f"Value does not match pattern '{regex}'",))
