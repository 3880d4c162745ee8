"""The bundled curated records: they load, their evidence fits the texts, they hold no report prose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kg.errors import RecordError
from kg.ontology.terms import TermIndex
from kg.records.evidence import check_evidence, iter_spans, read_report_text
from kg.records.reader import parse_record, read_record, record_files
from kg.records.yamlio import load_yaml
from kg.resources import bundled_data_dir

from ..copying import copied_runs, report_runs

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


def test_records_do_not_copy_report_sentences(seed_reports: Path) -> None:
    """No run of nine words of a report appears in a record, author lists and keywords included: evidence is offsets.

    Author names and keywords are short facts kept as printed, each with the span that prints it, so
    that a record never holds a printed list whole.
    """
    runs = report_runs(seed_reports)
    copied = {path.name: hits for path in RECORDS if (hits := copied_runs(path.read_text(encoding="utf-8"), runs))}
    assert copied == {}


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_fast_yaml_reads_what_pyyaml_reads(path: Path) -> None:
    """The Rust YAML parser gives PyYAML's data, dates apart (YAML 1.2 keeps them as text for the model to parse)."""
    slow = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    fast = load_yaml(path)
    assert fast == json.loads(json.dumps(slow, default=lambda d: d.isoformat()))
    assert parse_record(fast, str(path)) == parse_record(slow, str(path))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id: !!python/object/apply:os.system [echo]\n", "tags"),
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("id: !custom value\n", "tags"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("a: [1, 2\n", "line 2"),
    ],
)
def test_yaml_properties_and_malformed_text_are_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=problem):
        load_yaml(path)


def test_star_and_ampersand_inside_text_are_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("note: 'p < 0.05* & more'\nother: a*b&c!d\n", encoding="utf-8")
    assert load_yaml(path) == {"note": "p < 0.05* & more", "other": "a*b&c!d"}
