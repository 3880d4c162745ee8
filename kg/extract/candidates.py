"""Unknown terms: words that look like a drug, condition or procedure but match no ontology term.

Pure rules on word shape: drug-name stems (-mab, -cillin, -mycin, -pril,
-sartan, -dipine, -olol, ...), condition suffixes (-itis, -osis, -emia, -pathy,
"... syndrome") and procedure suffixes (-ectomy, -plasty, -scopy, biopsy,
dialysis). Each is listed for the curator with its offsets; none becomes a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Candidate", "find_candidates", "DRUG_STEMS"]

DRUG_STEMS: tuple[str, ...] = (
    "mab", "cillin", "mycin", "micin", "pril", "sartan", "dipine", "olol", "floxacin", "cycline", "azole",
    "vir", "statin", "parin", "semide", "thiazide", "tinib", "prazole", "sone", "olone", "lukast", "gliptin",
    "formin", "calcet", "lamer", "dronate", "quine", "kinra", "cort", "tidine", "triptan", "dazole",
    "penem", "cef", "oxacin", "amide", "barb", "pam", "lam", "ine",
)
_DRUG = re.compile(r"\b([A-Za-z][a-z]{3,}(?:" + "|".join(sorted(DRUG_STEMS[:-3], key=len, reverse=True)) + r"))\b")
_DRUG_PREFIX = re.compile(r"\b(cef[a-z]{4,}|ceph[a-z]{4,})\b", re.I)
_CONDITION = re.compile(r"\b([A-Za-z][a-z]{3,}(?:itis|osis|oses|emia|aemia|pathy|oma|plasia|trophy|algia|uria))\b|\b((?:hyper|hypo)[a-z]{4,}ism)\b|\b((?:[A-Z][a-z]+(?:[-'’]s)?\s){1,2}(?:syndrome|disease))\b")
_PROCEDURE = re.compile(r"\b([A-Za-z]*(?:ectomy|otomy|ostomy|plasty|scopy|graphy|dialysis|transplantation)|biopsy|biopsies)\b", re.I)
_NOT_TERMS = {
    "diagnosis", "prognosis", "hypothesis", "analysis", "basis", "emphasis", "thesis", "synthesis", "osmosis", "diagnoses",
    "examine", "determine", "routine", "medicine", "machine", "online", "outline", "baseline", "decline", "define", "combine",
    "discipline", "guideline", "guidelines", "feline", "midline", "decisions", "cosmetic", "mycin", "bibliography", "photography",
    "ethnography", "geography", "biography", "topography", "discharge", "outcome", "somatic", "majority", "paragraph",
    "whereas", "idiopathy", "diathesis", "epistemology", "immune", "cytokine", "calcitonine", "doctrine", "otherwise",
}


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str  # drug | condition | procedure
    rule: str
    start: int
    end: int


def find_candidates(text: str, covered: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[Candidate]:
    """Candidates in ``text[start:end]`` that overlap no matched term span in ``covered``."""
    end = len(text) if end is None else end

    def free(s: int, e: int) -> bool:
        return not any(s < ce and cs < e for cs, ce in covered)

    found: dict[tuple[int, int], Candidate] = {}
    for pattern, kind in ((_DRUG, "drug"), (_DRUG_PREFIX, "drug"), (_PROCEDURE, "procedure"), (_CONDITION, "condition")):
        for match in pattern.finditer(text, start, end):
            word = match.group(0)
            if word.lower() in _NOT_TERMS or not free(match.start(), match.end()):
                continue
            if (match.start(), match.end()) in found:
                continue
            rule = _rule(word, kind)
            found[(match.start(), match.end())] = Candidate(word, kind, rule, match.start(), match.end())
    return sorted(found.values(), key=lambda c: c.start)


def _rule(word: str, kind: str) -> str:
    lower = word.lower()
    if kind == "drug":
        stem = next((s for s in sorted(DRUG_STEMS, key=len, reverse=True) if lower.endswith(s) or lower.startswith(s) and s == "cef"), "")
        return f"drug stem -{stem}" if stem else "drug stem"
    if kind == "procedure":
        return "procedure suffix"
    return "condition suffix" if not lower.endswith(("syndrome", "disease")) else "named syndrome or disease"
