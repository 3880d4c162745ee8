"""`kg build --out DIR` deleted any existing folder: a folder of the user's files, the records, the checkout.

A build now replaces only a folder that holds an earlier build (marked with
``.kg-build``, or of the layout earlier versions wrote), an empty folder or
nothing; anything else is refused with exit 2, before any work, and left as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.api import KnowledgeGraph
from kg.build import build
from kg.errors import OutputFolderError
from kg.layout import BUILD_MARKER

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_of_user_files_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "keep").write_text("x\n")
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--reports", str(FIXTURE_REPORTS), "--out", str(folder))
    assert result.returncode == 2, result.stderr
    assert "not the outputs of an earlier `kg build`" in result.stderr and "Traceback" not in result.stderr
    assert _tree(folder) == {"keep": b"x\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"], "nothing is created beside a refused folder"


def test_the_records_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    before = _tree(data)
    with pytest.raises(OutputFolderError, match="not the outputs of an earlier"):
        build(data, data, FIXTURE_REPORTS)
    assert _tree(data) == before


def test_the_current_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("a checkout\n")
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--out", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "README.md").read_text() == "a checkout\n"


def test_knowledge_graph_open_refuses_too(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("keep me\n")
    with pytest.raises(OutputFolderError):
        KnowledgeGraph.open(folder, data_dir=FIXTURE_DATA)
    assert (folder / "todo.txt").read_text() == "keep me\n"


def test_new_empty_and_earlier_build_folders_are_accepted(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (tmp_path / "new" / "nested", empty):
        build(FIXTURE_DATA, out, FIXTURE_REPORTS)
        assert (out / BUILD_MARKER).is_file()
        build(FIXTURE_DATA, out, FIXTURE_REPORTS)  # an earlier build is replaced


def test_a_build_of_an_earlier_version_without_the_marker_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    (out / BUILD_MARKER).unlink()  # as versions before the marker wrote it
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    assert (out / BUILD_MARKER).is_file()


def test_an_output_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--out", str(tmp_path / "afile" / "out"))
    assert result.returncode == 2
    assert "is a file" in result.stderr and "Traceback" not in result.stderr
