"""Outcomes: discharge, the review months later and its result; decides the size the abstract prints."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder, offset
from kg.synth.plan import CasePlan
from kg.synth.words import cap

__all__ = ["Outcome", "write_outcomes"]

_DESTINATIONS = {"home": "home", "inpatient_rehabilitation": "an inpatient rehabilitation unit", "outpatient_follow_up": "outpatient care"}
_RESULTS = {
    "improved": "The treated area had improved.",
    "stable": "The remaining deposits were stable.",
    "resolved": "No deposits could be felt at the treated site.",
    "recurrence": "New hard nodules had appeared near the scar.",
}


@dataclass(frozen=True)
class Outcome:
    """How the case ended, and the (mismatched) size the abstract prints, if any."""

    result: str
    abstract_size: tuple[float, ...] | None


def write_outcomes(plan: CasePlan, b: CaseBuilder, dx: str, anchor: str, closure: str) -> Outcome:
    """Write discharge and review; place the plan's size mismatch (or any issue not placed so far)."""
    _discharge(plan, b, dx, closure)
    months = b.rng.randint(2, 18)
    result = b.pick(("improved", "stable", "resolved", "recurrence"))
    review = b.fact("out", None, "outcome", outcome="follow_up", of=[dx], timing=offset(months, "month", anchor))
    b.say(f"{cap(plan.patient.her)} review took place {months} months after the first operation.", review)
    fid = b.fact("out", None, "outcome", outcome=result, of=[dx], timing=offset(months, "month", anchor))
    b.say(_RESULTS[result], fid)
    abstract_size = None
    if "size_mismatch" in b.issues or not any("source_issue" in f for f in b.facts):
        b.issues.discard("size_mismatch")
        abstract_size = tuple(d + 1 for d in plan.size)
        b.annotate(
            dx, "inconsistent_value", "The abstract and the case text give different sizes for the largest deposit; the case text is recorded."
        )
    b.paragraph()
    return Outcome(result, abstract_size)


def _discharge(plan: CasePlan, b: CaseBuilder, dx: str, closure: str) -> None:
    """Discharge a few days after closure; the plan's destination mismatch goes here."""
    destination = b.pick(("home", "home", "inpatient_rehabilitation", "outpatient_follow_up"))
    stay = b.rng.randint(1, 5)
    fid = b.fact("out", None, "outcome", outcome="discharged", destination=destination, of=[dx], timing=offset(stay, "day", closure))
    words = _DESTINATIONS[destination]
    if "destination_mismatch" in b.issues and destination != "outpatient_follow_up":
        b.issues.discard("destination_mismatch")
        b.say(f"{stay} days after the closure {plan.patient.she} was fit for clinic follow-up and was discharged to {words}.", fid)
        b.annotate(fid, "inconsistent_value", "The sentence says clinic follow-up and names another destination; both kept as printed.")
    else:
        b.say(f"{cap(plan.patient.she)} went {'to ' if destination != 'home' else ''}{words} {stay} days after the closure.", fid)
