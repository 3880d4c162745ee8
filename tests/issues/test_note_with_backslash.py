"""Regression: a curator note with a backslash on an item with a ``source_issue`` crashed the build.

The SPARQL validator filled the ``{?note}`` of the source-issue warning with
``re.sub``, using the note as the replacement: ``\\n`` became a line break,
``\\g<0>`` was substituted, ``\\1`` raised ``re.error``, and a note holding
``{?value}`` was filled in turn. Values must go into the message verbatim.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import yaml

from kg.build import build
from kg.build.shacl.results import fill_template

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS

NOTE = r"C:\new\g<0> {?value} \1"


def _record_with_note(folder: Path) -> None:
    record = yaml.safe_load((FIXTURE_DATA / "mini-001.yaml").read_text(encoding="utf-8"))
    (fact,) = [f for f in record["facts"] if f["id"] == "find-erythema"]
    fact["source_issue"] = "misspelling"
    fact["note"] = NOTE
    folder.mkdir()
    (folder / "mini-001.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def test_a_note_with_a_backslash_is_kept_verbatim_in_the_warning(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _record_with_note(data)
    summary, issues = build(data, tmp_path / "out", FIXTURE_REPORTS, jobs=1)
    warnings = [i for i in issues if i.item == "fact find-erythema" and i.severity == "warning"]
    assert [w.message for w in warnings] == [f"source issue 'misspelling' kept as printed: {NOTE}"]
    assert summary.violations == 0


def test_a_template_is_filled_in_one_pass_over_the_template() -> None:
    row = {"value": ox.Literal("{?note}"), "note": ox.Literal(NOTE)}
    assert fill_template("{?value} / {$note} / {?unbound}", row) == f"{{?note}} / {NOTE} / {{?unbound}}"
