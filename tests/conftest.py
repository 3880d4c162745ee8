"""Shared fixtures: where the report texts are, and one build of the seed data per session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.query.store import open_store
from kg.resources import bundled_data_dir

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
FIXTURE_REPORTS = FIXTURES / "reports"
FIXTURE_DATA = FIXTURES / "data"


def reports_dir() -> Path:
    """The seed report texts: $KG_REPORTS_DIR, else ../shared/reports beside the checkout."""
    value = os.environ.get("KG_REPORTS_DIR")
    folder = Path(value) if value else TESTS.parent.parent / "shared" / "reports"
    if not (folder / "000_b36f31f2d423490e.txt").is_file():
        pytest.fail(f"the seed report texts are not in {folder}; set KG_REPORTS_DIR", pytrace=False)
    return folder


def run_kg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter, as a user would (in ``cwd``, default the checkout)."""
    full_env = {key: value for key, value in os.environ.items() if key != "KG_REPORTS_DIR"}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS.parent), full_env.get("PYTHONPATH", "")]))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=full_env, timeout=600, cwd=cwd or TESTS.parent)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that would see any connection a query made (a SERVICE clause must never connect)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    yield server
    server.close()


@pytest.fixture(scope="session")
def seed_reports() -> Path:
    return reports_dir()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, seed_reports: Path) -> Path:
    """The output folder of one build of the bundled records, evidence checked."""
    out = tmp_path_factory.mktemp("seed") / "out"
    build(bundled_data_dir(), out, seed_reports)
    return out


@pytest.fixture(scope="session")
def store(seed_build: Path) -> ox.Store:
    return open_store(seed_build)
