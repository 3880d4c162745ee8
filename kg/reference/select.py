"""SELECT rows as plain strings, with values joined by a trailing VALUES clause: the simple helper tests use."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.rdfterms import solutions

__all__ = ["select"]


def select(store: ox.Store, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    """Run a SELECT query over the union of all graphs; return rows as dicts of strings.

    Bindings are RDF terms joined to the query through a trailing VALUES clause,
    so a value is always data, never query text. A trailing VALUES clause is
    joined after grouping, so it cannot feed a FILTER or an aggregate; the query
    library (:mod:`kg.query.library`) binds its parameters before evaluation instead.
    """
    if bindings:
        names = sorted(bindings)
        row = " ".join(str(bindings[name]) for name in names)
        query = f"{query}\nVALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }}"
    rows = solutions(store, query, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    return [{name: _plain(row[name]) for name in names if row[name] is not None} for row in rows]


def _plain(term: Any) -> str:
    return term.value if hasattr(term, "value") else str(term)
