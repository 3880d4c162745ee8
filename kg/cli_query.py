"""The ``kg query`` and ``kg sparql`` commands: parse options, call :mod:`kg.api`, print rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from .cli_support import run_or_exit

from .errors import QueryError
from .namespaces import PREFIXES

__all__ = ["query", "sparql", "render"]

FORMATS = ("table", "csv", "tsv", "json")
_OUT = click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"), show_default=True,
                    help="Output folder of `kg build` holding the graph.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="How to print the rows.")


def _open(out_dir: Path):  # type: ignore[no-untyped-def]
    from .api import KnowledgeGraph

    return KnowledgeGraph.open(out_dir, build=False)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def _compact(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and prefix in ("cck", "cckd"):
            return f"{prefix}:{text[len(iri):]}"
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
    lines = ["  ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _listing(queries: list[Any]) -> str:
    out = []
    for q in queries:
        out.append(f"{q.name}: {q.title}")
        for p in q.params:
            flag = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            out.append(f"    --param {p.name}=<{p.kind}>  ({flag}) {p.description}")
    return "\n".join(out) + "\n"


@click.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "pairs", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; terms accept an IRI, a CURIE (cck:Thigh) or a label/synonym ('posterior thigh'). Repeatable.")
@click.option("--list", "list_only", is_flag=True, help="List the queries with their parameters.")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Run a .rq file of your own instead of a named query.")
@_FORMAT
@_OUT
def query(name: str | None, pairs: tuple[str, ...], list_only: bool, file: Path | None, fmt: str, out_dir: Path) -> None:
    """Run a query of the library by NAME (see --list), or a query --file."""

    if list_only:
        from .queries import load_queries

        click.echo(_listing([q for _, q in sorted(run_or_exit(load_queries).items())]), nl=False)
        return
    if (name is None) == (file is None):
        click.echo("error: give a query NAME or --file FILE (or --list)", err=True)
        raise SystemExit(2)

    def action():  # type: ignore[no-untyped-def]
        params = _params(pairs)
        graph = _open(out_dir)
        return graph.run_file(file, **params) if file else graph.run(name, **params)

    result = run_or_exit(action)
    click.echo(render(result.columns, result.rows, fmt), nl=False)


@click.command()
@click.argument("text")
@_FORMAT
@_OUT
def sparql(text: str, fmt: str, out_dir: Path) -> None:
    """Run an ad-hoc SPARQL SELECT or ASK query TEXT over all graphs (the cck:, cckd:, rdfs:, ... prefixes are declared)."""

    result = run_or_exit(lambda: _open(out_dir).sparql(text))
    click.echo(render(result.columns, result.rows, fmt), nl=False)
