"""Two builds into one `--out` crashed one of them with a traceback (3 of 4 trials).

A build holds a lock beside its output folder; a second build stops at once
with exit 2 and a one-line message, and the first build's outputs are whole.
"""

from __future__ import annotations

from pathlib import Path

from kg.build import build
from kg.build.outfolder import output_lock

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_while_one_runs_exits_2_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    before = _tree(out)
    with output_lock(out):  # what a running build holds
        result = run_kg("build", "--data", str(FIXTURE_DATA), "--reports", str(FIXTURE_REPORTS), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {out.resolve()}: another `kg build` is writing to this folder; wait for it to finish, or choose another --out"
    ]
    assert _tree(out) == before


def test_the_lock_is_released_when_a_build_ends(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    with output_lock(out):
        pass
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
