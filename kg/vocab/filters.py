"""Noise filters: which texts of a term become match keys, and why the others do not.

Pure functions. The filters only decide what is *matched*; the terms file keeps
every label and synonym verbatim. A text is dropped (reason in brackets) when:

- it contains brackets, usually a qualifier such as ``(disease)``; a plural mark
  ``(s)`` is removed first, so ``catheter(s)`` stays [``bracket``];
- it has no letter (``1``, ``3.5``) [``no_letters``];
- it has fewer than 3 characters [``short``];
- it has more than 12 tokens, too long to occur verbatim in prose [``long``];
- all its words are English stop words (spaCy's list): ``was``, ``he``, ``all``, ``can`` [``stop_word``];
- it is a broad or narrow synonym (HPO scopes) [``scope``];
- it is a lower-case copy of one of the term's abbreviations (MONDO lists ``DIS`` and
  ``dis``, ``ARMS`` and ``arms``) [``abbreviation_copy``];
- it is an abbreviation (capitals only) that is also an English word in lower case, of
  Zipf >= :data:`ABBREVIATION_ZIPF` for three letters (``CAT``, ``MEN``) or >= :data:`COMMON_ZIPF`
  for longer ones (``COLD``, ``FACE``); an abbreviation that is the label is kept [``common_abbreviation``];
- it is a one-word synonym that is a common English word, as written or in its normal
  (singular) form, of Zipf >= the source's ``common_synonym_zipf`` (4.0, about the 6,000
  most frequent words: ``generic``, ``tired``, ``collecting``), unless it is one of the
  label's own words, a shortening of the label (``diabetes`` for ``diabetes mellitus``,
  ``stroke`` for ``stroke disorder``); Uberon opts out, since the common English names of
  body parts (``hand``, ``foot``, ``skin``) are its synonyms; for a source with a
  ``common_label_zipf`` (DrugBank, 3.5) one-word labels too (``water``, ``gold``, ``calcium``) [``common_word``].

Abbreviations that pass, labels included, are matched in their written case,
so ``AIDS`` never matches ``aids``. A source's roots (``disease``, ``anatomical
entity``) name no specific term and are not matched [``root``], nor are terms
whose id starts with one of the source's ``unmatched`` prefixes (Uberon's
teleost, amphibian and insect ranges) [``non_human``].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import KINDS, LexRow
from .normalize import is_abbreviation, normalize_text, tokenize, word_tokens
from .wordlists import Wordlists

__all__ = [
    "MIN_CHARS",
    "MAX_TOKENS",
    "COMMON_ZIPF",
    "ABBREVIATION_ZIPF",
    "DROPPED_KINDS",
    "clean_text",
    "kind_of",
    "match_key",
    "drop_reason",
    "term_rows",
]

MIN_CHARS = 3
MAX_TOKENS = 12
COMMON_ZIPF = 4.0
"""The default limit for one-word synonyms, and the limit for abbreviations of four letters or
more (Zipf 4 = once per 100,000 words; about the 6,000 most frequent English words)."""
ABBREVIATION_ZIPF = 3.0
"""The limit for three-letter abbreviations."""
DROPPED_KINDS = frozenset({"broad", "narrow"})
_RANK = {kind: i for i, kind in enumerate(KINDS)}


def clean_text(text: str) -> str:
    """The text with plural marks ``(s)``/``(es)`` removed and spaces collapsed."""
    return " ".join(text.replace("(s)", "").replace("(es)", "").split())


def kind_of(text: str, kind: str) -> str:
    """The kind a text is matched as.

    A text written in capitals is an abbreviation, matched in its case; a phrase that a
    source calls an abbreviation but that is not in capitals (HPO's ``Abnormal systemic BP``)
    is matched like an exact synonym.
    """
    if is_abbreviation(text):
        return "abbreviation"
    return "exact" if kind == "abbreviation" else kind


def match_key(text: str, kind: str) -> str:
    """The lexicon key of a text: normalised tokens, or for an abbreviation its tokens as written."""
    if kind == "abbreviation":
        return " ".join(t.text for t in word_tokens(tokenize(text)))
    return " ".join(normalize_text(text))


def drop_reason(
    text: str,
    kind: str,
    key: str,
    words: Wordlists,
    is_label: bool = False,
    label_zipf: float | None = None,
    synonym_zipf: float | None = COMMON_ZIPF,
    label_words: frozenset[str] = frozenset(),
) -> str | None:
    """Why a text is not matched, or None when it is kept (see the module docstring).

    ``label_words`` are the normalised words of the term's label; ``synonym_zipf`` and
    ``label_zipf`` the source's limits for one-word synonyms and labels (None: no limit).
    The lower-case copy check needs the term's other texts and is made by :func:`term_rows`.
    """
    if any(ch in text for ch in "()[]{}"):
        return "bracket"
    if not key or not any(ch.isalpha() for ch in text):
        return "no_letters"
    if len(text) < MIN_CHARS:
        return "short"
    tokens = key.split(" ")
    if len(tokens) > MAX_TOKENS:
        return "long"
    if all(t.text.lower().replace("’", "'") in words.stop for t in word_tokens(tokenize(text))):
        return "stop_word"
    if kind in DROPPED_KINDS:
        return "scope"
    frequency = max(words.frequency(text.lower()), words.frequency(key.lower())) if len(tokens) == 1 else 0.0
    if kind == "abbreviation":
        limit = ABBREVIATION_ZIPF if len(text) <= 3 else COMMON_ZIPF
        return "common_abbreviation" if not is_label and frequency >= limit else None
    limit_or_none = label_zipf if is_label else synonym_zipf
    if limit_or_none is not None and frequency >= limit_or_none and (is_label or key not in label_words):
        return "common_word"
    return None


def term_rows(
    term_id: str,
    label: str,
    texts: Iterable[tuple[str, str]],
    branch: str,
    source: str,
    version: str,
    words: Wordlists,
    drops: Counter[str],
    label_zipf: float | None = None,
    synonym_zipf: float | None = COMMON_ZIPF,
) -> list[LexRow]:
    """The lexicon rows of one term: one per kept key, with the strongest kind among its texts; counts drops by reason.

    ``texts`` are (text, kind) pairs, the label among them with kind ``label``.
    """
    pairs = [(clean_text(text), kind) for text, kind in texts]
    abbreviations = {text.lower() for text, _ in pairs if is_abbreviation(text)}
    label_words = frozenset(normalize_text(clean_text(label)))
    best: dict[str, str] = {}
    for text, given in pairs:
        is_label = given == "label"
        kind = kind_of(text, given)
        key = match_key(text, kind)
        reason: str | None
        if kind != "abbreviation" and not is_label and text.lower() in abbreviations:
            reason = "abbreviation_copy"
        else:
            reason = drop_reason(text, kind, key, words, is_label, label_zipf, synonym_zipf, label_words)
        if reason is not None:
            drops[reason] += 1
            continue
        if key not in best or _RANK[kind] < _RANK[best[key]]:
            best[key] = kind
    return [LexRow(key, term_id, kind, label, branch, source, version) for key, kind in sorted(best.items())]
