"""The extractor's vocabulary: ontology labels, synonyms and abbreviations as match keys.

Pure functions. Words are compared by a normal form (:func:`norm`): lower case,
singular (regular English plurals and a few Latin anatomical plurals), so that
matching is case- and plural-insensitive. Abbreviations (``cck:abbreviation``)
are compared as written (case-sensitive), because short upper-case tokens
("RA", "CT") collide with ordinary words in lower case. Hyphens are optional
("wet-to-dry" = "wet to dry").

Terms that only group others (branch roots such as ``Condition`` or ``Drug``,
and procedure classes with five or more subclasses such as
``SurgicalProcedure``) are not proposed as patient facts: their words
("disease", "surgery", "medication") are too unspecific in report prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..terms import BRANCHES, Term, TermIndex

__all__ = ["LexEntry", "Lexicon", "norm", "build_lexicon", "SITE_ADJECTIVE_SUFFIXES"]

_IRREGULAR = {
    "rami": "ramus", "foramina": "foramen", "phalanges": "phalanx", "feet": "foot", "teeth": "tooth",
    "children": "child", "women": "woman", "men": "man", "axillae": "axilla", "vertebrae": "vertebra",
    "bursae": "bursa", "digits": "digit", "tuberosities": "tuberosity", "metastases": "metastasis",
    "diagnoses": "diagnosis", "ankyloses": "ankylosis", "telangiectases": "telangiectasis",
}
_KEEP = ("ss", "us", "is", "ys", "as", "os")

SITE_ADJECTIVE_SUFFIXES: tuple[str, ...] = ("region", "area")
"""A site labelled "gluteal region" is also matched by its adjective ("gluteal ulcer")."""

HYPHENS = ("-", "–", "‐")


def norm(word: str) -> str:
    """Lower-case singular form of one token."""
    w = word.lower().replace("’", "'")
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
    if w.endswith("s") and not w.endswith(_KEEP):
        return w[:-1]
    return w


@dataclass(frozen=True)
class LexEntry:
    """One way of naming a term: its words, and how they are compared."""

    term: str  # local name
    branch: str
    words: tuple[str, ...]
    kind: str  # "phrase" (normal form), "abbreviation" (as written) or "adjective" (site adjective)


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexEntry, ...]
    generic: frozenset[str]
    """Local names of grouping terms never proposed as patient facts."""


def _words(phrase: str, tokenize) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(t for t in tokenize(phrase) if t not in HYPHENS and t.strip())


def build_lexicon(terms: TermIndex, tokenize) -> Lexicon:  # type: ignore[no-untyped-def]
    """Every label, synonym and abbreviation of the domain terms; ``tokenize(str) -> list[str]``."""
    entries: set[LexEntry] = set()
    children: dict[str, int] = {}
    for term in terms.terms.values():
        for ancestor in term.ancestors:
            local = str(ancestor).rsplit("/", 1)[-1]
            children[local] = children.get(local, 0) + 1
    for term in terms.terms.values():
        branch = terms.branch_of(term)
        if branch is None:
            continue
        for phrase in {term.label, *term.synonyms}:
            words = _words(phrase, tokenize)
            if words:
                entries.add(LexEntry(term.local_name, branch, tuple(norm(w) for w in words), "phrase"))
                if branch == "AnatomicSite" and len(words) == 2 and words[1].lower() in SITE_ADJECTIVE_SUFFIXES:
                    entries.add(LexEntry(term.local_name, branch, (norm(words[0]),), "adjective"))
        for abbreviation in term.abbreviations:
            words = _words(abbreviation, tokenize)
            if words:
                entries.add(LexEntry(term.local_name, branch, words, "abbreviation"))
    phrases = {e.words for e in entries if e.kind == "phrase"}
    entries = {e for e in entries if e.kind != "adjective" or e.words not in phrases}
    generic = {b for b in BRANCHES} | {"DiagnosticProcedure", "TherapeuticProcedure"}
    generic |= {t.local_name for t in terms.terms.values() if terms.branch_of(t) == "Procedure" and children.get(t.local_name, 0) >= 5}
    return Lexicon(tuple(sorted(entries, key=lambda e: (e.term, e.kind, e.words))), frozenset(generic))


ABBREVIATION_DEFINITION = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&/\-]{0,9}[A-Za-z0-9])s?\s*\)")
"""``long form (ABBR)``: the parenthesis right after a matched term defines an abbreviation."""


def is_abbreviation(token: str) -> bool:
    """Looks like an abbreviation: 2-10 characters with an upper-case letter after the first."""
    return 2 <= len(token) <= 10 and any(c.isupper() for c in token[1:] + token[:1]) and sum(c.isupper() for c in token) >= 2


def term_of(terms: TermIndex, local: str) -> Term | None:
    return terms.resolve(local)
