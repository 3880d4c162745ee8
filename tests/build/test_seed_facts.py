"""The key facts of both seed reports, asked of the built store by SPARQL.

Expected values are read off the reports, not off the program's output.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.reference.select import select

from ..iris import BENDER, MAHIPATHY, PREFIXES, term


def ask(store: ox.Store, body: str, **bindings: ox.NamedNode) -> list[dict[str, str]]:
    return select(store, PREFIXES + body, **bindings)


def values(store: ox.Store, body: str, var: str, **bindings: ox.NamedNode) -> set[str]:
    return {row[var] for row in ask(store, body, **bindings)}


def local(iris: set[str]) -> set[str]:
    return {iri.rsplit("/", 1)[-1] for iri in iris}


@pytest.mark.parametrize(("report", "age", "sex"), [(BENDER, "52", "Female"), (MAHIPATHY, "15", "Female")])
def test_each_report_has_its_patient(store: ox.Store, report: str, age: str, sex: str) -> None:
    rows = ask(
        store, "SELECT ?age ?unit ?sex WHERE { ?p cck:describedIn ?r ; cck:age ?age ; cck:ageUnit ?unit ; cck:sex ?sex }", r=ox.NamedNode(report)
    )
    assert rows == [{"age": age, "unit": "year", "sex": term(sex)}]


CALCINOSIS = """
SELECT ?dx ?subtype ?site WHERE {
    ?dx a cck:Diagnosis ; cck:statedIn ?r ; cck:condition cck:CalcinosisCutis ;
        cck:assertionStatus cck:Present ; cck:subtype ?subtype ; cck:hasSite ?site .
}"""


def test_bender_calcinosis_is_dystrophic_in_the_left_posterior_thigh(store: ox.Store) -> None:
    rows = ask(store, CALCINOSIS, r=ox.NamedNode(BENDER))
    assert {row["subtype"] for row in rows} == {term("DystrophicCalcinosisCutis")}
    assert "PosteriorThigh" in local({row["site"] for row in rows})
    size = ask(
        store,
        "SELECT ?size ?unit WHERE { ?dx cck:statedIn ?r ; cck:condition cck:CalcinosisCutis ; cck:sizeDimension ?size ; cck:sizeUnit ?unit }",
        r=ox.NamedNode(BENDER),
    )
    assert size == [{"size": "17 x 8 x 4", "unit": "cm"}]
    laterality = values(
        store,
        "SELECT ?lat WHERE { ?dx cck:statedIn ?r ; cck:condition cck:CalcinosisCutis ; cck:hasSiteMention [ cck:site cck:PosteriorThigh ; cck:laterality ?lat ] }",
        "lat",
        r=ox.NamedNode(BENDER),
    )
    assert laterality == {term("Left")}


def test_mahipathy_calcinosis_is_dystrophic_at_gluteal_then_new_sites(store: ox.Store) -> None:
    sites = local({row["site"] for row in ask(store, CALCINOSIS, r=ox.NamedNode(MAHIPATHY))})
    assert {"GlutealRegion", "SacralRegion", "Knee", "Chin", "NasalSill"} <= sites
    subtypes = {row["subtype"] for row in ask(store, CALCINOSIS, r=ox.NamedNode(MAHIPATHY))}
    assert subtypes == {term("DystrophicCalcinosisCutis")}


def test_underlying_systemic_sclerosis_forms(store: ox.Store) -> None:
    query = "SELECT ?c WHERE { ?dx a cck:Diagnosis ; cck:statedIn ?r ; cck:condition ?c ; cck:assertionStatus cck:Present }"
    assert "DiffuseCutaneousSystemicSclerosis" in local(values(store, query, "c", r=ox.NamedNode(BENDER)))
    assert "JuvenileSystemicSclerosis" in local(values(store, query, "c", r=ox.NamedNode(MAHIPATHY)))
    bender = local(values(store, query, "c", r=ox.NamedNode(BENDER)))
    assert {"Type2DiabetesMellitus", "RheumatoidArthritis", "Polymyositis", "SystemicLupusErythematosus", "Sepsis", "Cellulitis"} <= bender


def test_ruled_out_conditions_stay_negated(store: ox.Store) -> None:
    query = "SELECT ?c ?status WHERE { ?dx a cck:Diagnosis ; cck:statedIn ?r ; cck:condition ?c ; cck:assertionStatus ?status }"
    rows = ask(store, query, r=ox.NamedNode(BENDER))
    statuses: dict[str, set[str]] = {}
    for row in rows:
        statuses.setdefault(row["c"].rsplit("/", 1)[-1], set()).add(row["status"].rsplit("/", 1)[-1])
    assert statuses["DeepVeinThrombosis"] == {"Possible", "Absent"}
    assert statuses["ArterialOcclusion"] == {"Possible", "Absent"}
    present_dvt = ask(store, "ASK { ?dx cck:condition cck:DeepVeinThrombosis ; cck:assertionStatus cck:Present }".replace("ASK", "SELECT ?dx WHERE"))
    assert present_dvt == []


def test_the_venous_ultrasound_rules_out_dvt(store: ox.Store) -> None:
    rows = ask(
        store,
        """
        SELECT ?test ?result WHERE {
            ?dx cck:statedIn ?r ; cck:condition cck:DeepVeinThrombosis ; cck:assertionStatus cck:Absent ; cck:foundBy ?t .
            ?t cck:test ?test ; cck:testResult ?result .
        }""",
        r=ox.NamedNode(BENDER),
    )
    assert rows and {row["result"] for row in rows} == {"negative"}


DRUGS = """
SELECT ?drug ?status ?response WHERE {
    ?e a cck:DrugExposure ; cck:statedIn ?r ; cck:drug ?drug ; cck:drugStatus ?status .
    OPTIONAL { ?e cck:response ?response }
}"""


def _drugs(store: ox.Store, report: str) -> dict[str, set[tuple[str, str]]]:
    table: dict[str, set[tuple[str, str]]] = {}
    for row in ask(store, DRUGS, r=ox.NamedNode(report)):
        status = row["status"].rsplit("/", 1)[-1]
        response = row.get("response", "").rsplit("/", 1)[-1]
        table.setdefault(row["drug"].rsplit("/", 1)[-1], set()).add((status, response))
    return table


def test_bender_drugs_with_status_and_response(store: ox.Store) -> None:
    drugs = _drugs(store, BENDER)
    assert ("Given", "NoResponse") in drugs["Heparin"]
    assert {status for status, _ in drugs["Vancomycin"]} >= {"Switched", "Given"}
    assert {status for status, _ in drugs["MycophenolateMofetil"]} == {"Held"}
    assert ("PastUse", "Refractory") in drugs["Methotrexate"]
    assert ("PastUse", "Refractory") in drugs["Colchicine"]
    assert {status for status, _ in drugs["Rituximab"]} == {"PastUse"}
    assert "Ceftazidime" in drugs


def test_mahipathy_drugs_are_only_those_given_not_the_discussion_list(store: ox.Store) -> None:
    drugs = _drugs(store, MAHIPATHY)
    assert set(drugs) == {"MycophenolateMofetil", "Itopride"}
    assert all(status == "Given" for pairs in drugs.values() for status, _ in pairs)
    discussed = values(store, "SELECT ?d WHERE { ?c a cck:BackgroundClaim ; cck:statedIn ?r ; cck:claimObject ?d }", "d", r=ox.NamedNode(MAHIPATHY))
    assert {"Warfarin", "Minocycline", "Diltiazem", "SodiumThiosulfate"} <= local(discussed)


PROCEDURES = """
SELECT ?order ?proc ?status WHERE {
    ?e a cck:ProcedurePerformed ; cck:statedIn ?r ; cck:procedure ?proc ; cck:procedureStatus ?status .
    OPTIONAL { ?e cck:order ?order }
} ORDER BY ?order"""


def test_bender_procedures_in_order(store: ox.Store) -> None:
    rows = ask(store, PROCEDURES, r=ox.NamedNode(BENDER))
    performed = [row["proc"].rsplit("/", 1)[-1] for row in rows if "order" in row]
    assert performed[0] == "IncisionAndDrainage"
    assert performed.count("Debridement") == 2
    assert "NegativePressureWoundTherapy" in performed and "PrimaryClosure" in performed
    assert performed.index("PrimaryClosure") > performed.index("NegativePressureWoundTherapy")
    precluded = {row["proc"].rsplit("/", 1)[-1] for row in rows if row["status"].endswith("Precluded")}
    assert precluded == {"PICCLinePlacement"}


def test_bender_second_debridement_is_eight_days_after_the_first_operation(store: ox.Store) -> None:
    rows = ask(
        store,
        """
        SELECT ?days ?anchor WHERE {
            ?e cck:statedIn ?r ; cck:procedure cck:Debridement ; cck:offsetDays ?days ; cck:timingAnchor ?a .
            ?a cck:procedure ?anchor .
        }""",
        r=ox.NamedNode(BENDER),
    )
    assert {"days": "8", "anchor": term("IncisionAndDrainage")} in rows


def test_mahipathy_procedures(store: ox.Store) -> None:
    procedures = [row["proc"].rsplit("/", 1)[-1] for row in ask(store, PROCEDURES, r=ox.NamedNode(MAHIPATHY))]
    assert {"Debridement", "SurgicalExcision", "LimbergFlap", "PrimaryClosure"} <= set(procedures)
    assert procedures.index("LimbergFlap") < procedures.index("PrimaryClosure")


def test_bender_organisms_cultured(store: ox.Store) -> None:
    organisms = values(
        store,
        "SELECT ?o WHERE { ?i a cck:OrganismIsolation ; cck:statedIn ?r ; cck:organism ?o ; cck:assertionStatus cck:Present }",
        "o",
        r=ox.NamedNode(BENDER),
    )
    assert local(organisms) == {"MethicillinResistantStaphylococcusAureus", "StaphylococcusEpidermidis"}
    issue = values(store, "SELECT ?s WHERE { ?i cck:organism cck:StaphylococcusEpidermidis ; cck:sourceIssue ?s }", "s")
    assert issue == {"misspelling"}


def test_outcomes(store: ox.Store) -> None:
    query = "SELECT ?kind ?dest WHERE { ?o a cck:Outcome ; cck:statedIn ?r ; cck:outcomeKind ?kind . OPTIONAL { ?o cck:destination ?dest } }"
    bender = ask(store, query, r=ox.NamedNode(BENDER))
    assert {"kind": "discharged", "dest": "inpatient_rehabilitation"} in bender
    mahipathy = {row["kind"] for row in ask(store, query, r=ox.NamedNode(MAHIPATHY))}
    assert {"discharged", "recurrence"} <= mahipathy
    ankylosis = ask(
        store, "SELECT ?dx WHERE { ?dx cck:statedIn ?r ; cck:condition cck:BonyAnkylosis ; cck:hasSite cck:Elbow }", r=ox.NamedNode(MAHIPATHY)
    )
    assert len(ankylosis) == 1


def test_printed_source_errors_are_kept_and_flagged(store: ox.Store) -> None:
    dates = ask(store, "SELECT ?received ?accepted WHERE { ?r cck:received ?received ; cck:accepted ?accepted }", r=ox.NamedNode(BENDER))
    assert dates == [{"received": "2023-12-23", "accepted": "2023-01-25"}]
    osteomyelitis = ask(
        store,
        "SELECT ?status ?issue WHERE { ?f cck:statedIn ?r ; cck:finding cck:Osteomyelitis ; cck:assertionStatus ?status ; cck:sourceIssue ?issue }",
        r=ox.NamedNode(BENDER),
    )
    assert osteomyelitis == [{"status": term("Present"), "issue": "missing_negation"}]


def test_background_claims_are_kept_apart_from_patient_facts(store: ox.Store) -> None:
    mixed = ask(store, "SELECT ?c WHERE { ?c a cck:BackgroundClaim . { ?c cck:aboutPatient ?p } UNION { ?c a cck:PatientFact } }")
    assert mixed == []
    for report in (BENDER, MAHIPATHY):
        cited = ask(
            store,
            "SELECT ?c ?n WHERE { ?c a cck:BackgroundClaim ; cck:statedIn ?r ; cck:cites ?ref . ?ref cck:referenceNumber ?n }",
            r=ox.NamedNode(report),
        )
        assert len(cited) >= 5
    prevalence = ask(
        store,
        "SELECT ?low ?high WHERE { ?c cck:statedIn ?r ; cck:claimKind 'prevalence' ; cck:valueLow ?low ; cck:valueHigh ?high ; cck:cites/cck:referenceNumber 2 }",
        r=ox.NamedNode(BENDER),
    )
    assert {"low": "18", "high": "49"} in prevalence


def test_every_fact_and_claim_has_evidence(store: ox.Store) -> None:
    missing = ask(
        store,
        """
        SELECT ?s WHERE {
            VALUES ?type { cck:Diagnosis cck:Finding cck:TestResult cck:DrugExposure cck:ProcedurePerformed cck:OrganismIsolation cck:Outcome cck:BackgroundClaim }
            ?s a ?type . FILTER NOT EXISTS { ?s cck:hasEvidence ?e }
        }""",
    )
    assert missing == []
    count = ask(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s cck:statedIn ?r }")
    assert int(count[0]["n"]) > 150
