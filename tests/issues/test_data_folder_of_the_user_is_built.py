"""After `pip install .`, `kg build` without `--data` built the copy of data/ inside site-packages.

The README's workflow (draft, copy into data/, build) then silently built
nothing new. `kg build` now reads ./data when there is one; without it, it
builds the bundled example records and says so. The README's example no
longer overwrites a curated record.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..conftest import FIXTURE_DATA, TESTS, run_kg


def test_a_data_folder_in_the_current_folder_is_what_is_built(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    result = run_kg("build", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Built the knowledge graph of 1 case report(s) from data." in result.stdout
    assert "bundled" not in result.stderr


def test_without_a_data_folder_the_bundled_examples_are_built_and_named(tmp_path: Path) -> None:
    result = run_kg("build", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 case report(s)" in result.stdout
    assert "no ./data folder here" in result.stderr and "bundled example records" in result.stderr


def test_the_readme_draft_example_does_not_overwrite_a_curated_record() -> None:
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    curated = {path.name for path in (TESTS.parent / "data").glob("*.yaml")}
    copied = set(re.findall(r"cp \S*?([\w.-]+\.yaml) (?:\S*/)?data/", readme))
    assert copied, "the README shows copying a reviewed draft into a data/ folder"
    assert not copied & curated
