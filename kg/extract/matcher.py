"""Longest-match lookup of a :class:`kg.vocab.Lexicon` over a text's words, with a two-word prefix filter.

The same matching as :meth:`kg.vocab.Lexicon.match` (normal forms for labels
and synonyms, written forms for abbreviations, the longest key first, an
abbreviation as long as the phrase merged into its candidates), run over
word arrays computed once per text rather than token objects per call. A
set of the two-word beginnings of longer keys lets most positions stop
after one lookup: in the reference lexicon a common first word ("a",
"right", "skin") begins keys of up to twelve words.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.vocab import Candidate, Lexicon

__all__ = ["WordMatcher", "WordMatch"]

Entry = tuple[str, str]
WordMatch = tuple[int, int, tuple[Candidate, ...]]
"""``(first, last, candidates)``: word positions ``[first, last)`` and the terms they may name."""


def _prefixes(table: dict[tuple[str, ...], tuple[Entry, ...]]) -> frozenset[tuple[str, str]]:
    return frozenset((key[0], key[1]) for key in table if len(key) >= 2)


class WordMatcher:
    """A lexicon prepared for repeated longest-match lookups."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._folded_prefixes = _prefixes(lexicon.folded)
        self._exact_prefixes = _prefixes(lexicon.exact)

    def _longest(
        self,
        table: dict[tuple[str, ...], tuple[Entry, ...]],
        span: dict[str, int],
        prefixes: frozenset[tuple[str, str]],
        words: Sequence[str],
        i: int,
        hi: int,
        floor: int,
    ) -> tuple[int, tuple[Entry, ...]]:
        bound = min(span.get(words[i], 0), hi - i)
        if bound >= 2 and (words[i], words[i + 1]) not in prefixes:
            bound = 1
        if bound == 1:
            entries = table.get((words[i],)) if floor < 1 else None
            return (1, entries) if entries else (0, ())
        for size in range(bound, floor, -1):
            entries = table.get(tuple(words[i : i + size]))
            if entries:
                return size, entries
        return 0, ()

    def match(self, norms: Sequence[str], written: Sequence[str], lo: int, hi: int) -> list[WordMatch]:
        """Non-overlapping longest matches over words ``[lo, hi)`` (``norms`` in normal form, ``written`` as written)."""
        lex = self.lexicon
        folded_span, exact_span = lex.folded_span, lex.exact_span
        found: list[WordMatch] = []
        starts = [i for i in range(lo, hi) if norms[i] in folded_span or written[i] in exact_span]
        after = lo  # the first word not yet inside a match
        for i in starts:
            if i < after:
                continue
            size, entries = self._longest(lex.folded, folded_span, self._folded_prefixes, norms, i, hi, 0)
            longer, exact = (
                self._longest(lex.exact, exact_span, self._exact_prefixes, written, i, hi, size - 1 if size else 0)
                if written[i] in exact_span
                else (0, ())
            )
            if longer > size:
                size, entries = longer, exact
            elif exact:
                seen = {e[0] for e in entries}
                entries = entries + tuple(e for e in exact if e[0] not in seen)
            if size:
                found.append((i, i + size, lex.candidates(entries)))
                after = i + size
        return found
