"""Property pair constraint components (https://www.w3.org/TR/shacl/#core-components-property-pairs):
``sh:lessThan`` and ``sh:lessThanOrEquals``.

Values compare as pySHACL compares them: IRIs and strings by their text, other
literals with SPARQL's operator; a pair that cannot be compared is a result.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.build.shacl.checks import FOCUS_NODE, VALUE_NODE
from kg.build.shacl.constraints.component import Focus, FocusQuery
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["PARAMETERS", "less_than", "less_than_or_equals", "less_than_conformance", "less_than_or_equals_conformance"]

PARAMETERS = frozenset({SH.lessThan, SH.lessThanOrEquals})


def less_than(sg: ShapesGraph, shape: Node, focus: Focus) -> Iterator[FocusQuery]:
    """``sh:lessThan`` (https://www.w3.org/TR/shacl/#LessThanConstraintComponent)."""
    return _pair(sg, shape, focus, SH.lessThan, "<", "LessThan", "<=")


def less_than_or_equals(sg: ShapesGraph, shape: Node, focus: Focus) -> Iterator[FocusQuery]:
    """``sh:lessThanOrEquals`` (https://www.w3.org/TR/shacl/#LessThanOrEqualsConstraintComponent)."""
    return _pair(sg, shape, focus, SH.lessThanOrEquals, "<=", "LessThanOrEquals", "<")


def less_than_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None) -> Iterator[str]:
    """``sh:lessThan`` in a nested shape."""
    return _pair_conformance(sg, shape, x, path, SH.lessThan, "<")


def less_than_or_equals_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None) -> Iterator[str]:
    """``sh:lessThanOrEquals`` in a nested shape."""
    return _pair_conformance(sg, shape, x, path, SH.lessThanOrEquals, "<=")


def _pair(sg: ShapesGraph, shape: Node, focus: Focus, parameter: URIRef, operator: str, component: str, shown: str) -> Iterator[FocusQuery]:
    """Results: each value of the path that is not ``operator`` some value of the other property."""
    other = sg.one(shape, parameter)
    if other is None or focus.path is None:
        return
    if not isinstance(other, URIRef):
        raise sg.fail(shape, f"a {sg.qname(parameter)} that is not an IRI")
    yield FocusQuery(
        component,
        f"SELECT DISTINCT ?this ?value ?_other WHERE {{ {focus.nodes} ?this {focus.path} ?value . ?this <{other}> ?_other . "
        f"FILTER (!({less(operator, '?value', '?_other')})) }}",
        ("Value of ", FOCUS_NODE, "->", sg.name(other), f" {shown} ", VALUE_NODE),
    )


def _pair_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None, parameter: URIRef, operator: str) -> Iterator[str]:
    other = sg.one(shape, parameter)
    if other is not None and path is not None:
        v, o = sg.var(), sg.var()
        yield f"NOT EXISTS {{ {x} {path} {v} . {x} <{other}> {o} . FILTER (!({less(operator, v, o)})) }}"


def less(operator: str, a: str, b: str) -> str:
    """pySHACL's comparison: IRIs and strings compare as strings, other values with SPARQL's operator."""
    stringy = '(isIRI({0}) || (isLiteral({0}) && (datatype({0}) = <{1}> || lang({0}) != "")))'
    both = f"({stringy.format(a, XSD.string)} && {stringy.format(b, XSD.string)})"
    one = f"({stringy.format(a, XSD.string)} || {stringy.format(b, XSD.string)})"
    return f"COALESCE(IF({both}, STR({a}) {operator} STR({b}), IF({one}, false, {a} {operator} {b})), false)"
