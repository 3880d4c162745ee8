"""`-q`/`-v` worked on the `kg` group only (`kg -q build`), not after a command (`kg build -q`, as the README showed).

Every command takes them, in either place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_quiet_and_verbose(name: str) -> None:
    options = {opt for param in cli.commands[name].params for opt in param.opts}
    assert {"-q", "--quiet", "-v", "--verbose"} <= options


def test_build_quiet_after_the_command_prints_nothing(tmp_path: Path) -> None:
    result = run_kg("build", "-q", "--data", str(FIXTURE_DATA), "--reports", str(FIXTURE_REPORTS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_build_verbose_after_the_command_prints_the_steps(tmp_path: Path) -> None:
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--reports", str(FIXTURE_REPORTS), "--out", str(tmp_path / "out"), "-v")
    assert result.returncode == 0, result.stderr
    assert "... loading ontology and shapes" in result.stderr
