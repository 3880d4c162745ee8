"""The ``kg query`` and ``kg sparql`` commands: parse options, call :mod:`kg.api`, print rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.cli.support import Console, console_options, deprecated_alias, run_or_exit
from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.query.library import QueryFile, parse_query_file
from kg.query.run import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from kg.query.graph import KnowledgeGraph, Listing

__all__ = ["query", "sparql", "render", "stream"]

FORMATS = ("table", "csv", "tsv", "json")
_BUILD = click.option(
    "--build",
    "build_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder of `kg build` holding the graph.  [default: out]",
)
_OUT = click.option(
    "--out",
    "old_build_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    hidden=True,
    callback=deprecated_alias("--out", "--build"),
    help="Deprecated spelling of --build.",
)
_TIMEOUT = click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds the query may run before it is stopped (0: no limit).",
)


def _build_dir(build_dir: Path | None, old_build_dir: Path | None) -> Path:
    if build_dir is not None and old_build_dir is not None and build_dir != old_build_dir:
        raise click.UsageError("give the build folder once, with --build")
    return build_dir or old_build_dir or Path("out")


_FORMAT = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="How to print the rows.")


_STORE = click.option(
    "--store",
    "layout",
    type=click.Choice(["disk", "memory", "auto"]),
    default="disk",
    show_default=True,
    help="Where SPARQL runs: the on-disk store, a copy loaded into memory (faster queries, slower start), or memory when the graph fits 2 GiB.",
)


def _open(build_dir: Path, timeout: float, layout: str = "disk") -> KnowledgeGraph:
    from kg.query.graph import KnowledgeGraph

    return KnowledgeGraph.open(build_dir, timeout=timeout or None, layout=layout)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        if name.strip() in params:
            raise QueryError(f"--param {name.strip()} is given twice; give each parameter once")
        params[name.strip()] = value
    return params


def _compact(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and prefix in ("cck", "cckd"):
            return f"{prefix}:{text[len(iri) :]}"
    return text


def render(columns: tuple[str, ...], rows: tuple[dict[str, Any], ...], fmt: str) -> str:
    """The rows as text in one of ``FORMATS``."""
    if fmt == "json":
        return json.dumps([{name: row.get(name) for name in columns} for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(name) is None else str(row.get(name)) for name in columns])
        return buffer.getvalue()
    cells = [[_compact(row.get(name)) for name in columns] for row in rows]
    widths = [max([len(name), *(len(line[i]) for line in cells)]) for i, name in enumerate(columns)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(columns, widths, strict=True)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def stream(columns: tuple[str, ...], rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """The rows as text in one of ``FORMATS``, piece by piece as they are read (the same text as :func:`render`).

    A table needs every row for its column widths, so it is rendered whole.
    """
    if fmt == "table":
        yield render(columns, tuple(rows), fmt)
        return
    if fmt == "json":
        first = True
        for row in rows:
            body = json.dumps({name: row.get(name) for name in columns}, indent=2, ensure_ascii=False)
            yield ("[\n" if first else ",\n") + "\n".join("  " + line for line in body.splitlines())
            first = False
        yield "[]\n" if first else "\n]\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(columns)
    for count, row in enumerate(rows, 1):
        writer.writerow(["" if row.get(name) is None else str(row.get(name)) for name in columns])
        if count % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _listing(queries: list[QueryFile], fmt: str) -> str:
    if fmt != "table":
        columns = ("name", "title", "description", "params")
        rows: tuple[dict[str, Any], ...] = tuple(
            {"name": q.name, "title": q.title, "description": q.description, "params": _param_rows(q)} for q in queries
        )
        if fmt == "json":
            return json.dumps([dict(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
        flat = tuple({**row, "params": " ".join(p["name"] for p in row["params"])} for row in rows)
        return render(columns, flat, fmt)
    out = []
    for q in queries:
        out.append(f"{q.name}: {q.title}")
        for p in q.params:
            flag = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            kind = "|".join(p.choices) if p.choices else p.kind
            out.append(f"    --param {p.name}=<{kind}>  ({flag}) {p.description}")
    return "\n".join(out) + "\n"


def _param_rows(query: QueryFile) -> list[dict[str, Any]]:
    return [
        {"name": p.name, "kind": p.kind, "required": p.required, "default": p.default, "choices": list(p.choices), "description": p.description}
        for p in query.params
    ]


@click.command()
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "pairs",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter; terms accept an IRI, a CURIE (cck:Thigh) or a label/synonym ('posterior thigh'). Repeatable.",
)
@click.option("--list", "list_only", is_flag=True, help="List the queries with their parameters (in --format).")
@click.option(
    "--file", "file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Run a .rq file of your own instead of a named query."
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most this many rows (a page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many rows first.")
@_FORMAT
@_BUILD
@_OUT
@_TIMEOUT
@_STORE
@console_options
def query(
    console: Console,
    name: str | None,
    pairs: tuple[str, ...],
    list_only: bool,
    file: Path | None,
    limit: int | None,
    offset: int,
    fmt: str,
    build_dir: Path | None,
    old_build_dir: Path | None,
    timeout: float,
    layout: str,
) -> None:
    """Run a query of the library by NAME (see --list), or a query --file."""
    if list_only:
        from kg.query.library import load_queries

        queries = [q for _, q in sorted(run_or_exit(load_queries).items())]
        click.echo(_listing(queries, fmt), nl=False)
        return
    if (name is None) == (file is None):
        raise click.UsageError("give a query NAME or --file FILE (or --list)")
    folder = _build_dir(build_dir, old_build_dir)

    def action() -> Listing:
        params = _params(pairs)
        graph = _open(folder, timeout, layout)
        if file:
            if not file.is_file():
                raise QueryError(f"{file}: query file not found")
            return graph.select_query(parse_query_file(file), params, offset=offset, limit=limit)
        return graph.select(name or "", params, offset=offset, limit=limit)

    listing = run_or_exit(action)
    run_or_exit(lambda: _echo_all(stream(listing.columns, listing.rows, fmt)))


def _echo_all(pieces: Iterable[str]) -> None:
    for piece in pieces:
        click.echo(piece, nl=False)


@click.command()
@click.argument("text")
@_FORMAT
@_BUILD
@_OUT
@_TIMEOUT
@_STORE
@console_options
def sparql(console: Console, text: str, fmt: str, build_dir: Path | None, old_build_dir: Path | None, timeout: float, layout: str) -> None:
    """Run an ad-hoc SPARQL SELECT or ASK query TEXT over all graphs (the cck:, cckd:, rdfs:, ... prefixes are declared).

    Updates and SERVICE clauses are refused: the query reads the local store only.
    """
    folder = _build_dir(build_dir, old_build_dir)
    result = run_or_exit(lambda: _open(folder, timeout, layout).sparql(text))
    click.echo(render(result.columns, result.rows, fmt), nl=False)
