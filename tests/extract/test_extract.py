"""kg extract: drafts that load and build, sections, assertion status, abbreviations, candidates, CLI errors."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.build import build
from kg.extract.demographics import find_age, find_sex
from kg.extract.sizes import find_sizes
from kg.records.reader import read_record
from kg.records.yamlio import dump_record

from ..conftest import TESTS, run_kg
from ..extract_support import OWN_REPORTS, SEEDS, as_record, draft, terms


def _review(data: dict) -> dict:
    """What a curator does before saving: delete the draft and REVIEW notes, keep the reviewed facts."""
    data = copy.deepcopy(data)
    for fact in data["facts"]:
        if str(fact.get("note", "")).startswith("draft:"):
            del fact["note"]
    for claim in data.get("claims", []):
        claim.pop("note", None)
    data["publication"].pop("note", None)
    data["notes"] = [n for n in data.get("notes", []) if not n.startswith(("draft:", "REVIEW:"))] or ["Reviewed draft."]
    return data


def _facts(data: dict, type_: str, field: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for fact in data["facts"]:
        if fact["type"] == type_:
            out.setdefault(fact[field], []).append(fact)
    return out


def test_seed_drafts_load_and_build(seed_reports: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for record_id, file in SEEDS.items():
        reviewed = _review(draft(seed_reports / file, record_id))
        path = data_dir / f"{record_id}.yaml"
        path.write_text(dump_record(reviewed), encoding="utf-8")
        record = read_record(path, terms())
        assert record.id == record_id and record.facts
        for fact in record.facts:  # every proposed fact has evidence inside the report
            assert fact.evidence and all(0 <= e.span[0] < e.span[1] <= record.report.length for e in fact.evidence)
    summary, _ = build(data_dir, tmp_path / "out", seed_reports)
    assert summary.cases == 2 and summary.violations == 0 and summary.evidence_checked


def test_every_draft_fact_says_why(seed_reports: Path) -> None:
    data = draft(seed_reports / SEEDS["bender-2024"], "bender-2024")
    assert all(f["note"].startswith("draft: rule ") and "confidence" in f["note"] for f in data["facts"])
    assert any(n.startswith("draft:") for n in data["notes"])


def test_sections_of_the_seed_match_the_curated_division(seed_reports: Path) -> None:
    data = draft(seed_reports / SEEDS["bender-2024"], "bender-2024")
    curated = yaml.safe_load((TESTS.parent / "data" / "bender-2024.yaml").read_text(encoding="utf-8"))
    assert [(s["name"], s["span"]) for s in data["sections"]] == [(s["name"], s["span"]) for s in curated["sections"]]


def test_discussion_only_drugs_are_claims_not_patient_drugs(seed_reports: Path) -> None:
    data = draft(seed_reports / SEEDS["mahipathy-2020"], "mahipathy-2020")
    given = set(_facts(data, "drug", "drug"))
    options = {"Warfarin", "Bisphosphonate", "Minocycline", "Diltiazem", "Ceftriaxone", "Probenecid", "Infliximab", "Rituximab"}
    assert not given & options
    assert given == {"MycophenolateMofetil", "Itopride"}
    claimed = {term for claim in data.get("claims", []) for term in claim.get("object", [])}
    assert options <= claimed


def test_assertion_status_from_context(seed_reports: Path) -> None:
    data = draft(seed_reports / SEEDS["bender-2024"], "bender-2024")
    statuses = {(f["condition"], f["status"]) for f in data["facts"] if f["type"] == "diagnosis"}
    assert ("DeepVeinThrombosis", "absent") in statuses and ("ArterialOcclusion", "absent") in statuses
    assert ("DeepVeinThrombosis", "possible") in statuses and ("ArterialOcclusion", "possible") in statuses


def test_abbreviations_defined_in_the_text(seed_reports: Path) -> None:
    bender = draft(seed_reports / SEEDS["bender-2024"], "bender-2024")
    assert "DiffuseCutaneousSystemicSclerosis" in _facts(bender, "diagnosis", "condition")  # "diffuse SS", SS defined in the introduction
    assert any("SS = SystemicSclerosis" in n for n in bender["notes"])
    jdm = draft(OWN_REPORTS / "jdm-calcinosis.txt", "jdm-calcinosis")
    assert "JuvenileDermatomyositis" in _facts(jdm, "diagnosis", "condition")
    metastatic = draft(OWN_REPORTS / "metastatic-ckd.txt", "metastatic-ckd")
    ckd = _facts(metastatic, "diagnosis", "condition")["ChronicKidneyDisease"][0]
    assert any(e["section"] == "case" for e in ckd["evidence"])  # "CRI of unknown cause" in the case text


def test_family_history_is_not_the_patients() -> None:
    jdm = draft(OWN_REPORTS / "jdm-calcinosis.txt", "jdm-calcinosis")
    assert all("hypothyroid" not in str(f).lower() for f in jdm["facts"])


def test_drug_status_and_response(seed_reports: Path) -> None:
    bender = _facts(draft(seed_reports / SEEDS["bender-2024"], "bender-2024"), "drug", "drug")
    assert bender["MycophenolateMofetil"][0]["status"] == "held"
    assert bender["Ceftaroline"][0]["status"] == "switched"
    assert bender["Methotrexate"][0]["response"] == "refractory"
    calciphylaxis = _facts(draft(OWN_REPORTS / "calciphylaxis-dialysis.txt", "calciphylaxis-dialysis"), "drug", "drug")
    assert calciphylaxis["Warfarin"][0]["status"] == "stopped"
    assert calciphylaxis["SodiumThiosulfate"][0]["route"] == "intravenous"
    assert calciphylaxis["SodiumThiosulfate"][0]["response"] == "improved"
    iatrogenic = _facts(draft(OWN_REPORTS / "iatrogenic-extravasation.txt", "iatrogenic-extravasation"), "drug", "drug")
    assert "Antibiotic" not in iatrogenic  # "antibiotics were not given"


def test_calcinosis_sites_size_and_demographics(seed_reports: Path) -> None:
    data = draft(seed_reports / SEEDS["mahipathy-2020"], "mahipathy-2020")
    dx = _facts(data, "diagnosis", "condition")["CalcinosisCutis"][0]
    sites = {s["site"] for s in dx["sites"]}
    assert {"GlutealRegion", "SacralRegion", "Knee", "Chin", "NasalSill", "IschialTuberosity"} <= sites
    assert "PelvicRegion" not in sites  # the imaged region ("X-ray pelvis"), not a lesion site
    assert data["patient"]["age"]["value"] == 15 and data["patient"]["sex"]["value"] == "female"
    neonate = draft(OWN_REPORTS / "iatrogenic-extravasation.txt", "iatrogenic-extravasation")
    assert neonate["patient"]["age"]["value"] == 3 and neonate["patient"]["age"]["unit"] == "week"
    bender = _facts(draft(seed_reports / SEEDS["bender-2024"], "bender-2024"), "diagnosis", "condition")["CalcinosisCutis"][0]
    assert bender["size"] == {"dimensions": [17, 8, 4], "unit": "cm"}


def test_terms_the_ontology_lacks_come_from_the_standard_vocabularies() -> None:
    data = draft(OWN_REPORTS / "calciphylaxis-dialysis.txt", "calciphylaxis-dialysis")
    drugs = _facts(data, "drug", "drug")
    assert {"DRUGBANK:DB00658", "DRUGBANK:DB01012"} <= set(drugs)  # sevelamer, cinacalcet: patient drugs with their DrugBank ids
    conditions = _facts(data, "diagnosis", "condition")
    assert "MONDO:0004981" in conditions  # atrial fibrillation
    assert "rule DRUGBANK label match (Cinacalcet)" in drugs["DRUGBANK:DB01012"][0]["note"]
    candidates = [n for n in data["notes"] if n.startswith("candidate term")]
    assert any("proposed MONDO:" in n and "at introduction" in n for n in candidates)  # a background mention: a candidate with its id
    assert any("in neither the ontology nor the standard vocabularies" in n for n in candidates)  # a word only its shape suggests
    jdm = _facts(draft(OWN_REPORTS / "jdm-calcinosis.txt", "jdm-calcinosis"), "drug", "drug")
    assert {"DRUGBANK:DB00860", "DRUGBANK:DB01611"} <= set(jdm)  # prednisolone, hydroxychloroquine


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("measuring 17 × 8 × 4 cm", ((17, 8, 4), "cm")),
        ("each one 3 x 3 x 2 cm in size", ((3, 3, 2), "cm")),
        ("a 6 mm nodule", ((6,), "mm")),
        ("2.5 cm plaque", ((2.5,), "cm")),
    ],
)
def test_sizes(text: str, expected: tuple) -> None:
    (found,) = find_sizes(text)
    assert (found.dimensions, found.unit) == expected


@pytest.mark.parametrize(
    ("text", "value", "unit", "sex"),
    [
        ("A 52-year-old female presented", 52, "year", "female"),
        ("A 15 years old girl", 15, "year", "female"),
        ("a 3-week-old boy", 3, "week", "male"),
        ("a man aged 64 years", 64, "year", "male"),
        ("a 7-month-old infant; she", 7, "month", "female"),
    ],
)
def test_demographics(text: str, value: int, unit: str, sex: str) -> None:
    age = find_age(text)
    assert age is not None and (age.value, age.unit) == (value, unit)
    found = find_sex(text)
    assert found is not None and found.value == sex


def test_cli_extract_writes_a_loadable_draft(tmp_path: Path) -> None:
    out = tmp_path / "jdm-calcinosis.yaml"
    result = run_kg("extract", str(OWN_REPORTS / "jdm-calcinosis.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [f"Draft record written to {out}; review the facts marked 'draft' before building."]
    record = as_record(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert record.id == "jdm-calcinosis"


@pytest.mark.parametrize("content", [b"", b"   \n", b"\x00\x01binary", b"caf\xe9 au lait"])
def test_cli_extract_bad_report_exits_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    result = run_kg("extract", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_cli_extract_missing_report_exits_2(tmp_path: Path) -> None:
    result = run_kg("extract", str(tmp_path / "absent.txt"))
    assert result.returncode == 2 and "not found" in result.stderr


def test_cli_evaluate_malformed_record_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("record: 1\nid: [unclosed\n", encoding="utf-8")
    good = TESTS.parent / "data" / "bender-2024.yaml"
    result = run_kg("evaluate", str(bad), str(good))
    assert result.returncode == 2 and "malformed YAML" in result.stderr


def test_extraction_needs_neither_spacy_nor_medspacy_code() -> None:
    code = (
        "import sys; from pathlib import Path; from kg.extract import Extractor, read_report; import kg.cli, kg.extract.evaluate; "
        f"p = Path({str(OWN_REPORTS / 'jdm-calcinosis.txt')!r}); Extractor().extract(read_report(p), p.name, 'jdm'); "
        "assert 'spacy' not in sys.modules and 'medspacy' not in sys.modules, sorted(m for m in sys.modules if 'spacy' in m)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
