"""RDF terms across the two libraries the package uses, and as plain Python values.

rdflib builds and parses graphs; pyoxigraph stores and queries them. This is
the one place that converts terms between them (:func:`to_ox`, :func:`to_rdflib`,
:func:`to_quads`) and turns a literal into a Python value (:func:`to_python`),
so that the query helper, the exports and the validator agree on what
``"52"^^xsd:decimal`` is (the integer 52).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["XSD", "to_ox", "to_rdflib", "to_quads", "to_python", "solutions"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"
_INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "gYear",
    )
)  # fmt: skip
_DECIMALS = frozenset({XSD + "decimal", XSD + "double", XSD + "float"})


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: object) -> Node:
    """The rdflib term of a pyoxigraph term (plain and ``xsd:string`` literals both become plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def to_quads(triples: Iterable[tuple[Node, Node, Node]], graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads in ``graph`` (IRIs, the most common terms, are converted directly)."""
    iri = ox.NamedNode
    return [
        ox.Quad(
            iri(s) if type(s) is URIRef else to_ox(s),  # type: ignore[arg-type]
            iri(p) if type(p) is URIRef else to_ox(p),  # type: ignore[arg-type]
            iri(o) if type(o) is URIRef else to_ox(o),
            graph,
        )
        for s, p, o in triples
    ]


def solutions(store: ox.Store, query: str, **options: Any) -> ox.QuerySolutions:
    """The rows of a SELECT query on a pyoxigraph store (any other query form is a programming error)."""
    found = store.query(query, **options)
    if not isinstance(found, ox.QuerySolutions):
        raise TypeError(f"expected a SELECT query, got {type(found).__name__}")
    return found


def to_python(term: Any) -> Any:
    """A plain Python value of a pyoxigraph term.

    IRIs and blank nodes become their string; integers (and ``xsd:gYear``)
    ``int``; ``xsd:decimal`` an ``int`` when it is a whole number, else a
    ``float``; ``xsd:double`` and ``xsd:float`` a ``float``; booleans
    ``bool``; anything else, or an ill-typed number, its lexical form.
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value if hasattr(term, "value") else str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _DECIMALS:
            number = float(term.value)
            return int(number) if datatype == XSD + "decimal" and number.is_integer() else number
    except ValueError:
        return term.value
    if datatype == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value
