"""Noise filters: each reason with an example, and how one term's texts become lexicon rows."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.vocab.filters import clean_text, drop_reason, kind_of, match_key, term_rows
from kg.vocab.wordlists import Wordlists

CASES = [
    # text, kind as the source gives it, is the label, label_zipf, expected reason
    ("diabetes mellitus (disease)", "synonym", False, None, "bracket"),
    ("1", "synonym", False, None, "no_letters"),
    ("HE", "synonym", False, None, "short"),
    ("WAS", "synonym", False, None, "stop_word"),
    ("She", "exact", False, None, "stop_word"),
    ("all", "label", True, None, "stop_word"),
    ("Cancer", "broad", False, None, "scope"),
    ("generic", "synonym", False, None, "common_word"),
    ("water", "label", True, 3.5, "common_word"),
    ("water", "label", True, None, None),
    ("CAT", "synonym", False, None, "common_abbreviation"),
    ("MEN", "synonym", False, None, "common_abbreviation"),
    ("COLD", "synonym", False, None, "common_abbreviation"),
    ("FACE", "label", True, None, None),
    ("ESRD", "synonym", False, None, None),
    ("juvenile", "synonym", False, None, None),
    ("a b c d e f g h i j k l m", "synonym", False, None, "long"),
    ("end stage renal disease", "exact", False, None, None),
]


@pytest.mark.parametrize(("text", "kind", "is_label", "label_zipf", "reason"), CASES, ids=[c[0] for c in CASES])
def test_each_reason(words: Wordlists, text: str, kind: str, is_label: bool, label_zipf: float | None, reason: str | None) -> None:
    matched_as = kind_of(text, kind)
    assert drop_reason(text, matched_as, match_key(text, matched_as), words, is_label, label_zipf) == reason


def test_a_common_synonym_that_shortens_the_label_is_kept(words: Wordlists) -> None:
    label_words = frozenset({"diabete", "mellitus"})
    common = Wordlists(stop=words.stop, zipf={"diabetes": 4.2, "hand": 5.4})
    assert drop_reason("diabetes", "synonym", "diabete", common, label_words=label_words) is None
    assert drop_reason("diabetes", "synonym", "diabete", common) == "common_word"
    assert drop_reason("hand", "synonym", "hand", common, synonym_zipf=None) is None


def test_abbreviations_keep_their_case_and_abbreviation_phrases_do_not() -> None:
    assert kind_of("ESRD", "synonym") == "abbreviation"
    assert match_key("HIV-1", "abbreviation") == "HIV 1"
    assert kind_of("Abnormal systemic BP", "abbreviation") == "exact"
    assert match_key("Abnormal systemic BP", "exact") == "abnormal systemic bp"


def test_plural_marks_are_removed_before_the_bracket_filter() -> None:
    assert clean_text("Placement of catheter(s) via burr hole(s)") == "Placement of catheter via burr hole"


def test_one_term_gives_one_row_per_key_with_its_strongest_kind(words: Wordlists) -> None:
    drops: Counter[str] = Counter()
    texts = [
        ("deafness-infertility syndrome", "label"),
        ("DIS", "synonym"),
        ("dis", "synonym"),
        ("Deafness infertility syndrome", "synonym"),
        ("deafness and male infertility", "related"),
        ("HE", "synonym"),
    ]
    rows = term_rows("MONDO:0012621", "deafness-infertility syndrome", texts, "Condition", "MONDO", "v1", words, drops)
    assert [(r.text, r.kind) for r in rows] == [
        ("DIS", "abbreviation"),
        ("deafness and male infertility", "related"),
        ("deafness infertility syndrome", "label"),
    ]
    assert drops == Counter({"abbreviation_copy": 1, "short": 1})
    assert {(r.branch, r.source, r.version, r.label) for r in rows} == {("Condition", "MONDO", "v1", "deafness-infertility syndrome")}
