"""Every case under tests/bad_input/ gets its clear error, exit code, and untouched outputs.

Each case folder holds ``data/`` (the record files) and ``expect.yaml``: the exit
code and the fragments the error message must contain (file, record, field, problem).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.layout import BUILD_MARKER
from kg.records.yamlio import MAX_RECORD_BYTES

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, TESTS, run_kg

CASES = sorted(p for p in (TESTS / "bad_input").iterdir() if (p / "expect.yaml").is_file())


def test_the_bad_input_folder_is_not_empty() -> None:
    assert len(CASES) >= 25


def _previous_outputs(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A stand-in for an earlier build's outputs (marked as a build, so that a build may replace it)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text('{"previous": true}\n')
    (out / BUILD_MARKER).write_text('{"program": "calcinosis-kg"}\n')
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def _assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    leftovers = [p for p in out.parent.iterdir() if p.name.startswith(".out.") and p.name != ".out.lock"]
    assert not leftovers, "a temporary build folder was left behind"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_a_clear_error(case: Path, tmp_path: Path) -> None:
    expect = yaml.safe_load((case / "expect.yaml").read_text())
    out, before = _previous_outputs(tmp_path)
    result = run_kg("build", "--data", str(case / "data"), "--reports", str(FIXTURE_REPORTS), "--out", str(out))
    assert result.returncode == expect["exit"], result.stderr
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1, result.stderr
    message = error_lines[0] if expect["exit"] == 2 else result.stderr
    for fragment in expect["message"]:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    if expect["exit"] == 2:
        assert result.stderr.strip() == error_lines[0], "bad input must give exactly one line"
    assert result.stdout == ""
    _assert_untouched(out, before)


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    huge = data / "mini-001.yaml"
    with huge.open("wb") as handle:
        handle.write(b"# padding\n" * (MAX_RECORD_BYTES // 10 + 1))
    out, before = _previous_outputs(tmp_path)
    result = run_kg("build", "--data", str(data), "--reports", str(FIXTURE_REPORTS), "--out", str(out))
    assert result.returncode == 2
    assert "mini-001.yaml" in result.stderr and "too large" in result.stderr
    _assert_untouched(out, before)


def test_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kg("build", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_the_fixture_record_itself_builds(tmp_path: Path) -> None:
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--reports", str(FIXTURE_REPORTS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "violations: 0" in result.stdout
