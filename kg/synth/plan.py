"""The case plan: everything about a synthetic case decided before any sentence is written.

:func:`plan_case` makes the first draws of the case's random stream: how many
facts the case reaches, which source issues it carries, the patient, the
calcinosis subtype and its driving condition, the sites and size of the
deposits, and the publication with its references. The section writers go on
drawing from the same stream (their choices depend on what earlier sections
wrote), so the plan is frozen and the stream is handed on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from kg.synth.bibliography import Publication, Reference, draw_publication, draw_references
from kg.synth.draw import pick, sample
from kg.synth.vocab import TermChoice, Vocabulary

__all__ = ["SYNTH_PREFIX", "ISSUES", "Site", "Patient", "CasePlan", "case_id", "plan_case"]

SYNTH_PREFIX = "synth-"
ISSUES: tuple[str, ...] = ("misspelling", "implausible_date", "size_mismatch", "missing_negation", "destination_mismatch")
"""Source issues a case can carry (each annotated on the fact it affects)."""

_SUBTYPE_WEIGHTS = {
    "DystrophicCalcinosisCutis": 45,
    "MetastaticCalcinosisCutis": 15,
    "Calciphylaxis": 14,
    "IatrogenicCalcinosisCutis": 12,
    "IdiopathicCalcinosisCutis": 14,
}
_DRIVER_ROLE = {
    "DystrophicCalcinosisCutis": "autoimmune",
    "MetastaticCalcinosisCutis": "renal",
    "Calciphylaxis": "renal",
    "IatrogenicCalcinosisCutis": "extravasation",
}
_MIDLINE = {"Chin", "Face", "NasalSill", "Nose", "SacralRegion", "Trunk", "Thorax"}


def case_id(index: int) -> str:
    """The record id of the case with this index (``synth-000042``)."""
    return f"{SYNTH_PREFIX}{index:06d}"


@dataclass(frozen=True)
class Site:
    """A skin site of the deposits: its term, its side (paired sites only) and how the text names it."""

    name: str
    words: str
    laterality: str | None = None

    @property
    def entry(self) -> dict[str, str]:
        """The site as a record entry (``{site: Hand, laterality: left}``)."""
        return {"site": self.name} if self.laterality is None else {"site": self.name, "laterality": self.laterality}


@dataclass(frozen=True)
class Patient:
    """Sex and age of the patient."""

    female: bool
    age: int
    juvenile: bool

    @property
    def she(self) -> str:
        return "she" if self.female else "he"

    @property
    def her(self) -> str:
        return "her" if self.female else "his"

    @property
    def person(self) -> str:
        """``woman``, ``man``, ``girl`` or ``boy``."""
        if self.juvenile:
            return "girl" if self.female else "boy"
        return "woman" if self.female else "man"


@dataclass(frozen=True)
class CasePlan:
    """What one synthetic case is about, decided up front from its random stream."""

    id: str
    target: int
    """Facts the case reaches (follow-up visits pad up to this number)."""
    issues: frozenset[str]
    patient: Patient
    subtype: TermChoice
    driver: TermChoice | None
    """The condition behind the calcinosis (none for idiopathic calcinosis)."""
    pub_year: int
    sites: tuple[Site, ...]
    size: tuple[float, ...]
    """Dimensions of the largest deposit in cm, largest first."""
    publication: Publication
    references: tuple[Reference, ...]

    @property
    def main_site(self) -> Site:
        return self.sites[0]

    @property
    def size_entry(self) -> dict[str, Any]:
        """The size as a record entry."""
        return {"dimensions": list(self.size), "unit": "cm"}

    @property
    def systemic_driver(self) -> TermChoice | None:
        """The driving condition when it is a disease (not a leaked infusion)."""
        return self.driver if self.driver and self.driver.name != "Extravasation" else None

    @property
    def keywords(self) -> tuple[str, ...]:
        return ("calcinosis cutis", self.subtype.label, *([self.driver.label] if self.driver else []), "case report")


def plan_case(case: str, rng: random.Random, vocabulary: Vocabulary) -> CasePlan:
    """Make the up-front draws of a case from its random stream (which the section writers then continue)."""
    target = rng.randint(36, 77)
    issues = frozenset(sample(rng, ISSUES, max(1, round(target * rng.uniform(0.02, 0.05)))))
    female = rng.random() < 0.68
    subtypes = list(vocabulary["subtype"])
    subtype = rng.choices(subtypes, [_SUBTYPE_WEIGHTS.get(c.name, 10) for c in subtypes])[0]
    patient, driver = _patient(rng, vocabulary, female, subtype)
    pub_year = rng.randint(2012, 2024)
    sites = _sites(rng, vocabulary)
    dims = sorted((round(rng.uniform(0.5, 9.0), 1) for _ in range(rng.randint(1, 3))), reverse=True)
    size = tuple(int(d) if d == int(d) else d for d in dims)
    publication = draw_publication(rng, pub_year)
    references = draw_references(rng, vocabulary, driver, pub_year)
    return CasePlan(case, target, issues, patient, subtype, driver, pub_year, sites, size, publication, references)


def _patient(rng: random.Random, vocabulary: Vocabulary, female: bool, subtype: TermChoice) -> tuple[Patient, TermChoice | None]:
    """Age and driving condition: a child with a juvenile disease in some dystrophic cases."""
    if subtype.name == "DystrophicCalcinosisCutis" and rng.random() < 0.15:
        driver = pick(rng, vocabulary["juvenile"])
        return Patient(female, rng.randint(7, 17), juvenile=True), driver
    age = rng.randint(24, 86)
    role = _DRIVER_ROLE.get(subtype.name)
    return Patient(female, age, juvenile=False), pick(rng, vocabulary[role]) if role else None


def _sites(rng: random.Random, vocabulary: Vocabulary) -> tuple[Site, ...]:
    """One to four skin sites, with a side for paired sites."""
    chosen = sample(rng, vocabulary["skin_site"], rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0])
    paired = {c.name for c in vocabulary["paired_site"]}
    return tuple(_site(rng, choice, paired) for choice in chosen)


def _site(rng: random.Random, choice: TermChoice, paired: set[str]) -> Site:
    if choice.name in _MIDLINE or choice.name not in paired:
        return Site(choice.name, choice.label)
    side = pick(rng, ("left", "right", "left", "right", "bilateral"))
    words = f"{choice.label} on both sides" if side == "bilateral" else f"{side} {choice.label}"
    return Site(choice.name, words, side)
