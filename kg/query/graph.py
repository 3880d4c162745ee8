"""A built knowledge graph opened for queries: the query library, ad-hoc SPARQL, rows as dicts or DataFrames.

>>> from kg.query.graph import KnowledgeGraph
>>> graph = KnowledgeGraph.open("out")                     # a finished build, read-only
>>> graph.query("calcinosis-sites", region="lower limb")   # rows as dicts
>>> graph.dataframe("patients")                           # pandas, when installed

Parameters are bound as pre-bound variables (pyoxigraph ``substitutions``,
the same semantics as rdflib's ``initBindings``): a value is always data, never
query text. Opening never builds: :class:`kg.api.KnowledgeGraph` adds that.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.layout import IMPORTS_FILE
from kg.namespaces import PREFIXES
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex
from kg.query.facets import facet_filters
from kg.query.hints import with_values_hint
from kg.query.library import QueryFile, find_query, load_queries, parse_query_file
from kg.query.params import bind_params
from kg.query.run import DEFAULT_TIMEOUT, run_query
from kg.query.store import DISK, open_store
from kg.query.tables import COUNT, Tables, default_bindings, table_use

__all__ = ["KnowledgeGraph", "Result", "Listing", "prefix_block"]


class _Default:
    """The type of "use the graph's own time limit"."""


_DEFAULT = _Default()


def prefix_block() -> str:
    """PREFIX declarations of the project's prefix map, for ad-hoc queries."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


@dataclass(frozen=True)
class Result:
    """The rows of a SELECT query, with its columns in projection order."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def dataframe(self) -> Any:
        """The rows as a pandas DataFrame (needs the optional ``pandas`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise QueryError('pandas is not installed; install it with `pip install "calcinosis-kg[pandas]"` (or `pip install pandas`)') from exc
        return pd.DataFrame(list(self.rows), columns=list(self.columns))


@dataclass(frozen=True)
class Listing:
    """The rows of a library query as they are read: its columns, and an iterator of rows (dicts), read once.

    ``source`` says where they come from: ``tables`` (the rows the build
    precomputed, :mod:`kg.query.tables`) or ``sparql`` (the store).
    """

    columns: tuple[str, ...]
    rows: Iterator[dict[str, Any]]
    source: str

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.rows


class KnowledgeGraph:
    """A built knowledge graph: its SPARQL store, the query library and the ontology's names."""

    def __init__(self, out_dir: Path, store: ox.Store, queries_folder: Path | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.out_dir = out_dir
        self.store = store
        self.timeout = timeout
        """Seconds a query may run (None: no limit)."""
        self._queries_folder = queries_folder

    @classmethod
    def open(
        cls,
        out_dir: str | Path = "out",
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        layout: str = DISK,
        memory_budget: int | None = None,
    ) -> KnowledgeGraph:
        """Open the graph built in ``out_dir`` (read-only); a folder without a build is an error.

        ``timeout`` is how long each query may run, in seconds (None: no
        limit). ``layout`` is where SPARQL runs (:func:`kg.query.store.open_store`):
        ``disk``, ``memory`` or ``auto`` (in memory when the graph fits ``memory_budget`` bytes).
        """
        out = Path(out_dir)
        return cls(out, open_store(out, layout, memory_budget), timeout=timeout)

    @cached_property
    def tables(self) -> Tables | None:
        """The rows the build precomputed for the partitioned queries (None for a build without them)."""
        return Tables.open(self.out_dir)

    @cached_property
    def queries(self) -> dict[str, QueryFile]:
        """The query library, by name."""
        return load_queries(self._queries_folder)

    @cached_property
    def terms(self) -> TermLookup:
        """Names of the ontology's terms, and of the standard terms the build imported."""
        imports = self.out_dir / IMPORTS_FILE
        return TermLookup(TermIndex.load(imports=imports if imports.is_file() else None))

    def resolve(self, name: str) -> str:
        """The IRI of a term named by IRI, CURIE, label, synonym or abbreviation."""
        return str(self.terms.resolve(name))

    def list_queries(self) -> list[QueryFile]:
        """The available queries, by name, with title, description and parameters."""
        return [self.queries[name] for name in sorted(self.queries)]

    def run(self, name: str, **params: object) -> Result:
        """Run a query of the library by name with keyword parameters."""
        return self.run_file_query(find_query(self.queries, name), **params)

    def run_file(self, path: str | Path, **params: object) -> Result:
        """Run a query file of your own (with the same header format)."""
        path = Path(path)
        if not path.is_file():
            raise QueryError(f"{path}: query file not found")
        return self.run_file_query(parse_query_file(path), **params)

    def run_file_query(self, query: QueryFile, **params: object) -> Result:
        """Run a parsed query file with keyword parameters."""
        found = self.select_query(query, params)
        return Result(found.columns, tuple(found.rows))

    def select(self, name: str, params: Mapping[str, object] | None = None, *, offset: int = 0, limit: int | None = None) -> Listing:
        """A page of a library query's rows, read as they are iterated: rows ``offset`` to ``offset + limit`` (None: to the end).

        Partitioned queries with their default parameters (or those and one
        ``case``) read the rows the build precomputed; others run on the store.
        """
        return self.select_query(find_query(self.queries, name), params, offset=offset, limit=limit)

    def select_query(self, query: QueryFile, params: Mapping[str, object] | None = None, *, offset: int = 0, limit: int | None = None) -> Listing:
        """:meth:`select` for a parsed query file."""
        if offset < 0 or (limit is not None and limit < 0):
            raise QueryError("offset and limit must not be negative")
        bound = bind_params(query, dict(params or {}), self.resolve)
        tables = self.tables
        columns = tables.columns(query) if tables is not None else None
        if tables is not None and columns is not None:
            defaults = default_bindings(query, self.resolve)
            use = table_use(query, bound, defaults)
            if use is not None and not use.facets:
                found = tables.totals(query.name, offset, limit) if query.partition == COUNT else tables.rows(query.name, use.case, offset, limit)
                return Listing(columns, (dict(zip(columns, row, strict=True)) for row in found), "tables")
            kept = facet_filters(self.store, use, defaults) if use is not None and query.name in tables.faceted else None
            if use is not None and kept is not None:
                found = tables.facet_rows(query.name, kept.filters, use.case, offset, limit)
                return Listing(columns, (dict(zip(columns, kept.show(columns, row), strict=True)) for row in found), "tables")
        result = self._sparql(query.text, bound, query.name, self.timeout, offset, limit)
        return Listing(result.columns, iter(result.rows), "sparql")

    def query(self, name: str, **params: object) -> list[dict[str, Any]]:
        """Run a query of the library; rows as a list of dicts."""
        return list(self.run(name, **params).rows)

    def dataframe(self, name: str, **params: object) -> Any:
        """Run a query of the library; rows as a pandas DataFrame."""
        return self.run(name, **params).dataframe()

    def sparql(
        self,
        text: str,
        *,
        timeout: float | _Default | None = _DEFAULT,
        _bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        _label: str = "query",
    ) -> Result:
        """Run an ad-hoc SELECT (or ASK) query over the union of the graphs; the project's prefixes are predeclared.

        Updates and SERVICE clauses are refused. The query stops after
        ``timeout`` seconds (default: the graph's ``timeout``; None: no limit).
        """
        limit = self.timeout if isinstance(timeout, _Default) else timeout
        return self._sparql(text, _bindings or {}, _label, limit)

    def _sparql(
        self,
        text: str,
        bindings: Mapping[str, ox.NamedNode | ox.Literal],
        label: str,
        timeout: float | None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Result:
        substitutions = {ox.Variable(name): value for name, value in bindings.items()}
        found = run_query(self.store, with_values_hint(text, bindings), label, substitutions, timeout or None, offset, limit)
        return Result(found.columns, found.rows)

    def to_networkx(self) -> Any:
        """The property-graph projection of the graph as a networkx MultiDiGraph (see :mod:`kg.projection`)."""
        from kg.exports.projection import to_networkx

        return to_networkx(self.store)
