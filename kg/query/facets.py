"""Facet parameters read from the precomputed rows: which values select a row, and what the rows then show.

A facet (:class:`kg.query.library.Facet`) keeps the precomputed rows of a
query's default parameters that a bound value selects. An ``=`` facet's
value selects the rows whose column holds it. An ``under`` facet's term ``T``
selects the rows whose key reaches a term under ``T``: every term of the
graph's ``rdfs:subClassOf*`` closure below ``T`` (looked up once in the store,
as the query itself would), and only when ``T`` lies under the parameter's
default, whose rows are the ones kept; the parameter's column then shows ``T``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.query.tables import MAX_FACET_VALUES, TableUse
from kg.rdfterms import solutions, to_python

__all__ = ["FacetFilters", "facet_filters"]

_BELOW = "SELECT DISTINCT ?term ?top WHERE { ?term rdfs:subClassOf* ?top }"
_UNDER = "SELECT ?term ?top WHERE { ?term rdfs:subClassOf* ?top } LIMIT 1"


@dataclass(frozen=True)
class FacetFilters:
    """The values that select a row, by facet parameter, and the columns the bound terms replace."""

    filters: list[tuple[str, list[str]]]
    shown: dict[str, Any]

    def show(self, columns: tuple[str, ...], row: list[Any]) -> list[Any]:
        """A kept row with the bound ``under`` terms in their columns."""
        if not self.shown:
            return row
        return [self.shown.get(column, value) for column, value in zip(columns, row, strict=True)]


def facet_filters(store: ox.Store, use: TableUse, defaults: Mapping[str, ox.NamedNode | ox.Literal]) -> FacetFilters | None:
    """The filters of ``use``'s facets, or None when a bound term is not under its default or has too many terms below (SPARQL answers it)."""
    filters: list[tuple[str, list[str]]] = []
    shown: dict[str, Any] = {}
    for facet, value in use.facets:
        if not facet.under:
            filters.append((facet.param, [str(to_python(value))]))
            continue
        top = defaults[facet.param]
        if not _select(store, _UNDER, term=value, top=top):
            return None
        filters.append((facet.param, sorted(str(to_python(solution[0])) for solution in _select(store, _BELOW, top=value))))
        shown[facet.param] = to_python(value)
    if sum(len(values) for _, values in filters) > MAX_FACET_VALUES:
        return None
    return FacetFilters(filters, shown)


def _select(store: ox.Store, query: str, **bound: ox.NamedNode | ox.Literal) -> list[ox.QuerySolution]:
    substitutions = {ox.Variable(name): value for name, value in bound.items()}
    return list(solutions(store, query, prefixes=dict(PREFIXES), substitutions=substitutions, use_default_graph_as_union=True))
