"""The ``kg export`` and ``kg stats`` commands: parse options, call :mod:`kg.exports`, print a summary."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_support import run_or_exit

__all__ = ["export", "stats", "FORMAT_NAMES"]

FORMAT_NAMES = ("neo4j", "cypher", "gexf", "graphml", "ttl", "nq", "trig", "jsonld")
"""The formats offered on the command line (the registry of :mod:`kg.exports` may hold more)."""
_BUILD = click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"), show_default=True,
                      help="Output folder of `kg build` to read the graph from.")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True,
              help="neo4j: CSV folder for neo4j-admin import; cypher: script for cypher-shell; gexf: Gephi; "
                   "graphml: Gephi/yEd/Cytoscape/APOC; ttl, nq, trig, jsonld: RDF.")
@click.option("--out", "dest", type=click.Path(path_type=Path), required=True,
              help="Export destination: a file, or a folder for --format neo4j.")
@_BUILD
@click.pass_obj
def export(opts: dict[str, bool], fmt: str, dest: Path, build_dir: Path) -> None:
    """Export the built graph for Neo4j, Gephi, GraphML tools or RDF tools."""
    from .exports import export as run_export

    result = run_or_exit(lambda: run_export(fmt, build_dir, dest))
    if opts.get("quiet"):
        return
    what = f"{result.nodes} nodes and {result.edges} relationships" if result.edges or fmt not in ("ttl", "nq", "trig", "jsonld") else f"{result.nodes} quads"
    click.echo(f"Exported {what} as {fmt} to {result.path.resolve()}")
    if len(result.files) > 1:
        click.echo(f"  {len(result.files)} files")
    click.echo(f"Load it: {result.load}")


@click.command("stats")
@_BUILD
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="How many of the most connected terms to list.")
def stats(build_dir: Path, top: int) -> None:
    """Print node and relationship counts by type and the most connected terms of the property graph."""
    from .graph_stats import graph_stats
    from .projection import from_build

    summary = run_or_exit(lambda: graph_stats(from_build(build_dir), top))
    click.echo(f"Nodes: {summary.nodes}")
    for name, count in summary.nodes_by_type:
        click.echo(f"  {name:24} {count:6}")
    click.echo(f"Relationships: {summary.edges}")
    for name, count in summary.edges_by_type:
        click.echo(f"  {name:24} {count:6}")
    click.echo(f"Most connected terms (relationships other than IS_A/PART_OF), top {top}:")
    for term in summary.top_terms:
        click.echo(f"  {term.degree:4}  {term.name} ({term.id}, {term.type})")
