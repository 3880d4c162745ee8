"""A malformed record was reported only after HermiT had classified the ontology (about 8 s).

Records are checked while HermiT runs, so a bad record is reported at once.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from kg.build import build, precheck
from kg.errors import RecordError

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS


def test_a_bad_record_is_reported_while_the_reasoner_still_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    record = data / "mini-001.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "bogus_field: 1\n", encoding="utf-8")
    never = threading.Event()

    def slow_classify(*_args: object, **_kwargs: object) -> None:
        never.wait(60)  # a reasoner that takes a minute

    monkeypatch.setattr(precheck, "classify", slow_classify)
    start = time.monotonic()
    with pytest.raises(RecordError, match="bogus_field"):
        build(data, tmp_path / "out", FIXTURE_REPORTS)
    assert time.monotonic() - start < 20
    never.set()
