"""The ``kg ontology-report`` command: the ontology's quality checks."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from kg.cli.support import Console, console_options, run_or_exit

__all__ = ["ontology_report"]


@click.command("ontology-report")
@click.option(
    "--ontology",
    "folder",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Folder of ontology modules (*.ttl). Default: the bundled ontology/.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-reason", is_flag=True, help="Skip the HermiT consistency and satisfiability check.")
@console_options
def ontology_report(console: Console, folder: Path | None, fmt: str, no_reason: bool) -> None:
    """Check labels, definitions, parents, duplicate names, cross-references and satisfiability.

    Exits 1 when there are errors; warnings alone exit 0.
    """
    from kg.ontology.report import check_ontology, render

    problems = run_or_exit(lambda: check_ontology(folder, reason=not no_reason))
    if fmt == "json":
        click.echo(json.dumps([asdict(p) for p in problems], indent=2))
    else:
        click.echo(render(problems), nl=False)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)
