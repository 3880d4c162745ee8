"""Smaller rules of the extractor: sentences, analytes, abbreviations, curators' specific terms, sites of lesions."""

from __future__ import annotations

import pytest

from kg.extract.text import split_sentences, tokenize

from ..extract_support import extractor


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s, _, _ in split_sentences(text, tokenize(text))]


def test_sentences_end_at_full_stops_and_line_breaks_but_not_after_abbreviations_or_initials() -> None:
    text = "Dr. Smith saw her (Fig. 1). Doses were 2.5 mg, e.g. twice. J. Bishop agreed.\nHeading\nShe improved! Did he?"
    assert _sentences(text) == [
        "Dr. Smith saw her (Fig. 1).",
        "Doses were 2.5 mg, e.g. twice.",
        "J. Bishop agreed.",
        "Heading",
        "She improved!",
        "Did he?",
    ]


def test_negative_contractions_are_split_as_rule_sets_write_them() -> None:
    assert [t.text for t in tokenize("didn't")] == ["did", "n't"]


def _draft(case: str) -> dict:
    return extractor().extract(f"A case of calcinosis cutis\n\nCase report\n\n{case}\n", "made-up.txt", "made-up")


def _terms(data: dict, type_: str, field: str) -> dict[str, dict]:
    return {f[field]: f for f in data["facts"] if f["type"] == type_}


def test_laboratory_results_named_by_the_analyte() -> None:
    data = _draft(
        "A 60-year-old man had calcinosis. Laboratory tests: sodium 136 mEq/l, potassium 4.1 mEq/l and a raised calcium of 12.9 mg/dL; "
        "normal serum albumin, phosphate and creatinine. He kept a low phosphate diet and calcium-free binders."
    )
    tests = _terms(data, "test", "test")
    assert {"SerumSodiumTest", "SerumPotassiumTest", "SerumCalciumTest", "SerumPhosphorusTest", "SerumCreatinineTest"} <= set(tests)
    diet = _draft("A 60-year-old man had calcinosis. He kept a low phosphate diet and calcium-free binders.")
    assert not {"SerumPhosphorusTest", "SerumCalciumTest"} & set(_terms(diet, "test", "test"))


def test_a_test_inside_a_condition_name_is_proposed_too() -> None:
    tests = _terms(_draft("A 60-year-old man had calcinosis and an elevated serum calcium."), "test", "test")
    assert "SerumCalciumTest" in tests


def test_abbreviations_the_text_defines() -> None:
    data = _draft(
        "A 30-year-old woman had systemic lupus erythematosus (SLE) and was given topical sodium thiosulfate (TST) "
        "for calcinosis. TST was stopped after two months."
    )
    assert any("TST = SodiumThiosulfate" in n for n in data["notes"])
    drug = _terms(data, "drug", "drug")["SodiumThiosulfate"]
    assert drug["status"] == "stopped" or any(e["span"] for e in drug["evidence"])


@pytest.mark.parametrize(
    ("case", "term", "type_", "field"),
    [
        ("A 50-year-old man had calcinosis with ulceration of the skin of the thigh.", "SkinUlcer", "diagnosis", "condition"),
        ("A 50-year-old man had calcinosis; the nodules had ulcerated.", "SkinUlcer", "diagnosis", "condition"),
        ("A 50-year-old man had calcinosis and an oral ulcer.", "OralUlcer", "diagnosis", "condition"),
        ("A 50-year-old man had calcinosis; a biopsy of a nodule showed calcium deposits.", "SkinBiopsy", "test", "test"),
        ("A 50-year-old man had calcinosis; the wounds became secondarily infected.", "WoundInfection", "diagnosis", "condition"),
    ],
)
def test_general_words_read_as_curators_read_them(case: str, term: str, type_: str, field: str) -> None:
    assert term in _terms(_draft(case), type_, field)


def test_a_lung_biopsy_stays_a_biopsy_and_painless_means_no_pain() -> None:
    data = _draft("A 50-year-old man had calcinosis with painless nodules; a lung biopsy was normal.")
    assert "SkinBiopsy" not in _terms(data, "test", "test")
    pain = _terms(data, "finding", "finding")["Pain"]
    assert pain["status"] == "absent"


def _calcinosis_sites(data: dict) -> set[str]:
    calcinosis = next(f for f in data["facts"] if f.get("condition") == "CalcinosisCutis")
    return {s["site"] for s in calcinosis.get("sites", [])}


def test_sites_in_a_list_and_after_a_verb_belong_to_the_lesion() -> None:
    data = _draft(
        "A 49-year-old woman with calcinosis had painful skin lesions, some ulcerated, on both hands and forearms, the thighs "
        "and the buttocks. Firm nodules were found over both knees."
    )
    assert {"Hand", "Forearm", "Thigh", "GlutealRegion", "Knee"} <= _calcinosis_sites(data)


def test_lesion_words_make_no_calcinosis_in_a_report_that_never_names_it() -> None:
    data = extractor().extract(
        "A haemodialysis patient with skin lesions\n\nCase report\n\nA 54-year-old man had necrotic lesions on his thighs and hypertension.\n",
        "made-up.txt",
        "made-up",
    )
    assert not any(f.get("condition") == "CalcinosisCutis" for f in data["facts"])


def test_a_site_named_as_a_route_is_not_a_lesion_site() -> None:
    data = _draft("A 43-year-old woman had calciphylaxis. She was given antibiotics by vein and the wound was debrided.")
    assert "Vein" not in _calcinosis_sites(data)


def test_sites_of_an_imaging_study_that_finds_calcification_are_the_calcinosis_sites() -> None:
    found = _draft("A 68-year-old woman had calcinosis. Radiographs of the elbows, the hands and the knees revealed large calcifications.")
    assert {"Elbow", "Hand", "Knee"} <= _calcinosis_sites(found)
    clear = _draft("A 68-year-old woman had calcinosis of the fingers. A radiograph of the chest showed no calcification.")
    assert "Thorax" not in _calcinosis_sites(clear)


def test_patches_and_eruptions_are_lesions_whose_sites_go_to_the_calcinosis() -> None:
    data = _draft("A 43-year-old woman had calciphylaxis. Painful erythematous patches appeared on both lower extremities.")
    assert "LowerLimb" in _calcinosis_sites(data)


def test_bisphosphonates_named_by_their_salt_are_found() -> None:
    drugs = _terms(_draft("A 9-year-old boy had calcinosis. He was given alendronate once a week."), "drug", "drug")
    assert "DRUGBANK:DB00630" in drugs


def test_a_history_of_hypertension_is_a_condition() -> None:
    conditions = _terms(_draft("A 70-year-old man with calcinosis had been hypertensive for 5 years."), "diagnosis", "condition")
    assert "Hypertension" in conditions
