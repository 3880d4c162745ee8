"""Constraint components that take shapes: ``sh:not``, ``sh:or`` (https://www.w3.org/TR/shacl/#core-components-logical)
and ``sh:node`` (https://www.w3.org/TR/shacl/#core-components-shape).

Each is a test on the value node written with the conformance expression of
the shapes it takes (:meth:`~kg.build.shacl.context.ShapesGraph.conforms`).
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.term import Node

from kg.build.shacl.checks import VALUE_NODE
from kg.build.shacl.constraints.component import ValueTest
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["PARAMETERS", "node", "not_", "or_"]

PARAMETERS = frozenset({SH.node, SH["not"], SH["or"]})


def node(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:node`` (https://www.w3.org/TR/shacl/#NodeConstraintComponent): the value conforms to the shape."""
    other = sg.one(shape, SH.node)
    if other is None:
        return
    generic = (f"Value does not conform to Shape {sg.name(other)}. See details for more information.",)
    yield ValueTest("Node", f"!({sg.conforms(other, v)})", generic)


def not_(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:not`` (https://www.w3.org/TR/shacl/#NotConstraintComponent): the value does not conform to the shape."""
    negated = sg.one(shape, SH["not"])
    if negated is None:
        return
    yield ValueTest("Not", f"({sg.conforms(negated, v)})", ("Node ", VALUE_NODE, f" must not conform to shape {sg.name(negated)}"))


def or_(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:or`` (https://www.w3.org/TR/shacl/#OrConstraintComponent): the value conforms to one of the shapes at least."""
    alternatives = sg.one(shape, SH["or"])
    if alternatives is None:
        return
    options = sg.items(shape, alternatives)
    test = "!(" + (" || ".join(f"({sg.conforms(o, v)})" for o in options) or "false") + ")"
    shown = " , ".join(sg.name(o) for o in options)
    yield ValueTest("Or", test, ("Node ", VALUE_NODE, f" must conform to one or more shapes in {shown}"))
