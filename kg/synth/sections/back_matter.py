"""Back matter: figure legends, declarations and the reference list."""

from __future__ import annotations

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.text import Draft
from kg.synth.words import cap

__all__ = ["write_figures", "write_declarations", "write_references"]


def write_figures(b: CaseBuilder, imaging: tuple[str, ...], closure: str) -> None:
    """Two figure legends in half of the cases: the first imaging study and the closed wound."""
    if b.rng.random() < 0.5:
        return
    tid = imaging[0]
    calc = next(f["id"] for f in b.facts if f.get("found_by") == [tid] and f["type"] == "finding")
    b.draft.say("figure_legends", f"Figure 1. {cap(b.label_of(tid))} with calcified deposits in the soft tissue.", tid, calc)
    b.draft.say("figure_legends", f"Figure 2. The wound after {b.label_of(closure)}.", closure)


def write_declarations(draft: Draft) -> None:
    """The fixed declarations."""
    draft.say("declarations", "Conflicts of interest: none declared.")
    draft.say("declarations", "Funding: none. This report is synthetic and describes no real patient.")


def write_references(plan: CasePlan, draft: Draft) -> None:
    """One line per reference, its title tagged for the record."""
    for ref in plan.references:
        head = ref.head
        part = (f"@reftitle:{ref.number}", len(head), len(head) + len(ref.title))
        draft.say("references", ref.line, f"@ref:{ref.number}", parts=(part,))
