"""An installed wheel carries the package and its resources: ontology, shapes, queries, bundled records,
the standard-vocabulary tables, and the web view's templates and static files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The file names inside a wheel built from the checkout."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = folder.glob("*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


def _files(folder: Path, pattern: str = "*") -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.glob(pattern) if p.is_file())


def test_the_resources_are_in_the_wheel(names: set[str]) -> None:
    for module in _files(ROOT / "ontology", "**/*.ttl"):
        assert f"kg/_resources/ontology/{module}" in names
    assert "kg/_resources/ontology/shapes/case-shapes.ttl" in names
    for query in _files(ROOT / "queries", "*.rq"):
        assert f"kg/_resources/queries/{query}" in names
    for record in _files(ROOT / "data", "*.yaml"):
        assert f"kg/_resources/data/{record}" in names


def test_every_module_and_data_file_of_the_package_is_in_the_wheel(names: set[str]) -> None:
    package = [f"kg/{name}" for name in _files(ROOT / "kg", "**/*") if "__pycache__" not in name]
    missing = [name for name in package if name not in names]
    assert missing == []
    assert {"kg/cli/__init__.py", "kg/vocab/data/lexicon.tsv.gz", "kg/vocab/data/provenance.json"} <= names
    assert any(name.startswith("kg/serve/templates/") for name in names) and any(name.startswith("kg/serve/static/") for name in names)
