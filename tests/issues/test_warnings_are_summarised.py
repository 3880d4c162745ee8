"""Hundreds of warning lines were dumped after the build summary.

The build prints the count of warnings by kind and the first few; the full
list is in validation.txt (and on the terminal with -v).
"""

from __future__ import annotations

from pathlib import Path

from kg.synth import write_corpus

from ..conftest import run_kg


def test_many_warnings_are_counted_by_kind_with_the_first_few_shown(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 15, seed=2)
    out = tmp_path / "out"
    args = ("build", "--data", str(tmp_path / "corpus" / "data"), "--reports", str(tmp_path / "corpus" / "reports"), "--out", str(out))
    result = run_kg(*args)
    assert result.returncode == 0, result.stderr
    full = (out / "validation.txt").read_text(encoding="utf-8").splitlines()
    assert len(full) > 10
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{len(full)} warning(s): ") and "source issue" in lines[0]
    assert len([line for line in lines if line.startswith("  WARNING: ")]) == 5
    assert f"and {len(full) - 5} more in {out.resolve() / 'validation.txt'}" in result.stderr
    verbose = run_kg(*args, "-v")
    assert len([line for line in verbose.stderr.splitlines() if line.startswith("  WARNING: ")]) == len(full)
