"""The Cypher export passes Neo4j's own parser (@neo4j-cypher/language-support, run with node).

Needs node and the package installed by ``npm ci --prefix tests/js`` (CI does
this); a missing tool fails the test rather than skipping it. Linting runs
Neo4j's semantic analysis too and takes about a minute on the seed graph.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.exports import export
from kg.exports.projection import to_networkx

from ..conftest import TESTS
from ..exports_support import with_awkward

JS = TESTS / "js"
LINTER = JS / "lint-cypher.mjs"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed; install Node.js >= 18, then run: npm ci --prefix tests/js", pytrace=False)
    if not (JS / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("@neo4j-cypher/language-support is missing; run: npm ci --prefix tests/js", pytrace=False)
    return found


def lint(node: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([node, str(LINTER), str(path)], capture_output=True, text=True, timeout=900, cwd=JS)


def test_seed_cypher_with_an_awkward_name_passes_the_parser(node: str, store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.cypher"
    export("cypher", with_awkward(to_networkx(store)), path)
    done = lint(node, path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s)" in done.stdout


def test_the_linter_reports_syntax_errors(node: str, tmp_path: Path) -> None:
    """The check can fail: a broken script gives a non-zero exit and the parser's message."""
    path = tmp_path / "broken.cypher"
    graph = nx.MultiDiGraph()
    graph.add_node("cck:A", type="Drug", name="it's")
    export("cypher", graph, path)
    path.write_text(path.read_text(encoding="utf-8").replace("\\'", "'"), encoding="utf-8")  # unescape the quote
    done = lint(node, path)
    assert done.returncode == 1, done.stdout
    assert "error" in done.stdout
