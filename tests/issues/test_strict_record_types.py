"""Booleans and strings were accepted as numbers, numbers as strings: `age: {value: true}` built as age 1.

The record model is strict: a number is a YAML number (not ``true``, not
``'12'``), text is text (a journal name is not ``12345``), the format
version is exactly ``1``. Volume, issue and pages stay text as printed even
when YAML reads them as numbers. The file-level cases are in tests/bad_input/.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from kg.errors import RecordError
from kg.records.reader import parse_record

from ..conftest import FIXTURE_DATA


def _record(**changes: Any) -> dict[str, Any]:
    record = yaml.safe_load((FIXTURE_DATA / "mini-001.yaml").read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = record
        *parents, last = path.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    return record


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("patient.age.value", True, "patient.age.value"),
        ("patient.age.value", "61", "patient.age.value"),
        ("record", True, "record"),
        ("record", 1.0, "record"),
        ("publication.year", "2021", "publication.year"),
        ("publication.journal", 12345, "publication.journal"),
        ("publication.received", 20210110, "publication.received"),
        ("patient.age.evidence.0.span", ["217", 228], "patient.age.evidence[0].span[0]"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(path: str, value: Any, field: str) -> None:
    with pytest.raises(RecordError) as error:
        parse_record(_record(**{path: value}), "mini-001.yaml")
    assert error.value.field == field


def test_printed_numbers_stay_text() -> None:
    record = parse_record(_record(**{"references.0.volume": 24, "references.0.pages": 455}), "mini-001.yaml")
    assert record.references[0].volume == "24" and record.references[0].pages == "455"


def test_whole_numbers_are_numbers() -> None:
    assert parse_record(_record(**{"patient.age.value": 61}), "mini-001.yaml").patient.age.value == 61  # type: ignore[union-attr]
