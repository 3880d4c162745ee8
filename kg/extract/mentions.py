"""What the matching passes find: a term mention with its sentence, its source and its ConText status."""

from __future__ import annotations

from typing import NamedTuple

from .text import Sentence

__all__ = ["Mention", "ONTOLOGY"]

ONTOLOGY = "cck"
"""The source of a mention of a project term (a standard term's source is its prefix: HP, MONDO, ...)."""


class Mention(NamedTuple):
    """One matched term in the text, with its ConText assertion.

    ``term`` is a project term's local name or a standard id; ``kind`` says how
    it matched (``label``, ``exact``, ``abbreviation``, ``adjective``,
    ``defined-abbreviation``; for a standard term also its lexicon kind, such
    as ``synonym``); ``label`` is a standard term's label and ``alternatives``
    the other ids its text may name. A named tuple: cheap to make by the
    thousand, compared by value.
    """

    term: str
    branch: str
    kind: str
    start: int
    end: int
    token_start: int
    token_end: int
    sentence: Sentence
    negated: bool = False
    possible: bool = False
    historical: bool = False
    family: bool = False
    hypothetical: bool = False
    source: str = ONTOLOGY
    label: str = ""
    alternatives: tuple[str, ...] = ()

    @property
    def standard(self) -> bool:
        """True for a term of a standard vocabulary (found by the second pass)."""
        return self.source != ONTOLOGY

    @property
    def status(self) -> str:
        """The assertion status: absent, possible, historical or present."""
        if self.negated:
            return "absent"
        if self.possible or self.hypothetical:
            return "possible"
        if self.historical:
            return "historical"
        return "present"
