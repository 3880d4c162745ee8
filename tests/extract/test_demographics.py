"""Age (with its unit as printed) and sex, alone and in drafts; evidence spans well formed whatever the word order."""

from __future__ import annotations

import pytest

from kg.extract.demographics import find_age, find_sex

from ..extract_support import extractor


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Patient: 24 days old, male", 24, "day"),
        ("a neonate of 24 days was admitted", 24, "day"),
        ("A boy aged 19 months was brought to the clinic", 19, "month"),
        ("a 3-week-old girl", 3, "week"),
        ("A man aged 74 was admitted", 74, "year"),
        ("A girl of 6 years with Down syndrome", 6, "year"),
        ("a woman of 49 years", 49, "year"),
        ("the patient, 57 years of age, reported", 57, "year"),
        ("a seven-year-old boy", 7, "year"),
        ("a 52-year-old female", 52, "year"),
    ],
)
def test_ages_keep_their_unit(text: str, value: int, unit: str) -> None:
    age = find_age(text)
    assert age is not None and (age.value, age.unit) == (value, unit)
    assert text[age.start : age.end]


@pytest.mark.parametrize(
    "text",
    [
        "reported patients have had a mean age of 9.9 years",
        "The patients were on average 51 years old",
        "born at 26 weeks of gestation",
        "a dose of 240 mg a day",
    ],
)
def test_group_ages_and_other_numbers_are_not_the_patients_age(text: str) -> None:
    assert find_age(text) is None


def test_the_sex_word_next_to_the_age_wins_before_or_after_it() -> None:
    text = "Her son was well. A boy aged 19 months was brought in."
    age = find_age(text)
    assert age is not None
    sex = find_sex(text, near=(age.start, age.end))
    assert sex is not None and sex.value == "male" and text[sex.start : sex.end] == "boy"


def _draft(text: str) -> dict:
    return extractor().extract(text, "made-up.txt", "made-up")


def test_a_neonate_of_24_days_stays_24_days_in_the_draft() -> None:
    text = (
        "Calcinosis after calcium gluconate in a neonate\n\nCase report\n\nA neonate of 24 days, a boy, developed a hard plaque "
        "with calcification on the left foot after an infusion of calcium gluconate.\n"
    )
    patient = _draft(text)["patient"]
    assert (patient["age"]["value"], patient["age"]["unit"]) == (24, "day")
    assert patient["sex"]["value"] == "male"


def test_age_evidence_is_well_formed_when_the_sex_word_comes_first() -> None:
    text = "Case report\n\nA boy aged 19 months was brought to the clinic with calcified papules on both feet.\n"
    patient = _draft(text)["patient"]
    for field in ("age", "sex"):
        start, end = patient[field]["evidence"][0]["span"]
        assert 0 <= start < end <= len(text)
        assert "boy aged 19 months" in text[start:end]
