"""Two records describing the same report text built without a word.

Curating one report twice counts its patient twice in every query; the build
now warns (it cannot tell a duplicate from a deliberate second reading).
"""

from __future__ import annotations

from pathlib import Path

from kg.build import build

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS


def test_a_second_record_of_the_same_text_is_a_warning(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    text = (FIXTURE_DATA / "mini-001.yaml").read_text(encoding="utf-8")
    (data / "mini-001.yaml").write_text(text, encoding="utf-8")
    (data / "mini-002.yaml").write_text(text.replace("id: mini-001", "id: mini-002"), encoding="utf-8")
    summary, issues = build(data, tmp_path / "out", FIXTURE_REPORTS)
    shared = [i for i in issues if i.field == "report.sha256"]
    assert [(i.severity, i.record) for i in shared] == [("warning", "mini-002")]
    assert "the same report text as record mini-001" in shared[0].message
    assert summary.violations == 0
    assert "the same report text as record mini-001" in (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
