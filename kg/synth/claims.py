"""The background claims a synthetic report draws from, as a table (:data:`CLAIMS`), and how a row is drawn.

A row names the values it draws, in order, from the case's random stream, then
the claim's subject and object terms, its value, the sentence that states it
(one of several alternatives, drawn last) and its summary. In ``subject``,
``object`` and ``value``, ``$name`` stands for a drawn value; sentence and
summary are :meth:`str.format` templates over the drawn values and are written
with a capital first letter. A pool is a tuple of term names, ``@role``
standing for every term of a vocabulary role.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Pool", "Pick", "Sample", "Shuffled", "Every", "Number", "Phrase", "Lookup", "Draw", "ClaimRow", "CLAIMS"]

Pool = tuple[str, ...]


@dataclass(frozen=True)
class Pick:
    """One term of the pool (of those named in ``only``, when any of them is in the pool)."""

    pool: Pool
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sample:
    """``k`` distinct terms of the pool; a ``(low, high)`` k is drawn first."""

    pool: Pool
    k: int | tuple[int, int]


@dataclass(frozen=True)
class Shuffled:
    """Every term of the pool, in shuffled order."""

    pool: Pool


@dataclass(frozen=True)
class Every:
    """Every term of the pool, in order (no draw)."""

    pool: Pool


@dataclass(frozen=True)
class Number:
    """A whole number from ``low`` to ``high``, added to the value ``above`` when given."""

    low: int
    high: int
    above: str | None = None


@dataclass(frozen=True)
class Phrase:
    """One of several phrases."""

    options: tuple[str, ...]


@dataclass(frozen=True)
class Lookup:
    """A phrase looked up by the name of the term drawn as ``key`` (no draw)."""

    key: str
    table: dict[str, str] = field(hash=False)
    default: str = ""


Draw = Pick | Sample | Shuffled | Every | Number | Phrase | Lookup


@dataclass(frozen=True, kw_only=True)
class ClaimRow:
    """One kind of background claim."""

    kind: str
    draws: dict[str, Draw] = field(default_factory=dict, hash=False)
    subject: tuple[str, ...] = ("CalcinosisCutis",)
    object: tuple[str, ...] = ()
    value: dict[str, Any] | None = field(default=None, hash=False)
    sentences: tuple[str, ...]
    summary: str


_MECHANISMS = {
    "DystrophicCalcinosisCutis": "calcium settles in tissue that is already damaged while blood levels stay normal",
    "MetastaticCalcinosisCutis": "high blood calcium or phosphate pushes salts out into healthy tissue",
    "IatrogenicCalcinosisCutis": "a treatment such as a leaking calcium infusion leaves salts behind in the skin",
    "IdiopathicCalcinosisCutis": "deposits appear without tissue injury or a disturbed mineral balance",
    "Calciphylaxis": "calcified small vessels starve the overlying skin of blood",
}
_PERCENT_RANGE = {"low": "$low", "high": "$high", "unit": "percent"}

CLAIMS: tuple[ClaimRow, ...] = (
    ClaimRow(
        kind="classification",
        draws={"types": Shuffled(("@subtype",))},
        object=("$types",),
        sentences=("Most authors sort calcinosis cutis into {types.count} groups: {types.labels}.",),
        summary="Calcinosis cutis has {types.count} recognised subtypes.",
    ),
    ClaimRow(
        kind="prevalence",
        draws={"low": Number(5, 30), "high": Number(5, 30, above="low"), "disease": Pick(("@autoimmune",))},
        object=("$disease",),
        value=_PERCENT_RANGE,
        sentences=("Deposits form at some point in roughly {low} to {high} percent of people living with {disease.label}.",),
        summary="{low}-{high}% of patients with {disease.label} develop calcinosis.",
    ),
    ClaimRow(
        kind="prevalence",
        draws={"sub": Pick(("@subtype",)), "share": Number(10, 70)},
        subject=("$sub",),
        value={"value": "$share", "unit": "percent"},
        sentences=("Among published series, {sub.label} makes up close to {share} percent of all cases.",),
        summary="{sub.label} is about {share}% of reported cases.",
    ),
    ClaimRow(
        kind="site_distribution",
        draws={"site": Pick(("@skin_site",)), "share": Number(15, 80)},
        object=("$site",),
        value={"value": "$share", "unit": "percent"},
        sentences=("The {site.label} is involved in about {share} percent of reported patients.",),
        summary="About {share}% of cases involve the {site.label}.",
    ),
    ClaimRow(
        kind="site_distribution",
        draws={"sites": Sample(("@skin_site",), 2), "sub": Pick(("@subtype",))},
        subject=("$sub",),
        object=("$sites",),
        sentences=("In {sub.label}, lesions favour the {sites[0].label} and the {sites[1].label}.",),
        summary="{sub.label} favours the {sites[0].label} and {sites[1].label}.",
    ),
    ClaimRow(
        kind="association",
        draws={"sub": Pick(("@subtype",)), "conds": Sample(("@autoimmune", "@renal"), 2)},
        subject=("$sub",),
        object=("$conds",),
        sentences=("{sub.label} is repeatedly described together with {conds.labels}.",),
        summary="{sub.label} is linked with {conds.labels}.",
    ),
    ClaimRow(
        kind="association",
        object=("AutoimmuneConnectiveTissueDisease", "KidneyDisease"),
        sentences=(
            "Connective tissue disease and kidney disease are the two settings where calcinosis turns up most.",
            "Calcinosis is seen above all in autoimmune connective tissue disorders and in impaired kidney function.",
        ),
        summary="Calcinosis is tied to autoimmune and kidney disease.",
    ),
    ClaimRow(
        kind="risk_factor",
        draws={"disease": Pick(("@autoimmune",))},
        object=("$disease",),
        sentences=(
            "The longer {disease.label} has lasted, the higher the chance of calcinosis.",
            "A long course of {disease.label} increases the likelihood of calcified deposits.",
        ),
        summary="Longer {disease.label} raises calcinosis risk.",
    ),
    ClaimRow(
        kind="risk_factor",
        draws={"cond": Pick(("@mineral",)), "sub": Pick(("@subtype",), only=("MetastaticCalcinosisCutis", "Calciphylaxis"))},
        subject=("$sub",),
        object=("$cond",),
        sentences=("A raised calcium-phosphate product, as in {cond.label}, drives {sub.label}.",),
        summary="{cond.label} predisposes to {sub.label}.",
    ),
    ClaimRow(
        kind="diagnosis",
        draws={"sub": Pick(("@subtype",))},
        subject=("$sub",),
        object=("SerumCalciumTest", "SerumPhosphorusTest"),
        sentences=(
            "Serum calcium and phosphate help separate {sub.label} from the other forms.",
            "Checking blood calcium and phosphate is part of the work-up when {sub.label} is suspected.",
        ),
        summary="Calcium and phosphate levels help identify {sub.label}.",
    ),
    ClaimRow(
        kind="diagnosis",
        object=("PhysicalExamination", "ImagingProcedure"),
        sentences=(
            "A careful examination often suggests the diagnosis, which imaging then confirms.",
            "Firm nodules felt on examination raise the suspicion, and a scan settles it.",
        ),
        summary="Examination suggests calcinosis; imaging confirms it.",
    ),
    ClaimRow(
        kind="imaging",
        draws={
            "test": Pick(("Radiograph", "ComputedTomography", "Ultrasound", "MagneticResonanceImaging")),
            "quality": Phrase(
                (
                    "is cheap and widely available",
                    "shows the extent of deep deposits well",
                    "maps deposits before surgery",
                    "can follow the size of deposits over time",
                )
            ),
        },
        object=("$test",),
        sentences=("For calcinosis, {test.label} {quality}.",),
        summary="{test.label} {quality}.",
    ),
    ClaimRow(
        kind="treatment_option",
        draws={"drugs": Sample(("@calcinosis_drug",), (2, 4)), "sub": Pick(("CalcinosisCutis", "@subtype"))},
        subject=("$sub",),
        object=("$drugs",),
        sentences=("Drugs tried for {sub.label} include {drugs.labels}.",),
        summary="Drug options for {sub.label}: {drugs.labels}.",
    ),
    ClaimRow(
        kind="treatment_option",
        draws={"procs": Every(("@alternative", "SurgicalExcision"))},
        object=("$procs",),
        sentences=("Non-drug options are {procs.labels}.",),
        summary="Non-drug treatments include lithotripsy, laser and excision.",
    ),
    ClaimRow(
        kind="treatment_option",
        sentences=(
            "No therapy has yet proven itself in controlled trials.",
            "There is still no agreed first-line treatment.",
            "Guidelines for therapy do not exist so far.",
        ),
        summary="There is no standard treatment.",
    ),
    ClaimRow(
        kind="treatment_efficacy",
        draws={"n": Number(6, 90), "share": Number(40, 95)},
        object=("SurgicalExcision",),
        value={"value": "$share", "unit": "percent"},
        sentences=("In one series of {n} operated patients, {share} percent were free of deposits afterwards.",),
        summary="Excision cleared deposits in {share}% of a surgical series.",
    ),
    ClaimRow(
        kind="treatment_efficacy",
        draws={"drug": Pick(("@calcinosis_drug",)), "n": Number(3, 60)},
        object=("$drug",),
        value={"value": "$n", "unit": "patients"},
        sentences=("Benefit from {drug.label} has been reported in a group of {n} patients, though without controls.",),
        summary="{drug.label} helped in an uncontrolled group of {n}.",
    ),
    ClaimRow(
        kind="treatment_efficacy",
        draws={"drug": Pick(("@calcinosis_drug",)), "low": Number(10, 50), "high": Number(5, 40, above="low")},
        object=("$drug",),
        value=_PERCENT_RANGE,
        sentences=("Response rates to {drug.label} range between {low} and {high} percent across small studies.",),
        summary="{drug.label} response {low}-{high}%.",
    ),
    ClaimRow(
        kind="pathophysiology",
        draws={"sub": Pick(("@subtype",)), "mechanism": Lookup("sub", _MECHANISMS, "mineral salts build up in the tissue")},
        subject=("$sub",),
        sentences=("In {sub.label}, {mechanism}.",),
        summary="Mechanism of {sub.label}.",
    ),
    ClaimRow(
        kind="pathophysiology",
        object=("Skin", "SubcutaneousTissue"),
        sentences=(
            "The condition consists of insoluble calcium salts lying in the dermis and the fat beneath it.",
            "Calcium salts that cannot dissolve collect in the dermis and the subcutis.",
        ),
        summary="Calcium salts deposit in skin and subcutis.",
    ),
    ClaimRow(
        kind="natural_history",
        draws={"years": Number(2, 20)},
        object=("SubcutaneousNodule",),
        value={"value": "$years", "unit": "year"},
        sentences=("Nodules may grow slowly for {years} years or more before they cause trouble.",),
        summary="Deposits can grow over {years} years or longer.",
    ),
    ClaimRow(
        kind="natural_history",
        sentences=("Small deposits occasionally shrink on their own.", "Some lesions soften and discharge by themselves over months."),
        summary="Deposits sometimes regress spontaneously.",
    ),
    ClaimRow(
        kind="complication",
        draws={"items": Sample(("Pain", "SkinUlcer", "Infection", "ReducedMobility"), (2, 4))},
        object=("$items",),
        sentences=("Although benign, the deposits can lead to {items.labels}.",),
        summary="Calcinosis can cause {items.labels}.",
    ),
)
"""Every kind of background claim, in the order the generator shuffles them from."""
