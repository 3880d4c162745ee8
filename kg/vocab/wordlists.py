"""The word lists the noise filters use: spaCy's English stop words and wordfreq's frequencies.

Both are read at build time only. spaCy's list (326 words) comes from the
installed ``spacy`` package (the project's ``extract`` extra); wordfreq's small
English list (about 29,000 words with their frequencies) is read out of the
pinned wordfreq wheel (:data:`kg.vocab.sources.WORDFREQ`). Neither is shipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import SourceError

__all__ = ["Wordlists", "spacy_stop_words", "parse_wordfreq"]


@dataclass(frozen=True)
class Wordlists:
    """Stop words, and the Zipf frequency of common words (log10 of occurrences per billion words)."""

    stop: frozenset[str]
    zipf: dict[str, float]

    def frequency(self, word: str) -> float:
        """Zipf frequency of a lower-case word, 0 when it is not in the list."""
        return self.zipf.get(word, 0.0)


def spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words, lower case (needs spaCy: ``pip install calcinosis-kg[extract]``)."""
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError as exc:
        raise SourceError("the noise filters need spaCy's stop words: pip install 'calcinosis-kg[extract]'") from exc
    return frozenset(w.lower().replace("’", "'") for w in STOP_WORDS)


def _msgpack_loads(data: bytes) -> Any:
    try:
        import srsly

        return srsly.msgpack_loads(data)
    except ImportError:
        pass
    try:
        import msgpack  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise SourceError("reading wordfreq's list needs srsly (installed with spaCy) or msgpack") from exc
    return msgpack.unpackb(data, raw=False)


def parse_wordfreq(data: bytes) -> dict[str, float]:
    """wordfreq's ``cB`` format: a header, then one list of words per centibel bucket (bucket i = frequency 10^(-i/100))."""
    table = _msgpack_loads(data)
    if not table or not isinstance(table[0], dict) or table[0].get("format") != "cB":
        raise SourceError("wordfreq list: not in the expected 'cB' format")
    zipf: dict[str, float] = {}
    for bucket, words in enumerate(table[1:]):
        for word in words:
            zipf.setdefault(word, round(9 - bucket / 100, 2))
    return zipf
