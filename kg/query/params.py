"""Query parameters: check their names, fill defaults, and turn each value into an RDF term."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.ontology.lookup import expand_curie
from kg.query.library import Param, QueryFile
from kg.rdfterms import XSD

__all__ = ["bind_params"]


def bind_params(query: QueryFile, values: Mapping[str, object], resolve: Callable[[str], str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check parameter names, fill defaults, and turn each value into an RDF term."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)} (its parameters: {known})")
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise QueryError(f"query {query.name!r} needs the parameter {param.name!r} ({param.kind}): {param.description}")
            continue
        bound[param.name] = _term(param, value, resolve)
    return bound


def _term(param: Param, value: object, resolve: Callable[[str], str]) -> ox.NamedNode | ox.Literal:
    text = str(value)
    if param.kind == "choice" and text not in param.choices:
        raise QueryError(f"parameter {param.name!r}: {text!r} is not one of {', '.join(param.choices)}")
    if param.kind == "term":
        return ox.NamedNode(resolve(text))
    if param.kind == "iri":
        iri = expand_curie(text)
        try:
            return ox.NamedNode(iri or "")
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {text!r} is not an IRI or a CURIE with a known prefix ({', '.join(PREFIXES)})") from None
    if param.kind == "integer":
        try:
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {text!r} is not an integer") from None
    if param.kind == "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise QueryError(f"parameter {param.name!r}: {text!r} is not a number") from None
        if not number.is_finite():
            raise QueryError(f"parameter {param.name!r}: {text!r} is not a finite number")
        return ox.Literal(format(number, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(text)
