"""The data model: a standard term as read from its source, and one lexicon row."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Synonym", "Term", "LexRow"]

KINDS: tuple[str, ...] = ("label", "exact", "abbreviation", "brand", "synonym", "related", "broad", "narrow")
"""Kinds of text, strongest first: the label, an exact synonym, an abbreviation (matched in its
written case), a brand name, a synonym whose scope the source does not record, then related,
broad and narrow synonyms."""


@dataclass(frozen=True)
class Synonym:
    """A synonym as the source states it, and its kind (see :data:`KINDS`)."""

    text: str
    kind: str


@dataclass(frozen=True)
class Term:
    """One standard term, verbatim from its source.

    ``parents`` are the direct parents within the same vocabulary (``is_a``, or
    for cellxgene's files ``is_a`` or ``part_of``); ``ancestors`` the whole
    closure when the source provides it (cellxgene), else empty.
    """

    id: str
    label: str
    source: str
    synonyms: tuple[Synonym, ...] = ()
    parents: tuple[str, ...] = ()
    ancestors: frozenset[str] = frozenset()
    definition: str = ""
    obsolete: bool = False


@dataclass(frozen=True)
class LexRow:
    """One row of the lexicon: a normalised text naming a term.

    ``text`` is the match key: normalised tokens joined by single spaces (see
    :mod:`kg.vocab.normalize`), except for abbreviations, which keep their
    written case.
    """

    text: str
    id: str
    kind: str
    label: str
    branch: str
    source: str
    version: str
