"""Value range constraint components (https://www.w3.org/TR/shacl/#core-components-range).

A value that cannot be compared with the bound (a string against a number, an
ill-typed literal) violates the constraint, as SHACL says: ``COALESCE(..., false)``.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.build.shacl.constraints.component import ValueTest
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH
from kg.rdfterms import to_ox

__all__ = ["PARAMETERS", "min_inclusive", "max_inclusive", "min_exclusive", "max_exclusive"]

PARAMETERS = frozenset({SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive})


def min_inclusive(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:minInclusive`` (https://www.w3.org/TR/shacl/#MinInclusiveConstraintComponent)."""
    return _compare(sg, shape, v, SH.minInclusive, ">=", "MinInclusive", "Value is not >= {}")


def max_inclusive(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:maxInclusive`` (https://www.w3.org/TR/shacl/#MaxInclusiveConstraintComponent)."""
    return _compare(sg, shape, v, SH.maxInclusive, "<=", "MaxInclusive", "Value is not <= {}")


def min_exclusive(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:minExclusive`` (https://www.w3.org/TR/shacl/#MinExclusiveConstraintComponent)."""
    return _compare(sg, shape, v, SH.minExclusive, ">", "MinExclusive", "Value is not > {}")


def max_exclusive(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:maxExclusive`` (https://www.w3.org/TR/shacl/#MaxExclusiveConstraintComponent)."""
    return _compare(sg, shape, v, SH.maxExclusive, "<", "MaxExclusive", "Value is not < {}")


def _compare(sg: ShapesGraph, shape: Node, v: str, parameter: URIRef, operator: str, component: str, text: str) -> Iterator[ValueTest]:
    bound = sg.one(shape, parameter)
    if bound is None:
        return
    if not isinstance(bound, Literal):
        raise sg.fail(shape, f"a {sg.qname(parameter)} that is not a literal")
    yield ValueTest(component, f"!COALESCE({v} {operator} {to_ox(bound)}, false)", (text.format(sg.name(bound)),))
