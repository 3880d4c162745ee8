"""Diagnosis: the calcinosis itself (the primary fact ``dx-calcinosis``) and the specialist review."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.words import and_list

__all__ = ["DX", "Diagnosis", "write_diagnosis"]

DX = "dx-calcinosis"
"""Id of the primary diagnosis (earlier sections refer to it before it is written)."""


@dataclass(frozen=True)
class Diagnosis:
    """The primary diagnosis and the consultation that opens the procedures."""

    dx: str
    consult: str


def write_diagnosis(plan: CasePlan, b: CaseBuilder, exam: str, imaging: tuple[str, ...]) -> Diagnosis:
    """State the diagnosis with its sites and size, and the specialist review."""
    severity = {"severity": b.pick(("mild", "moderate", "severe"))} if b.rng.random() < 0.5 else {}
    b.add(
        {
            "id": DX,
            "type": "diagnosis",
            "condition": "CalcinosisCutis",
            "subtype": plan.subtype.name,
            "status": "present",
            "category": "primary",
            "sites": [s.entry for s in plan.sites],
            "size": plan.size_entry,
            "found_by": [exam, *imaging],
            **severity,
        }
    )
    b.say(
        b.pick(
            (
                "Taken together, the findings fit {x} of the {s}.",
                "A diagnosis of {x} involving the {s} was made.",
                "We concluded that this was {x} affecting the {s}.",
            )
        ).format(x=plan.subtype.label, s=and_list([s.words for s in plan.sites])),
        DX,
    )
    words = " x ".join(f"{d:g}" for d in plan.size) + " cm"
    b.say(b.pick((f"The largest deposit measured {words}.", f"The biggest mass was {words} in size.")), DX)
    term = b.vocabulary.term("SpecialistConsultation")
    consult = b.fact("proc", term, "procedure", procedure=term.name, status="performed", order=1, indication=[DX])
    b.say(f"{b.pick(('Rheumatology', 'Dermatology', 'Plastic surgery', 'Nephrology'))} colleagues were asked to review the case.", consult)
    b.paragraph()
    return Diagnosis(DX, consult)
