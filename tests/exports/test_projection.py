"""The property-graph projection of the seed graph: nodes, typed relationships, qualifiers, evidence."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.exports.projection import CASE_LABELS, EVENT_LABELS, SHORTCUTS, TERM_LABELS, curie, labels_of, relationship_type, to_networkx
from kg.reference.select import select

from ..iris import BENDER, MAHIPATHY, PREFIXES

BENDER_PATIENT = curie(BENDER) + "/patient"


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return to_networkx(store)


def edges_of(graph: nx.MultiDiGraph, start: str, rel: str) -> list[tuple[str, dict]]:
    return [(end, data) for _, end, data in graph.out_edges(start, data=True) if data["type"] == rel]


def test_every_node_has_a_known_type_and_a_name(graph: nx.MultiDiGraph) -> None:
    for node, data in graph.nodes(data=True):
        assert data["type"] in (*CASE_LABELS, *TERM_LABELS), node
        assert isinstance(data["name"], str) and data["name"], node


@pytest.mark.parametrize("label", CASE_LABELS)
def test_one_node_per_case_individual(graph: nx.MultiDiGraph, store: ox.Store, label: str) -> None:
    rows = select(store, PREFIXES + f"SELECT DISTINCT ?s WHERE {{ ?s a cck:{label} }}")
    expected = {curie(row["s"]) for row in rows}
    assert expected, label
    assert {node for node, data in graph.nodes(data=True) if data["type"] == label} == expected


def test_one_node_per_term_of_each_branch(graph: nx.MultiDiGraph, store: ox.Store) -> None:
    for label in TERM_LABELS:
        rows = select(store, PREFIXES + f"SELECT DISTINCT ?t WHERE {{ ?t rdfs:subClassOf* cck:{label} FILTER(isIRI(?t)) }}")
        assert {curie(row["t"]) for row in rows} <= set(graph.nodes), label
        assert graph.nodes[f"cck:{label}"]["type"] == label


def test_each_report_has_its_patient(graph: nx.MultiDiGraph) -> None:
    for report in (BENDER, MAHIPATHY):
        patient = curie(report) + "/patient"
        assert graph.nodes[patient]["type"] == "Patient"
        assert [end for end, _ in edges_of(graph, patient, "DESCRIBED_IN")] == [curie(report)]
        assert graph.nodes[patient]["sex"] == "female"
        assert isinstance(graph.nodes[patient]["age"], int)  # xsd:decimal 52: a whole number, as kg.rdfterms.to_python gives it


def test_negated_facts_stay_distinguishable(graph: nx.MultiDiGraph) -> None:
    """The report rules out DVT: an absent diagnosis, never an asserted one."""
    dvt = [data for end, data in edges_of(graph, BENDER_PATIENT, "HAS_CONDITION") if end == "cck:DeepVeinThrombosis"]
    assert any(data["negated"] is True and data["status"] == "absent" for data in dvt)
    assert not any(data["status"] == "present" for data in dvt)
    for data in dvt:
        fact = graph.nodes[data["fact"]]
        assert (fact["status"], fact["negated"]) == (data["status"], data["negated"])


def test_shortcuts_mirror_each_fact(graph: nx.MultiDiGraph) -> None:
    for node, data in graph.nodes(data=True):
        if data["type"] not in SHORTCUTS:
            continue
        fact_rel, shortcut = SHORTCUTS[data["type"]]
        (patient,) = [end for end, _ in edges_of(graph, node, "ABOUT_PATIENT")]
        terms = {end for end, _ in edges_of(graph, node, fact_rel)}
        mirrored = {end for end, edge in edges_of(graph, patient, shortcut) if edge["fact"] == node}
        assert terms and mirrored == terms, node


def test_calcinosis_diagnosis_has_subtype_and_sites_with_laterality(graph: nx.MultiDiGraph) -> None:
    facts = [start for start, _, data in graph.in_edges("cck:CalcinosisCutis", data=True) if data["type"] == "CONDITION"]
    bender = [fact for fact in facts if graph.nodes[fact].get("report") == "bender-2024"]
    assert bender
    subtypes = {end for fact in bender for end, _ in edges_of(graph, fact, "SUBTYPE")}
    assert subtypes == {"cck:DystrophicCalcinosisCutis"}
    sites = {(end, data.get("laterality")) for fact in bender for end, data in edges_of(graph, fact, "HAS_SITE")}
    assert ("cck:PosteriorThigh", "left") in sites


def test_site_hierarchy_is_part_of(graph: nx.MultiDiGraph) -> None:
    part_of = nx.DiGraph((s, e) for s, e, data in graph.edges(data=True) if data["type"] == "PART_OF")
    assert nx.has_path(part_of, "cck:PosteriorThigh", "cck:LowerLimb")
    assert graph.nodes["cck:PosteriorThigh"]["type"] == "AnatomicSite"
    assert all(data["type"] in TERM_LABELS for _, data in graph.nodes(data=True) if data["type"] == "AnatomicSite")


def test_evidence_is_parallel_arrays_of_offsets(graph: nx.MultiDiGraph) -> None:
    with_evidence = 0
    for node, data in graph.nodes(data=True):
        if data["type"] in EVENT_LABELS:
            sections, starts, ends = data["evidenceSections"], data["evidenceStarts"], data["evidenceEnds"]
            assert len(sections) == len(starts) == len(ends) >= 1, node
            assert all(isinstance(s, int) and s < e for s, e in zip(starts, ends, strict=False)), node
            assert data["report"] in ("bender-2024", "mahipathy-2020")
            with_evidence += 1
    assert with_evidence > 0


def test_terms_carry_synonyms_and_xrefs_as_lists(graph: nx.MultiDiGraph) -> None:
    heparin = graph.nodes["cck:Heparin"]
    assert heparin["type"] == "Drug" and heparin["name"] == "heparin"
    assert isinstance(heparin["synonyms"], list) and all(isinstance(s, str) for s in heparin["synonyms"])
    assert any(x.startswith("CHEBI:") for x in heparin["xrefs"])


def test_edges_connect_nodes_and_have_unique_keys(graph: nx.MultiDiGraph) -> None:
    keys = [key for _, _, key in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))
    assert all(data["type"] == data["type"].upper() for *_, data in graph.edges(data=True))


def test_projection_is_deterministic_and_takes_a_build_folder(graph: nx.MultiDiGraph, seed_build: Path) -> None:
    again = to_networkx(seed_build)
    assert list(again.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))


def test_names_of_labels_and_types() -> None:
    assert labels_of("Drug") == ("Drug", "Term")
    assert labels_of("Diagnosis") == ("Diagnosis", "Event")
    assert labels_of("Patient") == ("Patient",)
    assert relationship_type("https://w3id.org/calcinosis-kg/ontology/hasSite") == "HAS_SITE"
    assert relationship_type("http://www.w3.org/2000/01/rdf-schema#subClassOf") == "IS_A"
