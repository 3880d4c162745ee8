"""Infection: in most cases the deposits are infected, the patient is admitted and antibiotics begin."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.sections.history import History
from kg.synth.sections.presentation import Presentation
from kg.synth.vocab import TermChoice
from kg.synth.words import an, and_list, cap

__all__ = ["Infection", "write_infection"]


@dataclass(frozen=True)
class Infection:
    """The infection and its first treatment; the operation's culture decides the second antibiotic."""

    infection: str
    first_antibiotic: str
    line: str
    """The venous line placed for the antibiotics (a procedure)."""
    second_antibiotic: TermChoice


def write_infection(plan: CasePlan, b: CaseBuilder, history: History, presentation: Presentation) -> Infection | None:
    """Write the admission with an infection (seven cases in ten), or nothing."""
    if b.rng.random() > 0.7:
        return None
    cond = b.pick(b.vocabulary["infection"])
    infection = b.fact("dx", cond, "diagnosis", condition=cond.name, status="present", category="complication", sites=[plan.main_site.entry])
    complications = [infection]
    if b.rng.random() < 0.4 and not any(c.name == "Sepsis" for _, c in presentation.suspected):
        sepsis = b.vocabulary["sepsis"][0]
        complications.append(b.fact("dx", sepsis, "diagnosis", condition=sepsis.name, status="present", category="complication"))
    admitted = b.fact("out", None, "outcome", outcome="admitted", of=complications)
    b.say(
        f"{cap(plan.patient.she)} was admitted with {and_list([b.label_of(x) for x in complications])} at the {plan.main_site.words}.",
        admitted,
        *complications,
    )
    if history.immunosuppressant:
        held = b.get(history.immunosuppressant)
        held["status"] = "held"
        held["reason"] = [infection]
        b.say(f"The {b.label_of(history.immunosuppressant)} was paused because of the infection.", history.immunosuppressant)
    first, second = b.sample(b.vocabulary["antibiotic"], 2)
    antibiotic = b.fact("drug", first, "drug", drug=first.name, status="switched", route="intravenous", indication=[infection])
    b.say(f"Empirical intravenous {first.label} was begun.", antibiotic)
    term = b.pick(b.vocabulary["line"])
    line = b.fact("proc", term, "procedure", procedure=term.name, status="performed", indication=[antibiotic])
    b.say(f"{cap(an(term.label))} secured venous access for the antibiotics.", line)
    return Infection(infection, antibiotic, line, second)
