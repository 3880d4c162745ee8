"""kg evaluate: scores per category, and the extraction thresholds on the seed and own reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.evaluate import CATEGORIES, category_items, evaluate_pair, format_table, score, to_json
from kg.records.reader import read_record

from ..conftest import TESTS, reports_dir, run_kg
from ..extract_support import DATA, OWN_RECORDS, OWN_REPORTS, SEEDS, as_record, draft, terms

THRESHOLDS = {"conditions": 0.85, "sites": 0.85, "drugs_given": 0.85, "procedures": 0.85}
CASES = [(rid, None) for rid in SEEDS] + [(p.stem, p) for p in sorted(OWN_REPORTS.glob("*.txt"))]


def _pair(record_id: str, report: Path | None):
    if report is None:
        curated = read_record(DATA / f"{record_id}.yaml", terms())
        report = reports_dir() / SEEDS[record_id]
    else:
        curated = read_record(OWN_RECORDS / f"{record_id}.yaml", terms())
    return as_record(draft(report, record_id)), curated


def test_score_counts_and_edge_cases() -> None:
    s = score({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (s.tp, s.fp, s.fn) == (2, 1, 2)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(0.5) and s.f1 == pytest.approx(4 / 7)
    assert score(set(), set()).f1 == 1.0
    assert score(set(), {"x"}).f1 == 0.0 and score({"x"}, set()).f1 == 0.0


def test_categories_of_a_curated_record() -> None:
    items = category_items(read_record(DATA / "bender-2024.yaml", terms()), terms())
    assert {"PosteriorThigh", "PoplitealFossa"} == items["sites"]
    assert items["subtype"] == {"DystrophicCalcinosisCutis"}
    assert {"DeepVeinThrombosis", "ArterialOcclusion"} == items["negated_findings"]
    assert "Drug" not in items["drugs_given"]  # the contraindicated pharmacotherapy
    assert "PICCLinePlacement" not in items["procedures"]  # precluded
    assert {"age=52 year", "sex=female"} == items["demographics"]


@pytest.mark.parametrize(("record_id", "report"), CASES, ids=[c[0] for c in CASES])
def test_extraction_meets_thresholds(record_id: str, report: Path | None) -> None:
    extracted, curated = _pair(record_id, report)
    result = evaluate_pair(extracted, curated, terms())
    table = format_table([result], show_errors=True)
    for category, minimum in THRESHOLDS.items():
        assert result.scores[category].f1 >= minimum, f"{category} F1 below {minimum}:\n{table}"
    negated = category_items(curated, terms())["negated_findings"]
    assert negated <= category_items(extracted, terms())["negated_findings"], f"a curated negated finding was not extracted as negated:\n{table}"


@pytest.mark.parametrize(("record_id", "report"), CASES, ids=[c[0] for c in CASES])
def test_no_discussion_only_drug_proposed_as_given(record_id: str, report: Path | None) -> None:
    extracted, curated = _pair(record_id, report)
    given = category_items(extracted, terms())["drugs_given"]
    curated_drugs = {f.drug for f in curated.facts if f.type == "drug"}
    background = {o for c in curated.claims for o in c.object} | {o for c in extracted.claims for o in c.object}
    assert not (given - curated_drugs) & background, format_table([evaluate_pair(extracted, curated, terms())], show_errors=True)


def test_cli_evaluate_folders_json(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    from kg.records.yamlio import dump_record

    for path in sorted(OWN_REPORTS.glob("*.txt"))[:2]:
        (folder / f"{path.stem}.yaml").write_text(dump_record(draft(path, path.stem)), encoding="utf-8")
    result = run_kg("evaluate", str(folder), str(OWN_RECORDS), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["pairs"]) == 2 and set(data["total"]) == set(CATEGORIES)
    table = run_kg("evaluate", str(folder), str(OWN_RECORDS))
    assert table.returncode == 0 and "ALL (micro)" in table.stdout


def test_json_and_table_agree() -> None:
    extracted, curated = _pair("idiopathic-fingers", OWN_REPORTS / "idiopathic-fingers.txt")
    result = evaluate_pair(extracted, curated, terms())
    data = json.loads(to_json([result]))
    for category in CATEGORIES:
        assert data["pairs"][0]["scores"][category]["f1"] == round(result.scores[category].f1, 4)


def test_procedures_and_tests_are_sorted_by_the_terms_branch_not_the_fact_type() -> None:
    curated = read_record(TESTS / "corpus" / "records" / "kanzaki-1991.yaml", terms())
    assert any(f.type == "procedure" and f.procedure == "SkinBiopsy" for f in curated.facts)  # recorded as a procedure
    items = category_items(curated, terms())
    assert "SkinBiopsy" in items["tests"] and "SkinBiopsy" not in items["procedures"]
    assert items["procedures_tests"] == items["procedures"] | items["tests"]
    assert "HP:0200034" in items["findings"] and "HP:0200034" not in items["conditions"]  # papules: a finding, not a condition
    assert {"MONDO:0008608", "MONDO:0002191"} <= items["conditions"]


def test_a_standard_id_a_project_term_cross_references_counts_as_that_term() -> None:
    curated = read_record(TESTS / "corpus" / "records" / "sprague-2014.yaml", terms())
    assert any(getattr(f, "condition", None) == "MONDO:0005044" for f in curated.facts)  # written as the Mondo id
    assert "Hypertension" in category_items(curated, terms())["conditions"]  # counted as the project term that cross-references it
