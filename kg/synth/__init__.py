"""Synthetic corpora: case records (record format v1) with the report texts they point into.

:func:`generate_case` composes one case from ontology terms: a report text in
sections of short template sentences, and a record whose every fact, claim,
reference and bibliographic field has evidence offsets into that text (so the
sha256 and spans are real). A case depends only on the seed and its index, so
case 3 is the same in a corpus of 5 or of 1,000. :func:`write_corpus` writes
``DIR/data/<id>.yaml`` and ``DIR/reports/<id>.txt`` for ``kg build``.

Where things live: :mod:`~kg.synth.plan` (what is decided up front),
:mod:`~kg.synth.sections` (one writer per part of the report),
:mod:`~kg.synth.claims` (the background claims table), :mod:`~kg.synth.record`
(the record), :mod:`~kg.synth.text` (text layout), :mod:`~kg.synth.vocab`
(terms by role), :mod:`~kg.synth.case` (the order the writers run in) and
:mod:`~kg.synth.corpus` (files).
"""

from kg.synth.case import SynthCase, generate_case
from kg.synth.corpus import CorpusSummary, write_corpus
from kg.synth.plan import SYNTH_PREFIX, case_id

__all__ = ["SYNTH_PREFIX", "SynthCase", "CorpusSummary", "case_id", "generate_case", "write_corpus"]
