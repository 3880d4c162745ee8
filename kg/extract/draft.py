"""One draft, start to finish: mask, divide, match, find patient sentences, propose facts, write the record."""

from __future__ import annotations

from typing import Any

from .facts import Draft, collect_facts, finish_facts
from .headings import heading_of
from .markup import mask_markup
from .mentions import Mention
from .patient import patient_sentences
from .pipeline import Pipeline
from .record import build_record
from .sections import find_sections
from .sites import attach_sites, prune_calcinosis_sites
from .specialize import specialize
from .subtype import set_sizes, set_subtype
from .termview import TermView
from .text import Sentence

__all__ = ["draft_record"]

_NO_EVIDENCE = ("references", "citation", "declarations")
_NOT_READ = ("references", "citation")


def _fallback(draft: Draft) -> None:
    """With no patient fact, propose calcinosis (or the first condition) where the report names it, for review."""
    usable = [m for m in draft.mentions if draft.section(m.start) not in _NO_EVIDENCE and m.status != "absent"]
    first: Mention | None = next((m for m in usable if draft.is_calcinosis(m)), None)
    if first is not None:
        fact = draft.calcinosis_fact("fallback: calcinosis named in the report, no patient sentence found", first)
        fact.confidence = 0.2
        return
    first = next((m for m in usable if m.branch == "Condition" and m.term not in draft.view.generic), None)
    if first is not None:
        fact = draft.add(
            ("dx", first.term, first.status),
            "diagnosis",
            first.term,
            first.status,
            "fallback: first condition named in the report, no patient sentence found",
            first,
        )
        fact.confidence = 0.2


def _is_heading(masked: str, sentence: Sentence) -> bool:
    """A sentence that is a whole heading line ("Imaging Findings", "Patient examination")."""
    line_start = masked.rfind("\n", 0, sentence.start) + 1
    line_end = masked.find("\n", sentence.end)
    line = masked[line_start : line_end if line_end >= 0 else len(masked)]
    if masked[line_start : sentence.start].strip() or line[sentence.end - line_start :].strip():
        return False
    heading = heading_of(line, line)
    return heading is not None and not heading.run_in


def draft_record(pipeline: Pipeline, view: TermView, text: str, report_file: str, record_id: str) -> dict[str, Any]:
    """The draft record of ``text`` (record format v1, as a plain mapping)."""
    masked = mask_markup(text)
    sections = find_sections(text, masked)
    analysis = pipeline.analyze(masked, [(s.start, s.end) for s in sections if s.name in _NOT_READ])
    sentences = [s for s, _, _ in analysis.sentences]
    headings = {s for s in sentences if _is_heading(masked, s)}
    mentions = specialize([m for m in analysis.mentions if m.sentence not in headings], masked, view)
    draft = Draft(text, masked, sections, sentences, mentions, patient_sentences(masked, sections, sentences), view)
    patient = collect_facts(draft)
    attach_sites(draft, patient)
    finish_facts(draft)
    prune_calcinosis_sites(draft)
    set_subtype(draft)
    set_sizes(draft, patient)
    if not draft.facts:
        _fallback(draft)
        if draft.facts:
            draft.notes.append("REVIEW: no patient sentence was found; the only fact is a fallback from the report's words")
    return build_record(draft, analysis.defined, report_file, record_id)
