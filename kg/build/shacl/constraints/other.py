"""Other constraint components (https://www.w3.org/TR/shacl/#core-components-others): ``sh:in`` and ``sh:hasValue``."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.term import Node

from kg.build.shacl.checks import FOCUS_NODE, VALUE_NODE
from kg.build.shacl.constraints.component import Focus, FocusQuery, ValueTest
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH
from kg.rdfterms import to_ox

__all__ = ["PARAMETERS", "in_", "has_value", "has_value_conformance"]

PARAMETERS = frozenset({SH["in"], SH.hasValue})


def in_(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:in`` (https://www.w3.org/TR/shacl/#InConstraintComponent): the value is a member of the list."""
    members = sg.one(shape, SH["in"])
    if members is None:
        return
    values = sg.items(shape, members)
    test = "!(" + (" || ".join(f"sameTerm({v}, {to_ox(m)})" for m in values) or "false") + ")"
    # pySHACL lists the members in the order of a Python set (it varies between processes);
    # the same set, built the same way, gives the same text within a process.
    as_set: set[Node] = set()
    for member in values:
        as_set.add(member)
    shown = [sg.name(m) for m in as_set]
    yield ValueTest("In", test, ("Value ", VALUE_NODE, f" not in list {shown}"))


def has_value(sg: ShapesGraph, shape: Node, focus: Focus) -> Iterator[FocusQuery]:
    """``sh:hasValue`` (https://www.w3.org/TR/shacl/#HasValueConstraintComponent): the value is among the value nodes."""
    value = sg.one(shape, SH.hasValue)
    if value is None:
        return
    the_set = [sg.name(value)]
    if focus.path is None:
        query = f"SELECT ?this WHERE {{ {focus.nodes} FILTER (!sameTerm(?this, {to_ox(value)})) }}"
        generic = ("Node ", FOCUS_NODE, f" value is not a in the set of values: {the_set}")
    else:
        query = f"SELECT ?this WHERE {{ {focus.nodes} FILTER NOT EXISTS {{ ?this {focus.path} {to_ox(value)} }} }}"
        generic = ("Node ", FOCUS_NODE, f"->{focus.path_name} does not contain a value in the set: {the_set}")
    yield FocusQuery("HasValue", query, generic)


def has_value_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None) -> Iterator[str]:
    """``sh:hasValue`` in a nested shape: ``x`` is the value (node shape) or has it on the path."""
    value = sg.one(shape, SH.hasValue)
    if value is None:
        return
    yield f"sameTerm({x}, {to_ox(value)})" if path is None else f"EXISTS {{ {x} {path} {to_ox(value)} }}"
