"""The case record format (version 1) as typed, frozen models.

The models check form: field names, types, enumerations and value ranges.
Cross-field checks that need the ontology or the whole record (terms, ids,
sections) live in :mod:`kg.records`. ``docs/record-format.md`` documents every
field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, field_validator, model_validator

__all__ = [
    "SECTION_NAMES",
    "SOURCE_ISSUES",
    "Evidence",
    "Section",
    "ReportText",
    "TextSpan",
    "Publication",
    "Reference",
    "Age",
    "SexValue",
    "Patient",
    "SiteRef",
    "Size",
    "Quantity",
    "Offset",
    "Timing",
    "Diagnosis",
    "Finding",
    "Test",
    "DrugExposure",
    "ProcedureEvent",
    "OrganismIsolation",
    "Outcome",
    "Fact",
    "Claim",
    "Record",
    "AGE_LIMIT_YEARS",
]

SectionName = Literal[
    "front_matter",
    "abstract",
    "keywords",
    "introduction",
    "case",
    "discussion",
    "conclusion",
    "figure_legends",
    "declarations",
    "references",
    "citation",
]
SECTION_NAMES: tuple[str, ...] = SectionName.__args__  # type: ignore[attr-defined]

SourceIssue = Literal[
    "date_order",
    "missing_negation",
    "name_mismatch",
    "misspelling",
    "inconsistent_value",
    "citation_error",
    "implausible_value",
]
SOURCE_ISSUES: tuple[str, ...] = SourceIssue.__args__  # type: ignore[attr-defined]

AssertionStatus = Literal["present", "absent", "possible", "historical"]
ResponseValue = Literal["resolved", "improved", "partial", "no_response", "refractory", "recurred", "unknown"]
TimeUnit = Literal["day", "week", "month", "year"]
FactId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
_TERM_NAME = re.compile(
    r"(?:cck:)?[A-Za-z][A-Za-z0-9_]*"  # a project term: Heparin, cck:Heparin
    r"|(?:HP|MONDO|UBERON):[0-9]{7}|DRUGBANK:DB[0-9]{5}|ICD9CM:[0-9]{2}(?:\.[0-9]{1,2})?"  # a standard id (kg.vocab.sources)
)


def _term_name(value: str) -> str:
    if _TERM_NAME.fullmatch(value) is None:
        raise ValueError(
            f"{value!r} is not a term name: write a project term (Heparin or cck:Heparin) or a standard id"
            " (HP:0000822, MONDO:0005015, UBERON:0002101, DRUGBANK:DB00682, ICD9CM:86.22)"
        )
    return value


TermName = Annotated[str, Field(max_length=120), AfterValidator(_term_name)]
"""A project term's local name or CURIE, or a standard id in its vocabulary's exact syntax."""
ShortText = Annotated[str, Field(min_length=1, max_length=2000)]

Number = Annotated[float, Strict()]
"""A number (whole or decimal); booleans and strings are refused, not read as 1 or 12."""
Count = Annotated[int, Strict(), Field(ge=0)]
"""A whole number of at least 0; ``true`` and ``'12'`` are refused."""
Span = tuple[Count, Count]
"""``[start, end)`` character offsets."""


def _printed_number_as_text(value: object) -> object:
    """Volume, issue and pages are text, but YAML reads an unquoted ``24`` as a number: take it as printed."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _text_or_date(value: object) -> object:
    """Dates are written as text (``2021-01-10``); a bare number is not a date (it would be read as a timestamp)."""
    if isinstance(value, (int, float)):
        raise ValueError("a date is written as YYYY-MM-DD")
    return value


def _exactly_one(value: object) -> object:
    if type(value) is not int:
        raise ValueError(f"the record format version is the number 1, not {value!r}")
    return value


PrintedText = Annotated[str, BeforeValidator(_printed_number_as_text), Field(min_length=1, max_length=2000)]
"""Text as printed that is often a number (volume, issue, pages, grade)."""
Date = Annotated[dt.date, BeforeValidator(_text_or_date)]

AGE_LIMIT_YEARS = 130
_DAYS_PER_UNIT = {"day": 1, "week": 7, "month": 30.4375, "year": 365.25}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """A span ``[start, end)`` of the report text inside a named section."""

    section: SectionName
    span: Span

    @field_validator("span")
    @classmethod
    def _ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        if span[0] >= span[1]:
            raise ValueError(f"span start {span[0]} must be before its end {span[1]}")
        return span


EvidenceList = Annotated[tuple[Evidence, ...], Field(min_length=1)]


class Section(_Model):
    name: SectionName
    span: Span


class ReportText(_Model):
    file: Annotated[str, Field(pattern=r"^[^/\\]+$", max_length=255)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    length: Annotated[int, Strict(), Field(gt=0)]


class TextSpan(_Model):
    """A piece of the text (such as a title) held as offsets, not as text."""

    span: Span


class _Annotated(_Model):
    note: ShortText | None = None
    source_issue: SourceIssue | None = None


class Printed(_Model):
    """A short piece of text as printed (an author's name, a keyword) with the span that prints it."""

    text: ShortText
    span: Span


Names = tuple[ShortText | Printed, ...]
"""Author names or keywords, each as printed: plain text, or ``{text, span}`` with the span that prints it."""


class Publication(_Annotated):
    title: TextSpan | None = None
    authors: Names = ()
    journal: ShortText | None = None
    year: Annotated[int, Strict(), Field(ge=1500, le=2200)] | None = None
    volume: PrintedText | None = None
    issue: PrintedText | None = None
    pages: PrintedText | None = None
    doi: ShortText | None = None
    received: Date | None = None
    accepted: Date | None = None
    published: Date | None = None
    keywords: Names = ()
    evidence: tuple[Evidence, ...] = ()


class Reference(_Annotated):
    number: Annotated[int, Strict(), Field(ge=1)]
    authors: Names = ()
    year: Annotated[int, Strict(), Field(ge=1500, le=2200)] | None = None
    journal: ShortText | None = None
    volume: PrintedText | None = None
    issue: PrintedText | None = None
    pages: PrintedText | None = None
    doi: ShortText | None = None
    title: TextSpan | None = None
    evidence: EvidenceList


class Age(_Annotated):
    value: Annotated[float, Strict(), Field(ge=0)]
    unit: Literal["year", "month", "week", "day"]
    evidence: EvidenceList

    @model_validator(mode="after")
    def _plausible(self) -> Age:
        if self.in_years() > AGE_LIMIT_YEARS:
            raise ValueError(f"impossible age {self.value:g} {self.unit}s (more than {AGE_LIMIT_YEARS} years)")
        return self

    def in_years(self) -> float:
        return self.value * _DAYS_PER_UNIT[self.unit] / _DAYS_PER_UNIT["year"]


class SexValue(_Annotated):
    value: Literal["female", "male"]
    evidence: EvidenceList


class Patient(_Model):
    age: Age | None = None
    sex: SexValue | None = None


class SiteRef(_Model):
    site: TermName
    laterality: Literal["left", "right", "bilateral"] | None = None


class Size(_Model):
    dimensions: tuple[Annotated[float, Strict(), Field(gt=0)], ...] = Field(min_length=1, max_length=3)
    unit: Literal["mm", "cm"]


class Quantity(_Model):
    value: Annotated[float, Strict(), Field(ge=0)]
    unit: TimeUnit


class Offset(Quantity):
    from_: FactId = Field(alias="from")


class Timing(_Model):
    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    duration: Quantity | None = None
    offset: Offset | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, dt.date) else value


class _Fact(_Annotated):
    id: FactId
    evidence: EvidenceList
    sites: tuple[SiteRef, ...] = ()
    timing: Timing | None = None

    def references(self) -> dict[str, tuple[str, ...]]:
        """The ids of other facts this fact points to, by field name."""
        refs = {name: tuple(getattr(self, name)) for name in self._id_lists() if getattr(self, name, ())}
        if self.timing and self.timing.offset:
            refs["timing.offset.from"] = (self.timing.offset.from_,)
        return refs

    @staticmethod
    def _id_lists() -> tuple[str, ...]:
        return ("found_by", "indication", "reason", "response_for", "of")


class Diagnosis(_Fact):
    type: Literal["diagnosis"]
    condition: TermName
    status: AssertionStatus
    subtype: TermName | None = None
    size: Size | None = None
    category: Literal["primary", "comorbidity", "complication", "suspected"] | None = None
    found_by: tuple[FactId, ...] = ()
    severity: Literal["mild", "moderate", "severe"] | None = None
    grade: PrintedText | None = None


class Finding(_Fact):
    type: Literal["finding"]
    finding: TermName
    status: AssertionStatus
    size: Size | None = None
    found_by: tuple[FactId, ...] = ()
    qualifiers: tuple[Annotated[str, Field(min_length=1, max_length=40)], ...] = ()


class Test(_Fact):
    type: Literal["test"]
    test: TermName
    result: Literal["elevated", "decreased", "normal", "abnormal", "positive", "negative"] | None = None


class DrugExposure(_Fact):
    type: Literal["drug"]
    drug: TermName
    status: Literal["given", "continued", "held", "stopped", "switched", "contraindicated", "historical"] | None = None
    route: Literal["intravenous", "oral", "topical", "intralesional", "subcutaneous"] | None = None
    indication: tuple[FactId, ...] = ()
    reason: tuple[FactId, ...] = ()
    switched_to: FactId | None = None
    response: ResponseValue | None = None
    response_for: tuple[FactId, ...] = ()

    def references(self) -> dict[str, tuple[str, ...]]:
        refs = super().references()
        if self.switched_to:
            refs["switched_to"] = (self.switched_to,)
        return refs


class ProcedureEvent(_Fact):
    type: Literal["procedure"]
    procedure: TermName
    status: Literal["performed", "precluded", "planned"] | None = None
    order: Annotated[int, Strict(), Field(ge=1)] | None = None
    indication: tuple[FactId, ...] = ()
    reason: tuple[FactId, ...] = ()
    outcome: ResponseValue | None = None


class OrganismIsolation(_Fact):
    type: Literal["organism"]
    organism: TermName
    status: AssertionStatus
    found_by: tuple[FactId, ...] = ()


class Outcome(_Fact):
    type: Literal["outcome"]
    outcome: Literal["discharged", "transferred", "admitted", "follow_up", "recurrence", "resolved", "improved", "stable"]
    destination: Literal["home", "inpatient_rehabilitation", "outpatient_follow_up", "other_hospital"] | None = None
    of: tuple[FactId, ...] = ()


Fact = Annotated[
    Diagnosis | Finding | Test | DrugExposure | ProcedureEvent | OrganismIsolation | Outcome,
    Field(discriminator="type"),
]


class ClaimValue(_Model):
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: Literal["percent", "year", "patients", "cases"]

    @model_validator(mode="after")
    def _one_form(self) -> ClaimValue:
        if (self.value is None) == (self.low is None and self.high is None):
            raise ValueError("give either value, or low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        return self


class Claim(_Annotated):
    id: FactId
    kind: Literal[
        "classification",
        "prevalence",
        "site_distribution",
        "association",
        "risk_factor",
        "diagnosis",
        "imaging",
        "treatment_option",
        "treatment_efficacy",
        "pathophysiology",
        "natural_history",
        "complication",
    ]
    subject: tuple[TermName, ...] = Field(min_length=1)
    object: tuple[TermName, ...] = ()
    value: ClaimValue | None = None
    cites: tuple[Annotated[int, Strict(), Field(ge=1)], ...] = ()
    summary: Annotated[str, Field(min_length=1, max_length=300)]
    evidence: EvidenceList


class Record(_Model):
    record: Annotated[Literal[1], BeforeValidator(_exactly_one)]
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    report: ReportText
    sections: tuple[Section, ...] = Field(min_length=1)
    publication: Publication
    references: tuple[Reference, ...] = ()
    patient: Patient
    facts: tuple[Fact, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = ()
    notes: tuple[ShortText, ...] = ()
