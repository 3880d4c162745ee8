"""A misspelt enumerated parameter (`kind=bogus`) returned 0 rows with exit 0; a repeated `--param`
silently kept the last; `kg query --list --format json` ignored the format.

Parameters with a fixed set of values are declared ``choice a|b|c`` and any
other value is an error; a parameter given twice is an error; the listing
honours ``--format``. The choices are the record format's own values.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.graph import KnowledgeGraph
from kg.query.library import load_queries
from kg.records import model

from ..conftest import run_kg

MODEL_VALUES = {
    ("background-claims", "kind"): model.Claim.model_fields["kind"].annotation,
    ("outcomes", "kind"): model.Outcome.model_fields["outcome"].annotation,
    ("source-issues", "issue"): model.SourceIssue,
    ("diagnostic-tests", "result"): model.Test.model_fields["result"].annotation,
    ("comorbidities", "category"): model.Diagnosis.model_fields["category"].annotation,
}


def _literal_values(annotation: object) -> set[str]:
    values: set[str] = set()
    for arg in typing.get_args(annotation) or ():
        values |= _literal_values(arg) if typing.get_origin(arg) is typing.Literal else ({arg} if isinstance(arg, str) else set())
    if typing.get_origin(annotation) is typing.Literal:
        values |= set(typing.get_args(annotation))
    return values


@pytest.mark.parametrize(("query", "param"), sorted(MODEL_VALUES))
def test_choices_are_the_record_formats_values(query: str, param: str) -> None:
    declared = load_queries()[query].param(param)
    assert declared is not None and declared.kind == "choice"
    wanted = _literal_values(MODEL_VALUES[(query, param)])
    if (query, param) == ("comorbidities", "category"):
        wanted = {"comorbidity", "complication"}  # the two categories the query lists
    assert set(declared.choices) == wanted


def test_a_value_outside_the_choices_is_an_error(seed_build: Path) -> None:
    graph = KnowledgeGraph.open(seed_build)
    with pytest.raises(QueryError, match="'bogus' is not one of classification, prevalence"):
        graph.query("background-claims", kind="bogus")
    result = run_kg("query", "background-claims", "--build", str(seed_build), "--param", "kind=bogus")
    assert result.returncode == 2 and "is not one of" in result.stderr


def test_a_parameter_given_twice_is_an_error(seed_build: Path) -> None:
    result = run_kg("query", "patients", "--build", str(seed_build), "-p", "min_age=1", "-p", "min_age=60")
    assert result.returncode == 2
    assert "--param min_age is given twice" in result.stderr


def test_the_listing_honours_the_format() -> None:
    result = run_kg("query", "--list", "--format", "json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    names = [entry["name"] for entry in listing]
    assert names == sorted(load_queries())
    kinds = {p["name"]: p for entry in listing if entry["name"] == "background-claims" for p in entry["params"]}
    assert kinds["kind"]["choices"][0] == "classification"
    csv = run_kg("query", "--list", "--format", "csv").stdout.splitlines()
    assert csv[0] == "name,title,description,params" and len(csv) == len(names) + 1
