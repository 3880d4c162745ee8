"""The embedded, persistent SPARQL store (pyoxigraph) that queries run on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InputError

__all__ = ["STORE_DIR", "StoreLoader", "open_store", "select"]

STORE_DIR = "store"
"""Name of the store folder inside a build's output folder."""


class StoreLoader:
    """Fills a new on-disk store from N-Quads files while a build runs, in large bulk loads.

    With ``previous``, the new store starts as a copy of that store (a
    database checkpoint: unchanged data files are hard links, so the copy does
    not cost in proportion to the store) without the ``drop_graphs``. Such a
    store is not compacted or counted at the end, as both take time in
    proportion to the whole store (at 1,000 cases, 15 s and 0.9 s).
    """

    BATCH_BYTES = 64 * 1024 * 1024
    """N-Quads gathered before one bulk load: few loads, few data files."""

    def __init__(self, folder: Path, previous: Path | None = None, drop_graphs: Iterable[str] = ()) -> None:
        self.fresh = previous is None
        if previous is not None:
            ox.Store.read_only(str(previous)).backup(str(folder))
        self.store = ox.Store(str(folder))
        for name in drop_graphs:
            self.store.remove_graph(ox.NamedNode(name))
        self.pending: list[bytes] = []
        self.size = 0

    def add(self, nquads: Path) -> None:
        data = nquads.read_bytes()
        self.pending.append(data)
        self.size += len(data)
        if self.size >= self.BATCH_BYTES:
            self._load()

    def close(self) -> int | None:
        """Load what is pending; compact a new store and return its quad count (None for an updated copy)."""
        self._load()
        self.store.flush()
        count = None
        if self.fresh:
            self.store.optimize()
            count = len(self.store)
        del self.store
        return count

    def _load(self) -> None:
        if self.pending:
            self.store.bulk_load(input=b"".join(self.pending), format=ox.RdfFormat.N_QUADS)
        self.pending, self.size = [], 0


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
