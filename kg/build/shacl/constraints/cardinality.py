"""Cardinality constraint components (https://www.w3.org/TR/shacl/#core-components-count)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from rdflib import Literal
from rdflib.term import Node

from kg.build.shacl.checks import FOCUS_NODE
from kg.build.shacl.constraints.component import Focus, FocusQuery
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["PARAMETERS", "min_count", "max_count", "min_count_conformance", "max_count_conformance"]

PARAMETERS = frozenset({SH.minCount, SH.maxCount})

_MAX_NESTED_COUNT = 6
"""Nested counts are written out as distinct variables: beyond this the query grows too large."""


def min_count(sg: ShapesGraph, shape: Node, focus: Focus) -> Iterator[FocusQuery]:
    """``sh:minCount`` (https://www.w3.org/TR/shacl/#MinCountConstraintComponent): fewer value nodes than the count."""
    minimum = sg.one(shape, SH.minCount)
    if minimum is None or focus.path is None:
        return
    n = count(sg, shape, minimum)
    if n > 0:
        yield FocusQuery(
            "MinCount",
            f"SELECT ?this WHERE {{ {focus.nodes} OPTIONAL {{ ?this {focus.path} ?value }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})",
            ("Less than ", str(minimum), " values on ", FOCUS_NODE, "->", focus.path_name),
        )


def max_count(sg: ShapesGraph, shape: Node, focus: Focus) -> Iterator[FocusQuery]:
    """``sh:maxCount`` (https://www.w3.org/TR/shacl/#MaxCountConstraintComponent): more value nodes than the count."""
    maximum = sg.one(shape, SH.maxCount)
    if maximum is None or focus.path is None:
        return
    n = count(sg, shape, maximum)
    yield FocusQuery(
        "MaxCount",
        f"SELECT ?this WHERE {{ {focus.nodes} ?this {focus.path} ?value }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})",
        ("More than ", str(maximum), " values on ", FOCUS_NODE, "->", focus.path_name),
    )


def min_count_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None) -> Iterator[str]:
    """``sh:minCount`` in a nested shape: ``x`` has at least that many values."""
    minimum = sg.one(shape, SH.minCount)
    if minimum is not None and path is not None and count(sg, shape, minimum) > 0:
        yield f"EXISTS {{ {_at_least(sg, shape, x, path, count(sg, shape, minimum))} }}"


def max_count_conformance(sg: ShapesGraph, shape: Node, x: str, path: str | None) -> Iterator[str]:
    """``sh:maxCount`` in a nested shape: ``x`` has no more than that many values."""
    maximum = sg.one(shape, SH.maxCount)
    if maximum is not None and path is not None:
        yield f"NOT EXISTS {{ {_at_least(sg, shape, x, path, count(sg, shape, maximum) + 1)} }}"


def count(sg: ShapesGraph, shape: Node, value: Node) -> int:
    """The value of ``sh:minCount`` or ``sh:maxCount``: a non-negative integer."""
    if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
        raise sg.fail(shape, f"the count {value}")
    return int(value.value)


def _at_least(sg: ShapesGraph, shape: Node, x: str, path: str, n: int) -> str:
    """A pattern matching when ``x`` has at least ``n`` distinct values on ``path``."""
    if n > _MAX_NESTED_COUNT:
        raise sg.fail(shape, f"a count of {n} in a nested shape")
    names = [sg.var() for _ in range(n)]
    triples = " . ".join(f"{x} {path} {v}" for v in names)
    different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2))
    return triples + (f" . FILTER ({different})" if different else "")
