"""``kg synth``: deterministic synthetic corpora whose records build cleanly against their own texts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kg.build import build
from kg.ontology.terms import TermIndex
from kg.records.evidence import check_evidence, read_report_text
from kg.records.model import Record
from kg.records.reader import read_record
from kg.synth import case_id, write_corpus

from ..conftest import run_kg
from ..copying import copied_runs, report_runs

SEED = 2024
CORPUS_CASES = 20
BUILD_CASES = 20
"""Cases run through the whole build (SHACL and reasoning cost about 3 s a case); the first
BUILD_CASES of the 20-case corpus, which every other test reads in full."""


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, terms: TermIndex) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    write_corpus(out, CORPUS_CASES, SEED, terms=terms)
    return out


@pytest.fixture(scope="module")
def records(corpus: Path, terms: TermIndex) -> list[Record]:
    return [read_record(path, terms) for path in sorted((corpus / "data").glob("*.yaml"))]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path, terms: TermIndex) -> None:
    write_corpus(tmp_path / "a", 4, 11, terms=terms)
    write_corpus(tmp_path / "b", 4, 11, terms=terms)
    write_corpus(tmp_path / "c", 4, 12, terms=terms)
    first, second, other = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len(first) == 8 and first == second
    assert first.keys() == other.keys() and first != other


def test_a_case_does_not_depend_on_the_corpus_size(tmp_path: Path, terms: TermIndex) -> None:
    write_corpus(tmp_path / "five", 5, 3, terms=terms)
    write_corpus(tmp_path / "ten", 10, 3, terms=terms)
    small, large = _files(tmp_path / "five"), _files(tmp_path / "ten")
    third = f"data/{case_id(3)}.yaml", f"reports/{case_id(3)}.txt"
    assert all(small[name] == large[name] for name in third)
    assert small.keys() < large.keys()


def test_every_record_loads_and_its_evidence_fits_its_text(corpus: Path, records: list[Record]) -> None:
    assert [r.id for r in records] == [case_id(i) for i in range(1, CORPUS_CASES + 1)]
    for record in records:
        text = read_report_text(corpus / "reports" / record.report.file)
        assert check_evidence(record, text, record.id) > 100
        age_spans = [text.text[s:e] for s, e in (ev.span for ev in record.patient.age.evidence)]
        assert all(f"{record.patient.age.value:g}-year-old" in span for span in age_spans)
        calcinosis = next(f for f in record.facts if f.id == "dx-calcinosis")
        label = calcinosis.subtype and re.sub(r"(?<!^)([A-Z])", r" \1", calcinosis.subtype).lower()
        stated = " ".join(text.text[ev.span[0] : ev.span[1]].lower() for ev in calcinosis.evidence)
        assert label and label.replace("calcinosis cutis", "").strip() in stated


def test_records_have_the_shape_of_the_seed_cases(records: list[Record]) -> None:
    for record in records:
        types = Counter(fact.type for fact in record.facts)
        assert 36 <= len(record.facts) <= 80, record.id  # the seed cases have 36 and 77
        assert types["diagnosis"] >= 8 and types["finding"] >= 12 and types["test"] >= 8, (record.id, types)
        assert types["drug"] >= 2 and types["procedure"] >= 6 and types["outcome"] >= 3, (record.id, types)
        primary = [f for f in record.facts if f.type == "diagnosis" and f.condition == "CalcinosisCutis"]
        assert len(primary) == 1 and primary[0].subtype and 1 <= len(primary[0].sites) <= 4 and primary[0].size
        absent = [f for f in record.facts if getattr(f, "status", None) == "absent"]
        assert 2 <= len(absent) <= 4
        possible = {f.condition for f in record.facts if f.type == "diagnosis" and f.status == "possible"}
        assert possible & {f.condition for f in absent if f.type == "diagnosis"}, "a suspected diagnosis is ruled out"
        assert 25 <= len(record.claims) <= 40 and 5 <= len(record.references) <= 20
        numbers = {ref.number for ref in record.references}
        cited = [n for claim in record.claims for n in claim.cites]
        assert set(cited) == numbers and sum(1 for c in record.claims if c.cites) >= len(record.claims) // 2
        issues = sum(1 for f in record.facts if f.source_issue)
        assert 1 <= issues <= 0.07 * len(record.facts)
        pub = record.publication
        assert pub.received < pub.accepted and pub.authors and pub.journal and pub.year
        assert record.patient.age and record.patient.sex


def test_procedures_are_ordered_and_timed_from_an_earlier_procedure(records: list[Record]) -> None:
    for record in records:
        procedures = {f.id: f for f in record.facts if f.type == "procedure"}
        orders = sorted(f.order for f in procedures.values() if f.order is not None)
        assert orders == list(range(1, len(orders) + 1))
        for fact in procedures.values():
            if fact.timing and fact.timing.offset:
                anchor = procedures[fact.timing.offset.from_]
                assert anchor.order is not None and fact.order is not None and anchor.order < fact.order
        drugs = {f.id: f for f in record.facts if f.type == "drug"}
        for drug in drugs.values():
            if drug.switched_to:
                assert drug.status == "switched" and drugs[drug.switched_to].drug != drug.drug
    kinds = Counter(fact.type for record in records for fact in record.facts)
    assert kinds["organism"] > 0


def test_the_corpus_builds_without_violations(tmp_path: Path, terms: TermIndex) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, BUILD_CASES, SEED, terms=terms)
    summary, issues = build(corpus / "data", tmp_path / "out", corpus / "reports")
    assert summary.cases == BUILD_CASES and summary.violations == 0
    assert summary.warnings > 0 and all(issue.severity != "violation" for issue in issues)
    assert summary.evidence_checked and summary.evidence_spans > 150 * BUILD_CASES
    assert summary.negated_facts >= 2 * BUILD_CASES


def test_no_prose_is_shared_with_the_seed_reports(corpus: Path, seed_reports: Path) -> None:
    """No run of nine words of a seed report appears in a synthetic text or record."""
    runs = report_runs(seed_reports)
    paths = sorted((corpus / "reports").glob("*.txt")) + sorted((corpus / "data").glob("*.yaml"))
    copied = {path.name: hits for path in paths if (hits := copied_runs(path.read_text(encoding="utf-8"), runs))}
    assert copied == {}


@pytest.mark.parametrize("count", ["0", "-3"])
def test_a_count_below_one_is_refused(tmp_path: Path, count: str) -> None:
    result = run_kg("synth", "--cases", count, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--cases must be a whole number of at least 1" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_non_empty_folder_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    stale, mine = out / "data" / f"{case_id(9)}.yaml", out / "data" / "notes.txt"
    stale.write_text("old", encoding="utf-8")
    mine.write_text("keep", encoding="utf-8")
    refused = run_kg("synth", "--cases", "2", "--seed", "5", "--out", str(out))
    assert refused.returncode == 2 and "not empty" in refused.stderr and "--force" in refused.stderr
    assert stale.read_text(encoding="utf-8") == "old"
    forced = run_kg("synth", "--cases", "2", "--seed", "5", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert {p.name for p in (out / "data").iterdir()} == {f"{case_id(1)}.yaml", f"{case_id(2)}.yaml", "notes.txt"}
    assert {p.name for p in (out / "reports").iterdir()} == {f"{case_id(1)}.txt", f"{case_id(2)}.txt"}
    assert forced.stderr == "" and "kg build --data" in forced.stdout
