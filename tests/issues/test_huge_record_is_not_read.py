"""A 4 GB record file was read whole and hashed (8.5 GB RSS, 34 s) before its size was checked.

The planner hashes record files for the build cache; it now checks the size
first, so an oversized file is refused unread, in an instant.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import RecordError
from kg.records.yamlio import MAX_RECORD_BYTES

from ..conftest import FIXTURE_REPORTS


def test_an_oversized_record_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    huge = data / "mini-001.yaml"
    with huge.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # a sparse 4 GB file: no disk used
    read = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path.stat().st_size <= MAX_RECORD_BYTES, f"{path} was read although it is over the limit"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    start = time.monotonic()
    with pytest.raises(RecordError, match="too large"):
        build(data, tmp_path / "out", FIXTURE_REPORTS)
    assert time.monotonic() - start < 30
