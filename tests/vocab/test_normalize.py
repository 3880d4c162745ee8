"""Normal forms: plurals, British spellings, accents, possessives, hyphens; tokens and abbreviations."""

from __future__ import annotations

import pytest

from kg.vocab.normalize import Token, is_abbreviation, norm_token, normalize_text, tokenize, word_tokens

from .conftest import data_rows

SPELLINGS = data_rows("spellings.tsv")


@pytest.mark.parametrize(("written", "same_as"), SPELLINGS, ids=[row[0] for row in SPELLINGS])
def test_variants_share_a_normal_form(written: str, same_as: str) -> None:
    assert norm_token(written) == norm_token(same_as)


def test_hyphens_and_possessives_are_skipped() -> None:
    assert normalize_text("End-stage renal diseases") == normalize_text("end stage renal disease")
    assert normalize_text("Raynaud's disease") == normalize_text("Raynaud disease")
    spacy_like = [Token("Raynaud", 0, 7), Token("’s", 7, 9), Token("disease", 10, 17)]
    assert [t.text for t in word_tokens(spacy_like)] == ["Raynaud", "disease"]


def test_tokens_carry_their_offsets() -> None:
    text = "Pain, 3 cm; Sjögren's."
    assert [(t.text, text[t.start : t.end]) for t in tokenize(text)] == [
        ("Pain", "Pain"),
        (",", ","),
        ("3", "3"),
        ("cm", "cm"),
        (";", ";"),
        ("Sjögren's", "Sjögren's"),
        (".", "."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ESRD", True), ("CKD", True), ("HIV-1", True), ("DM", True), ("SSc", False), ("Ca", False), ("CREST syndrome", False), ("I", False)],
)
def test_abbreviations_are_words_in_capitals(text: str, expected: bool) -> None:
    assert is_abbreviation(text) is expected
