"""One synthetic case: plan it, run the section writers in order, assemble the text and make the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.synth.builder import CaseBuilder
from kg.synth.draw import case_rng
from kg.synth.plan import case_id, plan_case
from kg.synth.record import build_record
from kg.synth.sections.abstract import write_abstract
from kg.synth.sections.back_matter import write_declarations, write_figures, write_references
from kg.synth.sections.background import Story, write_background
from kg.synth.sections.diagnosis import write_diagnosis
from kg.synth.sections.follow_up import write_follow_up
from kg.synth.sections.front_matter import write_front_matter
from kg.synth.sections.history import write_history
from kg.synth.sections.infection import write_infection
from kg.synth.sections.medicines import write_medicines
from kg.synth.sections.operations import write_operations
from kg.synth.sections.outcomes import write_outcomes
from kg.synth.sections.presentation import write_presentation
from kg.synth.sections.workup import write_workup
from kg.synth.text import assemble
from kg.synth.vocab import Vocabulary

__all__ = ["SynthCase", "generate_case"]


@dataclass(frozen=True)
class SynthCase:
    """One synthetic case: its record (as YAML-ready data) and its report text."""

    id: str
    record: dict[str, Any]
    text: str

    @property
    def report_file(self) -> str:
        return f"{self.id}.txt"


def generate_case(index: int, seed: int, vocabulary: Vocabulary) -> SynthCase:
    """Compose case ``index`` of the corpus of ``seed``; the same inputs give the same case.

    The writers run in a fixed order because they share the case's random stream.
    """
    rng = case_rng(seed, index)
    plan = plan_case(case_id(index), rng, vocabulary)
    b = CaseBuilder(rng, vocabulary, set(plan.issues))
    write_front_matter(plan, b.draft)
    write_references(plan, b.draft)
    history = write_history(plan, b)
    presentation = write_presentation(plan, b)
    workup = write_workup(plan, b, presentation)
    diagnosis = write_diagnosis(plan, b, presentation.exam, workup.imaging)
    infection = write_infection(plan, b, history, presentation)
    comorbid = history.comorbid + workup.comorbid
    operations = write_operations(plan, b, diagnosis, infection, comorbid)
    write_medicines(plan, b, history.pain, diagnosis.dx, comorbid, presentation.anticoagulant, history.driver)
    outcome = write_outcomes(plan, b, diagnosis.dx, operations.anchor, operations.closure)
    write_follow_up(plan, b, operations.closure)
    write_abstract(plan, b, diagnosis.dx, operations.anchor, operations.closure, outcome)
    story = Story(diagnosis.dx, operations.anchor, history.failed, infection.infection if infection else None, operations.organisms)
    write_background(plan, b, story)
    write_figures(b, workup.imaging, operations.closure)
    write_declarations(b.draft)
    layout = assemble(b.draft)
    return SynthCase(plan.id, build_record(plan, b, layout), layout.text)
