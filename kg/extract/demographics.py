"""Age and sex of the patient from report text (pure regular-expression rules).

Age, with its unit as printed (year, month, week, day): "52-year-old",
"15 years old", "24 days old", "aged 7 months", "a man aged 74" (years), "a
girl of 6 years", "57 years of age", "a 3-week-old", "6 yo"; number words up
to twenty ("a seven-year-old"). An age after "mean", "average" or "median" is
a group's, not the patient's.

Sex: the sex word nearest to the age in the same stretch of text (female,
woman, girl, lady, daughter, male, man, boy, gentleman, son); else the first
sex word; else the commoner of she/her and he/his when it is clearly so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["AgeMatch", "SexMatch", "find_age", "find_ages", "find_sex", "NUMBER_WORDS"]

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUM = r"(\d{1,3}(?:\.\d)?|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(year|yr|month|mo|week|wk|day)s?"
_PERSON = r"(?:man|woman|boy|girl|lady|gentleman|male|female|infant|baby|neonate|newborn|child|toddler|patient|adolescent)"
_AGE = re.compile(
    rf"\b{_NUM}[\s\-–]+{_UNIT}[\s\-–]+old\b"
    rf"|\baged\s+{_NUM}(?:\s+{_UNIT})?\b(?!\s*(?:%|percent|and\s+\d|to\s+\d|[-–]\s*\d))"
    rf"|\b{_PERSON}\s+of\s+{_NUM}\s+{_UNIT}\b"
    rf"|\b{_NUM}\s+{_UNIT}\s+of\s+age\b"
    rf"|\b{_NUM}[\s\-–]?(?:yo|y/o|y\.o\.)(?!\w)",
    re.IGNORECASE,
)
_GROUP = re.compile(r"\b(?:mean|average|median|range|between|ranging|older|younger|over|under)\b[^.;]{0,25}$", re.IGNORECASE)
_UNITS = {"year": "year", "yr": "year", "month": "month", "mo": "month", "week": "week", "wk": "week", "day": "day"}
_SEX = re.compile(r"\b(female|woman|girl|lady|daughter|male|man|boy|gentleman|son)\b", re.IGNORECASE)
_FEMALE = {"female", "woman", "girl", "lady", "daughter"}
_PRONOUN_F = re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE)
_PRONOUN_M = re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgeMatch:
    """An age: its value and unit, and the offsets of the statement."""

    value: float
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class SexMatch:
    """A sex: its value, the offsets of the word, and the rule that found it."""

    value: str
    start: int
    end: int
    rule: str


def _number(text: str) -> float:
    return float(NUMBER_WORDS[text.lower()]) if text.lower() in NUMBER_WORDS else float(text)


def find_ages(text: str, start: int = 0, end: int | None = None) -> Iterator[AgeMatch]:
    """Every age statement of a single person in ``text[start:end]``, in order."""
    for match in _AGE.finditer(text, start, len(text) if end is None else end):
        if _GROUP.search(text, max(start, match.start() - 40), match.start()):
            continue
        groups = [g for g in match.groups() if g]
        value = _number(groups[0])
        unit = _UNITS[groups[1].lower()] if len(groups) > 1 else "year"
        if value <= 0:
            continue
        yield AgeMatch(int(value) if value == int(value) else value, unit, match.start(), match.end())


def find_age(text: str, start: int = 0, end: int | None = None) -> AgeMatch | None:
    """The first age statement in ``text[start:end]``."""
    return next(find_ages(text, start, end), None)


def _sex(match: re.Match[str], rule: str) -> SexMatch:
    word = match.group(1).lower()
    return SexMatch("female" if word in _FEMALE else "male", match.start(), match.end(), rule)


def find_sex(text: str, start: int = 0, end: int | None = None, near: tuple[int, int] | None = None) -> SexMatch | None:
    """The sex word nearest to ``near`` (an age's span; 40 characters before it, 60 after), else the first sex word, else pronouns."""
    end = len(text) if end is None else end
    if near is not None:
        lo, hi = max(start, near[0] - 40), min(end, near[1] + 60)
        window = text[lo:hi]
        cut = max(window.rfind(".", 0, near[0] - lo), window.rfind("\n", 0, near[0] - lo))
        found = [m for m in _SEX.finditer(text, lo + cut + 1, hi)]
        if found:
            best = min(found, key=lambda m: m.start() - near[1] if m.start() >= near[1] else near[0] - m.end())
            return _sex(best, "sex word next to the age")
    match = _SEX.search(text, start, end)
    if match:
        return _sex(match, "sex word")
    female = list(_PRONOUN_F.finditer(text, start, end))
    male = list(_PRONOUN_M.finditer(text, start, end))
    if len(female) > 2 * len(male) and female:
        return SexMatch("female", female[0].start(), female[0].end(), "pronouns")
    if len(male) > 2 * len(female) and male:
        return SexMatch("male", male[0].start(), male[0].end(), "pronouns")
    return None
