"""Draft case records from report text (``kg extract``).

The pipeline is pure Python over token-tuple dicts (no spaCy model or
document is built; medspaCy is needed only for its ConText rule file):

- :mod:`.markup` masks markup without moving offsets; :mod:`.headings` and
  :mod:`.sections` divide the text, by headings of any style, else by what
  its paragraphs say (:mod:`.cues`);
- :mod:`.text` makes tokens and sentences; :mod:`.pipeline` runs, per
  sentence, the ontology pass (:mod:`.lexicon`, :mod:`.matcher`, laboratory
  :mod:`.analytes`), the standard-vocabulary pass (:mod:`.vocab`),
  abbreviations the text defines (:mod:`.abbreviations`) and ConText
  (:mod:`.context`), giving :class:`~.mentions.Mention` objects;
- :mod:`.patient` tells patient sentences from background;
  :mod:`.specialize` reads general words as curators do;
- :mod:`.facts`, :mod:`.sites`, :mod:`.subtype`, :mod:`.drugs`,
  :mod:`.sizes` and :mod:`.demographics` propose facts (:mod:`.termview`
  answers their ontology questions); :mod:`.claims` the background claims;
  :mod:`.candidates` unknown words; :mod:`.record` writes the draft;
  :mod:`.draft` runs the steps in order;
- :mod:`.evaluate` scores drafts against curated records (``kg evaluate``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.ids import record_id_for
from kg.ontology.terms import TermIndex
from kg.records.textfile import TextFileProblem, read_utf8

__all__ = ["Extractor", "read_report", "record_id_for", "MAX_REPORT_BYTES"]

MAX_REPORT_BYTES = 2 * 1024 * 1024


def read_report(path: Path) -> str:
    """The report text, refusing missing, empty, binary, non-UTF-8 or oversized files."""
    try:
        return read_utf8(path, MAX_REPORT_BYTES)[1]
    except TextFileProblem as problem:
        raise InputError(f"{path}: {problem}") from None


class Extractor:
    """The extraction pipeline for one ontology; build once, then :meth:`extract` many texts."""

    def __init__(self, terms: TermIndex | None = None) -> None:
        from .pipeline import Pipeline
        from .termview import TermView

        self.terms = terms or TermIndex.load()
        self.pipeline = Pipeline(self.terms)
        self.view = TermView(self.terms, self.pipeline.curated.generic)

    def extract(self, text: str, report_file: str, record_id: str) -> dict[str, Any]:
        """The draft record of one report text."""
        from .draft import draft_record

        return draft_record(self.pipeline, self.view, text, report_file, record_id)
