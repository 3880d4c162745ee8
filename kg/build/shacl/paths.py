"""SHACL property paths as SPARQL property paths (https://www.w3.org/TR/shacl/#property-paths).

Supported: predicate paths, sequence paths, ``sh:zeroOrMorePath`` and ``sh:oneOrMorePath``.
"""

from __future__ import annotations

from rdflib import BNode, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["sparql_path"]

_REPEATED = ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"))
"""https://www.w3.org/TR/shacl/#property-path-zero-or-more, https://www.w3.org/TR/shacl/#property-path-one-or-more"""


def sparql_path(sg: ShapesGraph, shape: Node, node: Node) -> str:
    """The SPARQL path of the SHACL path ``node`` (the ``sh:path`` of ``shape``)."""
    if isinstance(node, URIRef):  # https://www.w3.org/TR/shacl/#property-path-predicate
        return f"<{node}>"
    if not isinstance(node, BNode):
        raise sg.fail(shape, "a path that is neither an IRI nor a blank node")
    if (node, RDF.first, None) in sg.sg:  # https://www.w3.org/TR/shacl/#property-path-sequence
        steps = sg.items(shape, node)
        if len(steps) < 2:
            raise sg.fail(shape, "a sequence path of fewer than two steps")
        return "(" + "/".join(sparql_path(sg, shape, step) for step in steps) + ")"
    predicates = set(sg.sg.predicates(node))
    for parameter, operator in _REPEATED:
        if predicates == {parameter}:
            return f"({sparql_path(sg, shape, sg.one(node, parameter))}){operator}"  # type: ignore[arg-type]
    raise sg.fail(shape, "the path " + ", ".join(sorted(sg.qname(p) for p in predicates)))
