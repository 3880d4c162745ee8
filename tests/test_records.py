"""The bundled curated records: they load, their evidence fits the texts, they hold no report prose."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.evidence import check_evidence, iter_spans, read_report_text
from kg.records import read_record, record_files
from kg.resources import bundled_data_dir
from kg.terms import TermIndex

from .copying import copied_runs, report_runs

RECORDS = record_files(bundled_data_dir())


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.load()


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_record_loads_and_its_evidence_fits_the_text(path: Path, terms: TermIndex, seed_reports: Path) -> None:
    record = read_record(path, terms)
    text = read_report_text(seed_reports / record.report.file)
    spans = check_evidence(record, text, str(path))
    assert spans == sum(1 for _ in iter_spans(record)) and spans > 100


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_sections_cover_the_text_in_order(path: Path, terms: TermIndex) -> None:
    record = read_record(path, terms)
    names = [s.name for s in sorted(record.sections, key=lambda s: s.span)]
    assert names.index("abstract") < names.index("introduction") < names.index("case") < names.index("discussion")
    covered = sum(s.span[1] - s.span[0] for s in record.sections)
    assert covered >= 0.95 * record.report.length


def _without_names_and_keywords(path: Path) -> str:
    """The record as text, less author names and keywords: bibliographic facts kept as printed, not prose."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["publication"].pop("authors", None)
    data["publication"].pop("keywords", None)
    for reference in data.get("references", []):
        reference.pop("authors", None)
    return yaml.safe_dump(data, sort_keys=False)


def test_records_do_not_copy_report_sentences(seed_reports: Path) -> None:
    """No run of nine words of a report appears in a record: evidence is offsets, not prose."""
    runs = report_runs(seed_reports)
    copied = {path.name: hits for path in RECORDS if (hits := copied_runs(_without_names_and_keywords(path), runs))}
    assert copied == {}
