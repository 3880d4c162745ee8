"""Curators' readings of general words in a skin-disease report: the more specific ontology term the context gives.

Each rule replaces a general project term by a more specific one when the
sentence says which, and is named in the draft note (kind ``... in context``):

- an ulcer (``Ulcer``: "ulcer", "ulceration", "ulcerated") is a skin ulcer
  (``SkinUlcer``) unless the words around it place it in a mucosa or an
  organ (oral, gastric, peptic, corneal, ...); pressure, digital and oral
  ulcers keep their own terms;
- a biopsy (``Biopsy``) is a skin biopsy (``SkinBiopsy``) unless the words
  around it name an internal organ, muscle, bone or lymph node ("a lung
  biopsy", "biopsy of the liver");
- an infection (``Infection``: "infection", "infected") of a wound or an
  ulcer is a wound infection (``WoundInfection``); a sentence that says a
  wound or ulcer "became infected" names one even without the noun;
- "painless", "non-tender", "pain-free" state that pain (``Pain``) is absent.

Rules only fire when both terms exist in the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .mentions import Mention
from .termview import TermView

__all__ = ["specialize", "RULES"]

_MUCOSA = re.compile(
    r"\b(?:oral|mouth|gastric|peptic|duodenal|corneal|mucosal|genital|aphthous|esophageal|oesophageal|colonic|rectal|"
    r"intestinal|stress|stomach|tongue|lip|buccal|vaginal)\b",
    re.IGNORECASE,
)
_ORGAN = re.compile(
    r"\b(?:lung|pulmonary|renal|kidney|liver|hepatic|muscle|bone|marrow|lymph|node|nerve|brain|bowel|colon|gastric|"
    r"endometrial|prostate|breast|thyroid|parathyroid|synovial|cardiac|heart|transbronchial|thoracoscopic)\b",
    re.IGNORECASE,
)
_WOUND = re.compile(r"\b(?:wounds?|ulcers?|ulcerat\w*|sores?|lesions?)\b", re.IGNORECASE)
_PAINLESS = re.compile(r"\b(?:painless|pain-free|non-?tender|not\s+(?:painful|tender))\b", re.IGNORECASE)
_BECAME_INFECTED = re.compile(
    r"\b(?:wounds?|ulcers?|lesions?|sores?)\b[^.;]{0,50}?\b(?:became|become|were|was|got|being)\s+(?:\w+\s+)?infected\b"
    r"|\b(?:ulcerated|ulcerating)\s+and\s+(?:had\s+)?(?:become\s+)?infected\b|\binfected\s+(?:wounds?|ulcers?|sores?)\b",
    re.IGNORECASE,
)

RULES: tuple[tuple[str, str, re.Pattern[str], bool, int], ...] = (
    # (general term, specific term, context, True: the context must be absent / False: it must be present,
    #  characters around the mention the context is looked for in, 0 for the whole sentence)
    ("Ulcer", "SkinUlcer", _MUCOSA, True, 25),
    ("Biopsy", "SkinBiopsy", _ORGAN, True, 25),
    ("Infection", "WoundInfection", _WOUND, False, 0),
)


def _specific(m: Mention, masked: str, view: TermView) -> str | None:
    for general, specific, pattern, unless, reach in RULES:
        if m.term == general and view.terms.resolve(specific) is not None:
            lo, hi = (max(m.sentence.start, m.start - reach), min(m.sentence.end, m.end + reach)) if reach else (m.sentence.start, m.sentence.end)
            if bool(pattern.search(masked, lo, hi)) != unless:
                return specific
    return None


def specialize(mentions: Sequence[Mention], masked: str, view: TermView) -> list[Mention]:
    """The mentions with general terms made specific where their sentence says so, plus wound infections
    stated without the noun ("the wounds became secondarily infected") and absent pain ("painless lumps")."""
    out: list[Mention] = []
    for m in mentions:
        specific = _specific(m, masked, view)
        out.append(m._replace(term=specific, kind=f"{m.kind} in context") if specific else m)
    sentences = {m.sentence for m in mentions}
    for term, branch, pattern, negated in (("WoundInfection", "Condition", _BECAME_INFECTED, False), ("Pain", "ClinicalFinding", _PAINLESS, True)):
        if view.terms.resolve(term) is None:
            continue
        named = {m.sentence for m in out if m.term == term}
        for sentence in sorted(sentences - named, key=lambda s: s.start):
            found = pattern.search(masked, sentence.start, sentence.end)
            if found:
                out.append(Mention(term, branch, "phrase in context", found.start(), found.end(), -1, -1, sentence, negated=negated))
    return sorted(out, key=lambda m: (m.start, m.end))
