"""Background statements of the abstract, introduction, discussion and conclusion as draft claims.

A sentence of those sections that does not speak of the patient and names a
treatment (a drug or a therapeutic procedure) becomes a ``treatment_option``
claim; one that names calcinosis with another condition becomes an
``association`` claim. Claims are never patient facts.
"""

from __future__ import annotations

from typing import Any

from .facts import Draft
from .mentions import Mention
from .patient import BACKGROUND_SECTIONS
from .text import Sentence

__all__ = ["draft_claims", "clip"]


def clip(draft: Draft, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` cut to the section holding ``start`` and stripped of surrounding white space."""
    from .sections import section_at

    section = section_at(draft.sections, start)
    if section:
        end = min(end, section.end)
    while start < end and draft.text[start].isspace():
        start += 1
    while end > start and draft.text[end - 1].isspace():
        end -= 1
    return start, end


def draft_claims(draft: Draft) -> list[dict[str, Any]]:
    """One claim per background sentence that names a treatment, or calcinosis with another condition."""
    claims: list[dict[str, Any]] = []
    by_sentence: dict[Sentence, list[Mention]] = {}
    for m in draft.mentions:
        if not draft.patient.get(m.sentence) and draft.section(m.start) in BACKGROUND_SECTIONS:
            by_sentence.setdefault(m.sentence, []).append(m)
    generic = draft.view.generic
    for sentence in sorted(by_sentence, key=lambda s: s.start):
        mentions = by_sentence[sentence]
        treatments = [
            m.term
            for m in mentions
            if m.term not in generic and (m.branch == "Drug" or (m.branch == "Procedure" and not draft.view.is_a(m.term, "DiagnosticProcedure")))
        ]
        subjects = [m.term for m in mentions if draft.is_calcinosis(m)]
        conditions = [m.term for m in mentions if m.branch == "Condition" and m.term not in subjects and m.term not in generic]
        if treatments:
            kind, objects = "treatment_option", treatments
        elif subjects and conditions:
            kind, objects = "association", conditions
        else:
            continue
        objects = list(dict.fromkeys(objects))
        subject = list(dict.fromkeys(subjects)) or ["CalcinosisCutis"]
        section = draft.section(sentence.start)
        span = clip(draft, sentence.start, sentence.end)
        if span[1] <= span[0]:
            continue
        summary = f"draft: {kind.replace('_', ' ')} named in the {section}: " + ", ".join(objects)
        claims.append(
            {
                "id": f"claim-{len(claims) + 1}",
                "kind": kind,
                "subject": subject,
                "object": objects,
                "summary": summary[:300],
                "evidence": [{"section": section, "span": list(span)}],
                "note": "draft: background statement (no reference to the patient); not a patient fact",
            }
        )
    return claims
