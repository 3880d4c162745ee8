"""`*.YAML` files, folders and FIFOs in `--data` were skipped silently.

A record file name ends in .yaml or .yml in any case; a record name that is a
folder, a pipe or a broken link is an error naming it (exit 2), not a silent skip.
Files that are not records (a README) are still left alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records.reader import record_files

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    (folder / "README.md").write_text("notes, not a record\n")
    return folder


def test_upper_case_suffixes_are_records(data: Path) -> None:
    (data / "mini-001.yaml").rename(data / "mini-001.YAML")
    assert [p.name for p in record_files(data)] == ["mini-001.YAML"]


@pytest.mark.parametrize("kind", ["folder", "fifo", "broken link"])
def test_a_record_name_that_is_not_a_file_is_an_error(data: Path, tmp_path: Path, kind: str) -> None:
    odd = data / "mini-002.yaml"
    if kind == "folder":
        odd.mkdir()
    elif kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(InputError, match=r"mini-002\.yaml: is "):
        record_files(data)
    result = run_kg("build", "--data", str(data), "--reports", str(FIXTURE_REPORTS), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "mini-002.yaml" in result.stderr


def test_a_link_to_a_record_file_is_a_record(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    (data / "mini-001.yaml").rename(elsewhere)
    (data / "mini-001.yaml").symlink_to(elsewhere)
    assert [p.name for p in record_files(data)] == ["mini-001.yaml"]
