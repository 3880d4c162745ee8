"""The query library: every .rq file has a header, runs on both engines alike, and gives
the answer the seed reports give (expected rows written from the records in data/)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.api import KnowledgeGraph, bind_params
from kg.queries import load_queries

from .iris import BENDER, MAHIPATHY

QUERIES = load_queries()
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@pytest.fixture(scope="session")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build, build=False)


@pytest.fixture(scope="session")
def dataset(seed_build: Path) -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    ds.parse(seed_build / "graph.nq", format="nquads")
    return ds


def tail(value: object) -> object:
    """The last path segment of an IRI (fact ids, term local names); other values unchanged."""
    if isinstance(value, str) and value.startswith("https://w3id.org/calcinosis-kg/"):
        return value.rstrip("/").rsplit("/", 1)[-1]
    return value


def rows(graph: KnowledgeGraph, name: str, columns: tuple[str, ...], **params: object) -> set[tuple[object, ...]]:
    return {tuple(tail(row.get(c)) for c in columns) for row in graph.query(name, **params)}


# --- the library as a whole -------------------------------------------------------------

def test_at_least_fifteen_queries_with_headers() -> None:
    assert len(QUERIES) >= 15
    for query in QUERIES.values():
        assert query.title and query.description, query.name
        assert query.examples and query.examples[0].startswith(f"kg query {query.name}"), query.name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_parameter_is_projected_and_documented(name: str) -> None:
    query = QUERIES[name]
    select = query.text[query.text.index("SELECT") : query.text.index("WHERE")]
    for param in query.params:
        assert f"?{param.name} " in select or f"?{param.name}\n" in select, (name, param.name)
        assert param.description, (name, param.name)
    assert set(query.example_params()) <= {p.name for p in query.params}


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _normal(value: object) -> str:
    """Plain string of a value; numbers normalised; ' | ' and '; ' lists sorted (GROUP_CONCAT order varies)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    try:
        return str(Decimal(text).normalize())
    except ArithmeticError:
        pass
    for separator in (" | ", "; "):
        if separator in text:
            return separator.join(sorted(text.split(separator)))
    return text


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_pyoxigraph_and_rdflib_agree(name: str, graph: KnowledgeGraph, dataset: rdflib.Dataset) -> None:
    query = QUERIES[name]
    params = query.example_params()
    oxi = graph.run(name, **params)
    bindings = {k: _rdflib_term(v) for k, v in bind_params(query, params, graph.resolve).items()}
    result = dataset.query(query.text, initBindings=bindings)
    columns = [str(v) for v in result.vars]
    assert columns == list(oxi.columns)
    theirs = {tuple(_normal(getattr(row, c)) for c in columns) for row in result}
    ours = {tuple(_normal(row[c]) for c in columns) for row in oxi.rows}
    assert ours == theirs
    assert ours, f"{name}: its example gives no rows, so the comparison proves nothing"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_rows_are_ordered(name: str, graph: KnowledgeGraph) -> None:
    params = QUERIES[name].example_params()
    assert graph.query(name, **params) == graph.query(name, **params)


# --- expected answers, from the records ----------------------------------------------------

def test_treatments_by_subtype(graph: KnowledgeGraph) -> None:
    cols = ("case", "kind", "treatment_label", "status", "response", "fact")
    expected = {
        ("bender-2024", "drug", "methotrexate", "past use", "refractory", "drug-methotrexate"),
        ("bender-2024", "drug", "colchicine", "past use", "refractory", "drug-colchicine"),
        ("bender-2024", "drug", "antibiotic", "past use", "refractory", "drug-antibiotic-courses"),
        ("bender-2024", "drug", "drug", "contraindicated", None, "drug-pharmacotherapy"),
        ("bender-2024", "procedure", "incision and drainage", "performed", None, "proc-id-1"),
        ("bender-2024", "procedure", "debridement", "performed", None, "proc-debridement-2"),
        ("mahipathy-2020", "procedure", "debridement", "performed", None, "proc-debridement"),
        ("mahipathy-2020", "procedure", "surgical excision", "performed", None, "proc-excision-gluteal"),
        ("mahipathy-2020", "procedure", "surgical excision", "performed", None, "proc-excision-new"),
        ("mahipathy-2020", "procedure", "primary closure", "performed", None, "proc-primary-closure"),
    }
    assert rows(graph, "treatments-by-subtype", cols, subtype="dystrophic calcinosis cutis") == expected
    assert rows(graph, "treatments-by-subtype", cols) == expected
    assert rows(graph, "treatments-by-subtype", cols, subtype="calciphylaxis") == set()


def test_refractory_drugs(graph: KnowledgeGraph) -> None:
    cols = ("case", "drug_label", "status", "response", "target_label")
    calcinosis = {
        ("bender-2024", "methotrexate", "past use", "refractory", "calcinosis cutis"),
        ("bender-2024", "colchicine", "past use", "refractory", "calcinosis cutis"),
        ("bender-2024", "antibiotic", "past use", "refractory", "calcinosis cutis"),
    }
    assert rows(graph, "refractory-drugs", cols, about="calcinosis cutis") == calcinosis
    assert rows(graph, "refractory-drugs", cols) == calcinosis | {("bender-2024", "heparin", "given", "no response", "pain")}


def test_calcinosis_sites_roll_up_part_of(graph: KnowledgeGraph) -> None:
    cols = ("case", "site", "laterality", "dx")
    lower_limb = {
        ("bender-2024", "PosteriorThigh", "left", "dx-calcinosis"),
        ("bender-2024", "PoplitealFossa", "left", "dx-calcinosis"),
        ("mahipathy-2020", "Knee", "right", "dx-calcinosis-new"),
    }
    assert rows(graph, "calcinosis-sites", cols, region="lower limb") == lower_limb
    assert rows(graph, "calcinosis-sites", cols, region="cck:Thigh") == {("bender-2024", "PosteriorThigh", "left", "dx-calcinosis")}
    assert rows(graph, "calcinosis-sites", cols, region="https://w3id.org/calcinosis-kg/ontology/Knee") == {
        ("bender-2024", "PoplitealFossa", "left", "dx-calcinosis"),
        ("mahipathy-2020", "Knee", "right", "dx-calcinosis-new"),
    }
    assert rows(graph, "calcinosis-sites", cols, region="face") == {
        ("mahipathy-2020", "Chin", "left", "dx-calcinosis-new"),
        ("mahipathy-2020", "NasalSill", None, "dx-calcinosis-new"),
    }
    everywhere = rows(graph, "calcinosis-sites", cols)
    assert everywhere == lower_limb | {
        ("mahipathy-2020", "Chin", "left", "dx-calcinosis-new"),
        ("mahipathy-2020", "NasalSill", None, "dx-calcinosis-new"),
        ("mahipathy-2020", "SacralRegion", None, "dx-calcinosis-new"),
        ("mahipathy-2020", "GlutealRegion", "bilateral", "dx-calcinosis"),
        ("mahipathy-2020", "InferiorPubicRamus", "bilateral", "dx-calcinosis"),
        ("mahipathy-2020", "IschialTuberosity", "bilateral", "dx-calcinosis"),
        ("mahipathy-2020", "ObturatorForamen", None, "dx-calcinosis"),
    }
    assert rows(graph, "calcinosis-sites", cols, region="upper limb") == set()


BENDER_COMORBID = {
    ("bender-2024", "diffuse cutaneous systemic sclerosis", "present", "comorbidity"),
    ("bender-2024", "type 2 diabetes mellitus", "present", "comorbidity"),
    ("bender-2024", "rheumatoid arthritis", "present", "comorbidity"),
    ("bender-2024", "polymyositis", "present", "comorbidity"),
    ("bender-2024", "Raynaud phenomenon", "present", "comorbidity"),
    ("bender-2024", "systemic lupus erythematosus", "present", "comorbidity"),
    ("bender-2024", "renal failure", "present", "comorbidity"),
    ("bender-2024", "sepsis", "present", "complication"),
    ("bender-2024", "cellulitis", "present", "complication"),
    ("bender-2024", "wound infection", "present", "complication"),
}
MAHIPATHY_COMORBID = {
    ("mahipathy-2020", "juvenile systemic sclerosis", "present", "comorbidity"),
    ("mahipathy-2020", "Raynaud phenomenon", "historical", "comorbidity"),
    ("mahipathy-2020", "digital ulcer", "historical", "comorbidity"),
    ("mahipathy-2020", "interstitial lung disease", "present", "comorbidity"),
    ("mahipathy-2020", "mitral valve prolapse", "present", "comorbidity"),
    ("mahipathy-2020", "mitral regurgitation", "present", "comorbidity"),
    ("mahipathy-2020", "pressure ulcer", "present", "complication"),
    ("mahipathy-2020", "bony ankylosis", "present", "complication"),
}


def test_comorbidities(graph: KnowledgeGraph) -> None:
    cols = ("case", "condition_label", "status", "category")
    assert rows(graph, "comorbidities", cols) == BENDER_COMORBID | MAHIPATHY_COMORBID
    assert rows(graph, "comorbidities", cols, under="SSc") == {
        ("bender-2024", "diffuse cutaneous systemic sclerosis", "present", "comorbidity"),
        ("mahipathy-2020", "juvenile systemic sclerosis", "present", "comorbidity"),
    }
    assert rows(graph, "comorbidities", cols, under="autoimmune connective tissue disease", category="comorbidity") == {
        ("bender-2024", "diffuse cutaneous systemic sclerosis", "present", "comorbidity"),
        ("bender-2024", "rheumatoid arthritis", "present", "comorbidity"),
        ("bender-2024", "polymyositis", "present", "comorbidity"),
        ("bender-2024", "systemic lupus erythematosus", "present", "comorbidity"),
        ("mahipathy-2020", "juvenile systemic sclerosis", "present", "comorbidity"),
    }
    assert rows(graph, "comorbidities", cols, category="complication") == {r for r in BENDER_COMORBID | MAHIPATHY_COMORBID if r[3] == "complication"}


def test_comorbidity_frequency(graph: KnowledgeGraph) -> None:
    all_rows = rows(graph, "comorbidity-frequency", ("condition_label", "cases"))
    labels = {r[1] for r in BENDER_COMORBID | MAHIPATHY_COMORBID}
    assert all_rows == {(label, 2 if label == "Raynaud phenomenon" else 1) for label in labels}
    assert rows(graph, "comorbidity-frequency", ("condition", "cases"), min_cases=2) == {("RaynaudPhenomenon", 2)}
    assert graph.query("comorbidity-frequency")[0]["condition_label"] == "Raynaud phenomenon"  # most frequent first


def test_ruled_out_findings(graph: KnowledgeGraph) -> None:
    cols = ("case", "kind", "what_label", "found_by", "fact")
    assert rows(graph, "ruled-out-findings", cols) == {
        ("bender-2024", "diagnosis", "arterial occlusion", "duplex ultrasound", "dx-artocc-absent"),
        ("bender-2024", "diagnosis", "deep vein thrombosis", "duplex ultrasound", "dx-dvt-absent"),
    }
    assert rows(graph, "ruled-out-findings", cols, status="suspected") == {
        ("bender-2024", "diagnosis", "arterial occlusion", None, "dx-artocc-possible"),
        ("bender-2024", "diagnosis", "deep vein thrombosis", "D-dimer test", "dx-dvt-possible"),
    }


def test_procedure_timeline(graph: KnowledgeGraph) -> None:
    cols = ("order", "procedure_label", "status", "offset", "offset_unit", "offset_days", "anchor")
    bender = [tuple(tail(r.get(c)) for c in cols) for r in graph.query("procedure-timeline", case="bender-2024")]
    assert bender[:10] == [
        (1, "incision and drainage", "performed", None, None, None, None),
        (2, "debridement", "performed", 0, "day", 0, "proc-id-1"),
        (3, "wound irrigation", "performed", 0, "day", 0, "proc-id-1"),
        (4, "wound packing", "performed", 0, "day", 0, "proc-id-1"),
        (5, "wet-to-dry dressing", "performed", None, None, None, None),
        (6, "debridement", "performed", 8, "day", 8, "proc-id-1"),
        (7, "negative pressure wound therapy", "performed", 8, "day", 8, "proc-id-1"),
        (8, "negative pressure wound therapy", "performed", 3, "day", 3, "proc-debridement-2"),
        (9, "primary closure", "performed", 16, "day", 16, "proc-debridement-2"),
        (10, "negative pressure wound therapy", "performed", 16, "day", 16, "proc-debridement-2"),
    ]
    assert sorted(bender[10:], key=str) == sorted([
        (None, "PICC line placement", "precluded", None, None, None, None),
        (None, "specialist consultation", "performed", None, None, None, None),
        (None, "specialist consultation", "performed", None, None, None, None),
        (None, "specialist consultation", "performed", None, None, None, None),
    ], key=str)
    mahipathy = [tuple(tail(r.get(c)) for c in cols) for r in graph.query("procedure-timeline", case="mahipathy-2020")]
    assert mahipathy == [
        (1, "debridement", "performed", None, None, None, None),
        (2, "surgical excision", "performed", 0, "day", 0, "proc-debridement"),
        (3, "Limberg flap", "performed", 0, "day", 0, "proc-debridement"),
        (4, "suture removal", "performed", 10, "day", 10, "proc-debridement"),
        (5, "surgical excision", "performed", 3, "year", None, "proc-debridement"),
        (6, "primary closure", "performed", 3, "year", None, "proc-debridement"),
    ]
    assert len(graph.query("procedure-timeline")) == 20


def test_organisms_and_antibiotics(graph: KnowledgeGraph) -> None:
    cols = ("isolate_label", "antibiotic_label", "status", "directed", "antibiotic_fact")
    per_isolate = {
        ("ceftaroline", "switched", True, "drug-ceftaroline"),
        ("vancomycin", "given", True, "drug-vancomycin-2"),
        ("vancomycin", "switched", False, "drug-vancomycin-1"),
        ("ceftazidime", "given", False, "drug-ceftazidime"),
    }
    isolates = ("methicillin-resistant Staphylococcus aureus", "Staphylococcus epidermidis")
    assert rows(graph, "organisms-and-antibiotics", cols) == {(i, *r) for i in isolates for r in per_isolate}
    assert rows(graph, "organisms-and-antibiotics", cols, organism="Staphylococcus aureus") == {(isolates[0], *r) for r in per_isolate}
    assert {r["culture_label"] for r in graph.query("organisms-and-antibiotics")} == {"wound culture"}


def test_patients(graph: KnowledgeGraph) -> None:
    cols = ("case", "age", "sex_label")
    assert rows(graph, "patients", cols) == {("bender-2024", 52, "female"), ("mahipathy-2020", 15, "female")}
    assert rows(graph, "patients", cols, min_age=18) == {("bender-2024", 52, "female")}
    assert rows(graph, "patients", cols, max_age="15.5", sex="female") == {("mahipathy-2020", 15, "female")}
    assert rows(graph, "patients", cols, sex="male") == set()


def test_cases_by_subtype_and_site(graph: KnowledgeGraph) -> None:
    cols = ("case", "dx", "sites_in_region")
    assert rows(graph, "cases-by-subtype-and-site", cols, subtype="dystrophic calcinosis cutis", region="lower limb") == {
        ("bender-2024", "dx-calcinosis", 2),
        ("mahipathy-2020", "dx-calcinosis-new", 1),
    }
    assert rows(graph, "cases-by-subtype-and-site", cols) == {
        ("bender-2024", "dx-calcinosis", 2),
        ("mahipathy-2020", "dx-calcinosis", 4),
        ("mahipathy-2020", "dx-calcinosis-new", 4),
    }
    assert rows(graph, "cases-by-subtype-and-site", cols, region="pelvic region") == {
        ("mahipathy-2020", "dx-calcinosis", 4),
        ("mahipathy-2020", "dx-calcinosis-new", 1),
    }
    assert rows(graph, "cases-by-subtype-and-site", cols, subtype="metastatic calcinosis cutis") == set()


def test_background_claims_compared_across_reports(graph: KnowledgeGraph) -> None:
    cols = ("case", "claim", "value", "low", "high", "unit", "reference")
    assert rows(graph, "background-claims", cols, kind="prevalence", about="systemic sclerosis") == {
        ("bender-2024", "claim-ss-prevalence", None, 18, 49, "percent", "[2] Traineau H 2022"),
        ("mahipathy-2020", "c-ssc-prevalence", 25, None, None, "percent", "[2] Gutierrez JA 2012"),
        ("mahipathy-2020", "c-ssc-prevalence", 25, None, None, "percent", "[3] Valenzuela A 2015"),
        ("mahipathy-2020", "c-limited-ssc-prevalence", 25, None, None, "percent", "[13] Gutierrez AJ 2012"),
        ("mahipathy-2020", "c-concl-prevalence", 25, None, None, "percent", None),
    }
    dois = {(r["claim"].rsplit("/", 1)[-1], r.get("reference_doi")) for r in graph.query("background-claims", kind="treatment_efficacy", about="surgical excision")}
    assert dois == {
        ("claim-surgery-efficacy", "10.1016/j.jaad.2019.07.006"),
        ("claim-mayo-surgery-outcomes", None),
        ("claim-mayo-complete", None),
        ("claim-mayo-partial", None),
    }
    claims = {r["claim"] for r in graph.query("background-claims")}
    assert len(claims) == 69  # every claim of both records has a subject


def test_evidence(graph: KnowledgeGraph) -> None:
    cols = ("case", "file", "section", "start", "end")
    bender_file = "000_b36f31f2d423490e.txt"
    assert rows(graph, "evidence", cols, fact="cckd:bender-2024/fact/drug-methotrexate") == {
        ("bender-2024", bender_file, "case", 3967, 4013),
        ("bender-2024", bender_file, "discussion", 8030, 8062),
        ("bender-2024", bender_file, "discussion", 8064, 8131),
    }
    sha = {r["sha256"] for r in graph.query("evidence", fact=f"{BENDER}/fact/org-mrsa")}
    assert sha == {"f062e11e741fdc840599f0c5bf5289ae10d413de96633daa41a3a4a5da98f7fa"}
    assert rows(graph, "evidence", ("section", "start", "end"), fact=f"{MAHIPATHY}/patient") == {("case", 2679, 2698), ("abstract", 1225, 1237)}


def test_ontology_terms(graph: KnowledgeGraph) -> None:
    found = {tail(r["term"]): r for r in graph.query("ontology-terms", branch="systemic sclerosis")}
    assert set(found) == {"SystemicSclerosis", "DiffuseCutaneousSystemicSclerosis", "JuvenileSystemicSclerosis", "LimitedCutaneousSystemicSclerosis"}
    ssc = found["SystemicSclerosis"]
    assert set(ssc["synonyms"].split(" | ")) == {"progressive systemic sclerosis", "scleroderma", "systemic scleroderma"}
    assert ssc["abbreviations"] == "SSc" and ssc["xrefs"] == "MONDO:0005100"
    assert "CREST syndrome" in found["LimitedCutaneousSystemicSclerosis"]["synonyms"].split(" | ")
    assert found["JuvenileSystemicSclerosis"]["xrefs"] in (None, "")


def test_case_series_table(graph: KnowledgeGraph) -> None:
    table = {r["case"]: r for r in graph.query("case-series")}
    assert set(table) == {"bender-2024", "mahipathy-2020"}

    def items(case: str, column: str) -> set[str]:
        value = table[case].get(column)
        return set(value.split("; ")) if value else set()

    bender, mahipathy = table["bender-2024"], table["mahipathy-2020"]
    assert (bender["age"], bender["sex"], mahipathy["age"], mahipathy["sex"]) == (52, "female", 15, "female")
    assert items("bender-2024", "underlying_disease") == {"diffuse cutaneous systemic sclerosis", "rheumatoid arthritis", "polymyositis", "systemic lupus erythematosus"}
    assert items("mahipathy-2020", "underlying_disease") == {"juvenile systemic sclerosis"}
    assert items("bender-2024", "subtype") == items("mahipathy-2020", "subtype") == {"dystrophic calcinosis cutis"}
    assert items("bender-2024", "sites") == {"posterior thigh (left)", "popliteal fossa (left)"}
    assert items("mahipathy-2020", "sites") == {
        "gluteal region (bilateral)", "inferior pubic ramus (bilateral)", "ischial tuberosity (bilateral)", "obturator foramen",
        "sacral region", "knee (right)", "chin (left)", "nasal sill",
    }
    assert bender["size"] == "17 x 8 x 4 cm" and mahipathy.get("size") is None
    assert items("bender-2024", "treatments") == {"methotrexate", "colchicine", "antibiotic"}
    assert items("mahipathy-2020", "treatments") == set()
    assert items("bender-2024", "surgery") == {"incision and drainage", "debridement"}
    assert items("mahipathy-2020", "surgery") == {"debridement", "surgical excision", "primary closure"}
    assert items("bender-2024", "outcome") == {"stable", "discharged"}
    assert items("mahipathy-2020", "outcome") == {"discharged", "recurrence", "resolved"}


def test_drug_exposures(graph: KnowledgeGraph) -> None:
    cols = ("case", "drug_label", "status", "indication")
    assert rows(graph, "drug-exposures", cols, drug_class="immunosuppressant") == {
        ("bender-2024", "methotrexate", "past use", "rheumatoid arthritis"),
        ("bender-2024", "mycophenolate mofetil", "held", "systemic lupus erythematosus"),
        ("bender-2024", "rituximab", "past use", "diffuse cutaneous systemic sclerosis"),
        ("mahipathy-2020", "mycophenolate mofetil", "given", "oral ulcer"),
        ("mahipathy-2020", "mycophenolate mofetil", "given", "interstitial lung disease"),
    }
    facts = {tail(r["fact"]) for r in graph.query("drug-exposures")}
    assert len(facts) == 13  # every drug fact of both records
    heparin = [r for r in graph.query("drug-exposures", drug_class="anticoagulant")]
    assert {(r["route"], r["response"], r["indication"]) for r in heparin} == {
        ("intravenous", "no response", "arterial occlusion"), ("intravenous", "no response", "deep vein thrombosis")}


def test_diagnostic_tests(graph: KnowledgeGraph) -> None:
    cols = ("case", "test_label", "result")
    assert rows(graph, "diagnostic-tests", cols, result="elevated") == {
        ("bender-2024", "D-dimer test", "elevated"), ("bender-2024", "troponin test", "elevated")}
    assert rows(graph, "diagnostic-tests", ("case", "test_label", "result", "fact"), test_class="imaging procedure") == {
        ("bender-2024", "Doppler ultrasound", "normal", "test-doppler"),
        ("bender-2024", "radiograph", "abnormal", "img-knee-xray"),
        ("bender-2024", "duplex ultrasound", "negative", "img-arterial-duplex"),
        ("bender-2024", "duplex ultrasound", "negative", "img-venous-us"),
        ("mahipathy-2020", "high-resolution computed tomography", "abnormal", "img-hrct"),
        ("mahipathy-2020", "echocardiography", "abnormal", "img-echo"),
        ("mahipathy-2020", "radiograph", "abnormal", "img-pelvis-xray"),
        ("mahipathy-2020", "radiograph", "abnormal", "img-elbow-xray"),
    }
    assert len({r["fact"] for r in graph.query("diagnostic-tests")}) == 17


def test_outcomes(graph: KnowledgeGraph) -> None:
    cols = ("case", "kind", "destination", "about_label", "about_fact")
    assert rows(graph, "outcomes", cols) == {
        ("bender-2024", "transferred", "other_hospital", "arterial occlusion", "dx-artocc-possible"),
        ("bender-2024", "transferred", "other_hospital", "deep vein thrombosis", "dx-dvt-possible"),
        ("bender-2024", "admitted", None, "sepsis", "dx-sepsis"),
        ("bender-2024", "admitted", None, "cellulitis", "dx-cellulitis"),
        ("bender-2024", "stable", "outpatient_follow_up", "calcinosis cutis", "dx-calcinosis"),
        ("bender-2024", "discharged", "inpatient_rehabilitation", "calcinosis cutis", "dx-calcinosis"),
        ("mahipathy-2020", "discharged", None, "pressure ulcer", "dx-pressure-ulcer"),
        ("mahipathy-2020", "discharged", None, "calcinosis cutis", "dx-calcinosis"),
        ("mahipathy-2020", "recurrence", None, "calcinosis cutis", "dx-calcinosis"),
        ("mahipathy-2020", "resolved", None, "calcinosis cutis", "dx-calcinosis"),
        ("mahipathy-2020", "resolved", None, "calcinosis cutis", "dx-calcinosis-new"),
    }
    assert rows(graph, "outcomes", ("kind", "about_fact"), kind="recurrence") == {("recurrence", "dx-calcinosis")}


def test_source_issues(graph: KnowledgeGraph) -> None:
    assert rows(graph, "source-issues", ("case", "subject"), issue="missing_negation") == {
        ("bender-2024", s) for s in ("img-knee-xray", "find-xray-fracture", "find-xray-dislocation", "find-xray-osteomyelitis")}
    assert rows(graph, "source-issues", ("case", "subject"), issue="date_order") == {("bender-2024", "bender-2024")}
    assert rows(graph, "source-issues", ("case", "subject"), issue="implausible_value") == {
        ("mahipathy-2020", "dx-raynaud"), ("mahipathy-2020", "dx-digital-ulcer")}
    per_case = {}
    for row in graph.query("source-issues"):
        per_case[row["case"]] = per_case.get(row["case"], 0) + 1
    # counted in the records: source_issue fields of bender-2024 and mahipathy-2020
    assert per_case == {"bender-2024": _count_issues("bender-2024"), "mahipathy-2020": _count_issues("mahipathy-2020")}


def _count_issues(case: str) -> int:
    from kg.resources import bundled_data_dir

    return sum(1 for line in (bundled_data_dir() / f"{case}.yaml").read_text(encoding="utf-8").splitlines() if line.strip().startswith("source_issue:"))
