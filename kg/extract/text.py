"""Tokens and sentences of a (masked) report text, with character offsets; pure, no spaCy.

Tokens are words (letters and digits with inner apostrophes) and single
punctuation marks, as :func:`kg.vocab.normalize.tokenize` makes them, except
that a negative contraction is split the way clinical rule sets write it
(``didn't`` -> ``did`` ``n't``). A token's *normal form* is
:func:`kg.vocab.normalize.norm_token` (lower case, singular, American
spelling), the form both lexicons are keyed by.

Sentences end at a line break, and after ``.``, ``!`` or ``?`` when the next
token starts a sentence (a capital letter, a digit, a bracket or a quote) and
the word before the full stop is not an abbreviation (``Dr.``, ``Fig.``,
``e.g.``) or an initial (``J. Bishop``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Token", "Sentence", "tokenize", "split_sentences", "NOT_WORDS"]

_TOKEN = re.compile(r"\w+(?=n['’]t\b)|n['’]t\b|\w+(?:['’]\w+)*|[^\w\s]")
_ENDS = frozenset(".!?")
_OPENERS = frozenset("([\"'“‘")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "fig",
        "figs",
        "e",
        "g",
        "i",
        "eg",
        "ie",
        "vs",
        "al",
        "etc",
        "approx",
        "no",
        "nos",
        "st",
        "jr",
        "sr",
        "cf",
        "ca",
        "ref",
        "refs",
        "vol",
        "pp",
        "inc",
        "ltd",
        "dept",
        "univ",
    ]
)
NOT_WORDS = frozenset({"-", "–", "‐", "‑", "'s", "’s", "'", "’"})
"""Tokens left out when phrases are matched: hyphens and possessive endings."""


class Token(NamedTuple):
    """A token as written, with its character offsets ``[start, end)`` (the fields of :class:`kg.vocab.Token`)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence's character span ``[start, end)`` (from its first token to its last)."""

    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` with its offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _ends_sentence(text: str, tokens: list[Token], i: int) -> bool:
    """True when a sentence ends after ``tokens[i]`` (a full stop, or ``!`` / ``?``)."""
    mark = tokens[i]
    if mark.text not in _ENDS or i + 1 >= len(tokens):
        return False
    following = tokens[i + 1]
    if following.start == mark.end:  # "2.5", "e.g"
        return False
    first = following.text[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if mark.text != "." or i == 0:
        return True
    word = tokens[i - 1]
    if word.end != mark.start:
        return True
    if word.text.lower() in _ABBREVIATIONS:
        return False
    if len(word.text) == 1 and word.text.isalpha() and word.text.isupper():
        before = tokens[i - 2] if i >= 2 else None  # an initial follows nothing, a comma or another initial
        return before is not None and before.text[0].islower() and "\n" not in text[before.end : word.start]
    return True


def split_sentences(text: str, tokens: list[Token]) -> list[tuple[Sentence, int, int]]:
    """Sentences with the index range ``[first, last)`` of their tokens."""
    out: list[tuple[Sentence, int, int]] = []
    first = 0
    for i in range(len(tokens)):
        nxt = i + 1
        if nxt == len(tokens) or "\n" in text[tokens[i].end : tokens[nxt].start] or _ends_sentence(text, tokens, i):
            out.append((Sentence(tokens[first].start, tokens[i].end), first, nxt))
            first = nxt
    return out
