"""Compose a synthetic report text from sections of sentences, keeping every sentence's offsets.

Sentences are collected per section in any order; :func:`assemble` lays the
sections out in reading order and returns the text, the section spans and,
for every evidence target a sentence was tagged with, the spans that state it.
Pure functions and plain data; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["SECTION_ORDER", "HEADINGS", "Sentence", "Draft", "Layout", "assemble"]

SECTION_ORDER: tuple[str, ...] = (
    "front_matter",
    "abstract",
    "keywords",
    "introduction",
    "case",
    "figure_legends",
    "discussion",
    "conclusion",
    "declarations",
    "references",
)
"""Sections in the order they appear in a synthetic report."""

HEADINGS: dict[str, str] = {
    "abstract": "Abstract",
    "introduction": "Introduction",
    "case": "Case presentation",
    "figure_legends": "Figure legends",
    "discussion": "Discussion",
    "conclusion": "Conclusion",
    "declarations": "Declarations",
    "references": "References",
}
"""Heading line of each section (front matter and keywords have none)."""

_LINE_SECTIONS = frozenset({"front_matter", "keywords", "figure_legends", "declarations", "references"})
"""Sections whose sentences stand on lines of their own."""


@dataclass(frozen=True)
class Sentence:
    """One sentence (or line) and the evidence targets it states.

    ``parts`` tag pieces of the sentence: ``(target, start, end)`` relative to
    the sentence's first character (a title inside a reference entry).
    """

    text: str
    targets: tuple[str, ...] = ()
    parts: tuple[tuple[str, int, int], ...] = ()


@dataclass
class Draft:
    """Sentences collected per section, in paragraphs."""

    sections: dict[str, list[list[Sentence]]] = field(default_factory=lambda: {name: [[]] for name in SECTION_ORDER})

    def say(self, section: str, text: str, *targets: str, parts: tuple[tuple[str, int, int], ...] = ()) -> None:
        """Add a sentence to the current paragraph of a section."""
        self.sections[section][-1].append(Sentence(text, tuple(targets), parts))

    def paragraph(self, section: str) -> None:
        """Start a new paragraph in a section."""
        if self.sections[section][-1]:
            self.sections[section].append([])


@dataclass(frozen=True)
class Layout:
    """The assembled text, its sections and where each target is stated."""

    text: str
    sections: tuple[tuple[str, tuple[int, int]], ...]
    spans: dict[str, tuple[tuple[str, tuple[int, int]], ...]]


def assemble(draft: Draft) -> Layout:
    """Lay the sections out in reading order and record every target's spans."""
    pieces: list[str] = []
    position = 0
    sections: list[tuple[str, tuple[int, int]]] = []
    spans: dict[str, list[tuple[str, tuple[int, int]]]] = defaultdict(list)

    def add(piece: str) -> None:
        nonlocal position
        pieces.append(piece)
        position += len(piece)

    for name in SECTION_ORDER:
        paragraphs = [p for p in draft.sections[name] if p]
        if not paragraphs:
            continue
        if pieces:
            add("\n\n")
        start = position
        if name in HEADINGS:
            add(HEADINGS[name] + "\n")
        joiner = "\n" if name in _LINE_SECTIONS else " "
        for p_index, paragraph in enumerate(paragraphs):
            if p_index:
                add("\n")
            for s_index, sentence in enumerate(paragraph):
                if s_index:
                    add(joiner)
                begin = position
                add(sentence.text)
                for target in sentence.targets:
                    spans[target].append((name, (begin, position)))
                for target, rel_start, rel_end in sentence.parts:
                    spans[target].append((name, (begin + rel_start, begin + rel_end)))
        sections.append((name, (start, position)))
    add("\n")
    return Layout("".join(pieces), tuple(sections), {key: tuple(value) for key, value in spans.items()})
