"""Laboratory results named by what they measure: "sodium 136 mEq/l", "a raised calcium of 12.9 mg/dL", "normal serum calcium, phosphate and creatinine".

The word alone ("calcium", "phosphate", "C3") names an element or a molecule;
it names the laboratory test whose "serum X" or "X level" name the ontology
lists (:attr:`~.lexicon.CuratedLexicon.analytes`) only where a result is
reported: a number, a comparison or a word such as "normal", "raised" or
"level" follows within the clause, or such a word precedes a list the word
is part of. Pure functions over tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.vocab.normalize import norm_token

__all__ = ["analyte_matches", "RESULT_AFTER", "RESULT_BEFORE", "NOT_A_RESULT"]

_RESULT_WORD = r"(?:normal|abnormal|raised|elevated|low|high|decreased|increased|reduced|within|below|above|undetectable|levels?|concentrations?)"
RESULT_AFTER = re.compile(
    rf"^\s*(?:\([^()\n]{{1,12}}\)\s*)?(?:(?:was|were|is|are|of|at|remained|lay)\s+)?(?:(?:the|a|an|still|slightly|markedly|mildly|very)\s+)?"
    rf"(?:[<>≤≥=:]|\d|{_RESULT_WORD}\b)",
    re.IGNORECASE,
)
"""A result right after the analyte ("136 mEq/l", "(PTH) level", "was normal", "lay within the normal range")."""
RESULT_BEFORE = re.compile(rf"\b{_RESULT_WORD}(\s+)(?:(?:serum|plasma|blood)\s+)?(?:[\w-]+(?:\s+[\w-]+)?,\s+){{0,4}}(?:and\s+)?$", re.IGNORECASE)
"""A result word before a list that ends at the analyte ("normal serum calcium, phosphate")."""
NOT_A_RESULT = re.compile(
    r"^\s*(?:-\s*)?(?:free|diets?|intake|binders?|supplements?|supplementation|products?|salts?|deposits?|deposition|chelat\w*|baths?"
    r"|dialysate|gluconate|chloride|carbonate|acetate|citrate|containing|channel|thiosulfate|oxalate|phosphate\s+(?:product|salts?))\b",
    re.IGNORECASE,
)
"""Words after the analyte that make it a substance, not a result ("low phosphate diet", "calcium-free", "calcium gluconate")."""


def _listed_after_result(before: str, analytes: dict[tuple[str, ...], str]) -> bool:
    """A result word before a list of analytes that ends here ("normal serum calcium, phosphate, ...")."""
    found = RESULT_BEFORE.search(before)
    if not found:
        return False
    items = [item for item in re.split(r",\s*|\s+and\s+", before[found.end(1) if found.lastindex else found.start() :]) if item.strip()]
    words = [tuple(norm_token(w) for w in re.findall(r"[\w-]+", item) if w.lower() not in ("serum", "plasma", "blood", "and")) for item in items]
    return all(not w or w in analytes for w in words[1:]) if words else True


def analyte_matches(
    analytes: dict[tuple[str, ...], str], norms: Sequence[str], offsets: Sequence[tuple[int, int]], words: Sequence[int], text: str, sentence_end: int
) -> list[tuple[int, int, str]]:
    """``(first, last, test)`` for every analyte among the word positions ``words`` (consecutive runs) with a result;
    ``first``/``last`` are word positions, last exclusive."""
    if not analytes or not words:
        return []
    longest = max(len(k) for k in analytes)
    firsts = {k[0] for k in analytes}
    found = []
    k = 0
    while k < len(words):
        i = words[k]
        if norms[i] not in firsts:
            k += 1
            continue
        for size in range(min(longest, len(words) - k), 0, -1):
            if words[k + size - 1] - i != size - 1:
                continue  # not consecutive
            test = analytes.get(tuple(norms[i : i + size]))
            if test is None:
                continue
            start, end = offsets[i][0], offsets[i + size - 1][1]
            after = text[end : min(sentence_end, end + 40)]
            before = text[max(0, start - 60) : start]
            if not NOT_A_RESULT.match(after) and (RESULT_AFTER.match(after) or _listed_after_result(before, analytes)):
                found.append((i, i + size, test))
                k += size
                break
        else:
            k += 1
    return found
