"""Abbreviations a report defines for itself: "systemic sclerosis (SS)", "CRP (C-reactive protein)".

Pure functions over tokens. A definition is an abbreviation-shaped token in
brackets right after a matched term, on the same line, or the reverse, a term
in brackets right after the abbreviation. Later uses of the abbreviation (and
its plural) name the same term, and so do phrases of other terms that contain
the long form with the abbreviation in its place ("diffuse SS" for "diffuse
systemic sclerosis").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .text import Token

__all__ = ["Definition", "looks_like_abbreviation", "definition_at", "DefinedForms"]


@dataclass(frozen=True)
class Definition:
    """An abbreviation, the term it stands for, that term's branch, the long form's words (normal form), and the
    term's source and label (for a standard term)."""

    abbreviation: str
    term: str
    branch: str
    long_form: tuple[str, ...]
    source: str = "cck"
    label: str = ""


def looks_like_abbreviation(word: str) -> bool:
    """2-10 letters or digits, at least two capitals, a letter first (``SS``, ``JDM``, ``PTH``, ``TST``)."""
    return 2 <= len(word) <= 10 and word[0].isalpha() and word.isalnum() and sum(c.isupper() for c in word) >= 2


def _word(token: Token) -> str:
    return token.text[:-1] if token.text.endswith("s") and looks_like_abbreviation(token.text[:-1]) else token.text


def definition_at(text: str, tokens: Sequence[Token], start: int, end: int) -> str | None:
    """The abbreviation a term at tokens ``[start, end)`` defines, either way round, or None."""
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
        word = _word(tokens[end + 1])
        if looks_like_abbreviation(word) and "\n" not in text[tokens[start].start : tokens[end + 2].end]:
            return word
    if start >= 2 and end < len(tokens) and tokens[start - 1].text == "(" and tokens[end].text == ")":
        word = _word(tokens[start - 2])
        if looks_like_abbreviation(word) and "\n" not in text[tokens[start - 2].start : tokens[end].end]:
            return word
    return None


class DefinedForms:
    """Match keys for the defined abbreviations of one text: the abbreviation alone, and phrases containing its long form."""

    def __init__(self, definitions: Sequence[Definition], phrases: dict[str, list[tuple[tuple[str, ...], str, str]]]) -> None:
        """``phrases``: the phrases of other terms that could contain a long form, by each of their words."""
        self.abbreviations = {d.abbreviation for d in definitions}
        self.keys: dict[tuple[str, ...], tuple[str, str]] = {}
        for d in definitions:
            self.keys.setdefault((d.abbreviation,), (d.term, d.branch))
            size = len(d.long_form)
            if not size:
                continue
            for words, term, branch in phrases.get(d.long_form[0], ()):
                for i in range(len(words) - size + 1):
                    if len(words) > size and words[i : i + size] == d.long_form:
                        self.keys.setdefault((*words[:i], d.abbreviation, *words[i + size :]), (term, branch))
        self.longest = max((len(k) for k in self.keys), default=0)

    def form(self, written: str, norm: str) -> str:
        """A word as the keys compare it: a defined abbreviation as written (singular), any other word in normal form."""
        word = written[:-1] if written.endswith("s") and written[:-1] in self.abbreviations else written
        return word if word in self.abbreviations else norm

    def match(self, written: Sequence[str], norms: Sequence[str], words: Sequence[int]) -> list[tuple[int, int, str, str]]:
        """Longest matches ``(first, last, term, branch)`` among the word positions ``words`` (last exclusive)."""
        abbreviations = self.abbreviations
        if not any(written[i] in abbreviations or written[i][:-1] in abbreviations for i in words):
            return []
        forms = [self.form(written[i], norms[i]) for i in words]
        if not self.abbreviations & set(forms):
            return []
        found = []
        k = 0
        while k < len(forms):
            for size in range(min(self.longest, len(forms) - k), 0, -1):
                if words[k + size - 1] - words[k] != size - 1:
                    continue
                hit = self.keys.get(tuple(forms[k : k + size]))
                if hit and self.abbreviations & set(forms[k : k + size]):
                    found.append((words[k], words[k + size - 1] + 1, *hit))
                    k += size
                    break
            else:
                k += 1
        return found
