"""Checks across cases, made as results come in: one file per case id, and one record per report text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.build.case import CaseResult
from kg.build.shacl.issues import Issue
from kg.errors import RecordError
from kg.namespaces import case_iri

__all__ = ["check_unique", "in_file_order", "shared_text_warnings"]


def check_unique(built: Iterator[CaseResult], reused: list[CaseResult]) -> Iterator[CaseResult]:
    """Pass the built cases through, refusing a case id used by two record files (naming both)."""
    seen = {case.case_id: case.file for case in reused}
    for case in built:
        other = seen.setdefault(case.case_id, case.file)
        if other != case.file:
            first, second = sorted((other, case.file))
            raise RecordError(second, case.case_id, "id", f"duplicate case id, also used by {first}")
        yield case


def in_file_order(cases: list[CaseResult], files: list[Path]) -> list[CaseResult]:
    """The cases in the order of their record files."""
    position = {str(path): index for index, path in enumerate(files)}
    return sorted(cases, key=lambda case: position[case.file])


def shared_text_warnings(cases: list[CaseResult]) -> list[Issue]:
    """A warning for each record whose report text (by digest) an earlier record already describes."""
    first: dict[str, CaseResult] = {}
    warnings = []
    for case in cases:
        if not case.text_sha256:
            continue
        earlier = first.setdefault(case.text_sha256, case)
        if earlier is not case:
            warnings.append(
                Issue(
                    severity="warning",
                    record=case.case_id,
                    item="report",
                    field="report.sha256",
                    message=f"the same report text as record {earlier.case_id}: one report curated twice counts its patient twice",
                    focus=case_iri(case.case_id),
                    value=case.text_sha256[:12],
                )
            )
    return warnings
