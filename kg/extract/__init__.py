"""Draft case records from report text (``kg extract``).

spaCy and medspaCy are imported only when a :class:`Extractor` is built, so the
rest of the package works without them. Modules: :mod:`.markup` (offset-keeping
markup mask), :mod:`.sections`, :mod:`.lexicon` (ontology words),
:mod:`.nlp` (the spaCy/medspaCy pipeline: target matcher, text-defined
abbreviations, ConText), :mod:`.context` (extra ConText rules),
:mod:`.demographics`, :mod:`.sizes`, :mod:`.drugs` (status and response cues),
:mod:`.candidates` (unknown terms) and :mod:`.assemble` (the record).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..terms import TermIndex
from ..textfile import TextFileProblem, read_utf8

__all__ = ["Extractor", "read_report", "record_id_for", "dump_record", "MAX_REPORT_BYTES"]

MAX_REPORT_BYTES = 2 * 1024 * 1024


def read_report(path: Path) -> str:
    """The report text, refusing missing, empty, binary, non-UTF-8 or oversized files."""
    try:
        return read_utf8(path, MAX_REPORT_BYTES)[1]
    except TextFileProblem as problem:
        raise InputError(f"{path}: {problem}") from None


def record_id_for(name: str) -> str:
    """A valid record id from a file stem (lower case, hyphens)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "draft"


class Extractor:
    """The extraction pipeline for one ontology; build once, then :meth:`extract` many texts."""

    def __init__(self, terms: TermIndex | None = None) -> None:
        from .nlp import Pipeline

        self.terms = terms or TermIndex.load()
        self.pipeline = Pipeline(self.terms)

    def extract(self, text: str, report_file: str, record_id: str) -> dict[str, Any]:
        from .assemble import assemble
        from .markup import mask_markup
        from .sections import find_sections

        masked = mask_markup(text)
        sections = find_sections(text, masked)
        mentions, sentences, defined = self.pipeline.analyze(masked)
        return assemble(text, masked, sections, mentions, sentences, defined, self.terms, self.pipeline.lexicon.generic, report_file, record_id)


def dump_record(record: dict[str, Any]) -> str:
    """YAML text of a draft record (block style, short lists inline)."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _list(dumper, data):  # type: ignore[no-untyped-def]
        flow = all(isinstance(x, (int, float)) for x in data) and len(data) <= 3
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    def _dict(dumper, data):  # type: ignore[no-untyped-def]
        flow = set(data) <= {"section", "span", "site", "laterality", "dimensions", "unit"}
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)

    _Dumper.add_representer(list, _list)
    _Dumper.add_representer(dict, _dict)
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
