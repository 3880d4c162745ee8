"""``kg extract`` and ``kg evaluate``: draft a record from report text, and score drafts.

Thin commands: parse options, call :mod:`kg.extract` / :mod:`kg.extract.evaluate`,
map errors to exit codes through :func:`kg.cli.support.run_or_exit` (0 ok, 2 bad input).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.support import Console, console_options, run_or_exit
from kg.errors import InputError
from kg.extract.ids import record_id_for

if TYPE_CHECKING:
    from kg.extract import Extractor
    from kg.ontology.terms import TermIndex
    from kg.records.model import Record

__all__ = ["extract", "evaluate"]


@click.command()
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the draft here (default: print it): a file named <id>.yaml, or a folder when REPORT is a folder.",
)
@click.option("--id", "record_id", default=None, help="Record id (default: the --out file name, else the report file name; not with a folder).")
@console_options
def extract(console: Console, report: Path, out_path: Path | None, record_id: str | None) -> None:
    """Draft a case record (record format v1) from a report text for a curator to review.

    REPORT is a text file, or a folder of them (*.txt; then --out names the
    folder for the drafts, one <id>.yaml per report). Patient facts come from
    the case section and from patient sentences of the abstract, discussion
    and conclusion; treatments named only as background become draft claims.
    Every fact carries evidence offsets and a note "draft: rule ...,
    confidence ..."; unknown terms are listed in the notes as candidates.
    """
    if report.is_dir():
        run_or_exit(lambda: _extract_folder(report, out_path, record_id, console))
        return
    if record_id is not None and record_id_for(record_id) != record_id:
        raise click.BadParameter("use lowercase letters, digits and hyphens", param_hint="--id")
    rid = record_id or record_id_for(out_path.stem if out_path else report.stem)
    yaml_text = run_or_exit(lambda: _draft(_extractor(), report, rid))
    if out_path is None:
        click.echo(yaml_text, nl=False)
        return
    run_or_exit(lambda: _write(out_path, yaml_text))
    console.note(f"Draft record written to {out_path}; review the facts marked 'draft' before building.")


def _extractor() -> Extractor:
    from kg.extract import Extractor

    return Extractor()


def _draft(extractor: Extractor, report: Path, record_id: str) -> str:
    from kg.extract import read_report
    from kg.records.yamlio import dump_record

    return dump_record(extractor.extract(read_report(report), report.name, record_id))


def _extract_folder(folder: Path, out_dir: Path | None, record_id: str | None, console: Console) -> None:
    if record_id is not None:
        raise InputError("--id names one record; it cannot be given with a folder of reports")
    if out_dir is None:
        raise InputError(f"{folder}: give --out FOLDER for the drafts of a folder of reports")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: is a file; give a folder for the drafts")
    reports = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not reports:
        raise InputError(f"{folder}: no report texts (*.txt) found")
    extractor = _extractor()
    with console.progress("reports", total=len(reports)) as advance:
        for report in reports:
            rid = record_id_for(report.stem)
            _write(out_dir / f"{rid}.yaml", _draft(extractor, report, rid))
            advance(1)
    console.note(f"{len(reports)} draft record(s) written to {out_dir}; review the facts marked 'draft' before building.")


def _write(path: Path, text: str) -> None:
    """Write a draft whole or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


@click.command()
@click.argument("extracted", type=click.Path(path_type=Path))
@click.argument("curated", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List the extra and missing items under each row (table format).")
@console_options
def evaluate(console: Console, extracted: Path, curated: Path, fmt: str, show_errors: bool) -> None:
    """Precision, recall and F1 per category of EXTRACTED against CURATED.

    Both are record files, or both folders of records paired by record id.
    Categories: conditions, findings, subtype, sites, drugs_given, procedures,
    tests, procedures_tests, negated_findings, demographics (defined in
    kg.extract.evaluate and the README).
    """

    def run() -> str:
        from kg.extract import evaluate as ev
        from kg.ontology.terms import TermIndex

        terms = TermIndex.load()
        pairs = _pairs(extracted, curated, terms)
        results = [ev.evaluate_pair(got, want, terms) for got, want in pairs]
        return ev.to_json(results) if fmt == "json" else ev.format_table(results, show_errors)

    click.echo(run_or_exit(run), nl=False)


def _load(path: Path, terms: TermIndex) -> Record:
    from kg.records.checks import check_record
    from kg.records.reader import parse_record
    from kg.records.yamlio import load_yaml

    if not path.exists():
        raise InputError(f"{path}: file not found")
    record = parse_record(load_yaml(path), str(path))
    check_record(record, terms, str(path))
    return record


def _pairs(extracted: Path, curated: Path, terms: TermIndex) -> list[tuple[Record, Record]]:
    if extracted.is_dir() != curated.is_dir():
        raise InputError(f"{extracted} and {curated}: give two record files or two folders")
    if not extracted.is_dir():
        return [(_load(extracted, terms), _load(curated, terms))]
    from kg.records.reader import record_files

    got = {}
    for path in record_files(extracted):
        record = _load(path, terms)
        got[record.id] = record
    pairs = []
    for path in record_files(curated):
        record = _load(path, terms)
        if record.id in got:
            pairs.append((got[record.id], record))
    if not pairs:
        raise InputError(f"{extracted} and {curated}: no record id appears in both folders")
    return pairs
