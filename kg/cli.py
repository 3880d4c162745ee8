"""The ``kg`` command: parse options, call the library, map errors to exit codes.

Exit codes: 0 success; 1 validation failed (SHACL violations); 2 bad input or usage.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .cli_export import export as export_command, stats as stats_command
from .cli_extract import evaluate as evaluate_command, extract as extract_command
from .cli_ontology import ontology_report as ontology_report_command
from .cli_query import query as query_command, sparql as sparql_command
from .cli_synth import synth as synth_command
from .cli_support import run_or_exit
from .errors import EXIT_INPUT
from .resources import REPORTS_ENV, bundled_data_dir, default_reports_dir

__all__ = ["main", "cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print progress of each step.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Build and query a knowledge graph of calcinosis cutis case reports.

    Exit codes: 0 ok, 1 validation failed, 2 bad input or usage.
    """
    ctx.obj = {"quiet": quiet, "verbose": verbose and not quiet}
    logging.basicConfig(level=logging.WARNING if verbose else logging.ERROR, format="%(name)s: %(message)s")


@cli.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of curated case records (*.yaml). Default: the bundled data/.")
@click.option("--reports", "reports_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=f"Folder of the report texts, to check every evidence offset. Default: ${REPORTS_ENV}, else none.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"), show_default=True,
              help="Output folder; replaced as a whole only when the build succeeds.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Build processes working on the records. Default: one per core.")
@click.option("--no-incremental", "clean", is_flag=True,
              help="Rebuild every case instead of reusing the previous build's results for unchanged records.")
@click.pass_obj
def build(opts: dict[str, bool], data_dir: Path | None, reports_dir: Path | None, out_dir: Path, jobs: int | None, clean: bool) -> None:
    """Build the graph: records + ontology -> RDF -> SHACL -> reasoning -> RDF files and SPARQL store.

    Records are built in parallel, and only records changed since the last
    build into the same output folder are built again (the ontology or shapes
    changing rebuilds all).
    """
    from .pipeline import OUTPUT_FILES, build as run_build

    reports = reports_dir or default_reports_dir()
    progress = (lambda message: click.echo(f"... {message}", err=True)) if opts["verbose"] else None
    summary, issues = run_or_exit(
        lambda: run_build(data_dir or bundled_data_dir(), out_dir, reports, progress, jobs=jobs, incremental=not clean)
    )
    if opts["quiet"]:
        return
    out = out_dir.resolve()
    types = ", ".join(f"{count} {name}" for name, count in summary.facts_by_type.items())
    click.echo(f"Built the knowledge graph of {summary.cases} case report(s).")
    click.echo(f"  patient facts: {summary.patient_facts} ({types}); negated: {summary.negated_facts}")
    click.echo(f"  background claims: {summary.claims}; references: {summary.references}")
    click.echo(f"  ontology terms: {summary.ontology_terms} ({summary.terms_used} used); triples: {summary.triples}")
    click.echo(f"  reasoning: consistent; {summary.inferred_triples} inferred triples in the graph/inferred/* named graphs")
    click.echo(f"  violations: {summary.violations}; warnings: {summary.warnings} (see {out / OUTPUT_FILES['validation_text']})")
    if summary.evidence_checked:
        click.echo(f"  evidence: {summary.evidence_spans} spans checked against the report texts ({reports})")
    else:
        click.echo(f"  evidence: NOT checked against the report texts (give --reports DIR or set {REPORTS_ENV})")
    click.echo(f"Outputs in {out}:")
    for role, name in OUTPUT_FILES.items():
        click.echo(f"  {role:16} {out / name}")
    for issue in issues:
        if issue.severity != "violation" and opts["verbose"]:
            click.echo(issue.line(), err=True)


for _command in (
    query_command,
    sparql_command,
    export_command,
    stats_command,
    extract_command,
    evaluate_command,
    ontology_report_command,
    synth_command,
):
    cli.add_command(_command)


def main() -> None:
    """Console entry point."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted; previous outputs left in place", err=True)
        sys.exit(EXIT_INPUT)
