"""Patient sentences found by content where no section names the case, and background kept apart (made-up reports)."""

from __future__ import annotations

from kg.extract.markup import mask_markup
from kg.extract.patient import patient_sentences
from kg.extract.sections import find_sections
from kg.extract.text import split_sentences, tokenize

from ..extract_support import extractor

CONFERENCE_ABSTRACT = """Calcinosis cutis of the leg treated with sodium thiosulfate
Regional Surgical Meeting 2024, abstract 17

Introduction/Background
Calcinosis cutis means calcium salts laid down within the skin. Warfarin and diltiazem are among the drugs that have been tried.

Description/Method
A 50-year-old man with limited scleroderma presented with a painful calcified nodule on the left shin. A skin biopsy confirmed calcinosis cutis. He was treated with topical sodium thiosulfate and the nodule resolved.

Discussion/Conclusion
Topical sodium thiosulfate is a safe option for calcinosis cutis.
"""


def _facts(data: dict, type_: str, field: str) -> set[str]:
    return {f[field] for f in data["facts"] if f["type"] == type_}


def test_a_conference_abstract_with_slash_headings_gets_its_case_age_sex_and_facts() -> None:
    data = extractor().extract(CONFERENCE_ABSTRACT, "abstract.txt", "abstract")
    assert "case" in [s["name"] for s in data["sections"]]
    assert (data["patient"]["age"]["value"], data["patient"]["age"]["unit"], data["patient"]["sex"]["value"]) == (50, "year", "male")
    assert "SodiumThiosulfate" in _facts(data, "drug", "drug")
    assert not {"Warfarin", "Diltiazem"} & _facts(data, "drug", "drug")  # options named in the background
    calcinosis = next(f for f in data["facts"] if f.get("condition") == "CalcinosisCutis")
    assert {s["site"] for s in calcinosis["sites"]} == {"LowerLeg"} and calcinosis["sites"][0]["laterality"] == "left"
    assert "SkinBiopsy" in _facts(data, "test", "test")


def _patient(text: str) -> dict[str, bool]:
    masked = mask_markup(text)
    sections = find_sections(text, masked)
    sentences = [s for s, _, _ in split_sentences(masked, tokenize(masked))]
    flags = patient_sentences(masked, sections, sentences)
    return {text[s.start : s.end]: flags[s] for s in sentences}


def test_an_abstract_tells_the_story_on_from_the_sentence_that_names_the_patient() -> None:
    text = (
        "Title\n\nAbstract\nCalciphylaxis usually develops in end-stage renal disease. We report a 56-year-old woman with "
        "hyperparathyroidism. Histology established calciphylaxis. A parathyroidectomy was then carried out. "
        "Sixteen such cases have been reported in the literature.\n\nIntroduction\nCalciphylaxis was first described in 1898.\n"
    )
    flags = _patient(text)
    assert flags["We report a 56-year-old woman with hyperparathyroidism."]
    assert flags["Histology established calciphylaxis."] and flags["A parathyroidectomy was then carried out."]
    assert not flags["Calciphylaxis usually develops in end-stage renal disease."]
    assert not flags["Sixteen such cases have been reported in the literature."]
    assert not flags["Calciphylaxis was first described in 1898."]


def test_a_run_in_case_label_inside_an_abstract_marks_patient_sentences() -> None:
    text = (
        "Title\n\nABSTRACT\nBACKGROUND: Calciphylaxis is linked to kidney disease.\nCASE SUMMARY: A woman presented with "
        "wounds. Biopsy of a wound confirmed calciphylaxis.\nCONCLUSION: Liver disease can be the background.\n"
    )
    flags = _patient(text)
    assert flags["Biopsy of a wound confirmed calciphylaxis."]
    assert not flags["BACKGROUND: Calciphylaxis is linked to kidney disease."]
    assert not flags["CONCLUSION: Liver disease can be the background."]


def test_sentences_listing_what_the_patient_did_not_receive_are_not_patient_sentences() -> None:
    text = (
        "Title\n\nCase report\nA 40-year-old man had nodules.\n\nDiscussion\nBisphosphonates and diltiazem have been used, "
        "none of which our patient received. Our patient improved with excision.\n"
    )
    flags = _patient(text)
    assert not flags["Bisphosphonates and diltiazem have been used, none of which our patient received."]
    assert flags["Our patient improved with excision."]
