"""A record saved with a UTF-8 byte-order mark failed with "record: required field is missing".

Some editors write the mark at the start of a file; it is not part of the YAML
and is now skipped, so such a record reads as it would without it.
"""

from __future__ import annotations

from pathlib import Path

from kg.build import build
from kg.ontology.terms import TermIndex
from kg.records.reader import read_record

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS


def test_a_record_with_a_byte_order_mark_builds(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "mini-001.yaml").write_bytes(b"\xef\xbb\xbf" + (FIXTURE_DATA / "mini-001.yaml").read_bytes())
    assert read_record(data / "mini-001.yaml", TermIndex.load()) == read_record(FIXTURE_DATA / "mini-001.yaml", TermIndex.load())
    summary, _ = build(data, tmp_path / "out", FIXTURE_REPORTS)
    assert summary.cases == 1
