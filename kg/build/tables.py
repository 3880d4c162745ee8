"""The build's side of the precomputed listing rows (:mod:`kg.query.tables`).

The build processes run every ``partition: case`` query of the library, with
its default parameters, over the store a batch was validated in (the
ontology, what HermiT adds to it, and the batch's case and inferred graphs:
the same graphs the output store holds for these cases), and every
``partition: count`` query over each case's graphs on their own; they write
each case's rows as a chunk file beside its N-Quads. The main process
gathers the chunks into ``tables.sqlite`` and adds up the ``count`` queries'
rows over all cases; an incremental build copies the previous file, replaces
the entries of the cases it rebuilt and adds up again (a sum over the small
per-case rows, not a query over the store).

For a query with facets (:class:`kg.query.library.Facet`) the build also
keeps, for each row, the values each facet selects it by: the row's value in
the facet's column, or the terms its key reaches by the facet's path. They go
to the chunk as a second line (``name@facets TAB params TAB values as JSON``)
and into ``facet_rows`` and ``facet_hits`` (:mod:`kg.query.tables`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.query.hints import with_values_hint
from kg.query.library import QueryFile, load_queries
from kg.query.tables import CASE, COUNT, SCHEMA, default_bindings, query_digest
from kg.rdfterms import to_python

__all__ = ["TableQuery", "table_queries", "case_rows", "add_up", "rows_chunk", "TableWriter"]


@dataclass(frozen=True)
class TableQuery:
    """A partitioned query ready to run: its text with the default values as a VALUES hint, those values, its columns."""

    name: str
    digest: str
    text: str
    bindings: tuple[tuple[str, ox.NamedNode | ox.Literal], ...]
    columns: tuple[str, ...]
    partition: str = CASE
    order: tuple[tuple[int, bool], ...] = ()
    """For a ``count`` query: its ORDER BY as (column index, descending) pairs."""
    facets: tuple[tuple[str, int, str | None], ...] = ()
    """For each facet: its parameter, the index of its column, and (``under``) the query from that column's terms to theirs."""

    def run(self, store: ox.Store, graphs: list[str] | None = None) -> ox.QuerySolutions:
        """The query's solutions over the union of the store's graphs, or of the named ``graphs``."""
        substitutions = {ox.Variable(name): value for name, value in self.bindings} or None
        scope: dict[str, object] = {"use_default_graph_as_union": True} if graphs is None else {"default_graph": [ox.NamedNode(g) for g in graphs]}
        found = store.query(self.text, prefixes=dict(PREFIXES), substitutions=substitutions, **scope)  # type: ignore[arg-type]
        if not isinstance(found, ox.QuerySolutions):
            raise KGError(f"query {self.name}: a partitioned query must be a SELECT query")
        return found


def table_queries(resolve: Callable[[str], str]) -> tuple[TableQuery, ...]:
    """The partitioned queries of the bundled library, with their default parameters bound (terms named through ``resolve``)."""
    found = []
    for name, query in sorted(load_queries().items()):
        if query.partition not in (CASE, COUNT):
            continue
        bound = default_bindings(query, resolve)
        table = TableQuery(name, query_digest(query), with_values_hint(query.text, bound), tuple(sorted(bound.items())), (), query.partition)
        columns = tuple(v.value for v in table.run(ox.Store()).variables)
        if query.partition == CASE and CASE not in columns:
            raise KGError(f"query {name}: a partitioned query must project ?{CASE}")
        order = _order(name, query.text, columns) if query.partition == COUNT else ()
        found.append(dataclasses.replace(table, columns=columns, order=order, facets=_facets(name, query, columns)))
    return tuple(found)


def _facets(name: str, query: QueryFile, columns: tuple[str, ...]) -> tuple[tuple[str, int, str | None], ...]:
    found = []
    for facet in query.facets:
        if facet.column not in columns:
            raise KGError(f"query {name}: facet {facet.param!r} names ?{facet.column}, which the query does not project")
        path = f"SELECT ?key ?value WHERE {{ ?key {facet.path} ?value }}" if facet.path else None
        found.append((facet.param, columns.index(facet.column), path))
    return tuple(found)


FACETS = "@facets"
"""The suffix of a query's name on the chunk line that holds its rows' facet values."""


def reached_terms(store: ox.Store, query: TableQuery) -> list[dict[object, set[str]] | None]:
    """For each facet of ``query``: by key, the terms its path reaches in the store (None for an ``=`` facet)."""
    reached: list[dict[object, set[str]] | None] = []
    for _, _, path in query.facets:
        if path is None:
            reached.append(None)
            continue
        terms: dict[object, set[str]] = defaultdict(set)
        for solution in store.query(path, prefixes=dict(PREFIXES), use_default_graph_as_union=True):  # type: ignore[union-attr]
            terms[to_python(solution[0])].add(str(to_python(solution[1])))
        reached.append(terms)
    return reached


def facet_values(query: TableQuery, reached: list[dict[object, set[str]] | None], rows: list[list[object]]) -> list[list[list[str]]]:
    """For each row, for each facet of ``query``, the values that select it (sorted strings)."""
    found = []
    for row in rows:
        values = []
        for (_, column, _), terms in zip(query.facets, reached, strict=True):
            value = row[column]
            if terms is not None:
                values.append(sorted(terms.get(value, ())))
            else:
                values.append([] if value is None else [str(value)])
        found.append(values)
    return found


_ORDER_TERM = re.compile(r"(?:(DESC|ASC)\(\s*\?(\w+)\s*\))|\?(\w+)")


def _order(name: str, text: str, columns: tuple[str, ...]) -> tuple[tuple[int, bool], ...]:
    """The ORDER BY of a ``count`` query as (column, descending) pairs: plain projected variables, maybe in DESC() or ASC()."""
    clause = text.rsplit("ORDER BY", 1)[1].strip() if "ORDER BY" in text else ""
    order = []
    for match in _ORDER_TERM.finditer(clause):
        variable = match.group(2) or match.group(3)
        if variable not in columns:
            raise KGError(f"query {name}: ORDER BY ?{variable}, which the query does not project")
        order.append((columns.index(variable), match.group(1) == "DESC"))
    if _ORDER_TERM.sub("", clause).strip():
        raise KGError(f"query {name}: a 'partition: count' query orders by variables only (ASC/DESC allowed)")
    return tuple(order)


def _sort_value(value: object) -> tuple[int, object]:
    """SPARQL's order for the plain values of one column: unbound first, then numbers, then text."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    return (2, str(value))


def add_up(query: TableQuery, per_case: Iterable[list[list[object]]]) -> list[list[object]]:
    """The rows of a ``count`` query over all cases: the last column added up by the others, in the query's order."""
    sums: dict[tuple[object, ...], int] = {}
    for rows in per_case:
        for row in rows:
            key = tuple(row[:-1])
            sums[key] = sums.get(key, 0) + int(row[-1])  # type: ignore[call-overload]
    found = [[*key, total] for key, total in sums.items()]
    for column, descending in reversed(query.order):
        found.sort(key=lambda row, c=column: _sort_value(row[c]), reverse=descending)  # type: ignore[misc]
    return found


def case_rows(store: ox.Store, queries: Iterable[TableQuery], graphs: dict[str, list[str]]) -> dict[str, dict[str, list[list[object]]]]:
    """Run the queries over a batch's store: by case id, each query's rows.

    ``graphs`` names, by case id, the graphs that hold one case with the
    ontology: a ``count`` query runs over each case's graphs on their own.
    """
    by_case: dict[str, dict[str, list[list[object]]]] = defaultdict(dict)
    for query in queries:
        width = len(query.columns)
        if query.partition == COUNT:
            for case, names in graphs.items():
                rows = [[to_python(solution[index]) for index in range(width)] for solution in query.run(store, names)]
                if rows:
                    by_case[case][query.name] = rows
            continue
        at = query.columns.index(CASE)
        for solution in query.run(store):
            row = [to_python(solution[index]) for index in range(width)]
            by_case[str(row[at])].setdefault(query.name, []).append(row)
        if query.facets:
            reached = reached_terms(store, query)
            for per_query in by_case.values():
                if query.name in per_query:
                    per_query[query.name + FACETS] = facet_values(query, reached, per_query[query.name])  # type: ignore[assignment]
    return by_case


def rows_chunk(case_id: str, queries: Iterable[TableQuery], rows: dict[str, list[list[object]]]) -> bytes:
    """A case's rows chunk: one line per query, ``name TAB count TAB rows as JSON`` (every query listed, in name order)."""
    lines = []
    for query in queries:
        found = rows.get(query.name, [])
        lines.append(f"{query.name}\t{len(found)}\t{_json(found)}\n")
        if query.facets and found:
            params = ",".join(param for param, _, _ in query.facets)
            lines.append(f"{query.name}{FACETS}\t{params}\t{_json(rows[query.name + FACETS])}\n")
    return "".join(lines).encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class TableWriter:
    """Fills ``tables.sqlite`` while a build runs: a new file, or a copy of the previous one without the changed cases."""

    def __init__(self, path: Path, previous: Path | None = None, drop_cases: Iterable[str] = ()) -> None:
        copied = previous is not None and previous.is_file()
        if copied:
            shutil.copyfile(previous, path)  # type: ignore[arg-type]
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode = OFF")  # a failed build drops the whole file
        self.connection.execute("PRAGMA synchronous = OFF")  # the build syncs its outputs before the swap
        self.connection.executescript(SCHEMA)
        self.params = {(name, param): id for id, name, param in self.connection.execute("SELECT id, name, param FROM facet_params")}
        self.values = dict(self.connection.execute("SELECT value, id FROM facet_values"))
        self.next_row = int(self.connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM facet_rows").fetchone()[0])
        if copied:
            self._drop(sorted(set(drop_cases)))

    def _drop(self, cases: list[str]) -> None:
        """Remove the entries of these cases (each by its key: no scan of the whole file)."""
        names = [name for (name,) in self.connection.execute("SELECT name FROM queries")]
        pairs = [(name, case) for name in names for case in cases]
        for name, case in pairs:
            found = self.connection.execute("SELECT id, hits FROM facet_rows WHERE name = ? AND case_id = ?", (name, case)).fetchall()
            self.connection.executemany(
                "DELETE FROM facet_hits WHERE facet = ? AND value = ? AND row = ?", [(*hit, id) for id, hits in found for hit in json.loads(hits)]
            )
            self.connection.executemany("DELETE FROM facet_rows WHERE id = ?", [(id,) for id, _ in found])
        self.connection.executemany("DELETE FROM rows WHERE name = ? AND case_id = ?", pairs)

    def add(self, case_id: str, chunk: Path) -> None:
        """Insert a case's rows chunk."""
        entries, data_of = [], dict[str, str]()
        for line in chunk.read_bytes().decode("utf-8").splitlines():
            name, count, data = line.split("\t", 2)
            if name.endswith(FACETS):
                name = name.removesuffix(FACETS)
                self._add_one_by_one(case_id, name, count.split(","), data_of[name], data)
            elif count != "0":
                entries.append((name, case_id, int(count), data))
                data_of[name] = data
        faceted = {name for (name, _) in self.params}
        self.connection.executemany(
            "INSERT INTO rows (name, case_id, n, data) VALUES (?, ?, ?, ?)",
            [(name, case, n, "" if name in faceted else data) for name, case, n, data in entries],
        )

    def _add_one_by_one(self, case_id: str, name: str, params: list[str], rows: str, values: str) -> None:
        """A faceted query's rows, one ``facet_rows`` entry each, with a ``facet_hits`` entry per value that selects it."""
        facets = [self._number(self.params, (name, param), "INSERT INTO facet_params (name, param) VALUES (?, ?)") for param in params]
        entries: list[tuple[object, ...]] = []
        hits: list[tuple[int, int, int]] = []
        for index, (row, per_facet) in enumerate(zip(json.loads(rows), json.loads(values), strict=True)):
            number = self.next_row
            self.next_row += 1
            selecting = sorted(
                {
                    (facet, self._number(self.values, value, "INSERT INTO facet_values (value) VALUES (?)"))
                    for facet, found in zip(facets, per_facet, strict=True)
                    for value in found
                }
            )
            entries.append((number, name, case_id, index, _json(row), _json(selecting)))
            hits.extend((*hit, number) for hit in selecting)
        self.connection.executemany("INSERT INTO facet_rows (id, name, case_id, idx, data, hits) VALUES (?, ?, ?, ?, ?, ?)", entries)
        self.connection.executemany("INSERT INTO facet_hits (facet, value, row) VALUES (?, ?, ?)", hits)

    def _number(self, known: dict[Any, int], key: Any, insert: str) -> int:
        """The number of a facet or value, given it on first sight."""
        found = known.get(key)
        if found is None:
            cursor = self.connection.execute(insert, key if isinstance(key, tuple) else (key,))
            found = known[key] = int(cursor.lastrowid)  # type: ignore[arg-type]
        return found

    def abort(self) -> None:
        """Close the file without committing (the build failed; its staging folder is deleted)."""
        self.connection.close()

    def close(self, queries: Iterable[TableQuery]) -> None:
        """Record the queries the rows were made with, and commit."""
        queries = list(queries)
        self.connection.execute("DELETE FROM queries")
        self.connection.executemany(
            "INSERT INTO queries (name, digest, columns) VALUES (?, ?, ?)",
            [(q.name, q.digest, json.dumps(list(q.columns))) for q in queries],
        )
        self.connection.execute("DELETE FROM totals")
        for query in queries:
            if query.partition == COUNT:
                cursor = self.connection.execute("SELECT data FROM rows WHERE name = ?", (query.name,))
                total = add_up(query, (json.loads(data) for (data,) in cursor))
                self.connection.execute(
                    "INSERT INTO totals (name, n, data) VALUES (?, ?, ?)",
                    (query.name, len(total), json.dumps(total, ensure_ascii=False, separators=(",", ":"))),
                )
        self.connection.commit()
        self.connection.close()
