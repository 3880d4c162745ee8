"""Longest-match lookup: over the shipped lexicon, a real report, and small lexicons written by the tests."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest

from kg.vocab import LexiconError, load_lexicon, read_lexicon, tokenize

HEADER = "text\tid\tkind\tlabel\tbranch\tsource\tversion"


def write_lexicon(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_bytes(gzip.compress(("\n".join([header, *rows]) + "\n").encode("utf-8")))
    return path


def test_the_lexicon_is_loaded_once_per_process(lexicon) -> None:  # type: ignore[no-untyped-def]
    assert load_lexicon() is lexicon


def test_the_longest_match_wins(lexicon) -> None:  # type: ignore[no-untyped-def]
    text = "She had end-stage renal disease; renal disease was known."
    matches = lexicon.match_text(text)
    assert [m.text for m in matches] == ["end-stage renal disease", "renal disease"]
    assert "MONDO:0004375" in {c.id for c in matches[0].candidates}
    assert "MONDO:0005240" in {c.id for c in matches[1].candidates}
    assert "MONDO:0005240" not in {c.id for c in matches[0].candidates}


def test_offsets_point_into_the_text(lexicon) -> None:  # type: ignore[no-untyped-def]
    text = "Calcinosis cutis of the thigh in systemic sclerosis, treated with diltiazem."
    matches = lexicon.match_text(text)
    assert [text[m.start : m.end] for m in matches] == ["Calcinosis cutis", "thigh", "systemic sclerosis", "diltiazem"]
    assert [m.candidates[0].id for m in matches] == ["HP:0025520", "UBERON:0000376", "MONDO:0005100", "DRUGBANK:DB00343"]


def test_abbreviations_match_only_in_capitals(lexicon) -> None:  # type: ignore[no-untyped-def]
    assert [m.text for m in lexicon.match_text("AIDS and ESRD")] == ["AIDS", "ESRD"]
    assert lexicon.match_text("hearing aids") == []
    assert lexicon.match_text("esrd") == []


def test_tokens_give_the_same_matches_as_text(lexicon) -> None:  # type: ignore[no-untyped-def]
    text = "Digital ulcers and telangiectasias."
    assert [(m.start, m.end) for m in lexicon.match(tokenize(text))] == [(m.start, m.end) for m in lexicon.match_text(text)]


def test_matches_in_a_real_report_never_overlap(lexicon, seed_reports: Path) -> None:  # type: ignore[no-untyped-def]
    text = (seed_reports / "001_68c6de51fb8b6a26.txt").read_text(encoding="utf-8")
    matches = lexicon.match_text(text)
    assert len(matches) > 100
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
    assert {"HP:0025520", "MONDO:0005100", "UBERON:0001465", "DRUGBANK:DB00682"} <= {c.id for m in matches for c in m.candidates}


def test_a_small_lexicon_orders_candidates_by_kind_then_source(tmp_path: Path) -> None:
    path = write_lexicon(
        tmp_path / "lexicon.tsv.gz",
        [
            "renal disease\tMONDO:1\tsynonym\tkidney disorder\tCondition\tMONDO\tv1",
            "renal disease\tHP:1\tlabel\tRenal disease\tClinicalFinding\tHP\t2025",
            "end stage renal disease\tMONDO:2\tlabel\tend stage renal disease\tCondition\tMONDO\tv1",
            "CKD\tMONDO:3\tabbreviation\tchronic kidney disease\tCondition\tMONDO\tv1",
        ],
    )
    small = read_lexicon(path)
    assert [c.id for c in small.lookup("renal diseases")] == ["HP:1", "MONDO:1"]
    matches = small.match_text("End stage renal disease, CKD, ckd, renal disease")
    assert [(m.text, m.candidates[0].id) for m in matches] == [
        ("End stage renal disease", "MONDO:2"),
        ("CKD", "MONDO:3"),
        ("renal disease", "HP:1"),
    ]


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        ("id\ttext", [], "not a lexicon file"),
        (HEADER, ["too\tfew\tfields"], "7 tab-separated fields"),
    ],
)
def test_a_broken_lexicon_is_refused(tmp_path: Path, header: str, rows: list[str], message: str) -> None:
    path = write_lexicon(tmp_path / "lexicon.tsv.gz", rows, header)
    with pytest.raises(LexiconError, match=message):
        read_lexicon(path)


def test_a_missing_lexicon_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="kg vocab build"):
        load_lexicon(tmp_path / "nothing.tsv.gz")
    with pytest.raises(LexiconError, match="cannot read"):
        read_lexicon(write_path(tmp_path / "bad.tsv.gz", b"not gzip"))


def write_path(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
