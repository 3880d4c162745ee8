"""The SPARQL query library: load ``.rq`` files by name and read their header comments.

A query file starts with a header of ``#`` comment lines::

    # title: Anatomic sites of calcinosis, rolled up by part-of
    # description: One row per site of a calcinosis cutis diagnosis that lies
    #   in the given region (continuation lines are indented).
    # param: region (term, default cck:AnatomicSite) the region to look in
    # param: min_age (decimal, optional) ...
    # example: kg query calcinosis-sites --param region="lower limb"
    # partition: case
    # facet: region under ?dx cck:hasSite

A parameter is ``NAME (KIND[, optional | , default VALUE]) DESCRIPTION``; KIND
is one of ``term`` (an ontology term or value: IRI, CURIE, label or synonym),
``iri`` (any IRI or CURIE, e.g. a fact), ``string``, ``integer``, ``decimal``
or ``choice a|b|c`` (one of the listed strings; anything else is an error). A parameter is required unless it is optional or has a default.
Each parameter is a variable of the same name that the query projects; values
are bound as pre-bound variables, never pasted into the query text.

``partition: case`` says that every row comes from one case report's graphs
(with the ontology), that the query projects that case's identifier as
``?case`` and orders by it first: its answer over the whole graph is the
answers over each case, in order of case identifier. ``partition: count``
says that the query counts case reports: its last column is a
``COUNT(DISTINCT ...)`` of case reports, the others are its groups, and with
its default parameters it keeps every group; its answer over the whole graph
is then the sum, group by group, of its answers over each case, in the order
of its ``ORDER BY`` (variables, each maybe in ``DESC(...)``). The build
precomputes the rows of both kinds (:mod:`kg.query.tables`).

A ``facet:`` line lets those precomputed rows answer a ``partition: case``
query with a parameter other than its default. ``NAME = ?COLUMN`` says that
binding the (optional, default-less) parameter keeps exactly the rows whose
column equals its value. ``NAME under ?KEY PATH`` says that binding the term
parameter to a term under its default keeps exactly the rows whose ``?KEY``
(a projected variable) reaches, by the property path ``PATH``, a term under
(``rdfs:subClassOf*``) the value, and that the parameter's own column, if
projected, then shows the value. The author states this; the tests check it
against SPARQL for every facet of the library.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError
from kg.resources import queries_dir

__all__ = ["KINDS", "PARTITIONS", "Param", "Facet", "QueryFile", "parse_query_file", "load_queries", "find_query"]

KINDS: tuple[str, ...] = ("term", "iri", "string", "integer", "decimal", "choice")
"""The kinds of value a parameter takes; ``choice`` lists its values, ``choice a|b|c``."""

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_KEY = re.compile(r"^#\s*(title|description|param|example|partition|facet):\s*(.*)$")
PARTITIONS: tuple[str, ...] = ("case", "count")
"""The values of a ``partition:`` header line."""
_FACET = re.compile(r"^([A-Za-z_]\w*)\s+(?:=\s*\?(\w+)|under\s+\?(\w+)\s+(\S.*))$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(\w+)(?:\s+([\w|-]+))?\s*(?:,\s*(optional|default\s+(\S+))\s*)?\)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One parameter of a query file: a variable the caller may bind."""

    name: str
    kind: str
    description: str
    default: str | None = None
    optional: bool = False
    choices: tuple[str, ...] = ()
    """The values a ``choice`` parameter accepts."""

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional


@dataclass(frozen=True)
class Facet:
    """How a parameter selects among a partitioned query's precomputed rows (see the module's docstring)."""

    param: str
    column: str
    """``=``: the projected variable the value must equal; ``under``: the projected variable whose terms are looked at."""
    path: str | None = None
    """``under``: the property path from ``column`` to the terms; None for ``=``."""

    @property
    def under(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class QueryFile:
    """A SPARQL query of the library with its header."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str
    partition: str | None = None
    """``case`` when the rows are case by case (see the module's docstring), else None."""
    facets: tuple[Facet, ...] = ()

    def facet(self, name: str) -> Facet | None:
        return next((f for f in self.facets if f.param == name), None)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict[str, str]:
        """The ``--param k=v`` pairs of the first example (empty if it has none)."""
        words = shlex.split(self.examples[0]) if self.examples else []
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
        return dict(pair.split("=", 1) for pair in pairs)


def parse_query_file(path: Path) -> QueryFile:
    """Read one ``.rq`` file and its header; raise QueryError on a malformed header."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": [], "partition": [], "facet": []}
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _KEY.match(line)
        if match:
            current = fields[match.group(1)]
            current.append(match.group(2).strip())
        elif current is not None and re.match(r"^#\s{2,}\S", line):
            current[-1] = f"{current[-1]} {line[1:].strip()}"
    name = path.stem
    if not fields["title"] or not fields["description"]:
        raise QueryError(f"{path}: the header needs a 'title:' and a 'description:' line")
    params = tuple(_param(path, line) for line in fields["param"])
    partition = fields["partition"][0] if fields["partition"] else None
    if partition is not None and partition not in PARTITIONS:
        raise QueryError(f"{path}: 'partition: {partition}' is not one of {', '.join(PARTITIONS)}")
    facets = tuple(_facet(path, line, params, partition) for line in fields["facet"])
    return QueryFile(
        name=name,
        path=path,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        params=params,
        examples=tuple(fields["example"]),
        text=text,
        partition=partition,
        facets=facets,
    )


def _facet(path: Path, line: str, params: tuple[Param, ...], partition: str | None) -> Facet:
    match = _FACET.match(line)
    if not match:
        raise QueryError(f"{path}: malformed facet line {line!r} (expected 'NAME = ?COLUMN' or 'NAME under ?KEY PATH')")
    name, column, key, route = match.groups()
    param = next((p for p in params if p.name == name), None)
    if partition != "case":
        raise QueryError(f"{path}: facet {name!r}: only a 'partition: case' query has facets")
    if param is None:
        raise QueryError(f"{path}: facet {name!r} names no parameter of the query")
    if column is not None and (param.default is not None or param.required):
        raise QueryError(f"{path}: facet {name!r}: an '=' facet needs an optional parameter without a default")
    if key is not None and (param.kind != "term" or param.default is None):
        raise QueryError(f"{path}: facet {name!r}: an 'under' facet needs a term parameter with a default")
    return Facet(name, column or key, route.strip() if route else None)


def _param(path: Path, line: str) -> Param:
    match = _PARAM.match(line)
    if not match or match.group(2) not in KINDS or (match.group(2) == "choice") != bool(match.group(3)):
        raise QueryError(
            f"{path}: malformed parameter line {line!r} (expected 'NAME (KIND[, optional | , default V]) text', "
            f"KIND one of {', '.join(KINDS)}; a choice lists its values: 'choice a|b|c')"
        )
    name, kind, choices, flag, default, description = match.groups()
    param = Param(
        name=name,
        kind=kind,
        description=description.strip(),
        default=default,
        optional=flag == "optional",
        choices=tuple(choices.split("|")) if choices else (),
    )
    if param.choices and default is not None and default not in param.choices:
        raise QueryError(f"{path}: parameter {name!r}: the default {default!r} is not one of its choices")
    return param


def load_queries(folder: Path | None = None) -> dict[str, QueryFile]:
    """Every query of a folder (default: the bundled ``queries/``), by name."""
    folder = folder or queries_dir()
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        if not _NAME.match(path.stem):
            raise QueryError(f"{path}: query names are lowercase words joined by hyphens")
        queries[path.stem] = parse_query_file(path)
    return queries


def find_query(queries: dict[str, QueryFile], name: str) -> QueryFile:
    """The query called ``name``, or a QueryError listing the known names."""
    if name not in queries:
        close = [known for known in queries if name in known or known in name]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `kg query --list` lists them"
        raise QueryError(f"unknown query {name!r}{hint}")
    return queries[name]
