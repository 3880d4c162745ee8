"""Abstract: four sentences summing the case up (no draws)."""

from __future__ import annotations

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.sections.outcomes import Outcome
from kg.synth.words import an, and_list

__all__ = ["write_abstract"]

_ENDINGS = {
    "improved": "The outcome was favourable.",
    "stable": "The disease remained stable.",
    "resolved": "The treated lesions cleared.",
    "recurrence": "Some deposits came back later.",
}


def write_abstract(plan: CasePlan, b: CaseBuilder, dx: str, anchor: str, closure: str, outcome: Outcome) -> None:
    """Patient and diagnosis, size (as the abstract prints it), treatment and result."""
    say = b.draft.say
    patient = an(f"{plan.patient.age}-year-old {plan.patient.person}")
    say("abstract", f"We describe {patient} with {plan.subtype.label} of the {and_list([s.words for s in plan.sites])}.", "@age", "@sex", dx)
    dims = outcome.abstract_size or plan.size
    say("abstract", f"The largest mass measured {' x '.join(f'{x:g}' for x in dims)} cm.", dx)
    say("abstract", f"Treatment combined {b.label_of(anchor)} with {b.label_of(closure)}.", anchor, closure)
    say("abstract", _ENDINGS[outcome.result])
