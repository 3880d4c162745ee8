"""The GA4GH Phenopacket export: official classes read every file back, negations are excluded, no id is made up."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from google.protobuf import json_format
from phenopackets import Phenopacket, Sex

from kg.errors import ExportError
from kg.exports import export, get_exporter
from kg.exports.phenopacket import REPORT_JSON, REPORT_TEXT, iso8601_duration, read_phenopackets, standard_id
from kg.namespaces import CCK, CCKD, OBOINOWL
from kg.query.store import open_store

from ..conftest import run_kg

BENDER_TEXT = "sha256:f062e11e741fdc840599f0c5bf5289ae10d413de96633daa41a3a4a5da98f7fa"
FIXED_CLASSES = {"ECO:0006017", "NCBITaxon:9606", "NCIT:C38276", "NCIT:C38288", "NCIT:C38304", "NCIT:C38250", "NCIT:C38299"}
"""Classes the export names itself (evidence code, taxonomy, routes), not taken from a term."""
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def exported(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("phenopacket") / "export"
    export("phenopacket", seed_build, folder)
    return folder


@pytest.fixture(scope="module")
def packets(exported: Path) -> dict[str, Phenopacket]:
    return read_phenopackets(exported)


@pytest.fixture(scope="module")
def report(exported: Path) -> dict:
    return json.loads((exported / REPORT_JSON).read_text(encoding="utf-8"))


def omissions(report: dict, case: str, fact: str) -> list[dict]:
    return [item for item in report["omissions"] if (item["case"], item["fact"]) == (case, fact)]


def ontology_ids(message: object) -> set[str]:
    """Every OntologyClass id in a message, found through its JSON form."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if set(value) <= {"id", "label"} and "id" in value and ":" in value["id"]:
                found.add(value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json_format.MessageToDict(message))
    return found


def test_every_case_has_a_file_that_the_official_classes_parse(exported: Path, store: ox.Store) -> None:
    cases = {str(q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(str(CCK.recordId)), None)}
    files = {path.stem for path in exported.glob("*.json") if path.name != REPORT_JSON}
    assert cases == files == {"bender-2024", "mahipathy-2020"}
    for case in cases:
        text = (exported / f"{case}.json").read_text(encoding="utf-8")
        packet = json_format.Parse(text, Phenopacket())  # unknown fields are refused
        assert packet.id == case and packet.meta_data.phenopacket_schema_version == "2.0"
        assert packet.meta_data.created_by == "calcinosis-kg"
        used = {i.split(":")[0] for i in ontology_ids(packet)}
        assert {r.namespace_prefix for r in packet.meta_data.resources} == used
    assert (exported / REPORT_TEXT).read_text(encoding="utf-8").startswith("Phenopacket export (schema 2.0): 2 cases")


def test_bender_subject_is_a_52_year_old_woman(packets: dict[str, Phenopacket]) -> None:
    subject = packets["bender-2024"].subject
    assert subject.id == "cckd:bender-2024/patient"
    assert subject.time_at_last_encounter.age.iso8601duration == "P52Y"
    assert subject.sex == Sex.FEMALE
    assert subject.taxonomy.id == "NCBITaxon:9606"


def test_negated_findings_are_excluded_with_their_evidence(packets: dict[str, Phenopacket], report: dict) -> None:
    packet = packets["bender-2024"]
    dvt = [f for f in packet.phenotypic_features if f.type.id == "HP:0002625"]  # deep vein thrombosis: HPO id only
    assert [f.excluded for f in dvt] == [True]
    spans = {(e.reference.id, e.reference.reference, e.reference.description) for e in dvt[0].evidence}
    assert (BENDER_TEXT, str(CCKD["bender-2024/fact/dx-dvt-absent"]), "case [5329, 5378)") in spans
    assert {e.evidence_code.id for e in dvt[0].evidence} == {"ECO:0006017"}
    occlusion = [d for d in packet.diseases if d.term.id == "MONDO:0020673"]  # arterial occlusion: ruled out
    assert [d.excluded for d in occlusion] == [True]
    for fact in ("dx-dvt-possible", "dx-artocc-possible"):  # suspected, then ruled out: neither present nor excluded
        assert [o["why"].split(":")[0] for o in omissions(report, "bender-2024", fact)] == ["status possible"]


def test_treatments_carry_the_drug_id_route_and_target(packets: dict[str, Phenopacket], report: dict) -> None:
    treatments = [a for a in packets["bender-2024"].medical_actions if a.HasField("treatment")]
    heparin = [a for a in treatments if a.treatment.agent.id == "CHEBI:28304"]
    assert len(heparin) == 1 and heparin[0].treatment.agent.label == "heparin"
    assert heparin[0].treatment.route_of_administration.id == "NCIT:C38276"
    methotrexate = [a for a in treatments if a.treatment.agent.id == "CHEBI:44185"]
    assert [a.treatment_target.id for a in methotrexate] == ["MONDO:0008383"]  # rheumatoid arthritis
    procedures = {a.procedure.code.id for a in packets["bender-2024"].medical_actions if a.HasField("procedure")}
    assert procedures == {"NCIT:C51682", "NCIT:C159891"}  # debridement, negative-pressure wound therapy
    assert omissions(report, "bender-2024", "drug-pharmacotherapy")[0]["why"].startswith("status contraindicated")


def test_terms_without_ids_are_reported_never_invented(packets: dict[str, Phenopacket], report: dict, store: ox.Store) -> None:
    warmth = omissions(report, "bender-2024", "find-warmth")
    assert warmth == [
        {"case": "bender-2024", "fact": "find-warmth", "part": "fact", "term": "cck:LocalWarmth", "label": "local warmth", "why": "no HPO id"}
    ]
    itopride = omissions(report, "mahipathy-2020", "drug-itopride")
    assert [(o["term"], o["why"]) for o in itopride] == [("cck:Itopride", "no DrugBank, ChEBI or RxNorm id")]
    subtype = omissions(report, "bender-2024", "dx-calcinosis")
    assert [(o["part"], o["term"]) for o in subtype] == [("subtype", "cck:DystrophicCalcinosisCutis")]
    xrefs = {str(q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(str(OBOINOWL.hasDbXref)), None)}
    for packet in packets.values():
        assert ontology_ids(packet) <= xrefs | FIXED_CLASSES, packet.id


def test_running_twice_gives_identical_bytes(seed_build: Path, exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = export("phenopacket", seed_build, again)
    names = sorted(p.name for p in exported.iterdir())
    assert names == sorted(p.name for p in again.iterdir()) == sorted(f.name for f in result.files)
    for name in names:
        assert (exported / name).read_bytes() == (again / name).read_bytes(), name
    export("phenopacket", seed_build, again)  # a previous export is replaced
    assert sorted(p.name for p in again.iterdir()) == names


def add_fact(store: ox.Store, case: str, fact_id: str, kind: str, prop: str, term: str, status: str | None = None) -> None:
    """One more patient fact in a case's graph, as the build writes it."""
    graph, fact = ox.NamedNode(str(CCKD[f"graph/{case}"])), ox.NamedNode(str(CCKD[f"{case}/fact/{fact_id}"]))
    quads = [
        (RDF_TYPE, ox.NamedNode(str(CCK[kind]))),
        (ox.NamedNode(str(CCK.factId)), ox.Literal(fact_id)),
        (ox.NamedNode(str(CCK.aboutPatient)), ox.NamedNode(str(CCKD[f"{case}/patient"]))),
        (ox.NamedNode(str(CCK.statedIn)), ox.NamedNode(str(CCKD[case]))),
        (ox.NamedNode(str(CCK[prop])), ox.NamedNode(term)),
    ]
    if status:
        quads.append((ox.NamedNode(str(CCK.assertionStatus)), ox.NamedNode(str(CCK[status]))))
    store.extend(ox.Quad(fact, p, o, graph) for p, o in quads)


def add_term(store: ox.Store, iri: str, label: str, prop: ox.NamedNode, *ids: str) -> None:
    graph = ox.NamedNode(str(CCKD["graph/ontology"]))
    store.add(ox.Quad(ox.NamedNode(iri), RDFS_LABEL, ox.Literal(label, language="en"), graph))
    store.extend(ox.Quad(ox.NamedNode(iri), prop, ox.Literal(i), graph) for i in ids)


def test_standard_terms_by_iri_and_id_and_ambiguous_xrefs(seed_build: Path, tmp_path: Path) -> None:
    store = ox.Store()
    store.extend(open_store(seed_build).quads_for_pattern(None, None, None, None))
    purl = "http://purl.obolibrary.org/obo/HP_0000822"
    add_term(store, purl, "Hypertension", ox.NamedNode(str(OBOINOWL.id)), "HP:0000822")
    add_fact(store, "bender-2024", "find-test-purl", "Finding", "finding", purl, "Present")
    drug = str(CCK.TestDrugWithDrugBankXref)
    add_term(store, drug, "warfarin (test)", ox.NamedNode(str(OBOINOWL.hasDbXref)), "DrugBank:DB00682")
    add_fact(store, "bender-2024", "drug-test-xref", "DrugExposure", "drug", drug)
    twice = str(CCK.TestFindingWithTwoHpoIds)
    add_term(store, twice, "two ids (test)", ox.NamedNode(str(OBOINOWL.hasDbXref)), "HP:0000001", "HP:0000002")
    add_fact(store, "bender-2024", "find-test-twice", "Finding", "finding", twice, "Absent")
    export("phenopacket", store, tmp_path / "out")
    packet = read_phenopackets(tmp_path / "out")["bender-2024"]
    assert [(f.type.id, f.type.label) for f in packet.phenotypic_features if f.type.id == "HP:0000822"] == [("HP:0000822", "Hypertension")]
    assert "DRUGBANK:DB00682" in {a.treatment.agent.id for a in packet.medical_actions}
    assert "drugbank" in {r.id for r in packet.meta_data.resources}
    assert not {"HP:0000001", "HP:0000002"} & ontology_ids(packet)
    report = json.loads((tmp_path / "out" / REPORT_JSON).read_text(encoding="utf-8"))
    assert omissions(report, "bender-2024", "find-test-twice")[0]["why"] == "several HPO ids (HP:0000001, HP:0000002), none chosen"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [("52", "year", "P52Y"), ("18", "month", "P18M"), ("3", "week", "P3W"), ("10", "day", "P10D"),
     ("1.5", "year", "P1Y6M"), ("0.25", "year", "P3M"), ("1.5", "week", "P10D"), ("2.5", "month", "P2.5M")],
)  # fmt: skip
def test_ages_are_iso8601_durations(value: str, unit: str, expected: str) -> None:
    assert iso8601_duration(value, unit) == expected


@pytest.mark.parametrize(("value", "unit"), [("-1", "year"), ("x", "year"), ("3", "decade")])
def test_impossible_ages_are_refused(value: str, unit: str) -> None:
    with pytest.raises(ExportError, match="age"):
        iso8601_duration(value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("HP:0000822", "HP:0000822"), ("http://purl.obolibrary.org/obo/HP_0000822", "HP:0000822"),
     ("http://purl.obolibrary.org/obo/MONDO_0005015", "MONDO:0005015"), ("DrugBank:DB00682", "DRUGBANK:DB00682"),
     ("https://go.drugbank.com/drugs/DB00682", "DRUGBANK:DB00682"), ("http://purl.bioontology.org/ontology/ICD9CM/86.22", "ICD9CM:86.22"),
     ("chebi:28304", "CHEBI:28304"), ("PATO:0000001", None), ("http://purl.obolibrary.org/obo/BFO_0000001", None),
     ("https://w3id.org/calcinosis-kg/ontology/Heparin", None), ("", None)],
)  # fmt: skip
def test_standard_ids_from_curies_and_iris(text: str, expected: str | None) -> None:
    assert standard_id(text) == expected


def test_created_comes_from_source_date_epoch(seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    export("phenopacket", seed_build, tmp_path / "stamped")
    data = json.loads((tmp_path / "stamped" / "bender-2024.json").read_text(encoding="utf-8"))
    assert data["metaData"]["created"] == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH"):
        export("phenopacket", seed_build, tmp_path / "bad")
    assert not (tmp_path / "bad").exists()


def test_a_foreign_folder_and_a_missing_package_are_refused(seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export("phenopacket", seed_build, foreign)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    monkeypatch.setitem(sys.modules, "phenopackets", None)
    with pytest.raises(ExportError, match="pip install 'phenopackets"):
        export("phenopacket", seed_build, tmp_path / "none")


def test_cli_exports_through_the_registry(seed_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    done = run_kg("export", "--format", "phenopacket", "--build", str(seed_build), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(get_exporter("phenopacket").read(out)) == ["bender-2024", "mahipathy-2020"]
