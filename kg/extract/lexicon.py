"""The project ontology as a lexicon: its labels, synonyms and abbreviations as token-tuple keys.

Pure functions over a :class:`~kg.ontology.terms.TermIndex`. The result is a
:class:`kg.vocab.Lexicon` (the same longest-match structure the standard
vocabularies use), so both passes compare words the same way: labels and
synonyms by their normal form (:func:`kg.vocab.normalize.norm_token`: lower
case, singular, American spelling; hyphens optional), abbreviations
(``cck:abbreviation``) as written, because short capitalised tokens ("RA",
"CT") collide with ordinary words in lower case. A site labelled "gluteal
region" is also matched by its adjective ("gluteal ulcer"), with kind
``adjective``, and a one-word "-ation" name by its participles
("ulceration" -> "ulcerated", "ulcerating"), with kind ``inflection``,
unless that word names a term itself. What a laboratory test measures (the
rest of a "serum X" or "X level" name) is kept apart (:attr:`CuratedLexicon.analytes`).

Terms that only group others (branch roots such as ``Condition`` or ``Drug``,
and :data:`GENERIC_PROCEDURES` such as ``SurgicalProcedure``) are listed in
:attr:`CuratedLexicon.generic`: they are matched, so that their words are
not read as something else, but not proposed as patient facts ("disease",
"surgery", "medication" are too unspecific).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.namespaces import CCK
from kg.ontology.terms import BRANCHES, TermIndex
from kg.vocab import Lexicon
from kg.vocab.normalize import normalize_text, tokenize, word_tokens

__all__ = ["CuratedLexicon", "build_lexicon", "SITE_ADJECTIVE_SUFFIXES", "SOURCE"]

SITE_ADJECTIVE_SUFFIXES: tuple[str, ...] = ("region", "area")
"""A site labelled "gluteal region" is also matched by its adjective ("gluteal ulcer")."""
GENERIC_PROCEDURES: tuple[str, ...] = ("DiagnosticProcedure", "TherapeuticProcedure", "SurgicalProcedure")
"""Procedure classes whose words ("investigation", "treatment", "surgery", "operation") name no particular procedure."""
SOURCE = "cck"
"""The source name of the project's terms in match candidates."""
_KIND_RANK = {"label": 0, "exact": 1, "abbreviation": 2, "adjective": 3, "inflection": 4}
_NOT_ANALYTES = frozenset({"count", "analysis", "test", "function", "diagnostic", "laboratory", "lab"})
_ANALYTE_AROUND = re.compile(
    r"^(?:serum|plasma|blood|urine|urinary)\s+(.+)$|^(.+?)\s+(?:level|levels|concentration|measurement|test|assay|value)$", re.IGNORECASE
)

Key = tuple[str, ...]
Entry = tuple[str, str]


@dataclass(frozen=True)
class CuratedLexicon:
    """The ontology's match keys, and the grouping terms never proposed as patient facts."""

    lexicon: Lexicon
    generic: frozenset[str]
    abbreviations: frozenset[str]
    """Every one-word abbreviation of the ontology, as written."""
    analytes: dict[Key, str]
    """What a laboratory test measures ("calcium" of "serum calcium"), to the test term: matched only
    where a result follows (see :mod:`.analytes`)."""


def _add(table: dict[Key, list[Entry]], key: Key, term: str, kind: str) -> None:
    if key:
        entries = table.setdefault(key, [])
        if all(existing != term for existing, _ in entries):
            entries.append((term, kind))


def _spans(table: dict[Key, tuple[Entry, ...]]) -> dict[str, int]:
    spans: dict[str, int] = {}
    for key in table:
        spans[key[0]] = max(spans.get(key[0], 0), len(key))
    return spans


def _ordered(table: dict[Key, list[Entry]]) -> dict[Key, tuple[Entry, ...]]:
    return {key: tuple(sorted(entries, key=lambda e: (_KIND_RANK[e[1]], e[0]))) for key, entries in table.items()}


def build_lexicon(terms: TermIndex) -> CuratedLexicon:
    """Every label, synonym and abbreviation of the project's domain terms."""
    folded: dict[Key, list[Entry]] = {}
    exact: dict[Key, list[Entry]] = {}
    adjectives: dict[Key, list[Entry]] = {}
    inflected: dict[Key, list[Entry]] = {}
    analytes: dict[Key, list[Entry]] = {}
    info: dict[str, tuple[str, str, str, str]] = {}
    for term in terms.terms.values():
        branch = terms.branch_of(term)
        if branch is None or not str(term.iri).startswith(str(CCK)):
            continue
        name = term.local_name
        info[name] = (term.label, branch, SOURCE, "")
        _add(folded, normalize_text(term.label), name, "label")
        for synonym in term.synonyms:
            _add(folded, normalize_text(synonym), name, "exact")
        for text in (term.label, *term.synonyms):
            if " " not in text and text.lower().endswith("ation") and len(text) > 8:  # ulceration -> ulcerated, ulcerating
                for ending in ("ated", "ating"):
                    _add(inflected, normalize_text(text[:-5] + ending), name, "inflection")
            if branch == "Procedure" and terms.in_branch(name, "DiagnosticProcedure"):
                around = _ANALYTE_AROUND.match(text)
                if around:
                    _add(analytes, normalize_text(around.group(1) or around.group(2)), name, "exact")
        words = [t.text for t in word_tokens(tokenize(term.label))]
        if branch == "AnatomicSite" and len(words) == 2 and words[1].lower() in SITE_ADJECTIVE_SUFFIXES:
            _add(adjectives, normalize_text(words[0]), name, "adjective")
        for abbreviation in term.abbreviations:
            _add(exact, tuple(t.text for t in word_tokens(tokenize(abbreviation))), name, "abbreviation")
    generic = (set(BRANCHES) | set(GENERIC_PROCEDURES)) & set(info)
    for extra in (adjectives, inflected):
        for key, entries in extra.items():
            kept = [e for e in entries if e[0] not in generic]
            if key not in folded and kept:
                folded[key] = kept
    folded_t, exact_t = _ordered(folded), _ordered(exact)
    lexicon = Lexicon(folded_t, exact_t, info, _spans(folded_t), _spans(exact_t))
    one_word = frozenset(key[0] for key in exact_t if len(key) == 1)
    tests = {
        key: entries[0][0]
        for key, entries in analytes.items()
        if len(entries) == 1 and key not in folded and entries[0][0] not in generic and not set(key) & _NOT_ANALYTES
    }
    return CuratedLexicon(lexicon, frozenset(generic), one_word, tests)
