"""Every draft of the real-report corpus is well formed and loads with the record reader.

Both corpus parts are drafted: these tests check the shape of the output
(offsets, sections, the record format), not its content, and compute no
score, so the part held back from tuning takes part too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.errors import KGError
from kg.extract import read_report
from kg.extract.ids import record_id_for
from kg.records.reader import read_record
from kg.records.yamlio import dump_record

from ..extract_support import corpus_reports, draft, terms


def _spans(node: Any) -> list[tuple[str | None, list[int]]]:
    """Every (section, span) under ``node``: evidence spans and the title span."""
    found: list[tuple[str | None, list[int]]] = []
    if isinstance(node, dict):
        if isinstance(node.get("span"), list):
            found.append((node.get("section"), node["span"]))
        for key, value in node.items():
            if key != "span":
                found.extend(_spans(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_spans(value))
    return found


def span_problems(data: dict[str, Any], length: int) -> list[str]:
    """What is wrong with the offsets of a draft: sections that do not tile the text, spans outside it or their section."""
    problems = []
    sections = [(s["name"], s["span"]) for s in data["sections"]]
    position = 0
    for name, (start, end) in sections:
        if start != position or not start < end:
            problems.append(f"{data['id']}: section {name} {[start, end]} does not follow on at {position}")
        position = end
    if position != length:
        problems.append(f"{data['id']}: sections end at {position}, the text at {length}")
    bounds = dict(sections)
    for section, span in _spans({k: v for k, v in data.items() if k != "sections"}):
        start, end = span
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            problems.append(f"{data['id']}: span {span} is not 0 <= start < end <= {length}")
        elif section is not None and not (section in bounds and bounds[section][0] <= start and end <= bounds[section][1]):
            problems.append(f"{data['id']}: span {span} is not inside section {section} {bounds.get(section)}")
    return problems


@pytest.mark.parametrize("part", ["tune", "holdout"])
def test_every_corpus_draft_has_well_formed_spans_and_loads(part: str, tmp_path: Path) -> None:
    reports = corpus_reports(part)
    assert reports, f"no reports in the {part} part of the corpus"
    problems: list[str] = []
    for report in reports:
        data = draft(report, record_id_for(report.stem))
        problems += span_problems(data, len(read_report(report)))
        path = tmp_path / f"{data['id']}.yaml"
        path.write_text(dump_record(data), encoding="utf-8")
        try:
            read_record(path, terms())
        except KGError as exc:
            problems.append(f"{data['id']}: the record reader refuses the draft: {str(exc).splitlines()[0]}")
    assert not problems, "\n".join(problems)


def test_the_span_check_finds_bad_spans() -> None:
    data = {
        "id": "x",
        "sections": [{"name": "front_matter", "span": [0, 10]}, {"name": "case", "span": [10, 50]}],
        "patient": {"age": {"value": 3, "evidence": [{"section": "case", "span": [20, 19]}]}},
        "facts": [{"evidence": [{"section": "case", "span": [5, 12]}, {"section": "case", "span": [40, 60]}]}],
    }
    problems = span_problems(data, 50)
    assert len(problems) == 3
    assert any("[20, 19]" in p for p in problems) and any("[5, 12]" in p for p in problems) and any("[40, 60]" in p for p in problems)
