"""The ontology: parses, every term is documented, HermiT finds it consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.namespaces import CCK
from kg.ontology.report import check_ontology
from kg.ontology.terms import BRANCHES, TermIndex
from kg.resources import ontology_dir

from ..copying import copied_runs, report_runs

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


def test_the_quality_report_finds_no_errors() -> None:
    """Labels, definitions, parents, unambiguous names, well-formed cross-references, HermiT: the checks of
    `kg ontology-report` (kg.ontology.report), run on the project's ontology."""
    errors = [problem.line() for problem in check_ontology() if problem.severity == "error"]
    assert errors == []


def test_most_domain_terms_have_a_cross_reference(index: TermIndex) -> None:
    with_xref = [t for t in domain_terms(index) if t.xrefs]
    assert len(with_xref) >= 0.6 * len(domain_terms(index))


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


def test_the_ontology_has_the_classes_the_cases_need(index: TermIndex) -> None:
    assert len(index.terms) > 150


def test_ontology_does_not_copy_report_sentences(seed_reports: Path) -> None:
    """No definition or synonym repeats a run of nine words of a source report."""
    runs = report_runs(seed_reports)
    modules = sorted(ontology_dir().glob("*.ttl"))
    copied = {path.name: hits for path in modules if (hits := copied_runs(path.read_text(encoding="utf-8"), runs))}
    assert copied == {}
