"""Expected answers of the two queries the web view added to the library: case-facts and case-graph.

The oracle is the curated record itself, read as plain YAML: every fact, claim
and evidence span it lists must come back, and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.query.graph import KnowledgeGraph
from kg.resources import bundled_data_dir

from ..iris import BENDER, MAHIPATHY, term

PATIENT_KINDS = ("diagnosis", "finding", "test", "drug", "procedure", "organism", "outcome")


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build)


def _record(case: str) -> dict[str, Any]:
    return yaml.safe_load((bundled_data_dir() / f"{case}.yaml").read_text(encoding="utf-8"))


def _spans(items: list[dict[str, Any]]) -> set[tuple[str, int, int]]:
    return {(e["section"], e["span"][0], e["span"][1]) for e in items}


@pytest.mark.parametrize(("case", "iri"), [("bender-2024", BENDER), ("mahipathy-2020", MAHIPATHY)])
def test_case_facts_lists_every_fact_and_claim_with_its_evidence(graph: KnowledgeGraph, case: str, iri: str) -> None:
    record = _record(case)
    expected = set()
    for fact in record["facts"]:
        expected |= {("fact", fact["type"], fact["id"], *span) for span in _spans(fact["evidence"])}
    for claim in record["claims"]:
        expected |= {("claim", "claim", claim["id"], *span) for span in _spans(claim["evidence"])}
    rows = graph.query("case-facts", case=case)
    found = {
        (row["fact"][len(iri) + 1 :].split("/")[0], row["kind"], row["fact"].rsplit("/", 1)[-1], row["section"], row["start"], row["end"])
        for row in rows
        if row["kind"] not in ("report", "patient")
    }
    assert found == expected
    assert {row["case"] for row in rows} == {case}
    assert {row["file"] for row in rows} == {record["report"]["file"]}
    assert {row["sha256"] for row in rows} == {record["report"]["sha256"]}


def test_case_facts_has_the_publication_and_the_patient(graph: KnowledgeGraph) -> None:
    record = _record("bender-2024")
    rows = graph.query("case-facts", case="bender-2024")
    report = {(r["section"], r["start"], r["end"]) for r in rows if r["kind"] == "report"}
    assert report == _spans(record["publication"]["evidence"]) | {("front_matter", 20, 64)}
    assert {r["label"] for r in rows if r["kind"] == "report"} == {"Tiffany Bender et al. (2024)"}
    patient = {(r["section"], r["start"], r["end"]) for r in rows if r["kind"] == "patient"}
    assert patient == _spans(record["patient"]["age"]["evidence"]) | _spans(record["patient"]["sex"]["evidence"])
    assert {r["fact"] for r in rows if r["kind"] == "patient"} == {f"{BENDER}/patient"}


@pytest.mark.parametrize("case", ["bender-2024", "mahipathy-2020"])
def test_case_facts_gives_the_assertion_status_of_the_record(graph: KnowledgeGraph, case: str) -> None:
    asserted = ("diagnosis", "finding", "organism")  # the fact types with an assertion status
    expected = {fact["id"]: fact["status"] for fact in _record(case)["facts"] if fact["type"] in asserted}
    rows = graph.query("case-facts", case=case)
    found = {r["fact"].rsplit("/", 1)[-1]: r["status"] for r in rows if r["kind"] in asserted}
    assert found == expected
    assert {r["status"] for r in rows if r["kind"] not in asserted} == {None}


def test_bender_has_two_negated_facts(graph: KnowledgeGraph) -> None:
    rows = graph.query("case-facts", case="bender-2024")
    assert {r["fact"].rsplit("/", 1)[-1] for r in rows if r["status"] == "absent"} == {"dx-artocc-absent", "dx-dvt-absent"}


def test_case_facts_of_an_unknown_case_is_empty(graph: KnowledgeGraph) -> None:
    assert graph.query("case-facts", case="no-such-case") == []
    assert graph.query("case-graph", case="no-such-case") == []


def test_case_graph_links_facts_to_patient_terms_and_facts(graph: KnowledgeGraph) -> None:
    rows = graph.query("case-graph", case="bender-2024")
    facts = {f"{BENDER}/fact/{fact['id']}" for fact in _record("bender-2024")["facts"]}
    about = {r["source"] for r in rows if r["relation"] == "aboutPatient"}
    assert about == facts
    assert {r["target"] for r in rows if r["relation"] == "aboutPatient"} == {f"{BENDER}/patient"}
    edges = {(r["source"].rsplit("/", 1)[-1], r["relation"], r["target"].rsplit("/", 1)[-1], r["target_kind"]) for r in rows}
    assert ("dx-dvt-absent", "condition", "DeepVeinThrombosis", "term") in edges
    assert ("dx-calcinosis", "subtype", "DystrophicCalcinosisCutis", "term") in edges
    assert ("dx-calcinosis", "hasSite", "PosteriorThigh", "term") in edges
    links = {"found_by": "foundBy", "indication": "indication", "reason": "reason", "response_for": "responseFor", "of": "outcomeOf"}
    expected = set()
    for fact in _record("bender-2024")["facts"]:
        for field, relation in links.items():
            expected |= {(fact["id"], relation, target, "fact") for target in fact.get(field, [])}
        if fact.get("switched_to"):
            expected.add((fact["id"], "switchedTo", fact["switched_to"], "fact"))
        offset = (fact.get("timing") or {}).get("offset") or {}
        if offset.get("from"):
            expected.add((fact["id"], "timingAnchor", offset["from"], "fact"))
    assert {edge for edge in edges if edge[3] not in ("term", "patient")} == expected
    assert any(edge[1] == "switchedTo" for edge in expected)
    assert {r["source_kind"] for r in rows} == set(PATIENT_KINDS)
    assert {r["target_kind"] for r in rows} == {"patient", "term", "fact"}
    assert all(r["target"] == term(r["target"].rsplit("/", 1)[-1]) for r in rows if r["target_kind"] == "term")
