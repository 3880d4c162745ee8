"""Divide a report into the named sections of the record format by its heading lines.

A heading is a line of its own (a Markdown ``#`` heading, a bold or capitalised
short line, or an inline label such as ``Keywords:``) whose words name a section
(``Case presentation`` -> ``case``; ``Background`` -> ``introduction``). Text
before the first abstract or introduction heading is front matter, so a
journal's article-type line ("Case Report" above the title) is not taken for the
case section. Figure legends that stand in their own block after the case are
``figure_legends``. Pure functions over the masked text (see :mod:`.markup`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SectionSpan", "find_sections", "section_at", "HEADING_NAMES"]


@dataclass(frozen=True)
class SectionSpan:
    name: str
    start: int
    end: int


HEADING_NAMES: tuple[tuple[str, str], ...] = (
    (r"abstract|summary", "abstract"),
    (r"key\s*words?", "keywords"),
    (r"introduction|background", "introduction"),
    (r"case\s+(?:report|presentation|description|history|summary|details)s?|case|clinical\s+(?:case|presentation|report)|patient\s+(?:and\s+)?(?:presentation|case)|report\s+of\s+(?:the\s+|a\s+)?case", "case"),
    (r"discussion|comment", "discussion"),
    (r"conclusions?|concluding\s+remarks|learning\s+points?", "conclusion"),
    (r"figure\s+legends?|legends?\s+(?:to|for)\s+figures?", "figure_legends"),
    (r"acknowledge?ments?|funding|conflicts?\s+of\s+interests?(?:\s+statement)?|competing\s+interests?|declarations?|ethical\s+approval|ethics|consent|author\s+contributions?|data\s+availability|disclosures?", "declarations"),
    (r"references?|bibliography|literature\s+cited", "references"),
    (r"cite\s+this\s+article\s+as", "citation"),
)
_NAME_RES = tuple((re.compile(rf"^(?:\d+\.?\s*)?(?:{pattern})\s*:?$", re.IGNORECASE), name) for pattern, name in HEADING_NAMES)
_INLINE = re.compile(r"^\s*(key\s*words?|cite\s+this\s+article\s+as)\s*:", re.IGNORECASE)
_LINE = re.compile(r"[^\n]*\n?")


def _heading_name(raw_line: str, masked_line: str) -> str | None:
    inline = _INLINE.match(masked_line)
    if inline:
        word = inline.group(1).lower()
        return "keywords" if word.startswith("key") else "citation"
    stripped = masked_line.strip()
    if not stripped or len(stripped) > 60:
        return None
    looks_like_heading = raw_line.lstrip().startswith(("#", "**")) or stripped.isupper() or len(stripped.split()) <= 4
    if not looks_like_heading:
        return None
    for pattern, name in _NAME_RES:
        if pattern.match(stripped):
            return name
    return None


def find_sections(text: str, masked: str) -> list[SectionSpan]:
    """Sections covering the whole text, in order, from its heading lines."""
    headings: list[tuple[int, str]] = []
    position = 0
    for raw_line in _LINE.findall(text):
        if not raw_line:
            break
        name = _heading_name(raw_line, masked[position : position + len(raw_line)])
        if name:
            headings.append((position, name))
        position += len(raw_line)
    first_body = next((i for i, (_, name) in enumerate(headings) if name in ("abstract", "introduction")), None)
    if first_body is not None:
        headings = headings[first_body:]
    spans: list[SectionSpan] = []
    if not headings or headings[0][0] > 0:
        spans.append(SectionSpan("front_matter", 0, headings[0][0] if headings else len(text)))
    used: set[str] = set()
    for index, (start, name) in enumerate(headings):
        end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        if name in used:  # a repeated heading continues the section it names
            if spans and spans[-1].name == name:
                spans[-1] = SectionSpan(name, spans[-1].start, end)
                continue
            # record format allows each name once: fold a repeat into the previous section
            spans[-1] = SectionSpan(spans[-1].name, spans[-1].start, end)
            continue
        used.add(name)
        spans.append(SectionSpan(name, start, end))
    return [s for s in spans if s.end > s.start]


def section_at(sections: list[SectionSpan], offset: int) -> SectionSpan | None:
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return None
