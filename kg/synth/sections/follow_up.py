"""Follow-up visits: examinations, findings and repeat tests until the case has its planned number of facts."""

from __future__ import annotations

from kg.synth.builder import CaseBuilder, offset
from kg.synth.plan import CasePlan
from kg.synth.words import cap

__all__ = ["write_follow_up"]

_REPEAT_WORDS = {"normal": "within range", "elevated": "high", "decreased": "low"}


def write_follow_up(plan: CasePlan, b: CaseBuilder, closure: str) -> None:
    """Visits every two to six weeks after closure, a paragraph each, until ``plan.target`` facts exist."""
    weeks = 0
    while len(b.facts) < plan.target:
        weeks += b.rng.randint(2, 6)
        exam = b.fact(
            "test",
            b.vocabulary.term("PhysicalExamination"),
            "test",
            test="PhysicalExamination",
            result=b.pick(("normal", "abnormal")),
            timing=offset(weeks, "week", closure),
        )
        b.say(
            b.pick(
                (
                    f"At a visit {weeks} weeks after the closure, the wound was examined again.",
                    f"{cap(plan.patient.she)} was seen in clinic in week {weeks} after the closure.",
                    f"The site was checked once more {weeks} weeks after the closure.",
                )
            ),
            exam,
        )
        for _ in range(b.rng.randint(2, 4)):
            if len(b.facts) >= plan.target:
                break
            _visit_item(plan, b, exam, weeks, closure)
        b.paragraph()


def _visit_item(plan: CasePlan, b: CaseBuilder, exam: str, weeks: int, closure: str) -> None:
    """One thing found at a visit: a new condition, a sign, a repeat laboratory test or repeat imaging."""
    choice = b.rng.random()
    site = plan.sites[b.rng.randrange(len(plan.sites))]
    spare = b.unused("comorbidity", 1)
    if choice < 0.1 and spare:
        cond = spare[0]
        fid = b.fact("dx", cond, "diagnosis", condition=cond.name, status="present", category="comorbidity", found_by=[exam])
        b.say(b.pick((f"{cap(cond.label)} was newly recognised at that visit.", f"The visit also brought a diagnosis of {cond.label}.")), fid)
    elif choice < 0.65:
        sign = b.pick(b.vocabulary["sign"])
        qualifier = b.pick(("slight", "residual", "new", "improving", "faint"))
        fid = b.fact("find", sign, "finding", finding=sign.name, status="present", sites=[site.entry], qualifiers=[qualifier], found_by=[exam])
        b.say(b.pick((f"{cap(qualifier)} {sign.label} was noted at the {site.words}.", f"The {site.words} had {qualifier} {sign.label}.")), fid)
    elif choice < 0.9:
        test = b.pick(b.vocabulary["lab"])
        result = b.pick(("normal", "normal", "elevated", "decreased"))
        fid = b.fact("test", test, "test", test=test.name, result=result, timing=offset(weeks, "week", closure))
        words = _REPEAT_WORDS[result]
        b.say(b.pick((f"A repeat {test.label} on that day was {words}.", f"The {test.label} was repeated and read {words}.")), fid)
    else:
        test = b.pick(b.vocabulary["imaging"])
        result = b.pick(("normal", "abnormal"))
        fid = b.fact("img", test, "test", test=test.name, result=result, sites=[site.entry], timing=offset(weeks, "week", closure))
        seen = "showed no new calcification" if result == "normal" else "still showed some calcified material"
        b.say(f"Follow-up {test.label} of the {site.words} {seen}.", fid)
