"""Precomputed rows of the case-partitioned library queries: what every listing reads, kept per case.

A query whose header says ``partition: case`` (:mod:`kg.query.library`)
returns, over the whole graph, the rows it returns over each case report's
graphs, in order of case identifier. The build runs such a query over each
batch of cases it builds (with the query's default parameters) and keeps the
rows of each case in one SQLite file of the output folder, ``tables.sqlite``:

- ``queries(name, digest, columns)``: the queries it holds, each with the
  sha256 of the query text the rows were computed with and its columns;
- ``rows(name, case_id, n, data)``: one entry per query and case: the number
  of rows and the rows as a JSON array of arrays (plain values, as
  :func:`kg.rdfterms.to_python` gives them), ordered by case identifier (the
  binary order of UTF-8, which is the code-point order SPARQL sorts strings in);
- ``totals(name, n, data)``: for a ``partition: count`` query, its rows over
  all cases: each case's rows added up, in the query's order.

A listing is then read in order of case, and a page of it skips whole cases by
their row counts. Rows are used only for the query text they were computed
from and the default parameters (or those and one ``case``), or other values
of the query's facets (:class:`kg.query.library.Facet`), looked up in:

- ``facet_rows(name, case_id, idx, data)``: each row of a query with facets,
  by case and position;
- ``facet_hits(name, param, value, case_id, idx)``: for each facet parameter,
  the values that select a row (its value in the facet's column, or the
  terms its key reaches by the facet's path).

Anything else is answered by SPARQL on the store. An incremental build replaces the entries of
the cases it rebuilds, so the file always matches the store.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.query.library import Facet, QueryFile

__all__ = ["TABLES_FILE", "SCHEMA", "CASE", "COUNT", "Tables", "TableUse", "query_digest", "default_bindings", "table_use"]

TABLES_FILE = "tables.sqlite"
"""The precomputed rows, in a build's output folder."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS queries (name TEXT PRIMARY KEY, digest TEXT NOT NULL, columns TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rows (name TEXT NOT NULL, case_id TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL,
                   PRIMARY KEY (name, case_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals (name TEXT PRIMARY KEY, n INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facet_rows (name TEXT NOT NULL, case_id TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL,
                   PRIMARY KEY (name, case_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facet_hits (name TEXT NOT NULL, param TEXT NOT NULL, value TEXT NOT NULL, case_id TEXT NOT NULL,
                   idx INTEGER NOT NULL, PRIMARY KEY (name, param, value, case_id, idx)) WITHOUT ROWID;
"""

CASE = "case"
"""The partition variable (and parameter) of ``partition: case`` queries."""
COUNT = "count"
"""The partition of queries that count case reports: their rows add up across cases (kept whole in ``totals``)."""


def query_digest(query: QueryFile) -> str:
    """The sha256 of a query's text: rows computed from another text are never used for it."""
    return hashlib.sha256(query.text.encode("utf-8")).hexdigest()


def default_bindings(query: QueryFile, resolve: Callable[[str], str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The bindings of the parameters that have a default (required and optional ones are left unbound)."""
    from kg.query.params import bind_params

    with_default = dataclasses.replace(query, params=tuple(p for p in query.params if p.default is not None))
    return bind_params(with_default, {}, resolve)


@dataclass(frozen=True)
class TableUse:
    """How the precomputed rows answer a query: all of them, or one ``case``'s, kept by the bound ``facets``."""

    case: str | None = None
    facets: tuple[tuple[Facet, ox.NamedNode | ox.Literal], ...] = ()


def table_use(query: QueryFile, bound: Mapping[str, ox.NamedNode | ox.Literal], defaults: Mapping[str, ox.NamedNode | ox.Literal]) -> TableUse | None:
    """How the precomputed rows answer ``query`` with ``bound``, or None when they cannot.

    They can when every parameter but ``case`` has its default value
    (optional ones unbound) or is a facet of the query; a bound ``case``
    string selects that case's rows.
    """
    if query.partition == COUNT:
        return TableUse() if dict(bound) == dict(defaults) else None
    if query.partition != CASE:
        return None
    facets = []
    for name in sorted(set(bound) | set(defaults)):
        if name == CASE or bound.get(name) == defaults.get(name):
            continue
        facet = query.facet(name)
        if facet is None or name not in bound:
            return None
        facets.append((facet, bound[name]))
    case = bound.get(CASE)
    if case is None:
        return TableUse(None, tuple(facets)) if CASE not in defaults else None
    param = query.param(CASE)
    if not isinstance(case, ox.Literal) or param is None or param.kind != "string" or CASE in defaults:
        return None
    return TableUse(case.value, tuple(facets))


@dataclass
class Tables:
    """The precomputed rows of a build (read-only)."""

    path: Path
    connection: sqlite3.Connection
    digests: dict[str, tuple[str, tuple[str, ...]]]
    """By query name: the digest of the text the rows were made with, and the columns."""
    faceted: bool = False
    """Whether the file holds facet entries (a build before facets has none)."""

    @classmethod
    def open(cls, out_dir: Path) -> Tables | None:
        """The tables of the build in ``out_dir``, or None when it has none (an older build)."""
        path = out_dir / TABLES_FILE
        if not path.is_file():
            return None
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        try:
            found = connection.execute("SELECT name, digest, columns FROM queries").fetchall()
        except sqlite3.DatabaseError:
            connection.close()
            return None
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        digests = {name: (digest, tuple(json.loads(columns))) for name, digest, columns in found}
        return cls(path, connection, digests, {"facet_rows", "facet_hits"} <= tables)

    def columns(self, query: QueryFile) -> tuple[str, ...] | None:
        """The columns of ``query`` if its rows are here and were made from its current text, else None."""
        found = self.digests.get(query.name)
        if found is None or found[0] != query_digest(query):
            return None
        return found[1]

    def totals(self, name: str, offset: int = 0, limit: int | None = None) -> Iterator[list[Any]]:
        """The rows of a ``partition: count`` query, added up over the cases, from ``offset`` on, at most ``limit``."""
        found = self.connection.execute("SELECT data FROM totals WHERE name = ?", (name,)).fetchone()
        rows = json.loads(found[0]) if found else []
        return iter(rows[offset : None if limit is None else offset + limit])

    def count(self, name: str, case: str | None = None) -> int:
        """How many rows the query has (for one case, or in all)."""
        args: tuple[str, ...]
        if case is not None:
            sql, args = "SELECT COALESCE(SUM(n), 0) FROM rows WHERE name = ? AND case_id = ?", (name, case)
        else:
            sql, args = "SELECT COALESCE(SUM(n), 0) FROM rows WHERE name = ?", (name,)
        return int(self.connection.execute(sql, args).fetchone()[0])

    def rows(self, name: str, case: str | None = None, offset: int = 0, limit: int | None = None) -> Iterator[list[Any]]:
        """The rows of a query in order (of one case, or of all), from ``offset`` on, at most ``limit`` of them.

        Cases wholly before ``offset`` are skipped by their counts, without reading their rows.
        """
        if limit is not None and limit <= 0:
            return
        if case is not None:
            cursor = self.connection.execute("SELECT case_id, n FROM rows WHERE name = ? AND case_id = ?", (name, case))
        else:
            cursor = self.connection.execute("SELECT case_id, n FROM rows WHERE name = ? ORDER BY case_id", (name,))
        start, skip = None, offset
        for case_id, n in cursor:
            if skip < n:
                start = case_id
                break
            skip -= n
        cursor.close()
        if start is None:
            return
        if case is not None:
            cursor = self.connection.execute("SELECT data FROM rows WHERE name = ? AND case_id = ?", (name, case))
        else:
            cursor = self.connection.execute("SELECT data FROM rows WHERE name = ? AND case_id >= ? ORDER BY case_id", (name, start))
        left = limit
        try:
            while True:
                batch = cursor.fetchmany(256 if left is None else 16)
                if not batch:
                    return
                # one JSON parse for a batch of cases: the per-case overhead stays in C
                for found in json.loads("[" + ",".join(data for (data,) in batch) + "]"):
                    if skip:
                        found, skip = found[skip:], 0
                    if left is not None:
                        found = found[:left]
                        left -= len(found)
                    yield from found
                    if left is not None and left <= 0:
                        return
        finally:
            cursor.close()

    def facet_rows(
        self, name: str, filters: list[tuple[str, list[str]]], case: str | None = None, offset: int = 0, limit: int | None = None
    ) -> Iterator[list[Any]]:
        """The rows of a query that every filter selects (a row is selected by a parameter when one of its values is listed), in order.

        ``filters`` pairs a facet's parameter with the values that select a
        row for it; the rows come in the order of the listing they are kept
        from. One SQL statement intersects the filters and reads the rows.
        """
        if not filters or sum(len(values) for _, values in filters) > MAX_FACET_VALUES:
            raise ValueError(f"between 1 and {MAX_FACET_VALUES} facet values are needed")
        selects, args = [], []
        for param, values in filters:
            where = f"name = ? AND param = ? AND value IN ({','.join('?' * len(values))})" + (" AND case_id = ?" if case is not None else "")
            selects.append(f"SELECT case_id, idx FROM facet_hits WHERE {where}")
            args += [name, param, *values, *([case] if case is not None else [])]
        keys = " INTERSECT ".join(selects) if len(selects) > 1 else selects[0].replace("SELECT", "SELECT DISTINCT", 1)
        sql = (
            f"SELECT r.data FROM ({keys}) AS k JOIN facet_rows AS r ON r.name = ? AND r.case_id = k.case_id AND r.idx = k.idx "
            "ORDER BY k.case_id, k.idx LIMIT ? OFFSET ?"
        )
        cursor = self.connection.execute(sql, [*args, name, -1 if limit is None else limit, offset])
        try:
            while batch := cursor.fetchmany(512):
                yield from json.loads("[" + ",".join(data for (data,) in batch) + "]")  # one parse per batch
        finally:
            cursor.close()

    def close(self) -> None:
        self.connection.close()


MAX_FACET_VALUES = 30_000
"""The most facet values one read takes (SQLite allows 32,766 parameters in a statement); more go to SPARQL."""


def page(rows: Iterator[Any], offset: int, limit: int | None) -> Iterator[Any]:
    """Rows ``offset`` to ``offset + limit`` of an iterator."""
    return islice(rows, offset, None if limit is None else offset + limit)
