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
of the query's facets (:class:`kg.query.library.Facet`). A query with facets
keeps its rows one by one instead (its ``rows`` entries hold the counts,
with empty data):

- ``facet_rows(id, name, case_id, idx, data, hits)``: each row, by case and
  position, with the ``facet_hits`` entries it has (to remove them with it);
- ``facet_params(id, name, param)`` and ``facet_values(id, value)``: the
  facets, and every value or term that selects a row, numbered;
- ``facet_hits(facet, value, row)``: for each facet, the values that select
  a row (its value in the facet's column, or the terms its key reaches by
  the facet's path).

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
CREATE TABLE IF NOT EXISTS facet_rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, case_id TEXT NOT NULL, idx INTEGER NOT NULL,
                   data TEXT NOT NULL, hits TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS facet_rows_in_order ON facet_rows (name, case_id, idx);
CREATE TABLE IF NOT EXISTS facet_params (id INTEGER PRIMARY KEY, name TEXT NOT NULL, param TEXT NOT NULL, UNIQUE (name, param));
CREATE TABLE IF NOT EXISTS facet_values (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS facet_hits (facet INTEGER NOT NULL, value INTEGER NOT NULL, row INTEGER NOT NULL,
                   PRIMARY KEY (facet, value, row)) WITHOUT ROWID;
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
    faceted: frozenset[str] = frozenset()
    """The queries whose rows are kept one by one, with their facets (none in a build before facets)."""

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
        faceted = (
            frozenset(name for (name,) in connection.execute("SELECT DISTINCT name FROM facet_params")) if "facet_params" in tables else frozenset()
        )
        return cls(path, connection, digests, faceted)

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
        if name in self.faceted:
            yield from self._rows_one_by_one(name, start, skip, case is not None, limit)
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

    def _rows_one_by_one(self, name: str, start: str, skip: int, one_case: bool, limit: int | None) -> Iterator[list[Any]]:
        """The rows of a query kept one by one, from row ``skip`` of case ``start`` on (of that case only, or of it and the next ones)."""
        where = "case_id = ?" if one_case else "case_id >= ?"
        sql = f"SELECT data FROM facet_rows WHERE name = ? AND {where} ORDER BY case_id, idx LIMIT ? OFFSET ?"
        yield from _parsed(self.connection.execute(sql, (name, start, -1 if limit is None else limit, skip)))

    def facet_values(self, name: str, param: str) -> list[str]:
        """Every value that selects a row of query ``name`` for facet ``param`` (sorted)."""
        sql = (
            "SELECT DISTINCT v.value FROM facet_hits AS h JOIN facet_params AS p ON h.facet = p.id JOIN facet_values AS v ON h.value = v.id "
            "WHERE p.name = ? AND p.param = ? ORDER BY v.value"
        )
        return [value for (value,) in self.connection.execute(sql, (name, param))]

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
        selects: list[str] = []
        args: list[object] = []
        for param, values in filters:
            facet = self.connection.execute("SELECT id FROM facet_params WHERE name = ? AND param = ?", (name, param)).fetchone()
            numbers = [id for (id,) in self.connection.execute(f"SELECT id FROM facet_values WHERE value IN ({','.join('?' * len(values))})", values)]
            if facet is None or not numbers:
                return
            # numbers, not a join: SQLite would scan every hit of the facet to match the values
            selects.append(f"SELECT row FROM facet_hits WHERE facet = ? AND value IN ({','.join('?' * len(numbers))})")
            args += [facet[0], *numbers]
        where = "r.id IN (" + " INTERSECT ".join(selects) + ")" + (" AND r.case_id = ?" if case is not None else "")
        sql = f"SELECT r.data FROM facet_rows AS r WHERE {where} ORDER BY r.case_id, r.idx LIMIT ? OFFSET ?"
        yield from _parsed(self.connection.execute(sql, [*args, *([case] if case is not None else []), -1 if limit is None else limit, offset]))

    def close(self) -> None:
        self.connection.close()


def _parsed(cursor: sqlite3.Cursor) -> Iterator[list[Any]]:
    """The rows a cursor reads as JSON texts, one parse per batch of them."""
    try:
        while batch := cursor.fetchmany(512):
            yield from json.loads("[" + ",".join(data for (data,) in batch) + "]")
    finally:
        cursor.close()


MAX_FACET_VALUES = 30_000
"""The most facet values one read takes (SQLite allows 32,766 parameters in a statement); more go to SPARQL."""
