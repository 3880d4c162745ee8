"""The made-up publication details and reference list of a synthetic case, drawn as part of its plan."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kg.synth.draw import pick
from kg.synth.vocab import CITIES, DEPARTMENTS, FIRST_NAMES, JOURNALS, SURNAMES, TermChoice, Vocabulary
from kg.synth.words import cap

__all__ = ["Publication", "Reference", "draw_publication", "draw_references"]

_DESIGNS = (
    "a retrospective review of {n} patients",
    "a systematic review",
    "a single-centre cohort of {n} cases",
    "lessons from {n} consecutive cases",
    "a narrative review",
    "results of a pilot study in {n} adults",
)
_INITIALS = "ABCDEFGHJKLMNPRSTW"
_SECOND_INITIALS = ("", "A", "J", "M", "K")


@dataclass(frozen=True)
class Publication:
    """Where and when the case report appeared, and by whom."""

    authors: tuple[str, ...]
    affiliation: str
    received: dt.date
    accepted: dt.date
    published: dt.date
    journal: str
    volume: str
    issue: str
    pages: str
    doi: str


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list; ``citation_error`` marks a printed year and volume that do not fit."""

    number: int
    authors: tuple[str, ...]
    title: str
    year: int
    journal: str
    volume: str
    pages: str
    doi: str | None
    citation_error: bool

    @property
    def head(self) -> str:
        """The entry up to its title (``3. Ghosh A, Rahimi JM. ``)."""
        return f"{self.number}. {', '.join(self.authors)}. "

    @property
    def line(self) -> str:
        """The printed entry."""
        doi = f" doi: {self.doi}" if self.doi else ""
        return f"{self.head}{self.title}. {self.journal}. {self.year};{self.volume}:{self.pages}.{doi}"


def draw_publication(rng: random.Random, year: int) -> Publication:
    """Authors, affiliation, dates, journal and citation of a report published in ``year``."""
    authors = tuple(f"{pick(rng, FIRST_NAMES)} {pick(rng, SURNAMES)}" for _ in range(rng.randint(2, 6)))
    affiliation = f"{pick(rng, DEPARTMENTS)}, {pick(rng, CITIES)} General Hospital"
    received = _date(year - (1 if rng.random() < 0.3 else 0), rng)
    accepted = received + dt.timedelta(days=rng.randint(21, 150))
    published = accepted + dt.timedelta(days=rng.randint(7, 60))
    journal = pick(rng, JOURNALS)
    volume, issue = str(rng.randint(3, 60)), str(rng.randint(1, 12))
    first = rng.randint(10, 900)
    pages = f"{first}-{first + rng.randint(2, 9)}"
    doi = f"10.5555/synth.{year}.{rng.randint(1000, 99999)}"
    return Publication(authors, affiliation, received, accepted, published, journal, volume, issue, pages, doi)


def draw_references(rng: random.Random, vocabulary: Vocabulary, driver: TermChoice | None, year: int) -> tuple[Reference, ...]:
    """Between 5 and 20 references, all older than ``year``, on topics near the case."""
    topics = [
        "calcinosis cutis",
        "dystrophic calcification",
        "calciphylaxis",
        "soft tissue calcification",
        f"calcinosis in {driver.label}" if driver else "cutaneous calcinosis",
    ]
    treatments = [c.label for c in vocabulary["calcinosis_drug"]] + ["surgical excision", "shock wave therapy"]
    return tuple(_reference(rng, number, topics, treatments, year) for number in range(1, rng.randint(5, 20) + 1))


def _reference(rng: random.Random, number: int, topics: list[str], treatments: list[str], before: int) -> Reference:
    title = _title(rng, topics, treatments)
    authors = tuple(f"{pick(rng, SURNAMES)} {pick(rng, _INITIALS)}{pick(rng, _SECOND_INITIALS)}" for _ in range(rng.randint(1, 4)))
    year = rng.randint(1990, before - 1)
    journal = pick(rng, JOURNALS)
    volume, first = str(rng.randint(1, 90)), rng.randint(1, 1500)
    pages = f"{first}-{first + rng.randint(3, 14)}"
    doi = f"10.5555/ref.{year}.{rng.randint(100, 9999)}" if rng.random() < 0.7 else None
    return Reference(number, authors, title, year, journal, volume, pages, doi, citation_error=rng.random() < 0.06)


def _title(rng: random.Random, topics: list[str], treatments: list[str]) -> str:
    topic = pick(rng, topics)
    design = pick(rng, _DESIGNS).format(n=rng.randint(8, 220))
    treatment = pick(rng, treatments)  # drawn for every title, used by one pattern
    return pick(
        rng,
        (
            f"{cap(topic)}: {design}",
            f"{cap(treatment)} for {topic}: {design}",
            f"Imaging of {topic} in adults: {design}",
            f"Risk factors and course of {topic}",
            f"Managing {topic} in clinical practice",
        ),
    )


def _date(year: int, rng: random.Random) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 200))
