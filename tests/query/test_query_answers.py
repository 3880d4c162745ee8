"""The library's answers on the seed records, as data: one file per query in ``tests/queries/``.

Each ``tests/queries/<name>.yaml`` lists answers of ``queries/<name>.rq``:
the parameters, the columns compared and the expected rows, written from the
records in ``data/`` (IRIs by their last path segment). The rows are compared
as a set; order is tested in ``test_queries.py``. To test a new query, add a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.api import KnowledgeGraph
from kg.query.library import load_queries

from ..conftest import TESTS

ANSWERS = TESTS / "queries"
BASE = "https://w3id.org/calcinosis-kg/"


def _answers() -> list[Any]:
    cases = []
    for path in sorted(ANSWERS.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec["query"] == path.stem, f"{path.name}: names query {spec['query']!r}"
        for index, answer in enumerate(spec["answers"]):
            cases.append(pytest.param(spec["query"], answer, id=f"{path.stem}-{index}"))
    return cases


def _tail(value: object) -> object:
    """The last path segment of a project IRI (fact ids, term local names); other values unchanged."""
    if isinstance(value, str) and value.startswith(BASE):
        return value.rstrip("/").rsplit("/", 1)[-1]
    return value


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build, build=False)


def test_every_answer_file_names_a_library_query() -> None:
    files = {path.stem for path in ANSWERS.glob("*.yaml")}
    assert files and files <= set(load_queries())


@pytest.mark.parametrize(("name", "answer"), _answers())
def test_answer(graph: KnowledgeGraph, name: str, answer: dict[str, Any]) -> None:
    columns = answer["columns"]
    found = {tuple(_tail(row.get(column)) for column in columns) for row in graph.query(name, **answer["params"])}
    assert found == {tuple(row) for row in answer["rows"]}
