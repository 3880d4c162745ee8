"""The Python query helper: open a built graph, run the query library or ad-hoc SPARQL.

>>> from kg.api import KnowledgeGraph
>>> kg = KnowledgeGraph.open("out")                       # builds first if missing or stale
>>> kg.query("calcinosis-sites", region="lower limb")     # rows as dicts
>>> kg.dataframe("patients")                             # pandas, when installed

Parameters are bound as pre-bound variables (pyoxigraph ``substitutions``,
the same semantics as rdflib's ``initBindings``): a value is always data, never
query text.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import QueryError
from .lookup import TermLookup, expand_curie
from .namespaces import PREFIXES
from .queries import Param, QueryFile, find_query, load_queries, parse_query_file
from .resources import bundled_data_dir, default_reports_dir, ontology_dir
from .store import STORE_DIR, open_store
from .terms import TermIndex

__all__ = ["KnowledgeGraph", "Result", "is_stale", "to_python", "bind_params", "prefix_block", "with_values_hint"]

SUMMARY = "summary.json"
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + name for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
_DECIMALS = {XSD + "decimal", XSD + "double", XSD + "float"}


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
            raise QueryError("pandas is not installed; install it with `pip install \"calcinosis-kg[pandas]\"` (or `pip install pandas`)") from exc
        return pd.DataFrame(list(self.rows), columns=list(self.columns))


def to_python(term: Any) -> Any:
    """A plain Python value of an RDF term: IRIs as strings, numbers as int/float, booleans as bool."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _DECIMALS:
                number = float(term.value)
                return int(number) if number.is_integer() and datatype == XSD + "decimal" else number
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value if hasattr(term, "value") else str(term)


def is_stale(out_dir: Path, inputs: Iterable[Path]) -> bool:
    """True if the build in ``out_dir`` is missing or older than any input file."""
    summary = out_dir / SUMMARY
    if not summary.is_file() or not (out_dir / STORE_DIR).is_dir():
        return True
    built = summary.stat().st_mtime
    return any(path.stat().st_mtime > built for path in inputs)


def _inputs(data_dir: Path) -> list[Path]:
    """The files a build depends on: records, ontology modules and shapes."""
    return [*sorted(data_dir.glob("*.yaml")), *sorted(ontology_dir().rglob("*.ttl"))]


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
    at = _first_group(text)
    if at < 0:
        return text
    names = sorted(bindings)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bindings[n]) for n in names)}) }} "
    return text[: at + 1] + values + text[at + 1 :]


def _first_group(text: str) -> int:
    """The index of the first ``{`` outside comments, IRIs and string literals, or -1."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            i = text.index(">", i)
        elif c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "{":
            return i
        i += 1
    return -1


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


class KnowledgeGraph:
    """A built knowledge graph: its SPARQL store, the query library and the ontology's names."""

    def __init__(self, out_dir: Path, store: ox.Store, queries_folder: Path | None = None) -> None:
        self.out_dir = out_dir
        self.store = store
        self._queries_folder = queries_folder

    @classmethod
    def open(
        cls,
        out_dir: str | Path = "out",
        *,
        data_dir: str | Path | None = None,
        reports_dir: str | Path | None = None,
        build: bool = True,
    ) -> "KnowledgeGraph":
        """Open the graph built in ``out_dir``, building it first if it is missing or stale.

        Stale means a record (``data_dir``, default the bundled records), an
        ontology module or a shape is newer than the build's ``summary.json``.
        ``build=False`` opens whatever is there.
        """
        out = Path(out_dir)
        data = Path(data_dir) if data_dir else bundled_data_dir()
        if build and is_stale(out, _inputs(data)):
            from . import pipeline

            reports = Path(reports_dir) if reports_dir else default_reports_dir()
            pipeline.build(data, out, reports)
        return cls(out, open_store(out))

    @cached_property
    def queries(self) -> dict[str, QueryFile]:
        """The query library, by name."""
        return load_queries(self._queries_folder)

    @cached_property
    def terms(self) -> TermLookup:
        return TermLookup(TermIndex.load())

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
        bound = bind_params(query, params, self.resolve)
        return self.sparql(query.text, _bindings=bound, _label=query.name)

    def query(self, name: str, **params: object) -> list[dict[str, Any]]:
        """Run a query of the library; rows as a list of dicts."""
        return list(self.run(name, **params).rows)

    def dataframe(self, name: str, **params: object) -> Any:
        """Run a query of the library; rows as a pandas DataFrame."""
        return self.run(name, **params).dataframe()

    def sparql(self, text: str, *, _bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None, _label: str = "query") -> Result:
        """Run an ad-hoc SELECT (or ASK) query over the union of the graphs; the project's prefixes are predeclared."""
        substitutions = {ox.Variable(name): value for name, value in (_bindings or {}).items()}
        try:
            solutions = self.store.query(
                with_values_hint(text, _bindings or {}),
                use_default_graph_as_union=True,
                prefixes=dict(PREFIXES),
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(f"{_label}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
        except RuntimeError as exc:
            raise QueryError(f"{_label}: {' '.join(str(exc).split())}") from None
        if isinstance(solutions, ox.QueryBoolean):
            return Result(("result",), ({"result": bool(solutions)},))
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"{_label}: only SELECT and ASK queries are supported")
        columns = tuple(v.value for v in solutions.variables)
        rows = tuple({name: to_python(solution[name]) for name in columns} for solution in solutions)
        return Result(columns, rows)

    def to_networkx(self) -> Any:
        """The property-graph projection of the graph as a networkx MultiDiGraph (see :mod:`kg.projection`)."""
        from .projection import to_networkx

        return to_networkx(self.store)
