"""Work-up: laboratory tests, the tests that rule the suspected diagnoses out, imaging and organ screening."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.sections.presentation import Presentation
from kg.synth.words import an, cap

__all__ = ["Workup", "write_workup"]

RULE_OUT: dict[str, tuple[str, str]] = {
    "DeepVeinThrombosis": ("DuplexUltrasound", "venous"),
    "ArterialOcclusion": ("DopplerUltrasound", "arterial"),
    "Osteomyelitis": ("MagneticResonanceImaging", ""),
    "Fracture": ("Radiograph", ""),
    "JointDislocation": ("Radiograph", ""),
}
"""The test that rules each suspected diagnosis out, and the word that qualifies it."""

_LAB_VERBS = {"normal": "was within the reference range", "elevated": "came back raised", "abnormal": "was abnormal", "decreased": "was low"}


@dataclass(frozen=True)
class Workup:
    """Facts of the work-up that later sections refer to."""

    imaging: tuple[str, ...]
    """Imaging studies that showed the deposits."""
    comorbid: tuple[str, ...]
    """Conditions the work-up found (heart valve, lung)."""


def write_workup(plan: CasePlan, b: CaseBuilder, presentation: Presentation) -> Workup:
    """Write the work-up paragraphs of the case section."""
    _labs(plan, b)
    b.paragraph()
    ruled_out = _rule_out(plan, b, presentation)
    if presentation.anticoagulant:
        b.get(presentation.anticoagulant)["reason"] = list(ruled_out)
        b.say(f"The {b.label_of(presentation.anticoagulant)} was then stopped.", presentation.anticoagulant)
    imaging = _imaging(plan, b)
    comorbid = [fid for fid in (_heart(plan, b), _lungs(plan, b)) if fid]
    b.paragraph()
    return Workup(imaging, tuple(comorbid))


def _labs(plan: CasePlan, b: CaseBuilder) -> None:
    """Four to six laboratory tests; calcium and phosphate run high in metastatic calcinosis and calciphylaxis."""
    mineral_high = plan.subtype.name in ("MetastaticCalcinosisCutis", "Calciphylaxis")
    for test in b.sample(b.vocabulary["lab"], b.rng.randint(4, 6)):
        if test.name in ("SerumCalciumTest", "SerumPhosphorusTest"):
            result = "elevated" if mineral_high and b.rng.random() < 0.7 else "normal"
        else:
            result = b.pick(("normal", "normal", "elevated", "abnormal" if test.name == "CompleteBloodCount" else "decreased"))
        fid = b.fact("test", test, "test", test=test.name, result=result)
        b.say(b.pick((f"The {test.label} {_LAB_VERBS[result]}.", f"A {test.label} {_LAB_VERBS[result]}.")), fid)
        if test.name == "CompleteBloodCount" and result == "abnormal" and "Anemia" not in b.used:
            anemia = next((c for c in b.vocabulary["comorbidity"] if c.name == "Anemia"), None)
            if anemia:
                found = b.fact("find", anemia, "finding", finding="Anemia", status="present", found_by=[fid])
                b.say("The blood count showed anaemia.", found)


def _rule_out(plan: CasePlan, b: CaseBuilder, presentation: Presentation) -> list[str]:
    """A test for each suspected diagnosis, which it rules out; the absent diagnoses' ids."""
    ruled_out = []
    site = plan.main_site
    for _, cond in presentation.suspected:
        test = b.vocabulary.term(RULE_OUT[cond.name][0])
        kind = RULE_OUT[cond.name][1]
        tid = b.fact("img", test, "test", test=test.name, result="negative" if kind else "normal", sites=[site.entry])
        absent = b.fact("dx", cond, "diagnosis", condition=cond.name, status="absent", found_by=[tid])
        b.say(
            b.pick(
                (
                    f"{cap(an(((kind + ' ') if kind else '') + test.label))} of the {site.words} ruled out {cond.label}.",
                    f"{cap(cond.label)} was excluded by {an(test.label)} of the {site.words}.",
                )
            ),
            tid,
            absent,
        )
        ruled_out.append(absent)
        if cond.name == "ArterialOcclusion":
            pulse = b.vocabulary["pulse"][0]
            artery = b.pick(b.vocabulary["artery"])
            found = b.fact("find", pulse, "finding", finding=pulse.name, status="present", sites=[{"site": artery.name}], found_by=[tid])
            b.say(f"Flow signals were clear in the {artery.label}.", found)
    return ruled_out


def _imaging(plan: CasePlan, b: CaseBuilder) -> tuple[str, ...]:
    """Two or three imaging studies, each showing calcified material at a site."""
    imaging = []
    for test in b.sample(b.vocabulary["imaging"], b.rng.randint(2, 3)):
        site = plan.sites[b.rng.randrange(len(plan.sites))]
        tid = b.fact("img", test, "test", test=test.name, result="abnormal", sites=[site.entry])
        look = b.pick(("dense", "amorphous", "lobulated", "sheet-like", "punctate"))
        calc = b.fact(
            "find",
            b.vocabulary["calcification"][0],
            "finding",
            finding="SoftTissueCalcification",
            status="present",
            sites=[site.entry],
            qualifiers=[look],
            found_by=[tid],
        )
        b.say(
            b.pick(
                (
                    f"{cap(an(test.label))} of the {site.words} showed {look} calcified material in the soft tissue.",
                    f"On {test.label}, the {site.words} held {look} deposits of calcium density.",
                )
            ),
            tid,
            calc,
        )
        imaging.append(tid)
    return tuple(imaging)


def _heart(plan: CasePlan, b: CaseBuilder) -> str | None:
    """In some cases with a systemic driver, echocardiography finds a mild valve disease."""
    if not (plan.systemic_driver and b.rng.random() < 0.5):
        return None
    echo = b.vocabulary.term("Echocardiography")
    valve = b.pick(b.vocabulary["valve"])
    if valve.name in b.used:
        return None
    e = b.fact("img", echo, "test", test=echo.name, result="abnormal")
    dx = b.fact("dx", valve, "diagnosis", condition=valve.name, status="present", category="comorbidity", severity="mild", found_by=[e])
    b.say(f"Echocardiography showed mild {valve.label}.", e, dx)
    return dx


def _lungs(plan: CasePlan, b: CaseBuilder) -> str | None:
    """In some cases with a systemic driver, chest imaging and lung function show interstitial lung disease."""
    if not (plan.systemic_driver and b.rng.random() < 0.5):
        return None
    hrct = b.vocabulary.term("HighResolutionComputedTomography")
    spiro = b.vocabulary.term(b.pick(("Spirometry", "PulmonaryFunctionTest")))
    ild = b.vocabulary["lung"][0]
    if ild.name in b.used:
        return None
    h = b.fact("img", hrct, "test", test=hrct.name, result="abnormal", sites=[{"site": "Lung", "laterality": "bilateral"}])
    s = b.fact("test", spiro, "test", test=spiro.name, result="abnormal")
    dx = b.fact("dx", ild, "diagnosis", condition=ild.name, status="present", category="comorbidity", found_by=[h, s])
    b.say(f"Chest {hrct.label} and {spiro.label} pointed to {ild.label}.", h, s, dx)
    return dx
