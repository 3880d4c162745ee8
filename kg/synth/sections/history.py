"""History: the presenting complaint, the driving disease, other conditions and earlier drugs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.vocab import TermChoice
from kg.synth.words import and_list, cap

__all__ = ["History", "write_history"]


@dataclass(frozen=True)
class History:
    """Facts of the history that later sections refer to."""

    pain: str
    driver: str | None
    comorbid: tuple[str, ...]
    immunosuppressant: str | None
    """The immunosuppressant taken on admission (infection may hold it)."""
    failed: tuple[str, ...]
    """Calcinosis drugs that failed before referral."""


def write_history(plan: CasePlan, b: CaseBuilder) -> History:
    """Write the history paragraphs of the case section."""
    pain = _pain(plan, b)
    driver = _driver(plan, b)
    b.paragraph()
    comorbid = _comorbidities(plan, b, driver)
    immunosuppressant = _immunosuppressants(plan, b, driver)
    failed = _failed_drugs(plan, b)
    b.paragraph()
    return History(pain, driver, comorbid, immunosuppressant, failed)


def _pain(plan: CasePlan, b: CaseBuilder) -> str:
    qualifier = b.pick(("worsening", "constant", "throbbing", "intermittent"))
    days = b.rng.randint(2, 21)
    pain = b.fact(
        "find",
        b.vocabulary["pain"][0],
        "finding",
        finding="Pain",
        status="present",
        sites=[plan.main_site.entry],
        qualifiers=[qualifier],
        timing={"duration": {"value": days, "unit": "day"}},
    )
    patient = plan.patient
    b.say(
        f"A {patient.age}-year-old {patient.person} came to our clinic with {days} days of {qualifier} pain in the {plan.main_site.words}.",
        "@age",
        "@sex",
        pain,
    )
    return pain


def _driver(plan: CasePlan, b: CaseBuilder) -> str | None:
    """The disease behind the calcinosis, or the leaked infusion."""
    driver, patient = plan.driver, plan.patient
    if driver is None:
        return None
    if driver.name == "Extravasation":
        return _extravasation(plan, b, driver)
    years = b.rng.randint(2, 25) if patient.age > 30 else b.rng.randint(1, max(1, patient.age - 4))
    fid = b.fact(
        "dx",
        driver,
        "diagnosis",
        condition=driver.name,
        status="present",
        category="comorbidity",
        severity=b.pick((None, "moderate", "severe")),
        timing={"duration": {"value": years, "unit": "year"}},
    )
    b.say(
        b.pick(
            (
                f"{cap(driver.label)} had been diagnosed {years} years before this visit.",
                f"{cap(patient.her)} background included {driver.label}, known for {years} years.",
                f"For {years} years {patient.she} had lived with {driver.label}.",
            )
        ),
        fid,
    )
    return fid


def _extravasation(plan: CasePlan, b: CaseBuilder, driver: TermChoice) -> str:
    fid = b.fact("dx", driver, "diagnosis", condition=driver.name, status="historical", category="comorbidity", sites=[plan.main_site.entry])
    drug = b.vocabulary.term("CalciumGluconate")
    infusion = b.fact("drug", drug, "drug", drug=drug.name, status="historical", route="intravenous")
    b.say(f"Some weeks earlier, an infusion of {drug.label} into the {plan.main_site.words} had leaked into the tissue.", fid, infusion)
    return fid


def _comorbidities(plan: CasePlan, b: CaseBuilder, driver: str | None) -> tuple[str, ...]:
    """Three to nine other conditions: dated ones get a sentence each, current ones share one."""
    comorbid: list[str] = []
    grouped: list[tuple[str, str]] = []
    for cond in _comorbidity_terms(plan, b, driver):
        if b.rng.random() < 0.25:
            comorbid.append(_dated_condition(plan, b, cond))
        else:
            fid = b.fact("dx", cond, "diagnosis", condition=cond.name, status="present", category="comorbidity")
            grouped.append((fid, cond.label))
            comorbid.append(fid)
    if grouped:
        words, she, her = and_list([label for _, label in grouped]), plan.patient.she, plan.patient.her
        b.say(
            b.pick(
                (
                    f"Other known conditions were {words}.",
                    f"{cap(her)} medical history also listed {words}.",
                    f"{cap(she)} was also followed for {words}.",
                )
            ),
            *[fid for fid, _ in grouped],
        )
    return tuple(comorbid)


def _comorbidity_terms(plan: CasePlan, b: CaseBuilder, driver: str | None) -> list[TermChoice]:
    terms = b.unused("comorbidity", b.rng.randint(3, 7))
    if plan.subtype.name in ("MetastaticCalcinosisCutis", "Calciphylaxis"):
        terms += b.unused("mineral", 1)
    if b.rng.random() < 0.5:
        terms += b.unused("renal", 1) if driver is None or plan.subtype.name == "DystrophicCalcinosisCutis" else []
    return terms


def _dated_condition(plan: CasePlan, b: CaseBuilder, cond: TermChoice) -> str:
    """A condition of the past with its year; the plan's implausible date goes on the first one."""
    fields: dict[str, Any] = {"condition": cond.name, "status": "historical", "category": "comorbidity"}
    year = plan.pub_year - b.rng.randint(2, min(15, max(2, plan.patient.age - 1)))
    if "implausible_date" in b.issues:
        b.issues.discard("implausible_date")
        year = plan.pub_year - plan.patient.age - b.rng.randint(2, 6)
        fid = b.fact("dx", cond, "diagnosis", **fields, timing={"date": str(year)})
        b.annotate(fid, "implausible_value", f"Dated {year} as printed, which falls before the patient was born; kept as printed.")
    else:
        fid = b.fact("dx", cond, "diagnosis", **fields, timing={"date": str(year)})
    b.say(b.pick((f"{cap(cond.label)} had been recorded in {year}.", f"In {year} {plan.patient.she} was treated for {cond.label}.")), fid)
    return fid


def _immunosuppressants(plan: CasePlan, b: CaseBuilder, driver: str | None) -> str | None:
    """The current immunosuppressant (and perhaps an earlier one) for an autoimmune driver."""
    autoimmune = {c.name for c in (*b.vocabulary["autoimmune"], *b.vocabulary["juvenile"])}
    if not (driver and plan.driver and plan.driver.name in autoimmune):
        return None
    current = None
    for n, drug in enumerate(b.unused("immunosuppressant", b.rng.randint(1, 2))):
        if n == 0:
            current = b.fact("drug", drug, "drug", drug=drug.name, status="continued", indication=[driver])
            b.say(f"{cap(plan.patient.she)} was taking {drug.label} for the {plan.driver.label}.", current)
        else:
            fid = b.fact("drug", drug, "drug", drug=drug.name, status="historical", indication=[driver])
            b.say(f"An earlier course of {drug.label} had been given for the same disease.", fid)
    return current


def _failed_drugs(plan: CasePlan, b: CaseBuilder) -> tuple[str, ...]:
    failed: list[str] = []
    for drug in b.unused("calcinosis_drug", b.rng.randint(1, 3)):
        fid = b.fact(
            "drug",
            drug,
            "drug",
            drug=drug.name,
            status="historical",
            response=b.pick(("refractory", "no_response", "partial")),
            response_for=["dx-calcinosis"],
        )
        b.say(
            b.pick(
                (
                    f"Previous treatment with {drug.label} had not stopped the deposits from growing.",
                    f"A trial of {drug.label} in the past brought little change to the lesions.",
                    f"{cap(plan.patient.her)} lesions had persisted despite {drug.label} given elsewhere.",
                )
            ),
            fid,
        )
        failed.append(fid)
    return tuple(failed)
