"""Sections from every common heading style, and by content when no heading names the case (made-up snippets)."""

from __future__ import annotations

import itertools

import pytest

from kg.extract.headings import heading_of
from kg.extract.markup import mask_markup
from kg.extract.sections import blocks, find_sections

FRONT = "A rare case of calcinosis cutis\nJ. Smith, K. Jones\nDepartment of Dermatology, Example Hospital\n\n"
INTRO = "Calcinosis cutis means calcium salts laid down within the skin. It is usually classified into five subtypes.\n"
CASE = "A 62-year-old woman presented with painful nodules on both thighs. She had systemic sclerosis for ten years.\n"
DISCUSSION = "Dystrophic calcinosis is the commonest form. Treatment options are limited and are often ineffective.\n"


def _names(text: str) -> list[str]:
    return [s.name for s in find_sections(text, mask_markup(text))]


def _section_of(text: str, phrase: str) -> str:
    offset = text.index(phrase)
    return next(s.name for s in find_sections(text, mask_markup(text)) if s.start <= offset < s.end)


@pytest.mark.parametrize(
    ("style", "text", "expected"),
    [
        (
            "markdown",
            f"# Title\n\n## Introduction\n\n{INTRO}\n## Case report\n\n{CASE}\n## Discussion\n\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        (
            "numbered",
            f"{FRONT}1. Introduction\n{INTRO}\n2. Case presentation\n{CASE}\n3. Discussion\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        (
            "numbered, '1. Case'",
            f"{FRONT}Abstract\n{CASE}\nKeywords: calcinosis; skin\n\n1. Case\n{CASE}\n2. Discussion\n{DISCUSSION}",
            ["front_matter", "abstract", "keywords", "case", "discussion"],
        ),
        (
            "roman numerals",
            f"{FRONT}I. INTRODUCTION\n{INTRO}\nII. CASE REPORT\n{CASE}\nIII. DISCUSSION\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        (
            "upper case",
            f"{FRONT}INTRODUCTION\n\n{INTRO}\nCASE REPORT\n\n{CASE}\nDISCUSSION\n\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        (
            "slash-joined (conference abstract)",
            f"{FRONT}Introduction/Background\n{INTRO}\nDescription/Method\n{CASE}\nDiscussion/Conclusion\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        ("run-in", f"{FRONT}Background: {INTRO}\nCase report: {CASE}\nComment: {DISCUSSION}", ["front_matter", "introduction", "case", "discussion"]),
        (
            "IMRaD",
            f"{FRONT}Introduction\n{INTRO}\nMethods\n{CASE}\nResults\n{DISCUSSION}\nDiscussion\n{DISCUSSION}",
            ["front_matter", "introduction", "case", "discussion"],
        ),
        (
            "titled blocks",
            f"{FRONT}Clinical History\n{CASE}\nImaging Findings\nRadiographs showed calcification of the thighs.\n",
            ["front_matter", "case"],
        ),
        ("bold lines", f"{FRONT}**Introduction**\n{INTRO}\n**Patient and observation**\n{CASE}", ["front_matter", "introduction", "case"]),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "",
)
def test_heading_styles(style: str, text: str, expected: list[str]) -> None:
    assert _names(text) == expected, style


def test_sections_tile_the_text_and_keep_offsets() -> None:
    text = f"{FRONT}1. Introduction\n{INTRO}\n2. Case\n{CASE}"
    sections = find_sections(text, mask_markup(text))
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(sections))
    case = next(s for s in sections if s.name == "case")
    assert text[case.start : case.end].startswith("2. Case")


def test_structured_abstract_parts_stay_in_the_abstract() -> None:
    text = (
        f"{FRONT}ABSTRACT\nBACKGROUND: {INTRO}CASE SUMMARY: {CASE}CONCLUSION: Calcinosis can be treated.\n"
        f"Key words: calcinosis; skin\n\nINTRODUCTION\n{INTRO}"
    )
    assert _names(text) == ["front_matter", "abstract", "keywords", "introduction"]
    labels = {b.label for b in blocks(text) if b.label}
    assert {"introduction", "case", "conclusion"} <= labels  # the run-in labels still tell the parts apart


def test_a_structured_abstract_on_one_line_is_the_abstract() -> None:
    text = f"{FRONT}Background: Calcinosis is rare. Case characteristics: A girl aged 7 years had nodules. Outcome: The lesions improved.\n\n{INTRO}"
    sections = find_sections(text, mask_markup(text))
    assert [s.name for s in sections][:2] == ["front_matter", "abstract"]
    parts = [b for b in blocks(text) if b.label == "case"]
    assert [text[b.start : b.end].split(":")[0] for b in parts] == ["Case characteristics", "Outcome"]


def test_an_article_type_line_above_the_authors_is_front_matter() -> None:
    text = f"Case Report\nA rare case of calcinosis cutis\nJ. Smith, K. Jones\n\nAbstract\n{CASE}\nCase report\n{CASE}"
    sections = find_sections(text, mask_markup(text))
    assert [s.name for s in sections] == ["front_matter", "abstract", "case"]
    assert sections[0].end == text.index("Abstract")


def test_a_letter_without_headings_is_divided_by_content() -> None:
    text = f"{FRONT}Sir,\n\n{INTRO}\n{CASE}\nThe nodules were excised and did not recur.\n\n{DISCUSSION}\nFigure 1. Nodules on the thigh.\n"
    assert _names(text) == ["front_matter", "introduction", "case", "discussion", "figure_legends"]
    assert _section_of(text, "The nodules were excised") == "case"  # a paragraph that goes on with the story
    assert _section_of(text, "Sir,") == "introduction"


def test_with_no_case_heading_the_patient_paragraph_is_the_case() -> None:
    text = f"{FRONT}{CASE}\n{DISCUSSION}\nReceived 2020-01-01; accepted 2020-02-01.\n"
    assert _names(text) == ["front_matter", "case", "discussion", "declarations"]


def test_general_paragraphs_after_a_headed_case_become_the_discussion() -> None:
    text = f"{FRONT}Clinical History\n{CASE}\n{INTRO}"
    assert _names(text) == ["front_matter", "case", "discussion"]
    assert _section_of(text, INTRO[:20]) == "discussion"


def test_unheaded_text_before_a_case_heading_is_the_introduction() -> None:
    text = f"{FRONT}{INTRO}\nWe describe a man with calcinosis.\n\nCASE REPORT\n{CASE}"
    assert _names(text) == ["front_matter", "introduction", "case"]


@pytest.mark.parametrize(
    ("line", "name", "run_in"),
    [
        ("2.1 Case presentation", "case", False),
        ("II. DISCUSSION", "discussion", False),
        ("Introduction/Background", "introduction", False),
        ("Description/Method", "case", False),
        ("Results and discussion", "discussion", False),
        ("Keywords: calcinosis; skin", "keywords", True),
        ("Case report: A 45-year-old man presented with nodules.", "case", True),
        ("Patient: 24 days old, male", "case", True),
        ("Learning points", "conclusion", False),
        ("Conflict of interest statement", "declarations", False),
        ("Figure legends", "figure_legends", False),
    ],
)
def test_heading_of(line: str, name: str, run_in: bool) -> None:
    heading = heading_of(line, line)
    assert heading is not None and (heading.name, heading.run_in) == (name, run_in)


@pytest.mark.parametrize(
    "line",
    [
        "SHORT COMMUNICATION",
        "Case type: Clinical cases",
        "The abnormal results included: sodium 136",
        "A white calcified plaque on the right cheek present for 25 years",
        "Before and after",
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    assert heading_of(line, line) is None


def test_a_run_in_case_paragraph_with_more_labels_stays_the_case() -> None:
    text = f"{FRONT}Case report: A 45-year-old man presented with nodules. Outcome: The nodules resolved after excision.\n"
    assert _names(text) == ["front_matter", "case"]
