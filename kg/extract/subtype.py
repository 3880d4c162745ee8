"""The calcinosis diagnosis's subtype and size.

Subtype: subtype words ("dystrophic", "metastatic", "idiopathic",
"iatrogenic", "calciphylaxis") are scored by where they stand (patient
sentences of the case 3, keywords and the title 2, other patient sentences
1.5, the conclusion 1); a sentence listing three subtypes or more is the
taxonomy, not this case, and a word after "unlike", "rather than", "not" ...
is skipped. "Injection site" counts as a word for iatrogenic. Without subtype words the
subtype is inferred from the associated conditions (connective tissue
disease -> dystrophic; extravasation or calcium gluconate -> iatrogenic;
kidney failure, hyperphosphataemia or hypercalcaemia -> metastatic), at
lower confidence; with none of them it is proposed as idiopathic (calcinosis
without tissue damage or a metabolic cause), at low confidence and with a
REVIEW note.

Size: a size statement (:mod:`.sizes`) belongs to the nearest lesion word or
condition term before it in the same patient sentence.
"""

from __future__ import annotations

import re

from .facts import Draft
from .mentions import Mention
from .patient import PATIENT_SECTIONS
from .sites import LESION_WORD
from .sizes import find_sizes

__all__ = ["set_subtype", "set_sizes", "SUBTYPE_WORDS"]

SUBTYPE_WORDS = (
    ("DystrophicCalcinosisCutis", re.compile(r"\bdystrophic\b", re.I)),
    ("MetastaticCalcinosisCutis", re.compile(r"\bmetastatic\b", re.I)),
    ("IdiopathicCalcinosisCutis", re.compile(r"\bidiopathic\b", re.I)),
    ("IatrogenicCalcinosisCutis", re.compile(r"\biatrogenic\b|\binjection\s+sites?\b", re.I)),
    ("Calciphylaxis", re.compile(r"\bcalciphylaxis\b|\bcalcific ura?emic", re.I)),
)
_NOT_THIS = re.compile(r"\b(?:unlike|rather than|other than|instead of|not|nor|excluding|differentiated from)\b[^.;]{0,40}$", re.I)


def _weight(draft: Draft, start: int, patient: bool) -> float:
    name = draft.section(start)
    if patient and name in PATIENT_SECTIONS:
        return 3.0
    if name == "keywords" or (name == "front_matter" and start <= 600):
        return 2.0
    if patient:
        return 1.5
    return 1.0 if name == "conclusion" else 0.0


def _subtype_from_conditions(draft: Draft) -> str | None:
    present = {f.term for f in draft.facts.values() if f.status != "absent"}
    if any(
        draft.view.is_a(t, "AutoimmuneConnectiveTissueDisease")
        or t in ("SystemicSclerosis", "Dermatomyositis", "JuvenileDermatomyositis", "SystemicLupusErythematosus")
        for t in present
    ):
        return "DystrophicCalcinosisCutis"
    if present & {"Extravasation", "CalciumGluconate"}:
        return "IatrogenicCalcinosisCutis"
    if present & {"RenalFailure", "ChronicKidneyDisease", "Hyperphosphatemia", "Hypercalcemia"}:
        return "MetastaticCalcinosisCutis"
    return None


def set_subtype(draft: Draft) -> None:
    """Score the subtype words and set the calcinosis subtype, or note that it is missing."""
    calcinosis = draft.calcinosis
    if calcinosis is None:
        return
    scores: dict[str, float] = {}
    for sentence in draft.sentences:
        weight = _weight(draft, sentence.start, draft.patient.get(sentence, False))
        if not weight:
            continue
        text = draft.sentence_text(sentence)
        hits = [(term, m) for term, pattern in SUBTYPE_WORDS for m in pattern.finditer(text) if not _NOT_THIS.search(text[: m.start()])]
        if len({t for t, _ in hits}) >= 3:  # a list of the subtypes is taxonomy, not this case
            continue
        for term, _ in hits:
            scores[term] = scores.get(term, 0.0) + weight
    if scores:
        best = max(sorted(scores), key=lambda t: scores[t])
        calcinosis.extra["subtype"] = best
        calcinosis.rule += f"; subtype from subtype words (score {scores[best]:g})"
        return
    subtype = _subtype_from_conditions(draft)
    if subtype:
        calcinosis.extra["subtype"] = subtype
        calcinosis.rule += "; subtype inferred from associated conditions"
        calcinosis.confidence = min(calcinosis.confidence, 0.5)
    else:
        calcinosis.extra["subtype"] = "IdiopathicCalcinosisCutis"
        calcinosis.rule += "; subtype idiopathic for want of subtype words or associated conditions"
        calcinosis.confidence = min(calcinosis.confidence, 0.3)
        draft.notes.append("REVIEW: no subtype word or associated condition found; the calcinosis is proposed as idiopathic")


def set_sizes(draft: Draft, patient: list[Mention]) -> None:
    """Give each size statement of a patient sentence to the lesion or condition it follows."""
    calcinosis = draft.calcinosis
    if calcinosis is None:
        return
    if not calcinosis.sites:
        draft.notes.append("REVIEW: no site found for the calcinosis diagnosis; the build needs at least one")
    for sentence in sorted({m.sentence for m in patient}, key=lambda s: s.start):
        for size in find_sizes(draft.masked, sentence.start, sentence.end):
            before = [m for m in patient if m.sentence == sentence and m.end <= size.start and m.branch in ("Condition", "ClinicalFinding")]
            words = list(LESION_WORD.finditer(draft.masked, sentence.start, size.start))
            nearest_mention = max(before, key=lambda m: m.end) if before else None
            nearest_word = words[-1].end() if words else -1
            target = calcinosis
            if nearest_mention is not None and nearest_mention.end > nearest_word:
                fact = draft.fact_for(nearest_mention)
                if fact is not None and fact.type in ("diagnosis", "finding"):
                    target = fact
            elif nearest_word < 0:
                continue
            if "size" not in target.extra:
                target.extra["size"] = {"dimensions": list(size.dimensions), "unit": size.unit}
