"""Reasoning: defined classes classify the seed cases, the case-by-case reasoner
agrees with HermiT over the whole graph, and contradictions fail with an explanation."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.build.reason import Classification, InconsistentCase, classify, infer_case
from kg.errors import OntologyError
from kg.namespaces import CCK, CCKD
from kg.ontology.terms import TermIndex
from kg.records.reader import record_files
from kg.reference.hermit import hermit_memberships, owl_view
from kg.reference.records import read_records, record_graph
from kg.reference.select import select
from kg.resources import bundled_data_dir

from ..iris import PREFIXES


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.load()


@pytest.fixture(scope="module")
def model(terms: TermIndex) -> Classification:
    return classify(terms.graph)


@pytest.fixture(scope="module")
def seed_graphs(terms: TermIndex) -> list[Graph]:
    return [record_graph(record, terms) for _, record in read_records(record_files(bundled_data_dir()), terms)]


@pytest.fixture(scope="module")
def inferences(seed_graphs: list[Graph], model: Classification) -> dict:
    result = {}
    for graph in seed_graphs:
        result.update(infer_case(graph, model).reasons)
    return result


def fact(case: str, local: str) -> URIRef:
    return URIRef(f"{CCKD}{case}/{local}")


# (defined class, individual, classified?, facts that must be among the reasons)
CLASSIFICATIONS = [
    ("RefractoryCalcinosisPatient", "bender-2024", "patient", True, {"fact/drug-methotrexate", "fact/drug-colchicine"}),
    ("RefractoryCalcinosisPatient", "mahipathy-2020", "patient", False, set()),
    ("ImmunosuppressedPatient", "bender-2024", "patient", True, {"fact/drug-rituximab", "fact/drug-methotrexate", "fact/drug-mycophenolate"}),
    ("ImmunosuppressedPatient", "mahipathy-2020", "patient", True, {"fact/drug-mmf"}),
    ("SurgicallyManagedCalcinosisPatient", "bender-2024", "patient", True, {"fact/dx-calcinosis", "fact/proc-id-1"}),
    ("SurgicallyManagedCalcinosisPatient", "mahipathy-2020", "patient", True, {"fact/proc-limberg", "fact/proc-excision-new"}),
    ("LowerLimbCalcinosisDiagnosis", "bender-2024", "fact/dx-calcinosis", True, set()),
    ("LowerLimbCalcinosisDiagnosis", "mahipathy-2020", "fact/dx-calcinosis-new", True, set()),
    ("LowerLimbCalcinosisDiagnosis", "mahipathy-2020", "fact/dx-calcinosis", False, set()),
    ("UpperLimbCalcinosisDiagnosis", "mahipathy-2020", "fact/dx-calcinosis-new", False, set()),
    ("DystrophicCalcinosisWithAutoimmuneCTDPatient", "bender-2024", "patient", True, {"fact/dx-calcinosis", "fact/dx-ss-diffuse"}),
    ("DystrophicCalcinosisWithAutoimmuneCTDPatient", "mahipathy-2020", "patient", True, {"fact/dx-calcinosis", "fact/dx-jssc"}),
    ("InfectedCalcinosisPatient", "bender-2024", "patient", True, {"fact/org-mrsa", "fact/org-sepi"}),
    ("InfectedCalcinosisPatient", "mahipathy-2020", "patient", False, set()),
    ("NegatedFact", "bender-2024", "fact/dx-dvt-absent", True, set()),
    ("NegatedFact", "bender-2024", "fact/dx-dvt-possible", False, set()),
    ("PrecludedProcedure", "bender-2024", "fact/proc-picc", True, set()),
]


@pytest.mark.parametrize(("cls", "case", "local", "expected", "because"), CLASSIFICATIONS, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CLASSIFICATIONS])
def test_defined_classes_classify_the_seed_cases(inferences: dict, cls: str, case: str, local: str, expected: bool, because: set[str]) -> None:
    key = (fact(case, local), CCK[cls])
    assert (key in inferences) is expected
    if expected:
        reasons = {str(r).removeprefix(f"{CCKD}{case}/") for r in inferences[key]}
        assert because <= reasons, f"{cls} holds for {local} because of {sorted(reasons)}"


def test_lower_limb_diagnosis_is_found_through_part_of(inferences: dict) -> None:
    reasons = inferences[(fact("bender-2024", "fact/dx-calcinosis"), CCK.LowerLimbCalcinosisDiagnosis)]
    assert CCK.PosteriorThigh in reasons or CCK.PoplitealFossa in reasons
    knee = inferences[(fact("mahipathy-2020", "fact/dx-calcinosis-new"), CCK.LowerLimbCalcinosisDiagnosis)]
    assert CCK.Knee in knee


def test_case_by_case_reasoning_infers_what_hermit_infers_over_the_whole_graph(
    terms: TermIndex, model: Classification, seed_graphs: list[Graph]
) -> None:
    split_types: dict[URIRef, set[URIRef]] = {}
    split_values: dict[tuple[URIRef, URIRef], set[URIRef]] = {}
    properties = [CCK.hasFact, CCK.describes, CCK.reportsFact]
    for graph in seed_graphs:
        inference = infer_case(graph, model)
        split_types.update(inference.types)
        full = graph + inference.graph
        for prop in properties:
            for s, o in full.subject_objects(prop):
                split_values.setdefault((s, prop), set()).add(o)
    hermit_types, hermit_values = hermit_memberships(owl_view(terms.graph, seed_graphs), list(split_types), properties)
    assert len(split_types) > 500
    assert {x: frozenset(t) for x, t in split_types.items()} == hermit_types
    assert {k: frozenset(v) for k, v in split_values.items()} == hermit_values
    assert sum(len(v) for k, v in hermit_values.items() if k[1] == CCK.reportsFact) == 113


def test_part_of_closure_agrees_with_hermit_classification(model: Classification) -> None:
    for site in model.superclasses:
        if CCK.AnatomicSite in model.superclasses[site] and site not in (CCK.LowerLimb, CCK.LowerLimbPart):
            in_lower_limb = CCK.LowerLimb in model.part_of.get(site, frozenset())
            assert in_lower_limb == (CCK.LowerLimbPart in model.superclasses[site]), site
    assert {CCK.Thigh, CCK.LowerLimb} <= model.part_of[CCK.PosteriorThigh]


def test_inferred_facts_are_in_the_store_in_their_own_graph(seed_build: Path) -> None:
    store = ox.Store.read_only(str(seed_build / "store"))
    rows = select(store, PREFIXES + "SELECT ?p WHERE { ?p a cck:RefractoryCalcinosisPatient }")
    assert rows == [{"p": f"{CCKD}bender-2024/patient"}]
    graphs = select(store, PREFIXES + "SELECT ?g WHERE { GRAPH ?g { ?p a cck:ImmunosuppressedPatient } } ORDER BY ?g")
    assert graphs == [{"g": f"{CCKD}graph/inferred/bender-2024"}, {"g": f"{CCKD}graph/inferred/mahipathy-2020"}]
    asserted = select(store, PREFIXES + "SELECT ?p WHERE { GRAPH <" + f"{CCKD}graph/bender-2024" + "> { ?p a cck:ImmunosuppressedPatient } }")
    assert asserted == []
    part_of = select(store, PREFIXES + "SELECT ?w WHERE { GRAPH ?g { cck:PosteriorThigh cck:partOf ?w } }")
    assert {row["w"] for row in part_of} >= {str(CCK.Thigh), str(CCK.LowerLimb)}


def test_a_contradiction_in_case_data_fails_with_an_explanation(model: Classification) -> None:
    graph = Graph(identifier=URIRef(f"{CCKD}graph/bad"))
    odd = URIRef(f"{CCKD}bad/fact/x")
    graph.add((odd, RDF.type, CCK.Diagnosis))
    graph.add((odd, RDF.type, CCK.DrugExposure))
    patient = URIRef(f"{CCKD}bad/patient")
    graph.add((patient, RDF.type, CCK.Patient))
    graph.add((patient, CCK.sex, CCK.Female))
    graph.add((patient, CCK.sex, CCK.Male))
    with pytest.raises(InconsistentCase) as error:
        infer_case(graph, model)
    message = str(error.value)
    assert f"{odd} is a member of disjoint classes" in message and str(CCK.DrugExposure) in message
    assert f"{patient} has 2 different values for functional property {CCK.sex}" in message


def test_an_unsatisfiable_class_fails_classification(terms: TermIndex) -> None:
    broken = Graph()
    for triple in terms.graph:
        broken.add(triple)
    broken.add((CCK.DrugProcedure, RDF.type, OWL.Class))
    broken.add((CCK.DrugProcedure, RDFS.subClassOf, CCK.Drug))
    broken.add((CCK.DrugProcedure, RDFS.subClassOf, CCK.Procedure))
    with pytest.raises(OntologyError, match="DrugProcedure"):
        classify(broken)
