"""The shipped lexicon, terms and provenance: present, small, well formed, and holding the known terms."""

from __future__ import annotations

import gzip
from collections import Counter

import pytest

from kg.vocab.constants import BRANCHES, DATA, LEXICON_FILE, PROVENANCE_FILE, TERMS_FILE
from kg.vocab.sources import SOURCES

from .conftest import data_lines, data_rows

KNOWN = data_rows("known_terms.tsv")
NOISE = data_lines("noise_words.txt")


def test_the_shipped_files_are_there_and_small() -> None:
    sizes = {name: (DATA / name).stat().st_size for name in (LEXICON_FILE, TERMS_FILE, PROVENANCE_FILE)}
    assert sizes[LEXICON_FILE] < 4_000_000
    assert sizes[TERMS_FILE] < 7_000_000


def test_every_lexicon_row_is_well_formed(provenance: dict) -> None:  # type: ignore[type-arg]
    lines = gzip.decompress((DATA / LEXICON_FILE).read_bytes()).decode("utf-8").splitlines()
    assert lines[0].split("\t") == provenance["lexicon_columns"]
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 7 for row in rows)
    versions = {key: info["version"] for key, info in provenance["sources"].items()}
    per_source = Counter(row[5] for row in rows)
    for text, term_id, _kind, label, branch, source, version in rows:
        assert text and label
        assert term_id.startswith(source + ":")
        assert branch in BRANCHES
        assert version == versions[source]
    for key, info in provenance["sources"].items():
        assert per_source[key] == info["lexicon_rows"]


@pytest.mark.parametrize(("text", "term_id", "label"), KNOWN, ids=[row[0] for row in KNOWN])
def test_known_terms_resolve_with_their_labels(lexicon, terms, text: str, term_id: str, label: str) -> None:  # type: ignore[no-untyped-def]
    found = {c.id: c for c in lexicon.lookup(text)}
    assert term_id in found
    assert found[term_id].label == label
    assert terms[term_id].term.label == label


@pytest.mark.parametrize("word", NOISE)
def test_noise_words_match_nothing_in_any_case(lexicon, word: str) -> None:  # type: ignore[no-untyped-def]
    for form in (word, word.capitalize(), word.upper()):
        assert lexicon.lookup(form) == (), form


def test_noise_words_match_nothing_in_a_sentence(lexicon) -> None:  # type: ignore[no-untyped-def]
    text = "She was seen because he can and may; ALL WAS WELL. He said she was fine, all of it."
    assert lexicon.match_text(text) == []


def test_every_matchable_id_is_in_the_terms_file(lexicon, terms) -> None:  # type: ignore[no-untyped-def]
    assert set(lexicon.terms) <= set(terms)


def test_the_provenance_lists_licences_versions_and_pins(provenance: dict) -> None:  # type: ignore[type-arg]
    assert set(provenance["sources"]) == {s.key for s in SOURCES}
    for source in SOURCES:
        info = provenance["sources"][source.key]
        assert info["licence"] and info["licence_url"].startswith("http")
        assert info["version"] == source.data_version
        assert info["package"] == source.wheel.package and info["package_version"] == source.wheel.version
        assert info["sha256"] == source.wheel.sha256
        assert info["terms_kept"] > 1000 and info["lexicon_rows"] > 1000
    assert "2025-01-16" in provenance["sources"]["HP"]["attribution"]
    assert provenance["sources"]["MONDO"]["licence"] == "CC BY 4.0"
    assert provenance["sources"]["UBERON"]["licence"] == "CC BY 3.0"
    assert "CC0" in provenance["sources"]["DRUGBANK"]["licence"]
    assert "public domain" in provenance["sources"]["ICD9CM"]["licence"]
    assert provenance["filters"]["word_frequencies"]["sha256"]
