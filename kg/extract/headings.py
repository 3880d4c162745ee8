"""Heading lines: which record section a line's words name, in any common heading style.

Pure functions over one line of the masked text (see :mod:`.markup`). A line
is a heading when it is short and stands on its own (a Markdown ``#`` heading,
a bold line, a line in capitals, or a few words without a full stop), or when
it begins with a run-in label ("Case report: A 45-year-old ...",
"Keywords: ..."). Numbering (``1.``, ``2.1``, ``II.``, ``A.``) is ignored;
slash-joined and "and"-joined headings ("Introduction/Background",
"Description/Method", "Results and discussion") take the name of their first
part that names a section. Names follow the record format: a heading for the
patient's story (case report, clinical history, description, methods of a
case abstract, examination, imaging findings, ...) names ``case``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Heading", "heading_of", "HEADING_NAMES", "is_prose", "is_salutation", "LEGEND", "RUN_IN"]

_CASE = (
    r"case(?:\s+(?:reports?|presentations?|descriptions?|history|summary|details|study|synopsis|characteristics|and\s+methods?))?"
    r"|(?:clinical|patient)\s+(?:case|presentation|report|history|synopsis|description|summary|findings|course|features|details|"
    r"information|observation|examination)s?|patients?(?:\s+and\s+(?:observation|methods?))?|report\s+of\s+(?:the\s+|a\s+)?case"
    r"|description|case\s+description|history(?:\s+and\s+examination)?|presentation|observations?|(?:imaging|radiological|histological|"
    r"laboratory|pathological|physical)\s+(?:findings|examination|investigations?)|investigations?|examination|treatment|management"
    r"|outcome|follow[\s-]*up|methods?|materials?\s+and\s+methods|case\s+and\s+methods?"
)
HEADING_NAMES: tuple[tuple[str, str], ...] = (
    (r"abstract|summary|structured\s+abstract", "abstract"),
    (r"key\s*words?|index\s+terms|mesh\s+terms", "keywords"),
    (r"introduction|background|overview|aims?|objectives?|purpose", "introduction"),
    (_CASE, "case"),
    (r"discussion|comments?|results?|results?\s+and\s+discussion|review\s+of\s+(?:the\s+)?literature|literature\s+review", "discussion"),
    (r"conclusions?|concluding\s+remarks|learning\s+points?|take[\s-]*home\s+messages?|messages?|lessons?\s+learned", "conclusion"),
    (r"figure\s+legends?|legends?(?:\s+(?:to|for|of)\s+(?:the\s+)?figures?)?|figures?(?:\s+and\s+tables?)?", "figure_legends"),
    (
        r"acknowledge?ments?|funding(?:\s+sources?)?|conflicts?[\s-]+of[\s-]+interests?(?:\s+statement)?|competing\s+interests?|declarations?"
        r"|ethic(?:s|al)(?:\s+(?:approval|statement))?|(?:informed|patient)\s+consent(?:\s+statement)?|consent|author(?:s'?)?\s+contributions?"
        r"|data\s+availability(?:\s+statement)?|disclosures?|abbreviations|care\s+checklist.*",
        "declarations",
    ),
    (r"references?|bibliography|literature\s+cited|works\s+cited", "references"),
    (r"cite\s+this\s+article(?:\s+as)?|how\s+to\s+cite(?:\s+this\s+article)?", "citation"),
)
_NAMES = tuple((re.compile(rf"(?:{pattern})", re.IGNORECASE), name) for pattern, name in HEADING_NAMES)
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-H][.)])\s+|^\d+\s*[.)]\s*")
_PARTS = re.compile(r"\s*(?:/|\||&|\band\b|\s[-–—]\s)\s*", re.IGNORECASE)
RUN_IN = re.compile(r"^\s*((?:[A-Za-z][\w'’-]*)(?:\s+[A-Za-z][\w'’-]*){0,4})\s*(?::|\s[-–—]\s|\.(?=\s+[A-Z]))\s*(?=\S)")
"""A run-in label at the start of a line: up to five words, then a colon, a dash or a full stop, then text."""
LEGEND = re.compile(r"^\s*(?:Figure|Fig\.?|FIGURE|FIG\.?|Supplementary\s+figure)\s*S?\d+", re.IGNORECASE)
_SALUTATION = re.compile(r"^\s*(?:(?:Dear\s+)?(?:Sir|Madam|Sirs|Editor)s?|Dear\s+\w+(?:\s+\w+)?|To\s+the\s+Editor)\s*[,:!]?\s*$", re.IGNORECASE)
_METADATA = re.compile(
    r"^\s*(?:source|received|revised|accepted|published|correspondence|copyright|©|doi|authors?|affiliations?|academic\s+editor|open\s+access"
    r"|citation|funding|keywords?|key\s+words|article|volume|e-?mail|address|orcid|pmid|pmcid|url|https?:|section|case\s+type|requests?\s+for)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Heading:
    """A section name read from a line, and whether it is run in (text follows on the same line)."""

    name: str
    run_in: bool
    label_end: int = 0
    """For a run-in label, the offset within the line where its text begins."""


def _name_of(words: str) -> str | None:
    words = _NUMBERING.sub("", words.strip()).strip(" :.-–—")
    if not words:
        return None
    for part in [words, *_PARTS.split(words)]:
        part = part.strip(" :.-–—")
        for pattern, name in _NAMES:
            if part and pattern.fullmatch(part):
                return name
    return None


def heading_of(raw_line: str, masked_line: str) -> Heading | None:
    """The section a line heads, if it is a heading line or starts with a run-in label."""
    stripped = masked_line.strip()
    if not stripped or len(stripped) > 80:
        run_in = RUN_IN.match(masked_line)
        if run_in and stripped:
            name = _name_of(run_in.group(1))
            if name:
                return Heading(name, True, run_in.end())
        return None
    alone = raw_line.lstrip().startswith(("#", "**")) or stripped.isupper() or (len(stripped.split()) <= 7 and not stripped.endswith((".", ",", ";")))
    if alone:
        name = _name_of(stripped)
        if name:
            return Heading(name, False)
    run_in = RUN_IN.match(masked_line)
    if run_in:
        name = _name_of(run_in.group(1))
        if name:
            return Heading(name, True, run_in.end())
    return None


def is_prose(line: str, min_words: int = 12) -> bool:
    """A line of running text: a dozen words or more (``min_words``), mostly lower case, a sentence end, not publication metadata."""
    words = line.split()
    if len(words) < min_words or _METADATA.match(line):
        return False
    if not re.search(r"[.!?](?:\s|$)", line):
        return False
    lower = sum(1 for w in words if w[:1].islower())
    digits = sum(1 for w in words if any(ch.isdigit() for ch in w))
    return lower >= 0.5 * len(words) and digits <= 0.2 * len(words)


def is_salutation(line: str) -> bool:
    """The salutation of a letter to the editor ("Sir,", "Dear Editor,")."""
    return bool(_SALUTATION.match(line))
