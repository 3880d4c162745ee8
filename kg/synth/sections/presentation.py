"""Presentation: examination, signs present and absent, serology and the first suspected diagnoses."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.vocab import TermChoice
from kg.synth.words import and_list, cap

__all__ = ["Presentation", "write_presentation"]

_MAY_DRAIN = {"PurulentDischarge", "WoundDrainage", "Fluctuance", "SubcutaneousCrepitus"}
"""Signs a sentence about intact, dry skin can state by mistake (a dropped negation)."""


@dataclass(frozen=True)
class Presentation:
    """Facts of the presentation that later sections refer to."""

    exam: str
    suspected: tuple[tuple[str, TermChoice], ...]
    """Possible diagnoses (fact id and condition) that the work-up rules out."""
    anticoagulant: str | None
    """The anticoagulant started while a vascular cause was suspected."""


def write_presentation(plan: CasePlan, b: CaseBuilder) -> Presentation:
    """Write the examination paragraph and the suspected diagnoses."""
    exam = _exam_and_vitals(plan, b)
    negated = b.rng.randint(2, 4)
    ruled_out = b.rng.randint(1, min(2, negated))
    absent_signs = b.sample(b.vocabulary["absent_sign"], negated - ruled_out)
    b.used.update(c.name for c in absent_signs)
    _signs(plan, b, exam)
    _nodules(plan, b, exam)
    _absent_signs(b, exam, absent_signs)
    _serology(plan, b)
    b.paragraph()
    suspected = _suspected(b, ruled_out)
    return Presentation(exam, suspected, _anticoagulant(b, suspected))


def _exam_and_vitals(plan: CasePlan, b: CaseBuilder) -> str:
    exam_term = b.vocabulary.term("PhysicalExamination")
    exam = b.fact("test", exam_term, "test", test="PhysicalExamination", result="abnormal")
    b.say(b.pick(("On examination the affected area was clearly abnormal.", "The physical examination revealed several abnormal signs.")), exam)
    vitals = b.fact("test", exam_term, "test", test="PhysicalExamination", result="normal")
    stable = b.fact("find", b.vocabulary["stable"][0], "finding", finding="HemodynamicStability", status="present", found_by=[vitals])
    b.say(
        b.pick(
            (
                "Vital signs were normal and the circulation was stable.",
                f"{cap(plan.patient.she)} had normal vital signs and was haemodynamically stable.",
            )
        ),
        vitals,
        stable,
    )
    return exam


def _signs(plan: CasePlan, b: CaseBuilder, exam: str) -> None:
    """Five to eight signs at the sites; the plan's missing negation goes on the first sign that fits it."""
    for sign in b.unused("sign", b.rng.randint(5, 8)):
        site = plan.sites[b.rng.randrange(len(plan.sites))]
        qualifier = b.pick(("mild", "marked", "tender", "firm", "localized", "diffuse", "scant"))
        fid = b.fact("find", sign, "finding", finding=sign.name, status="present", sites=[site.entry], qualifiers=[qualifier], found_by=[exam])
        if "missing_negation" in b.issues and sign.name in _MAY_DRAIN:
            b.issues.discard("missing_negation")
            b.say(f"The skin over the {site.words} was intact and dry, with {qualifier} {sign.label} at the margin.", fid)
            b.annotate(
                fid,
                "missing_negation",
                "Stated as present in a sentence that otherwise describes intact, dry skin; a dropped negation is likely. Kept as printed.",
            )
        else:
            b.say(
                b.pick(
                    (
                        f"There was {qualifier} {sign.label} over the {site.words}.",
                        f"{cap(qualifier)} {sign.label} was found at the {site.words}.",
                        f"The {site.words} showed {qualifier} {sign.label}.",
                    )
                ),
                fid,
            )


def _nodules(plan: CasePlan, b: CaseBuilder, exam: str) -> None:
    nodule = b.vocabulary.term("SubcutaneousNodule")
    colour = b.pick(("white", "chalky", "yellowish", "gritty"))
    fid = b.fact(
        "find",
        nodule,
        "finding",
        finding=nodule.name,
        status="present",
        sites=[s.entry for s in plan.sites],
        qualifiers=["hard", colour],
        found_by=[exam],
    )
    b.say(f"Hard {colour} nodules could be felt under the skin of the {and_list([s.words for s in plan.sites])}.", fid)


def _absent_signs(b: CaseBuilder, exam: str, signs: list[TermChoice]) -> None:
    for sign in signs:
        fid = b.fact("find", sign, "finding", finding=sign.name, status="absent", found_by=[exam])
        b.say(b.pick((f"No {sign.label} was present.", f"There was no {sign.label}.", f"{cap(sign.label)} was absent.")), fid)


def _serology(plan: CasePlan, b: CaseBuilder) -> None:
    """An antibody result of earlier serology, in most cases with a systemic driver."""
    if not (plan.systemic_driver and b.rng.random() < 0.6):
        return
    antibody = b.pick(b.vocabulary["antibody"])
    fid = b.fact("find", antibody, "finding", finding=antibody.name, status="present", timing={"date": str(plan.pub_year - b.rng.randint(1, 8))})
    b.say(f"Earlier serology had been reported as {antibody.label}.", fid)


def _suspected(b: CaseBuilder, count: int) -> tuple[tuple[str, TermChoice], ...]:
    suspected = []
    for cond in b.unused("suspected", count):
        fid = b.fact("dx", cond, "diagnosis", condition=cond.name, status="possible", category="suspected")
        suspected.append((fid, cond))
    if suspected:
        b.say(
            b.pick(("The admitting team first considered {x}.", "Initial concerns were {x}.", "The first working diagnoses included {x}.")).format(
                x=and_list([c.label for _, c in suspected])
            ),
            *[fid for fid, _ in suspected],
        )
    return tuple(suspected)


def _anticoagulant(b: CaseBuilder, suspected: tuple[tuple[str, TermChoice], ...]) -> str | None:
    """An anticoagulant while a clot or an occluded artery is suspected."""
    vascular = [fid for fid, c in suspected if c.name in ("DeepVeinThrombosis", "ArterialOcclusion")]
    if not vascular:
        return None
    drug = b.pick(b.vocabulary["anticoagulant"])
    fid = b.fact("drug", drug, "drug", drug=drug.name, status="stopped", route=b.pick(("intravenous", "subcutaneous")), indication=vascular)
    b.say(f"{cap(drug.label)} was started while the vessels were assessed.", fid)
    return fid
