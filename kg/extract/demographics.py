"""Age and sex of the patient from report text (pure regular-expression rules).

Age: "52-year-old", "15 years old", "aged 7 months", "a 3-week-old", "6 yo".
Sex: words such as female, woman, girl, lady, male, man, boy, gentleman; when
no such word is near the age, the commoner of she/her and he/his in the case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AgeMatch", "SexMatch", "find_age", "find_sex", "NUMBER_WORDS"]

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUM = r"(\d{1,3}(?:\.\d)?|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(year|yr|month|mo|week|wk|day)s?"
_AGE = re.compile(
    rf"\b{_NUM}[\s\-–]+{_UNIT}[\s\-–]+old\b|\baged?\s+{_NUM}\s+{_UNIT}\b|\b{_NUM}[\s\-–]?(?:yo|y/o|y\.o\.)\b",
    re.IGNORECASE,
)
_UNITS = {"year": "year", "yr": "year", "month": "month", "mo": "month", "week": "week", "wk": "week", "day": "day"}
_SEX = re.compile(r"\b(female|woman|girl|lady|daughter|male|man|boy|gentleman|son)\b", re.IGNORECASE)
_FEMALE = {"female", "woman", "girl", "lady", "daughter"}
_PRONOUN_F = re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE)
_PRONOUN_M = re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgeMatch:
    value: float
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class SexMatch:
    value: str
    start: int
    end: int
    rule: str


def _number(text: str) -> float:
    return float(NUMBER_WORDS[text.lower()]) if text.lower() in NUMBER_WORDS else float(text)


def find_age(text: str, start: int = 0, end: int | None = None) -> AgeMatch | None:
    """The first age statement in ``text[start:end]``."""
    match = _AGE.search(text, start, len(text) if end is None else end)
    if not match:
        return None
    groups = [g for g in match.groups() if g]
    value, unit = _number(groups[0]), _UNITS[groups[1].lower()] if len(groups) > 1 else "year"
    return AgeMatch(int(value) if value == int(value) else value, unit, match.start(), match.end())


def find_sex(text: str, start: int = 0, end: int | None = None, near: int | None = None) -> SexMatch | None:
    """A sex word (the first one after ``near`` within 60 characters, else the first one), else pronouns."""
    end = len(text) if end is None else end
    if near is not None:
        match = _SEX.search(text, near, min(end, near + 60))
        if match:
            word = match.group(1).lower()
            return SexMatch("female" if word in _FEMALE else "male", match.start(), match.end(), "sex word after the age")
    match = _SEX.search(text, start, end)
    if match:
        word = match.group(1).lower()
        return SexMatch("female" if word in _FEMALE else "male", match.start(), match.end(), "sex word")
    female = list(_PRONOUN_F.finditer(text, start, end))
    male = list(_PRONOUN_M.finditer(text, start, end))
    if len(female) > 2 * len(male) and female:
        return SexMatch("female", female[0].start(), female[0].end(), "pronouns")
    if len(male) > 2 * len(female) and male:
        return SexMatch("male", male[0].start(), male[0].end(), "pronouns")
    return None
