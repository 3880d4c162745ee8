"""The standard-vocabulary second pass: what the ontology lacks becomes facts with standard ids, or candidates with a proposed id."""

from __future__ import annotations

import re

from kg.extract.vocab import choose
from kg.vocab import Candidate

from ..extract_support import extractor

REPORT = """Calcinosis cutis in a man with atrial fibrillation
J. Smith

Introduction
Calcinosis cutis has been described with tumor lysis syndrome and treated with cinacalcet in other reports.

Case report
A 70-year-old man with atrial fibrillation and linear scleroderma presented with a calcified nodule on the right thigh. He took amlodipine for years. Urinalysis revealed mild proteinuria. He had a history of hyperparathyroidism. In his serum, phosphorus was 5.7 mg/dL. A whole-body scan with fluorodeoxyglucose showed no other lesion. He had no fever.
"""


def _draft() -> dict:
    return extractor().extract(REPORT, "made-up.txt", "made-up")


def _facts(data: dict, type_: str, field: str) -> dict[str, dict]:
    return {f[field]: f for f in data["facts"] if f["type"] == type_}


def test_patient_mentions_the_ontology_lacks_become_facts_with_standard_ids() -> None:
    data = _draft()
    conditions = _facts(data, "diagnosis", "condition")
    assert "MONDO:0004981" in conditions  # atrial fibrillation: a disease, so its Mondo id rather than the HPO phenotype
    assert "MONDO:0043294" in conditions  # linear scleroderma: the longer standard match wins over the ontology's "scleroderma"
    assert "MONDO:0001741" in conditions  # hyperparathyroidism, from the history
    assert "DRUGBANK:DB00381" in _facts(data, "drug", "drug")  # amlodipine
    findings = _facts(data, "finding", "finding")
    assert "HP:0000093" in findings  # "mild proteinuria": a test result, the HPO phenotype without the severity word
    assert findings["HP:0001945"]["status"] == "absent"  # ConText applies to standard terms too
    assert re.match(r"draft: rule MONDO label match \(atrial fibrillation\)", conditions["MONDO:0004981"]["note"])


def test_noise_is_filtered() -> None:
    drugs = set(_facts(_draft(), "drug", "drug"))
    assert drugs == {"DRUGBANK:DB00381"}  # not phosphorus (a result), fluorodeoxyglucose (a tracer) or cinacalcet (background)


def test_background_mentions_are_candidates_with_the_proposed_id() -> None:
    notes = [n for n in _draft()["notes"] if n.startswith("candidate term")]
    assert any("tumor lysis syndrome" in n and "proposed MONDO:" in n and "at introduction" in n for n in notes)
    assert any("cinacalcet" in n.lower() and "proposed DRUGBANK:DB01012" in n for n in notes)


def _candidate(id_: str, branch: str, kind: str = "label") -> Candidate:
    return Candidate(id_, id_.lower(), branch, id_.split(":")[0], kind, "")


def test_choose_prefers_a_disease_unless_a_result_is_reported_and_skips_related_synonyms() -> None:
    hp, mondo = _candidate("HP:1", "ClinicalFinding"), _candidate("MONDO:1", "Condition")
    assert choose([hp, mondo]) == (mondo, (hp,))
    assert choose([hp, mondo], finding=True) == (hp, (mondo,))
    assert choose([_candidate("HP:2", "ClinicalFinding", "related")]) is None
    assert choose([_candidate("CHEBI:1", "Chemical")]) is None
