"""Check a record's evidence against the report text it points into."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EvidenceError
from kg.records.model import Evidence, Names, Printed, Record
from kg.records.textfile import TextFileProblem, read_utf8

__all__ = ["ReportTextFile", "read_report_text", "iter_spans", "check_evidence"]

MAX_REPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReportTextFile:
    """A report text as read from disk: its characters and its digest."""

    path: Path
    text: str
    sha256: str


def read_report_text(path: Path, record_file: str = "", record_id: str | None = None) -> ReportTextFile:
    """Read a report text as UTF-8, refusing missing, binary, empty or oversized files."""
    try:
        raw, text = read_utf8(path, MAX_REPORT_BYTES)
    except TextFileProblem as problem:
        raise EvidenceError(record_file or str(path), record_id, "report.file", f"report text {path}: {problem}") from None
    return ReportTextFile(path=path, text=text, sha256=hashlib.sha256(raw).hexdigest())


def iter_spans(record: Record) -> Iterator[tuple[str, tuple[int, int]]]:
    """Every span of a record, with the field it belongs to."""

    def spans(where: str, evidence: tuple[Evidence, ...]) -> Iterator[tuple[str, tuple[int, int]]]:
        for item in evidence:
            yield f"{where}: evidence", item.span

    for section in record.sections:
        yield f"sections[{section.name}]", section.span
    pub = record.publication
    if pub.title:
        yield "publication.title", pub.title.span
    yield from _printed("publication.authors", pub.authors)
    yield from _printed("publication.keywords", pub.keywords)
    yield from spans("publication", pub.evidence)
    for ref in record.references:
        if ref.title:
            yield f"references[{ref.number}].title", ref.title.span
        yield from _printed(f"references[{ref.number}].authors", ref.authors)
        yield from spans(f"references[{ref.number}]", ref.evidence)
    for name in ("age", "sex"):
        item = getattr(record.patient, name)
        if item is not None:
            yield from spans(f"patient.{name}", item.evidence)
    for fact in record.facts:
        yield from spans(f"fact {fact.id}", fact.evidence)
    for claim in record.claims:
        yield from spans(f"claim {claim.id}", claim.evidence)


def _printed(where: str, items: Names) -> Iterator[tuple[str, tuple[int, int]]]:
    for index, item in enumerate(items):
        if isinstance(item, Printed):
            yield f"{where}[{index}]", item.span


def check_evidence(record: Record, report: ReportTextFile, record_file: str) -> int:
    """Check the text's digest and length and every span against it; return the span count."""

    def fail(field: str, message: str) -> EvidenceError:
        return EvidenceError(record_file, record.id, field, message)

    if report.sha256 != record.report.sha256:
        raise fail("report.sha256", f"the text {report.path} has sha256 {report.sha256}, not the one the evidence refers to")
    if len(report.text) != record.report.length:
        raise fail("report.length", f"the text has {len(report.text)} characters, not {record.report.length}")
    count = 0
    for field, (start, end) in iter_spans(record):
        if not 0 <= start < end <= len(report.text):
            raise fail(field, f"span [{start}, {end}) is outside the text of {len(report.text)} characters")
        if not report.text[start:end].strip():
            raise fail(field, f"span [{start}, {end}) covers only white space")
        count += 1
    return count
