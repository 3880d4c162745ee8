"""Which sentences speak of the patient: every sentence of the case, and patient sentences found by content elsewhere.

- Case section and figure legends: every sentence.
- Abstract, introduction, discussion and conclusion: a sentence under a
  run-in case label ("Case summary:", "Observation:", "Outcome:"); a sentence
  that names the patient (an age, "the patient", "we present", a pronoun;
  see :mod:`.cues`) unless it lists what the patient did not receive; and,
  within the same paragraph after such a sentence, a sentence that continues
  the story in the past tense without the marks of a general statement
  ("Histology established calciphylaxis.", "A parathyroidectomy was then
  carried out."). Under a run-in background or conclusion label only
  sentences that name the patient count.
- Front matter, keywords, declarations, references: none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .cues import NOT_RECEIVED, is_narrative, is_patient_sentence
from .sections import Block, SectionSpan, blocks, section_at
from .text import Sentence

__all__ = ["patient_sentences", "PATIENT_SECTIONS", "BACKGROUND_SECTIONS"]

PATIENT_SECTIONS = frozenset({"case", "figure_legends"})
BACKGROUND_SECTIONS = frozenset({"abstract", "introduction", "discussion", "conclusion"})


def _blocks(masked: str, sections: Sequence[SectionSpan]) -> list[Block]:
    out: list[Block] = []
    for section in sections:
        if section.name in BACKGROUND_SECTIONS:
            out.extend(blocks(masked, section.start, section.end))
    return out


def patient_sentences(masked: str, sections: Sequence[SectionSpan], sentences: Sequence[Sentence]) -> dict[Sentence, bool]:
    """For each sentence, whether it speaks of the patient."""
    paragraphs = _blocks(masked, sections)
    starts = [b.start for b in paragraphs]
    told: set[int] = set()  # paragraphs in which the patient has been named
    out: dict[Sentence, bool] = {}
    for sentence in sentences:
        section = section_at(list(sections), sentence.start)
        name = section.name if section else "front_matter"
        if name in PATIENT_SECTIONS:
            out[sentence] = True
            continue
        if name not in BACKGROUND_SECTIONS:
            out[sentence] = False
            continue
        index = bisect_right(starts, sentence.start) - 1
        block = paragraphs[index] if index >= 0 and sentence.start < paragraphs[index].end else None
        text = masked[sentence.start : sentence.end]
        if block is not None and block.label == "case":
            out[sentence] = not NOT_RECEIVED.search(text)
        elif is_patient_sentence(text):
            out[sentence] = True
            told.add(index)
        else:
            continues = block is not None and block.label is None and index in told
            out[sentence] = continues and is_narrative(text)
    return out
