"""The embedded, persistent SPARQL store (pyoxigraph) that queries run on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InputError

__all__ = ["STORE_DIR", "create_store", "open_store", "select"]

STORE_DIR = "store"
"""Name of the store folder inside a build's output folder."""


def create_store(folder: Path, nquads: Path) -> int:
    """Create a store in ``folder`` from an N-Quads file; return its quad count."""
    store = ox.Store(str(folder))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    count = len(store)
    del store
    return count


def open_store(out_dir: Path) -> ox.Store:
    """Open the store of a finished build read-only."""
    folder = out_dir / STORE_DIR
    if not folder.is_dir():
        raise InputError(f"{out_dir}: no SPARQL store found; run `kg build` first")
    return ox.Store.read_only(str(folder))


def select(store: ox.Store, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    """Run a SELECT query over the union of all graphs; return rows as dicts of strings.

    Bindings are RDF terms joined to the query through a trailing VALUES clause,
    so a value is always data, never query text. A trailing VALUES clause is
    joined after grouping, so it cannot feed a FILTER or an aggregate; the query
    library (:mod:`kg.queries`) binds its parameters before evaluation instead.
    """
    if bindings:
        names = sorted(bindings)
        row = " ".join(str(bindings[name]) for name in names)
        query = f"{query}\nVALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }}"
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{name: _plain(solution[name]) for name in names if solution[name] is not None} for solution in solutions]


def _plain(term: Any) -> str:
    return term.value if hasattr(term, "value") else str(term)
