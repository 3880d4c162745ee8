"""``kg build``: records + ontology -> RDF, SHACL, reasoning, the SPARQL store and the output files (thin command)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from kg.cli.support import Console, console_options, run_or_exit
from kg.resources import REPORTS_ENV, bundled_data_dir, default_reports_dir

__all__ = ["build"]


DATA_DIR = Path("data")
"""The records a build reads when ``--data`` is not given, relative to the current folder."""


@click.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of curated case records (*.yaml). Default: ./data, else the two bundled example records.",
)
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"Folder of the report texts, to check every evidence offset. Default: ${REPORTS_ENV}, else none.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Output folder: new, empty or an earlier build's; replaced as a whole only when the build succeeds.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Build processes working on the records. Default: one per core.")
@click.option(
    "--no-incremental", "clean", is_flag=True, help="Rebuild every case instead of reusing the previous build's results for unchanged records."
)
@click.option(
    "--graph-files",
    is_flag=True,
    help="Also write the whole graph as graph.nq and graph.ttl (otherwise `kg export --format nq|ttl` writes them on demand).",
)
@console_options
def build(console: Console, data_dir: Path | None, reports_dir: Path | None, out_dir: Path, jobs: int | None, clean: bool, graph_files: bool) -> None:
    """Build the graph: records + ontology -> RDF -> SHACL -> reasoning -> RDF files and SPARQL store.

    Records are built in parallel, and only records changed since the last
    build into the same output folder are built again (the ontology or shapes
    changing rebuilds all). The output folder must be new, empty or the
    output of an earlier build: anything else is refused, never replaced.
    """
    from kg.build import OUTPUT_FILES
    from kg.build import build as run_build

    data = _data_dir(data_dir, console)
    reports = reports_dir or default_reports_dir()
    with console.progress("cases") as advance:
        summary, issues = run_or_exit(
            lambda: run_build(data, out_dir, reports, console.step, jobs=jobs, incremental=not clean, advance=advance, graph_files=graph_files)
        )
    out = out_dir.resolve()
    types = ", ".join(f"{count} {name}" for name, count in summary.facts_by_type.items())
    console.info(f"Built the knowledge graph of {summary.cases} case report(s) from {data}.")
    console.info(f"  patient facts: {summary.patient_facts} ({types}); negated: {summary.negated_facts}")
    console.info(f"  background claims: {summary.claims}; references: {summary.references}")
    console.info(f"  ontology terms: {summary.ontology_terms} ({summary.terms_used} used); triples: {summary.triples}")
    console.info(f"  reasoning: consistent; {summary.inferred_triples} inferred triples in the graph/inferred/* named graphs")
    console.info(f"  violations: {summary.violations}; warnings: {summary.warnings} (see {out / OUTPUT_FILES['validation_text']})")
    if summary.evidence_checked:
        console.info(f"  evidence: {summary.evidence_spans} spans checked against the report texts ({reports})")
    else:
        console.info(f"  evidence: NOT checked against the report texts (give --reports DIR or set {REPORTS_ENV})")
    console.info(f"Outputs in {out}:")
    for role, name in summary.outputs.items():
        console.info(f"  {role:16} {out / name}")
    warnings = [issue for issue in issues if issue.severity != "violation"]
    kinds = Counter(issue.kind for issue in warnings)
    console.warnings([issue.line() for issue in warnings], dict(kinds), str(out / OUTPUT_FILES["validation_text"]))


def _data_dir(given: Path | None, console: Console) -> Path:
    """The records to build: ``--data``, else ./data, else the bundled examples (said aloud, never silently)."""
    if given is not None:
        return given
    if DATA_DIR.is_dir():
        return DATA_DIR
    bundled = bundled_data_dir()
    console.note(f"note: no ./data folder here and no --data given; building the two bundled example records ({bundled})")
    return bundled
