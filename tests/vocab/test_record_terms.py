"""Records naming standard terms: the id syntax the model accepts, and clear errors for unknown ids and wrong branches."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.errors import RecordError
from kg.ontology.terms import TermIndex
from kg.records.checks import check_record
from kg.records.reader import parse_record

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg

FIXTURE = FIXTURE_DATA / "mini-001.yaml"


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex.load()


def _record(field: str, value: str) -> dict[str, Any]:
    """The fixture record with the first fact that has ``field`` set to ``value``."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    fact = next(f for f in changed["facts"] if field in f)
    fact[field] = value
    return changed


def _check(data: dict[str, Any], index: TermIndex) -> None:
    check_record(parse_record(data, "mini-001.yaml"), index, "mini-001.yaml")


@pytest.mark.parametrize(
    ("field", "value"),
    [("drug", "DRUGBANK:DB00682"), ("finding", "HP:0000822"), ("finding", "MONDO:0004975"), ("condition", "MONDO:0004975"),
     ("procedure", "ICD9CM:86.22"), ("procedure", "ICD9CM:86.3"), ("drug", "cck:Warfarin")],
)  # fmt: skip
def test_standard_ids_are_accepted_where_their_branch_fits(index: TermIndex, field: str, value: str) -> None:
    _check(_record(field, value), index)


@pytest.mark.parametrize("value", ["MONDO:123", "mondo:0004975", "HP:00008220", "DRUGBANK:00682", "ICD9CM:862", "NCIT:C12345", "MONDO:"])
def test_ids_in_another_syntax_are_refused_by_the_model(index: TermIndex, value: str) -> None:
    with pytest.raises(RecordError, match=f"fact drug-diltiazem: drug: '{value}' is not a term name"):
        _check(_record("drug", value), index)


def test_an_unknown_id_names_its_vocabulary_and_version(index: TermIndex) -> None:
    with pytest.raises(RecordError, match=r"fact drug-diltiazem: drug: unknown standard term DRUGBANK:DB99999 \(not in DRUGBANK drug-ner-2.0.9\)"):
        _check(_record("drug", "DRUGBANK:DB99999"), index)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("drug", "MONDO:0004975", r"standard term MONDO:0004975 \(Alzheimer disease\) is not a Drug"),
     ("condition", "HP:0000822", r"standard term HP:0000822 \(Hypertension\) is not a Condition"),
     ("test", "ICD9CM:86.22", r"is not a DiagnosticProcedure"),
     ("drug", "HP:0001903", r"standard term HP:0001903 \(anemia: the project term cck:Anemia\) is not a Drug")],
)  # fmt: skip
def test_a_standard_id_in_the_wrong_branch_is_refused(index: TermIndex, field: str, value: str, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        _check(_record(field, value), index)


def test_the_build_reports_an_unknown_id_with_file_record_and_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "mini-001.yaml").write_text(yaml.safe_dump(_record("drug", "MONDO:9999999"), sort_keys=False), encoding="utf-8")
    result = run_kg("build", "--data", str(data), "--reports", str(FIXTURE_REPORTS), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {data / 'mini-001.yaml'}: record mini-001: fact drug-diltiazem: drug: unknown standard term MONDO:9999999 (not in MONDO v2026-05-05)"
    )
    assert not (tmp_path / "out").exists()
