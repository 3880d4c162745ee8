"""What a constraint component (https://www.w3.org/TR/shacl/#constraints) compiles to.

A component contributes in up to three ways, each a function of the shapes
graph, the shape and where it applies:

- :data:`FocusConstraint`: result queries per focus node (cardinality,
  property pairs, ``sh:hasValue``), for shapes that report results;
- :data:`ValueConstraint`: a SPARQL expression true when a value node
  violates the component (https://www.w3.org/TR/shacl/#value-nodes); the
  compiler turns it into a result query or, for nested shapes, into part of
  a conformance expression;
- :data:`Conformance`: the focus-node part of a nested shape's conformance
  expression (``sh:node``, ``sh:not``, ``sh:or`` use it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib.term import Node

from kg.build.shacl.context import ShapesGraph

__all__ = ["Focus", "FocusQuery", "ValueTest", "FocusConstraint", "ValueConstraint", "Conformance"]


@dataclass(frozen=True)
class Focus:
    """The focus nodes of a shape that reports results, and the path of a property shape."""

    nodes: str
    """A graph pattern binding ``?this`` to each focus node once."""
    path: str | None
    """The SPARQL path of a property shape; ``None`` for a node shape."""
    path_name: str = ""
    """The ``sh:path`` as pySHACL writes it in generic messages."""


@dataclass(frozen=True)
class FocusQuery:
    """A query whose rows (``?this``, maybe ``?value``) are the results of one constraint component."""

    component: str
    query: str
    generic: tuple[str, ...]
    """pySHACL's generic message in segments (see :data:`~kg.build.shacl.checks.FOCUS_NODE`)."""


@dataclass(frozen=True)
class ValueTest:
    """A SPARQL expression, true when the value node in the given variable violates the component."""

    component: str
    test: str
    generic: tuple[str, ...]


FocusConstraint = Callable[[ShapesGraph, Node, Focus], Iterator[FocusQuery]]
ValueConstraint = Callable[[ShapesGraph, Node, str], Iterator[ValueTest]]
Conformance = Callable[[ShapesGraph, Node, str, "str | None"], Iterator[str]]
"""(shapes graph, shape, variable holding the node, SPARQL path or ``None``) -> parts of a conjunction."""
