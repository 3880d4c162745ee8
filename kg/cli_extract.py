"""``kg extract`` and ``kg evaluate``: draft a record from report text, and score drafts.

Thin commands: parse options, call :mod:`kg.extract` / :mod:`kg.evaluate`,
map errors to exit codes through ``kg.cli_support.run_or_exit`` (0 ok, 2 bad input).
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli_support import run_or_exit

from .errors import InputError

__all__ = ["extract", "evaluate"]


@click.command()
@click.argument("report", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the draft record here (default: print it). The file should be named <id>.yaml.")
@click.option("--id", "record_id", default=None,
              help="Record id (default: the --out file name, else the report file name).")
@click.pass_obj
def extract(opts: dict[str, bool] | None, report: Path, out_path: Path | None, record_id: str | None) -> None:
    """Draft a case record (record format v1) from a report text for a curator to review.

    Patient facts come from the case section and from patient sentences of the
    abstract, discussion and conclusion; treatments named only as background
    become draft claims. Every fact carries evidence offsets and a note
    "draft: rule ..., confidence ..."; unknown terms are listed in the notes as
    candidates.
    """

    def run() -> str:
        from .extract import Extractor, dump_record, read_report, record_id_for

        text = read_report(report)
        rid = record_id or record_id_for(out_path.stem if out_path else report.stem)
        if record_id is not None and record_id_for(record_id) != record_id:
            raise InputError(f"--id {record_id!r}: use lowercase letters, digits and hyphens")
        return dump_record(Extractor().extract(text, report.name, rid))

    yaml_text = run_or_exit(run)
    if out_path is None:
        click.echo(yaml_text, nl=False)
        return
    def write() -> None:
        try:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = out_path.with_name(out_path.name + ".tmp")
            tmp.write_text(yaml_text, encoding="utf-8")
            tmp.replace(out_path)
        except OSError as exc:
            raise InputError(f"{out_path}: cannot write: {exc.strerror or exc}") from exc

    run_or_exit(write)
    if not (opts or {}).get("quiet"):
        click.echo(f"Draft record written to {out_path}; review the facts marked 'draft' before building.", err=True)


@click.command()
@click.argument("extracted", type=click.Path(path_type=Path))
@click.argument("curated", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List the extra and missing items under each row (table format).")
def evaluate(extracted: Path, curated: Path, fmt: str, show_errors: bool) -> None:
    """Precision, recall and F1 per category of EXTRACTED against CURATED.

    Both are record files, or both folders of records paired by record id.
    Categories: conditions, subtype, sites, drugs_given, procedures, tests,
    negated_findings, demographics (defined in the README).
    """

    def run() -> str:
        from . import evaluate as ev
        from .terms import TermIndex

        terms = TermIndex.load()
        pairs = _pairs(extracted, curated, terms)
        results = [ev.evaluate_pair(got, want, terms) for got, want in pairs]
        return ev.to_json(results) if fmt == "json" else ev.format_table(results, show_errors)

    click.echo(run_or_exit(run), nl=False)


def _load(path: Path, terms):  # type: ignore[no-untyped-def]
    from .records import check_record, load_yaml, parse_record

    if not path.exists():
        raise InputError(f"{path}: file not found")
    record = parse_record(load_yaml(path), str(path))
    check_record(record, terms, str(path))
    return record


def _pairs(extracted: Path, curated: Path, terms):  # type: ignore[no-untyped-def]
    if extracted.is_dir() != curated.is_dir():
        raise InputError(f"{extracted} and {curated}: give two record files or two folders")
    if not extracted.is_dir():
        return [(_load(extracted, terms), _load(curated, terms))]
    from .records import record_files

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
