"""An installed wheel carries the ontology, shapes, queries and bundled records."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_package_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in sorted(p.name for p in (ROOT / "ontology").glob("*.ttl")):
        assert f"kg/_resources/ontology/{module}" in names
    assert "kg/_resources/ontology/shapes/case-shapes.ttl" in names
    for record in sorted(p.name for p in (ROOT / "data").glob("*.yaml")):
        assert f"kg/_resources/data/{record}" in names
    assert "kg/cli.py" in names
