"""The ontology: parses, every term is documented, HermiT finds it consistent."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.owl import check_consistency
from kg.namespaces import CCK
from kg.resources import ontology_dir
from kg.terms import BRANCHES, TermIndex

from .copying import copied_runs, report_runs

CURIE = re.compile(r"^(MONDO|HP|UBERON|CHEBI|DRUGBANK|RXNORM|NCIT|SCTID|NCBITaxon|PATO|BFO|MESH|DOID|OMIT|UMLS):[A-Za-z0-9_]+$")

REQUIRED = {
    "Condition": "CalcinosisCutis DystrophicCalcinosisCutis MetastaticCalcinosisCutis IdiopathicCalcinosisCutis "
    "IatrogenicCalcinosisCutis Calciphylaxis SystemicSclerosis DiffuseCutaneousSystemicSclerosis "
    "LimitedCutaneousSystemicSclerosis JuvenileSystemicSclerosis SystemicLupusErythematosus RheumatoidArthritis "
    "Polymyositis Dermatomyositis RaynaudPhenomenon Type2DiabetesMellitus InterstitialLungDisease RenalFailure Anemia "
    "Sepsis Cellulitis PressureUlcer Infection DeepVeinThrombosis ArterialOcclusion Osteomyelitis Ankylosis "
    "MitralValveProlapse",
    "AnatomicSite": "Finger Hand UpperLimb Thigh PosteriorThigh PoplitealFossa Knee LowerLimb GlutealRegion "
    "SacralRegion IschialTuberosity Chin NasalSill Face Elbow",
    "Drug": "Rituximab Methotrexate MycophenolateMofetil Heparin Vancomycin Ceftazidime Ceftaroline Colchicine "
    "SodiumThiosulfate Diltiazem Warfarin Minocycline Ceftriaxone AluminiumHydroxide Probenecid "
    "IntravenousImmunoglobulin Infliximab Itopride Immunosuppressant AntiCD20Antibody Antibiotic Anticoagulant "
    "Bisphosphonate CalciumChannelBlocker",
    "Procedure": "SurgicalExcision IncisionAndDrainage Debridement LimbergFlap PrimaryClosure "
    "NegativePressureWoundTherapy Radiograph Ultrasound DopplerUltrasound DuplexUltrasound ComputedTomography "
    "HighResolutionComputedTomography MagneticResonanceImaging Echocardiography DDimerTest TroponinTest "
    "CompleteBloodCount ProcalcitoninTest SerumCalciumTest SerumPhosphorusTest WoundCulture Spirometry "
    "ExtracorporealShockWaveLithotripsy CarbonDioxideLaserTherapy Curettage",
    "Organism": "MethicillinResistantStaphylococcusAureus StaphylococcusEpidermidis",
}


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex.load()


def domain_terms(index: TermIndex) -> list:
    return [t for t in index.terms.values() if index.branch_of(t) and t.iri not in {CCK[b] for b in BRANCHES}]


@pytest.mark.parametrize("branch", sorted(REQUIRED))
def test_required_terms_exist_in_their_branch(index: TermIndex, branch: str) -> None:
    missing = [name for name in REQUIRED[branch].split() if not index.in_branch(name, branch)]
    assert missing == []


def test_five_calcinosis_subtypes(index: TermIndex) -> None:
    subtypes = {t.local_name for t in index.terms.values() if CCK.CalcinosisCutis in t.ancestors}
    assert subtypes == {
        "DystrophicCalcinosisCutis",
        "MetastaticCalcinosisCutis",
        "IdiopathicCalcinosisCutis",
        "IatrogenicCalcinosisCutis",
        "Calciphylaxis",
    }


def test_every_term_has_label_and_definition(index: TermIndex) -> None:
    graph = index.graph
    undocumented = [
        str(iri)
        for iri in graph.subjects(RDF.type, OWL.Class)
        if isinstance(iri, URIRef) and (graph.value(iri, RDFS.label) is None or graph.value(iri, SKOS.definition) is None)
    ]
    assert undocumented == []


def test_cross_references_are_well_formed_curies(index: TermIndex) -> None:
    bad = [(t.local_name, x) for t in index.terms.values() for x in t.xrefs if not CURIE.match(x)]
    assert bad == []
    with_xref = [t for t in domain_terms(index) if t.xrefs]
    assert len(with_xref) >= 0.6 * len(domain_terms(index))


def test_no_label_or_synonym_names_two_terms(index: TermIndex) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for t in domain_terms(index):
        for name in (t.label, *t.synonyms, *t.abbreviations):
            owners[name.casefold()].add(t.local_name)
    shared = {name: sorted(terms) for name, terms in owners.items() if len(terms) > 1}
    assert shared == {}


def test_sites_form_a_part_of_hierarchy(index: TermIndex) -> None:
    graph = index.graph
    query = """
        PREFIX cck: <https://w3id.org/calcinosis-kg/ontology/>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?whole WHERE { ?part rdfs:subClassOf [ owl:onProperty cck:partOf ; owl:someValuesFrom ?whole ] }
    """
    wholes = {}
    for part in ("PosteriorThigh", "Thigh", "Finger", "NasalSill", "Chin"):
        rows = graph.query(query, initBindings={"part": CCK[part]})
        wholes[part] = {str(row.whole)[len(str(CCK)) :] for row in rows}
    assert "Thigh" in wholes["PosteriorThigh"]
    assert "LowerLimb" in wholes["Thigh"]
    assert "Hand" in wholes["Finger"]
    assert wholes["NasalSill"] and wholes["Chin"]


def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class(index: TermIndex) -> None:
    report = check_consistency(index.graph)
    assert report.consistent, report.explanation
    assert report.unsatisfiable == ()
    assert report.classes > 150


def test_ontology_does_not_copy_report_sentences(seed_reports: Path) -> None:
    """No definition or synonym repeats a run of nine words of a source report."""
    runs = report_runs(seed_reports)
    modules = sorted(ontology_dir().glob("*.ttl"))
    copied = {path.name: hits for path in modules if (hits := copied_runs(path.read_text(encoding="utf-8"), runs))}
    assert copied == {}
