"""Outputs were created 0700 (the build folder) and 0600 (exports): a neo4j service user could not read them.

Outputs get the permissions the user's umask gives, as ``mkdir`` and ``open`` would.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.exports import export

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_build_and_exports_follow_the_umask(umask_022: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    assert _mode(out) == 0o755
    assert {_mode(out / name) for name in ("summary.json", "validation.txt", "tables.sqlite")} == {0o644}
    assert {_mode(path) for path in (out / "store").iterdir()} == {0o644}
    export("ttl", out, tmp_path / "graph.ttl")
    assert _mode(tmp_path / "graph.ttl") == 0o644
    export("gexf", out, tmp_path / "graph.gexf")
    assert _mode(tmp_path / "graph.gexf") == 0o644
    export("neo4j", out, tmp_path / "neo4j")
    assert _mode(tmp_path / "neo4j") == 0o755
    assert {_mode(p) for p in (tmp_path / "neo4j").iterdir()} == {0o644}
