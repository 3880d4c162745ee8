"""Divide a report into the named sections of the record format: by its headings, else by what its paragraphs say.

1. Headings (:mod:`.headings`): every heading style, numbered, slash-joined,
   upper-case, run in ("Case report: ..."), IMRaD and structured abstracts.
   Run-in labels inside an abstract (``BACKGROUND:``, ``CASE SUMMARY:``) are
   parts of the abstract, not sections; a line that begins with a background
   label and holds more labels is a structured abstract.
2. Front matter: everything before the body, which begins at the first
   abstract or introduction heading; failing that, at the first heading that
   is followed by running text, the first line of running text, or a letter's
   salutation ("Sir,"); in a short text, at the first sentence after the
   title. A journal's article-type line ("Case Report" above
   the authors) is therefore front matter. A "Keywords" label is a section
   wherever it stands.
3. Content: when no heading names the case, the unheaded paragraphs are
   sorted by what they say (:func:`~.cues.paragraph_kind`): from the first
   paragraph that introduces the patient to the last that continues the
   story is ``case``; general paragraphs before it are ``introduction``,
   after it ``discussion``; figure captions are ``figure_legends``; dates,
   addresses and affiliations ``declarations``. General paragraphs, captions
   and such notes at the end of a headed case section are split off the same
   way. Each name is used once: a repeat is folded into the section
   before it.

Pure functions over the text and its masked copy (see :mod:`.markup`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import paragraph_kind
from .headings import Heading, heading_of, is_prose, is_salutation

__all__ = ["SectionSpan", "Block", "find_sections", "section_at", "blocks"]

_LINE = re.compile(r"[^\n]*\n?")
_BODY = ("abstract", "introduction", "case", "discussion", "conclusion", "figure_legends")
_MID_LABEL = re.compile(r"(?<=[.!?])\s+([A-Z][A-Za-z]+(?:\s+[a-z]+){0,3})\s*:\s+(?=[A-Z0-9])")


@dataclass(frozen=True)
class SectionSpan:
    """A named section ``[start, end)`` of the text."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A paragraph, or the part of one that follows a run-in label; ``label`` is the section the label names."""

    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    raw: str
    masked: str
    heading: Heading | None


def _lines(text: str, masked: str) -> list[_Line]:
    out, position = [], 0
    for raw in _LINE.findall(text):
        if not raw:
            break
        view = masked[position : position + len(raw)]
        out.append(_Line(position, position + len(raw), raw, view, heading_of(raw, view)))
        position += len(raw)
    return out


def _next_text(lines: list[_Line], index: int) -> _Line | None:
    return next((line for line in lines[index + 1 :] if line.masked.strip()), None)


def _body_start(lines: list[_Line]) -> int:
    """Index of the first line of the body (see the module docstring)."""
    for i, line in enumerate(lines):
        if line.heading and not line.heading.run_in and line.heading.name in ("abstract", "introduction"):
            return i
    for i, line in enumerate(lines):
        text = line.masked.strip()
        if not text:
            continue
        heading = line.heading
        if heading and heading.name in _BODY:
            following = line.masked[heading.label_end :] if heading.run_in else ""
            nxt = _next_text(lines, i)
            if is_prose(following, 5) or (nxt is not None and (nxt.heading is not None or is_prose(nxt.masked, 5))):
                return i
        if is_prose(text) or is_salutation(text):
            return i
    texts = [i for i, line in enumerate(lines) if line.masked.strip()]
    for i in texts[1:]:  # a short text: the first sentence after the title
        if is_prose(lines[i].masked.strip(), 5):
            return i
    return len(lines)


def _mid_labels(line: str) -> int:
    return sum(1 for m in _MID_LABEL.finditer(line) if heading_of(m.group(1) + ":", m.group(1) + ":"))


def _marks(lines: list[_Line], body: int) -> list[tuple[int, str]]:
    """Section starts from heading lines: keywords anywhere, the rest from the body on."""
    marks: list[tuple[int, str]] = []
    current = None
    for i, line in enumerate(lines):
        heading = line.heading
        if heading is None or (i < body and heading.name != "keywords"):
            continue
        name = heading.name
        if heading.run_in and name != "keywords":
            if current == "abstract":
                continue  # a part of a structured abstract
            if name == "introduction" and _mid_labels(line.masked) >= 1:
                name = "abstract"  # "Background: ... Case characteristics: ... Outcome: ..." on one line
        marks.append((line.start, name))
        current = name
    if body < len(lines) and not any(start == lines[body].start for start, _ in marks):
        marks.append((lines[body].start, ""))  # unheaded text at the start of the body
    return sorted(marks)


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Paragraphs of ``text[start:end]`` (a paragraph ends at a blank line or a line that closes a sentence),
    split again at run-in labels in mid-line ("... Observation: Electromyography showed ...")."""
    end = len(text) if end is None else end
    out: list[Block] = []
    para_start = None
    position = start
    for raw in _LINE.findall(text[start:end]):
        if not raw:
            break
        line_end = position + len(raw)
        stripped = raw.strip()
        heading = heading_of(raw, raw) if stripped else None
        if heading is not None and not heading.run_in:  # a heading line is a block of its own
            if para_start is not None:
                out.extend(_split_labels(text, para_start, position))
                para_start = None
            out.append(Block(position, position + len(raw.rstrip())))
            position = line_end
            continue
        if stripped and para_start is None:
            para_start = position
        if para_start is not None and (not stripped or stripped[-1] in ".!?:)" or line_end >= end):
            out.extend(_split_labels(text, para_start, position + len(raw.rstrip())))
            para_start = None
        position = line_end
    return [b for b in out if b.end > b.start]


def _split_labels(text: str, start: int, end: int) -> list[Block]:
    cuts = [(start, _run_in_label(text[start:end]))]
    for match in _MID_LABEL.finditer(text, start, end):
        heading = heading_of(match.group(1) + ":", match.group(1) + ":")
        if heading:
            cuts.append((match.start(1), heading.name))
    return [Block(s, cuts[i + 1][0] if i + 1 < len(cuts) else end, label) for i, (s, label) in enumerate(cuts)]


def _run_in_label(line: str) -> str | None:
    heading = heading_of(line, line)
    return heading.name if heading and heading.run_in else None


def _by_content(text: str, start: int, end: int, has_case: bool) -> list[tuple[int, str]]:
    """Section starts inside an unheaded stretch of the body, from its paragraphs."""
    paragraphs = blocks(text, start, end)
    if not paragraphs:
        return [(start, "introduction")]
    if has_case:
        return [(start, "introduction")]
    kinds = [paragraph_kind(text[p.start : p.end]) for p in paragraphs]
    names: list[str] = []
    in_case = False
    for kind in kinds:
        if kind == "patient" or (kind == "narrative" and in_case):
            in_case = True
            names.append("case")
        elif kind == "legend":
            names.append("figure_legends")
        elif kind == "metadata":
            names.append("declarations")
        else:
            in_case = False
            names.append("introduction" if "case" not in names else "discussion")
    last_case = max((i for i, n in enumerate(names) if n == "case"), default=-1)
    first_case = names.index("case") if "case" in names else -1
    for i in range(first_case, last_case + 1):
        if first_case >= 0 and names[i] not in ("figure_legends", "declarations"):
            names[i] = "case"
    marks = [(start, names[0])]
    for paragraph, name in zip(paragraphs[1:], names[1:], strict=True):
        marks.append((_line_start(text, paragraph.start), name))
    return marks


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _split_case_tail(text: str, spans: list[SectionSpan]) -> list[SectionSpan]:
    """General paragraphs and captions at the end of the last case section become discussion and figure legends."""
    index = max((i for i, s in enumerate(spans) if s.name == "case"), default=-1)
    if index < 0:
        return spans
    case = spans[index]
    paragraphs = blocks(text, case.start, case.end)
    tail: list[tuple[int, str]] = []
    for paragraph in reversed(paragraphs[1:]):
        kind = paragraph_kind(text[paragraph.start : paragraph.end])
        if kind not in ("general", "legend", "metadata"):
            break
        name = {"legend": "figure_legends", "metadata": "declarations"}.get(kind, "discussion")
        tail.insert(0, (_line_start(text, paragraph.start), name))
    if not tail:
        return spans
    pieces = [SectionSpan("case", case.start, tail[0][0])]
    for i, (start, name) in enumerate(tail):
        pieces.append(SectionSpan(name, start, tail[i + 1][0] if i + 1 < len(tail) else case.end))
    return spans[:index] + pieces + spans[index + 1 :]


def _unique(spans: list[SectionSpan]) -> list[SectionSpan]:
    """Merge neighbours of the same name; fold a later repeat of a name into the section before it."""
    out: list[SectionSpan] = []
    for span in spans:
        if span.end <= span.start:
            continue
        if out and (out[-1].name == span.name or any(s.name == span.name for s in out)):
            out[-1] = SectionSpan(out[-1].name, out[-1].start, span.end)
        else:
            out.append(span)
    return out


def find_sections(text: str, masked: str) -> list[SectionSpan]:
    """Sections covering the whole text, in order."""
    lines = _lines(text, masked)
    body = _body_start(lines)
    marks = _marks(lines, body)
    has_case = any(name == "case" for _, name in marks)
    expanded: list[tuple[int, str]] = []
    for i, (start, name) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        expanded.extend(_by_content(masked, start, end, has_case) if name == "" else [(start, name)])
    spans: list[SectionSpan] = []
    first = expanded[0][0] if expanded else len(text)
    if first > 0:
        spans.append(SectionSpan("front_matter", 0, first))
    for i, (start, name) in enumerate(expanded):
        spans.append(SectionSpan(name, start, expanded[i + 1][0] if i + 1 < len(expanded) else len(text)))
    return _unique(_split_case_tail(masked, _unique(spans)))


def section_at(sections: list[SectionSpan], offset: int) -> SectionSpan | None:
    """The section holding ``offset``, if any."""
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return None
