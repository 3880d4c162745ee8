"""`kg query --out` and `kg export --build` named the same folder two ways.

Every command that reads a build takes `--build`; `--out` names destinations
only. `kg query --out` and `kg sparql --out` still work, with a deprecation warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

from ..conftest import run_kg

READERS = ("query", "sparql", "export", "stats")


@pytest.mark.parametrize("name", READERS)
def test_commands_that_read_a_build_take_build(name: str) -> None:
    options = {opt for param in cli.commands[name].params for opt in param.opts}
    assert "--build" in options


def test_the_old_spelling_still_works_with_a_warning(seed_build: Path) -> None:
    result = run_kg("query", "patients", "--out", str(seed_build), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "warning: --out is deprecated here; use --build" in result.stderr
    assert result.stdout.startswith("case,")


def test_both_spellings_naming_different_folders_is_a_usage_error(seed_build: Path, tmp_path: Path) -> None:
    result = run_kg("sparql", "--build", str(seed_build), "--out", str(tmp_path), "ASK { ?s ?p ?o }")
    assert result.returncode == 2
