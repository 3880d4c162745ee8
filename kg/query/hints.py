"""Give pyoxigraph's planner the bound values of a query: a leading VALUES block scanned into the query text."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.query.scan import first_group

__all__ = ["with_values_hint"]


def with_values_hint(text: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with its bound values also opening its first group, as ``VALUES (?a ?b) { (<a> "b") }``.

    pyoxigraph applies substitutions after evaluating the query, so a query
    for one fact would read every fact first; the same values at the start of
    the WHERE clause let the evaluation start from them. The substitutions
    stay, so the meaning is theirs (a VALUES block cannot reach into a
    subquery; the substitution does). Values are RDF terms written by
    pyoxigraph (IRIs checked, literals escaped), never text from the caller.
    """
    if not bindings:
        return text
    at = first_group(text)
    if at < 0:
        return text
    names = sorted(bindings)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bindings[n]) for n in names)}) }} "
    return text[: at + 1] + values + text[at + 1 :]
