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
    "mab",
    "cillin",
    "mycin",
    "micin",
    "pril",
    "sartan",
    "dipine",
    "olol",
    "floxacin",
    "cycline",
    "azole",
    "vir",
    "statin",
    "parin",
    "semide",
    "thiazide",
    "tinib",
    "prazole",
    "sone",
    "olone",
    "lukast",
    "gliptin",
    "formin",
    "calcet",
    "lamer",
    "dronate",
    "quine",
    "kinra",
    "cort",
    "tidine",
    "triptan",
    "dazole",
    "penem",
    "cef",
    "oxacin",
    "amide",
    "barb",
    "pam",
    "lam",
    "ine",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{4,}[A-Za-z]")
"""Words of six characters or more: no shorter word has a candidate's shape."""
_DRUG_ENDINGS = tuple(sorted(DRUG_STEMS[:-3], key=len, reverse=True))
_CONDITION_ENDINGS = ("itis", "osis", "oses", "emia", "aemia", "pathy", "oma", "plasia", "trophy", "algia", "uria")
_PROCEDURE_ENDINGS = ("ectomy", "otomy", "ostomy", "plasty", "scopy", "graphy", "dialysis", "transplantation")
_NAMED = re.compile(r"\b((?:[A-Z][a-z]+(?:[-'’]s)?\s){1,2}(?:syndrome|disease))\b")
_NOT_TERMS = {
    "diagnosis",
    "prognosis",
    "hypothesis",
    "analysis",
    "basis",
    "emphasis",
    "thesis",
    "synthesis",
    "osmosis",
    "diagnoses",
    "examine",
    "determine",
    "routine",
    "medicine",
    "machine",
    "online",
    "outline",
    "baseline",
    "decline",
    "define",
    "combine",
    "discipline",
    "guideline",
    "guidelines",
    "feline",
    "midline",
    "decisions",
    "cosmetic",
    "mycin",
    "bibliography",
    "photography",
    "ethnography",
    "geography",
    "biography",
    "topography",
    "discharge",
    "outcome",
    "somatic",
    "majority",
    "paragraph",
    "whereas",
    "idiopathy",
    "diathesis",
    "epistemology",
    "immune",
    "cytokine",
    "calcitonine",
    "doctrine",
    "otherwise",
}


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str  # drug | condition | procedure
    rule: str
    start: int
    end: int


_ALL_ENDINGS = _DRUG_ENDINGS + _CONDITION_ENDINGS + _PROCEDURE_ENDINGS + ("ism", "biopsy", "biopsies")


def _kind(word: str) -> str | None:
    """What a word's shape suggests: drug, procedure or condition (in that order), or None."""
    lower = word.lower()
    if len(lower) < 6 or not (lower.endswith(_ALL_ENDINGS) or lower.startswith("cef")):
        return None
    if word.isalpha() and word[1:].islower() and lower.endswith(_DRUG_ENDINGS):
        stem = next(e for e in _DRUG_ENDINGS if lower.endswith(e))
        if len(lower) - len(stem) >= 4:
            return "drug"
    if ((lower.startswith("cef") and len(lower) >= 7) or (lower.startswith("ceph") and len(lower) >= 8)) and lower.isalpha():
        return "drug"
    if lower.endswith(_PROCEDURE_ENDINGS) or lower in ("biopsy", "biopsies"):
        return "procedure"
    if word.isalpha() and word[1:].islower():
        ending = next((e for e in _CONDITION_ENDINGS if lower.endswith(e)), None)
        if ending is not None and len(lower) - len(ending) >= 4:
            return "condition"
        if lower.startswith(("hyper", "hypo")) and lower.endswith("ism") and len(lower) >= 11:
            return "condition"
    return None


def find_candidates(text: str, covered: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[Candidate]:
    """Candidates in ``text[start:end]`` that overlap no matched term span in ``covered``."""
    end = len(text) if end is None else end
    mask = bytearray(end - start)
    for cs, ce in covered:
        if ce > start and cs < end:
            mask[max(cs, start) - start : min(ce, end) - start] = b"\x01" * (min(ce, end) - max(cs, start))

    def free(s: int, e: int) -> bool:
        return not any(mask[s - start : e - start])

    found: dict[tuple[int, int], Candidate] = {}
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        kind = _kind(word)
        if kind and word.lower() not in _NOT_TERMS and free(match.start(), match.end()):
            found[(match.start(), match.end())] = Candidate(word, kind, _rule(word, kind), match.start(), match.end())
    for match in _NAMED.finditer(text, start, end):
        word = match.group(0)
        if word.lower() not in _NOT_TERMS and free(match.start(), match.end()) and (match.start(), match.end()) not in found:
            found[(match.start(), match.end())] = Candidate(word, "condition", _rule(word, "condition"), match.start(), match.end())
    return sorted(found.values(), key=lambda c: c.start)


def _rule(word: str, kind: str) -> str:
    lower = word.lower()
    if kind == "drug":
        stem = next((s for s in sorted(DRUG_STEMS, key=len, reverse=True) if lower.endswith(s) or (lower.startswith(s) and s == "cef")), "")
        return f"drug stem -{stem}" if stem else "drug stem"
    if kind == "procedure":
        return "procedure suffix"
    return "condition suffix" if not lower.endswith(("syndrome", "disease")) else "named syndrome or disease"
