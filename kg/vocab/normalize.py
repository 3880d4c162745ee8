"""Tokens and their normal form: how lexicon texts and report words are compared.

Pure functions, used the same way when the lexicon is built and when a text is
matched. A token's normal form (:func:`norm_token`) is:

- lower case, accents removed (``Sjögren`` = ``sjogren``), curly apostrophes straightened;
- without a possessive ``'s`` (``Alzheimer's`` = ``Alzheimer``);
- singular for regular English plurals (``-ies``, ``-ches``/``-shes``/``-sses``/``-xes``,
  ``-s`` except after ``s``/``u``/``i``/``a``/``o``), Latin ``-ae``/``-ias`` and a short
  irregular list (``feet``, ``phalanges``, ``metastases`` ...);
- American spelling, by a few modest rules: ``ae`` inside a word becomes ``e``
  (``anaemia``, ``haemorrhage``, ``leukaemia``, ``paediatric``), ``oe`` at the start or
  in ``-oea`` becomes ``e`` (``oedema``, ``oesophagus``, ``diarrhoea``), ``-ise``/``-isation``
  become ``-ize``/``-ization`` (likewise ``-yse``), ``-our`` becomes ``-or`` (``tumour``),
  ``-tre``/``-bre`` become ``-ter``/``-ber`` (``centre``, ``fibre``), ``sulph`` becomes ``sulf``.

The rules only need to be consistent, not linguistically right: both sides pass
through them. Hyphens and possessive ``'s`` tokens are skipped, so
``end-stage`` = ``end stage``; other punctuation stays a token and so blocks a match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Token", "tokenize", "norm_token", "normalize_text", "is_abbreviation", "SKIPPED", "word_tokens"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

SKIPPED = frozenset({"-", "–", "‐", "‑", "'s", "’s", "'", "’"})
"""Tokens that are not words for matching: hyphens and possessive endings."""

_IRREGULAR = {
    "feet": "foot",
    "teeth": "tooth",
    "children": "child",
    "women": "woman",
    "men": "man",
    "phalanges": "phalanx",
    "foramina": "foramen",
    "rami": "ramus",
    "metastases": "metastasis",
    "diagnoses": "diagnosis",
    "digits": "digit",
    "bursae": "bursa",
    "vertebrae": "vertebra",
    "calcinoses": "calcinosis",
    "stenoses": "stenosis",
    "necroses": "necrosis",
    "fibroses": "fibrosis",
    "mice": "mouse",
    "lice": "louse",
    "geese": "goose",
    "data": "datum",
}
_KEEP = ("ss", "us", "is", "as", "os")
_WORDS = {"aluminium": "aluminum", "grey": "gray", "foetus": "fetus", "foetal": "fetal", "coeliac": "celiac"}
_SPELLING = (
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),
    (re.compile(r"^oe(?=[a-z])"), "e"),
    (re.compile(r"oea$"), "ea"),
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})our$"), "or"),
    (re.compile(r"(?<=[a-z]{2})(t|b)re$"), r"\1er"),
    (re.compile(r"sulph"), "sulf"),
)


@dataclass(frozen=True)
class Token:
    """A token as written in the text, with its character offsets ``[start, end)``."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split a text into words (letters and digits, with inner apostrophes) and single punctuation marks."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _singular(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("ae") and len(w) > 4:
        return w[:-1]
    if w.endswith("ias") and len(w) > 5:
        return w[:-1]
    if w.endswith("s") and not w.endswith(_KEEP):
        return w[:-1]
    return w


def _american(w: str) -> str:
    if w in _WORDS:
        return _WORDS[w]
    if len(w) <= 4 or not w.isalpha():
        return w
    for pattern, replacement in _SPELLING:
        w = pattern.sub(replacement, w)
    return w


@lru_cache(maxsize=200_000)
def norm_token(word: str) -> str:
    """The normal form of one token (see the module docstring)."""
    w = _strip_accents(word.lower()).replace("’", "'")
    if w.endswith("'s") and len(w) > 2:
        w = w[:-2]
    return _american(_singular(w))


def word_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that take part in matching: hyphens and possessive endings left out."""
    return [t for t in tokens if t.text not in SKIPPED]


def normalize_text(text: str) -> tuple[str, ...]:
    """The normal form of a whole text, as a tuple of normalised tokens."""
    return tuple(norm_token(t.text) for t in word_tokens(tokenize(text)))


def is_abbreviation(text: str) -> bool:
    """True for a text written in capitals, like an abbreviation (``ESRD``, ``CKD``, ``HIV-1``).

    At least two capital letters and no lower-case letter; one word (hyphens allowed).
    """
    if " " in text.strip():
        return False
    uppers = sum(1 for ch in text if ch.isupper())
    return uppers >= 2 and not any(ch.islower() for ch in text)
