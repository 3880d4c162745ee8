"""SPARQL-based constraints (https://www.w3.org/TR/shacl/#sparql-constraints) on shapes with targets.

The ``sh:select`` query is joined with the subquery of the focus nodes on
``?this`` instead of being run once per focus node with ``$this`` pre-bound
(https://www.w3.org/TR/shacl/#sparql-constraints-prebound). The two are the
same only for some queries, so the query's algebra is checked: graph patterns
of :data:`ALGEBRA` only, no ``EXISTS`` and no aggregates, and ``?this`` bound
by a required triple pattern. ``sh:prefixes`` (https://www.w3.org/TR/shacl/#sparql-prefixes)
become the query's prologue.
"""

from __future__ import annotations

import re

from rdflib import Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.build.shacl.context import SEVERITIES, ShapesGraph
from kg.errors import OntologyError
from kg.namespaces import SH

__all__ = ["ALGEBRA", "sparql_constraint"]

ALGEBRA = {"SelectQuery", "Project", "Distinct", "Filter", "Extend", "BGP", "LeftJoin", "Join"}
"""SPARQL algebra a SPARQL-based constraint may use: then joining on ``?this`` equals pre-binding it."""
_PARAMETERS = {RDF.type, SH.select, SH.prefixes, SH.message, SH.severity}
_UNSUPPORTED_TOKENS = ("$PATH", "$currentShape", "$shapesGraph", "?failure", "$failure")


def sparql_constraint(sg: ShapesGraph, shape: Node, constraint: Node, focus: str, severity: str, message: str | None) -> tuple[str, str | None]:
    """The query of the ``sh:sparql`` ``constraint`` of ``shape`` on the focus nodes ``focus``, and its message template.

    ``severity`` and ``message`` are the shape's; the constraint may repeat the
    severity and may give the message instead.
    """
    if sg.is_property(shape):
        raise sg.fail(shape, "sh:sparql on a property shape")
    for predicate in set(sg.sg.predicates(constraint)):
        if predicate not in _PARAMETERS:
            raise sg.fail(shape, f"{sg.qname(predicate)} in a SPARQL-based constraint")
    own_severity = sg.one(constraint, SH.severity)
    if own_severity is not None and SEVERITIES.get(own_severity) != severity:  # type: ignore[call-overload]
        raise sg.fail(shape, "a SPARQL-based constraint whose sh:severity differs from its shape's")
    select = sg.one(constraint, SH.select)
    if not isinstance(select, Literal):
        raise sg.fail(shape, "a SPARQL-based constraint without a sh:select string")
    own_message = sg.one(constraint, SH.message)
    if own_message is not None and message is not None:
        raise sg.fail(shape, "a sh:message on both the shape and its SPARQL-based constraint")
    prefixes = _prefixes(sg, shape, constraint)
    text = str(select)
    for token in _UNSUPPORTED_TOKENS:
        if token in text:
            raise sg.fail(shape, f"{token} in a SPARQL-based constraint")
    projected = _check_select(sg, shape, prefixes, text)
    prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in prefixes)
    query = f"{prologue}SELECT DISTINCT {' '.join('?' + v for v in projected)} WHERE {{ {focus} {{ {text} }} }}"
    return query, str(own_message) if own_message is not None else message


def _prefixes(sg: ShapesGraph, shape: Node, constraint: Node) -> list[tuple[str, str]]:
    """The ``sh:declare`` of the constraint's ``sh:prefixes``, sorted by prefix."""
    found: dict[str, str] = {}
    for source in sg.sg.objects(constraint, SH.prefixes):
        for declaration in sg.sg.objects(source, SH.declare):
            prefix, namespace = sg.one(declaration, SH.prefix), sg.one(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise sg.fail(shape, "a sh:declare without sh:prefix and sh:namespace")
            if found.get(str(prefix), str(namespace)) != str(namespace):
                raise sg.fail(shape, f"two namespaces for the prefix {prefix}")
            found[str(prefix)] = str(namespace)
    return sorted(found.items())


def _check_select(sg: ShapesGraph, shape: Node, prefixes: list[tuple[str, str]], text: str) -> list[str]:
    """Parse the query; allow only what makes joining on ``?this`` the same as pre-binding it. The projected variables."""
    from rdflib.plugins.sparql import prepareQuery

    if re.search(r"^\s*(PREFIX|BASE)\b", text, re.IGNORECASE | re.MULTILINE):
        raise sg.fail(shape, "PREFIX or BASE inside sh:select (declare prefixes with sh:prefixes)")
    try:
        parsed = prepareQuery(text, initNs=dict(prefixes))
    except Exception as exc:  # rdflib raises pyparsing's and its own errors
        raise OntologyError(f"SHACL shape {sg.name(shape)}: the sh:select query does not parse: {exc}") from exc
    algebra = parsed.algebra
    if algebra.name != "SelectQuery":
        raise sg.fail(shape, "a sh:select that is not a SELECT query")
    projected = [str(v) for v in algebra.get("PV") or []]
    if "this" not in projected or "failure" in projected:
        raise sg.fail(shape, "a sh:select that does not project $this (or projects ?failure)")
    _check_algebra(sg, shape, algebra)
    if not _binds_this(algebra.p):
        raise sg.fail(shape, "a sh:select whose $this is not bound by a required triple pattern")
    return projected


def _check_algebra(sg: ShapesGraph, shape: Node, node: object) -> None:
    """Refuse graph patterns outside :data:`ALGEBRA`, and EXISTS and aggregates in expressions."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        is_pattern = any(key in node for key in ("p", "p1", "triples"))
        if (is_pattern and node.name not in ALGEBRA) or node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS") or node.name.startswith("Aggregate_"):
            raise sg.fail(shape, f"SPARQL {node.name} in a SPARQL-based constraint")
        for value in node.values():
            _check_algebra(sg, shape, value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _check_algebra(sg, shape, value)


def _binds_this(node: object) -> bool:
    """Whether a required triple pattern of the graph pattern binds ``?this``."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if not isinstance(node, CompValue):
        return False
    if node.name == "BGP":
        return any(Variable("this") in triple for triple in node.triples)
    if node.name == "Join":
        return _binds_this(node.p1) or _binds_this(node.p2)
    if node.name == "LeftJoin":
        return _binds_this(node.p1)
    if node.name in ("Filter", "Extend", "Project", "Distinct"):
        return _binds_this(node.p)
    return False
