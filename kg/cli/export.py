"""The ``kg export`` and ``kg stats`` commands: parse options, call :mod:`kg.exports`, print a summary."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.support import Console, LazyChoice, build_folder_option, console_options, run_or_exit

__all__ = ["export", "stats"]


def _format_names() -> tuple[str, ...]:
    """The formats of the exporter registry (read when the command runs or shows its help)."""
    from kg.exports import formats

    return formats()


_BUILD = build_folder_option("Output folder of `kg build` to read the graph from.")


@click.command("export")
@click.option(
    "--format", "fmt", type=LazyChoice(_format_names), required=True, help="The export format (the exporters of kg.exports; see the README for each)."
)
@click.option(
    "--out",
    "dest",
    type=click.Path(path_type=Path),
    required=True,
    help="Export destination: a file, or a folder for the formats that write one (neo4j, phenopacket).",
)
@_BUILD
@console_options
def export(console: Console, fmt: str, dest: Path, build_dir: Path) -> None:
    """Export the built graph for Neo4j, Gephi, GraphML tools or RDF tools."""
    from kg.exports import export as run_export

    with console.progress(f"exporting {fmt}") as advance:
        result = run_or_exit(lambda: run_export(fmt, build_dir, dest, progress=advance))
    console.info(f"Exported {result.describe()} as {fmt} to {result.path.resolve()}")
    if len(result.files) > 1:
        console.info(f"  {len(result.files)} files")
    console.info(f"Load it: {result.load}")


@click.command("stats")
@_BUILD
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="How many of the most connected terms to list.")
@console_options
def stats(console: Console, build_dir: Path, top: int) -> None:
    """Print node and relationship counts by type and the most connected terms of the property graph."""
    from kg.exports.projection import from_build
    from kg.exports.stats import graph_stats

    with console.progress("reading the graph") as advance:
        summary = run_or_exit(lambda: graph_stats(from_build(build_dir, progress=advance), top))
    click.echo(f"Nodes: {summary.nodes}")
    for name, count in summary.nodes_by_type:
        click.echo(f"  {name:24} {count:6}")
    click.echo(f"Relationships: {summary.edges}")
    for name, count in summary.edges_by_type:
        click.echo(f"  {name:24} {count:6}")
    click.echo(f"Most connected terms (relationships other than IS_A/PART_OF), top {top}:")
    for term in summary.top_terms:
        click.echo(f"  {term.degree:4}  {term.name} ({term.id}, {term.type})")
