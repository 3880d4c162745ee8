"""The second matching pass: standard-vocabulary terms (HPO, Mondo, Uberon, DrugBank, ICD-9-CM) for words the ontology lacks.

Runs after the project's ontology, over the tokens it left unmatched, with the
shipped reference lexicon (:func:`kg.vocab.load_lexicon`, a token-tuple dict,
longest match first). Of the candidates of a match it proposes one id:

- only branches a draft can use (conditions, findings, sites, drugs,
  procedures);
- a disease over a phenotype: when a text names both a Mondo disease and an
  HPO phenotype ("hyperparathyroidism", "heart failure"), the disease, which is
  what a diagnosis records, except in a clause that reports what a test or an
  examination showed ("urinalysis revealed proteinuria", "there was
  hydronephrosis"), where the phenotype is the finding; otherwise the
  lexicon's order (label, exact synonym, abbreviation, ...; then HP, MONDO,
  UBERON, DRUGBANK, ICD9CM); related synonyms, looser than their term, are
  not used.

A match that begins with a severity word is taken without it when the rest
names a term ("mild proteinuria" -> proteinuria: severity is a qualifier,
not another phenotype). Filters against noise drop a match when:

- a drug name stands for a laboratory analyte or a deposit: a number, a unit
  or a word such as "level", "product" or "salts" follows it, or "serum",
  "plasma", "urine", "deposits of" precedes it ("phosphorus was 5.7 mg/dL",
  "haemoglobin 6.6 g/dl", "calcium phosphate salts");
- a drug name is an imaging tracer or contrast agent ("fluorine-18
  fluorodeoxyglucose", "gadolinium");
- a site is a tissue or substance rather than a place on the body ("blood",
  "tissue", "cell");
- the match is one lower-case word of three letters or fewer, or a broad
  term whose label is one of :data:`GENERIC_LABELS` ("disease", "neoplasm").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.vocab import Candidate

from .matcher import WordMatcher

__all__ = ["VocabHit", "choose", "vocab_hits", "common_word_hits", "USABLE_BRANCHES", "GENERIC_LABELS", "COMMON_WORD_TERMS"]

USABLE_BRANCHES = frozenset({"Condition", "ClinicalFinding", "AnatomicSite", "Drug", "Procedure"})
GENERIC_LABELS = frozenset(
    {
        "disease",
        "neoplasm",
        "abnormality",
        "disorder",
        "syndrome",
        "injury",
        "infection",
        "inflammation",
        "lesion",
        "pain",
        "tissue",
        "blood",
        "body",
        "organ",
        "cell",
        "skeleton",
        "fluid",
        "anatomical structure",
        "multicellular organism",
        "material anatomical entity",
        "zone of skin",
        "skin of body",
        "head",
        "limb",
        "organism subdivision",
        "anatomical space",
        "immaterial anatomical entity",
        "portion of tissue",
        "blood vessel",
        "vasculature",
        "region",
        "surface",
        "serum",
        "blood plasma",
        "plasma",
        "urine",
        "adult organism",
        "organism",
        "juvenile organism",
        "embryo",
        "fetus",
        "organ system",
        "anatomical system",
        "system",
        "bodily fluid",
        "body fluid",
        "bone element",
        "bone tissue",
        "muscle organ",
        "hyperplasia",
        "dorsum",
        "mass",
        "nodule",
    }
)
"""Labels (lower case) of terms too broad to propose on their own."""
_ANALYTE_AFTER = re.compile(
    r"^\s*(?:\(\w{1,8}\)\s*)?(?:\d|<|>|≥|≤|of\s+\d|level|concentration|value|titre|titer|count|mg|g/|mmol|µmol|umol|iu|u/|pg|ng|mEq"
    r"|was\s+(?:\d|normal|low|high|raised|elevated|within)|were\s+(?:normal|low|high|raised|elevated|within)|and\s+\w+\s+(?:levels|were)"
    r"|product|salts?|deposits?|deposition|crystals?|metabolism|homeostasis|balance|precipitat)",
    re.IGNORECASE,
)
_ANALYTE_BEFORE = re.compile(
    r"\b(?:serum|plasma|blood|urine|urinary|low|high|raised|elevated|normal|ionized|ionised|total)\s+$"
    r"|\b(?:deposits?|deposition|precipitation|crystals?|salts?|laying\s+down)\s+of\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_RESULT_REPORTED = re.compile(
    r"\b(?:showed|shows|revealed|demonstrated|disclosed|detected|found|on\s+(?:examination|exam)|there\s+(?:was|were)"
    r"|urinalysis|ultrasonography|radiograph|imaging|biopsy|histology)\b[^.;]*$",
    re.IGNORECASE,
)
_SEVERITY = frozenset({"mild", "moderate", "severe", "marked", "slight", "massive", "extensive", "significant"})
_TRACER = re.compile(
    r"\b(?:18F|F18|fluorine|FDG|fluorodeoxyglucose|technetium|99mTc|gadolinium|contrast|tracer|radiotracer|iodinated)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class VocabHit:
    """A vocabulary match on words ``[first, last)`` with the candidate proposed for it and the other candidates."""

    first: int
    last: int
    chosen: Candidate
    others: tuple[Candidate, ...]


def choose(candidates: Sequence[Candidate], finding: bool = False) -> tuple[Candidate, tuple[Candidate, ...]] | None:
    """The candidate to propose and the rest: a disease over a phenotype, unless ``finding`` (the text reports a
    test or examination result, where a phenotype is what was found); else the first usable one. Related
    synonyms (looser than the term) are not used."""
    usable = [c for c in candidates if c.branch in USABLE_BRANCHES and c.kind != "related"]
    if not usable:
        return None
    preferred = "ClinicalFinding" if finding else "Condition"
    other = "Condition" if finding else "ClinicalFinding"
    first = [c for c in usable if c.branch == preferred]
    chosen = first[0] if first and any(c.branch == other for c in usable) else usable[0]
    return chosen, tuple(c for c in usable if c is not chosen)


def _noise(start: int, end: int, chosen: Candidate, text: str) -> bool:
    written = text[start:end]
    if chosen.label.lower() in GENERIC_LABELS:
        return True
    if " " not in written and len(written) <= 3 and not written.isupper():
        return True
    if chosen.branch == "Drug":
        after = text[end : end + 40]
        before = text[max(0, start - 20) : start]
        window = text[max(0, start - 30) : end + 30]
        return bool(_ANALYTE_AFTER.match(after) or _ANALYTE_BEFORE.search(before) or _TRACER.search(window))
    return False


COMMON_WORD_TERMS: dict[str, Candidate] = {
    word: Candidate("MONDO:0021178", "injury", "Condition", "MONDO", "exact", "") for word in ("injury", "trauma", "injured")
}
"""Words the reference lexicon leaves out as common English but that name a term curators record for a patient
("no history of trauma" before a dystrophic calcinosis): matched in normal form, alone or after a function word
(not after an adjective: an "ischemic injury" is not a trauma)."""
_BEFORE_COMMON_WORD = frozenset(
    [
        "no",
        "any",
        "of",
        "or",
        "and",
        "without",
        "denied",
        "denies",
        "never",
        "recent",
        "minor",
        "previous",
        "prior",
        "history",
        "local",
        "the",
        "a",
        "an",
        "by",
        "after",
        "following",
        "had",
        "has",
        "major",
        "repeated",
        "traumatic",
    ]
)


_BEFORE_VERB = frozenset(["had", "has", "was", "were", "been", "never", "not", "ever"])
"""Before "injured" as a verb ("he had never injured his scrotum"), not as an adjective ("the injured foot")."""


def common_word_hits(norms: Sequence[str], written: Sequence[str], lo: int, hi: int) -> list[VocabHit]:
    """Matches of :data:`COMMON_WORD_TERMS` among words ``[lo, hi)``."""
    hits = []
    for i in [i for i in range(lo, hi) if norms[i] in COMMON_WORD_TERMS]:
        candidate = COMMON_WORD_TERMS.get(norms[i])
        previous = written[i - 1].lower() if i > lo else ""
        allowed = _BEFORE_VERB if written[i].lower() == "injured" else _BEFORE_COMMON_WORD
        if candidate is not None and (not previous or not previous.isalpha() or previous in allowed):
            hits.append(VocabHit(i, i + 1, candidate, ()))
    return hits


def vocab_hits(
    matcher: WordMatcher, norms: Sequence[str], written: Sequence[str], offsets: Sequence[tuple[int, int]], lo: int, hi: int, text: str
) -> list[VocabHit]:
    """The standard terms named among words ``[lo, hi)`` (``offsets``: each word's character span), noise filtered."""
    hits = []
    for first, last, candidates in matcher.match(norms, written, lo, hi):
        if last - first >= 2 and written[first].lower() in _SEVERITY:  # "mild proteinuria" -> proteinuria
            rest = matcher.match(norms, written, first + 1, last)
            if len(rest) == 1 and rest[0][1] == last:
                first, _, candidates = rest[0]
        start, end = offsets[first][0], offsets[last - 1][1]
        finding = False
        if {c.branch for c in candidates} >= {"Condition", "ClinicalFinding"}:
            line_start = text.rfind("\n", 0, start) + 1
            finding = bool(_RESULT_REPORTED.search(text, max(line_start, start - 120), start))
        picked = choose(candidates, finding)
        if picked is None:
            continue
        chosen, others = picked
        if not _noise(start, end, chosen, text):
            hits.append(VocabHit(first, last, chosen, others))
    return hits
