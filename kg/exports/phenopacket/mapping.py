"""From the store to Phenopacket messages: one SPARQL query per aspect, then one builder per case.

The reader runs six queries over all cases at once (cases, patients, patient
facts, evidence spans, indications, term labels and ids) and groups the rows in
Python, so the number of queries does not grow with the number of cases. The
builder maps one case onto the official classes and records, as
:class:`Omission` rows, every item it leaves out and every part it leaves empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError
from kg.exports.projection import curie
from kg.namespaces import CCK
from kg.rdfterms import solutions

from .terms import DISEASE, DRUG, EVIDENCE, HUMAN, PHENOTYPE, PROCEDURE, RESPONSE, ROUTES, iso8601_duration, missing, pick, resources, standard_id

__all__ = ["Omission", "Reader", "CaseBuilder", "SCHEMA_VERSION", "CREATED_BY"]

SCHEMA_VERSION = "2.0"
CREATED_BY = "calcinosis-kg"
_KINDS = ("Diagnosis", "Finding", "DrugExposure", "ProcedurePerformed", "TestResult", "OrganismIsolation", "Outcome")
_NOT_MAPPED = {
    "TestResult": "test results are not exported (a Measurement needs an assay code such as LOINC)",
    "OrganismIsolation": "organism isolations are not exported (no phenopacket element for a cultured organism)",
    "Outcome": "outcomes are not exported (no phenopacket element for a disposition or course)",
}
_SKIPPED_STATUS = {
    "Possible": "status possible: a phenopacket states a phenotype or disease as present or excluded, not suspected",
    "Contraindicated": "status contraindicated: the drug was not given",
    "Precluded": "status precluded: the procedure was not performed",
    "Planned": "status planned: the procedure is not stated as performed",
}

_CASES = """PREFIX cck: <%(cck)s> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?case ?id ?label ?doi WHERE { GRAPH ?g {
  ?case a cck:CaseReport ; cck:recordId ?id . OPTIONAL { ?case rdfs:label ?label } OPTIONAL { ?case cck:doi ?doi } } }"""
_PATIENTS = """PREFIX cck: <%(cck)s>
SELECT ?case ?patient ?age ?unit ?sex WHERE { GRAPH ?g {
  ?patient cck:describedIn ?case . OPTIONAL { ?patient cck:age ?age ; cck:ageUnit ?unit } OPTIONAL { ?patient cck:sex ?sex } } }"""
_FACTS = """PREFIX cck: <%(cck)s>
SELECT ?fact ?id ?case ?kind ?term ?status ?subtype ?route ?response WHERE { GRAPH ?g {
  VALUES ?kind { %(kinds)s }
  ?fact cck:aboutPatient ?patient ; cck:statedIn ?case ; cck:factId ?id ; a ?kind .
  OPTIONAL { ?fact cck:condition|cck:finding|cck:drug|cck:procedure|cck:test|cck:organism ?term }
  OPTIONAL { ?fact cck:assertionStatus|cck:drugStatus|cck:procedureStatus ?status }
  OPTIONAL { ?fact cck:subtype ?subtype } OPTIONAL { ?fact cck:route ?route } OPTIONAL { ?fact cck:response ?response } } }"""
_EVIDENCE_SPANS = """PREFIX cck: <%(cck)s>
SELECT ?subject ?p ?section ?start ?end ?sha WHERE { GRAPH ?g {
  VALUES ?p { cck:hasEvidence cck:ageEvidence cck:sexEvidence }
  ?subject ?p ?e . ?e cck:section ?section ; cck:start ?start ; cck:end ?end ; cck:inText ?text . ?text cck:sha256 ?sha } }"""
_INDICATIONS = """PREFIX cck: <%(cck)s>
SELECT DISTINCT ?fact ?term WHERE { GRAPH ?g { ?fact cck:indication ?target . ?target cck:condition|cck:finding ?term } }"""
_TERMS = """PREFIX cck: <%(cck)s> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT DISTINCT ?term ?label ?id WHERE {
  { SELECT DISTINCT ?term WHERE { ?f cck:condition|cck:finding|cck:drug|cck:procedure|cck:test|cck:organism|cck:subtype|cck:response ?term } }
  OPTIONAL { ?term rdfs:label ?label FILTER(LANG(?label) IN ("en", "")) }
  OPTIONAL { ?term oboInOwl:hasDbXref|oboInOwl:id ?id }
}"""


@dataclass(frozen=True, order=True)
class Omission:
    """An item left out of a phenopacket (``part`` "fact"), or a part of an exported item left empty."""

    case: str
    fact: str
    part: str
    term: str
    label: str
    why: str


@dataclass(frozen=True)
class _Term:
    iri: str
    label: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class _Fact:
    iri: str
    id: str
    case: str
    kind: str
    term: str
    status: str
    subtype: str
    route: str
    response: str


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT over the union of the store's graphs, as lexical forms (unbound variables left out)."""
    found = solutions(store, query, use_default_graph_as_union=True)
    names = [variable.value for variable in found.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in found]


class Reader:
    """The store's facts, terms and evidence, read with one query per aspect."""

    def __init__(self, store: ox.Store) -> None:
        names = {"cck": str(CCK), "kinds": " ".join(f"cck:{k}" for k in _KINDS)}
        patients: dict[str, dict[str, str]] = {}
        for row in sorted(_rows(store, _PATIENTS % names), key=lambda r: sorted(r.items())):
            patients.setdefault(row["case"], row)
        cases: dict[str, dict[str, str]] = {}
        for row in sorted(_rows(store, _CASES % names), key=lambda r: sorted(r.items())):
            cases.setdefault(row["id"], {**patients.get(row["case"], {}), **row})
        self.cases = [cases[key] for key in sorted(cases)]
        facts: dict[str, _Fact] = {}
        for row in sorted(_rows(store, _FACTS % names), key=lambda r: sorted(r.items())):
            kind = row["kind"][len(str(CCK)) :]
            old = facts.get(row["fact"])
            if old is None or _KINDS.index(kind) < _KINDS.index(old.kind):
                values = {k: row.get(k, "") for k in ("term", "status", "subtype", "route", "response")}
                facts[row["fact"]] = _Fact(row["fact"], row["id"], row["case"], kind, **values)
        self.facts: dict[str, list[_Fact]] = defaultdict(list)
        for fact in sorted(facts.values(), key=lambda f: f.id):
            self.facts[fact.case].append(fact)
        self.spans: dict[tuple[str, str], list[tuple[int, int, str, str]]] = defaultdict(list)
        what = {str(CCK.hasEvidence): "fact", str(CCK.ageEvidence): "age", str(CCK.sexEvidence): "sex"}
        for row in _rows(store, _EVIDENCE_SPANS % names):
            self.spans[row["subject"], what[row["p"]]].append((int(row["start"]), int(row["end"]), row["section"], row["sha"]))
        for spans in self.spans.values():
            spans.sort()
        self.indications: dict[str, set[str]] = defaultdict(set)
        for row in _rows(store, _INDICATIONS % names):
            self.indications[row["fact"]].add(row["term"])
        labels: dict[str, set[str]] = defaultdict(set)
        ids: dict[str, set[str]] = defaultdict(set)
        for row in _rows(store, _TERMS % names):
            labels[row["term"]].update([row["label"]] if "label" in row else [])
            ids[row["term"]].update(i for i in (standard_id(row.get("id", "")), standard_id(row["term"])) if i)
        self.terms = {iri: _Term(iri, min(labels[iri], default=curie(iri)), tuple(sorted(ids[iri]))) for iri in labels}


class CaseBuilder:
    """Builds one case's Phenopacket and collects what it leaves out."""

    def __init__(self, pp: Any, reader: Reader, case: dict[str, str]) -> None:
        self.pp, self.reader, self.case = pp, reader, case
        self.omitted: list[Omission] = []
        self.references: list[Any] = []
        self.features: dict[tuple[str, bool], Any] = {}
        self.diseases: dict[tuple[str, bool], Any] = {}
        self.actions: list[Any] = []

    def term(self, iri: str) -> _Term:
        return self.reader.terms.get(iri) or _Term(iri, curie(iri), ())

    def omit(self, fact: _Fact, part: str, iri: str, why: str) -> None:
        label = self.term(iri).label if iri else ""
        self.omitted.append(Omission(self.case["id"], fact.id, part, curie(iri) if iri else "", label, why))

    def oclass(self, id_: str, label: str) -> Any:
        return self.pp.OntologyClass(id=id_, label=label)

    def note_evidence(self, subject: str, what: str, name: str) -> None:
        for start, end, section, sha in self.reader.spans.get((subject, what), ()):
            self.references.append(
                self.pp.ExternalReference(id=f"sha256:{sha}", reference=subject, description=f"{name}: {section} [{start}, {end})")
            )

    def build(self) -> Any:
        pp, case = self.pp, self.case
        packet = pp.Phenopacket(id=case["id"])
        if "doi" in case:
            packet.meta_data.external_references.add(
                id=f"DOI:{case['doi']}", reference=f"https://doi.org/{case['doi']}", description=case.get("label", "")
            )
        if "patient" in case:
            self.subject(packet.subject)
        for fact in self.reader.facts.get(case["case"], ()):
            self.fact(fact)
        packet.phenotypic_features.extend(self.features[key] for key in sorted(self.features))
        packet.diseases.extend(self.diseases[key] for key in sorted(self.diseases))
        packet.medical_actions.extend(self.actions)
        meta = packet.meta_data
        meta.created_by, meta.phenopacket_schema_version = CREATED_BY, SCHEMA_VERSION
        meta.external_references.extend(self.references)
        meta.resources.extend(resources(pp, packet))
        return packet

    def subject(self, subject: Any) -> None:
        case = self.case
        subject.id = curie(case["patient"])
        subject.taxonomy.CopyFrom(self.oclass(*HUMAN))
        if "age" in case:
            try:
                subject.time_at_last_encounter.age.iso8601duration = iso8601_duration(case["age"], case["unit"])
            except ExportError as exc:
                raise ExportError(f"case {case['id']}: {exc}") from None
            self.note_evidence(case["patient"], "age", "age")
        sex = {str(CCK.Female): self.pp.Sex.FEMALE, str(CCK.Male): self.pp.Sex.MALE}.get(case.get("sex", ""))
        if sex is not None:
            subject.sex = sex
            self.note_evidence(case["patient"], "sex", "sex")

    def fact(self, fact: _Fact) -> None:
        status = fact.status[len(str(CCK)) :] if fact.status else ""
        if fact.kind in _NOT_MAPPED:
            return self.omit(fact, "fact", fact.term, _NOT_MAPPED[fact.kind])
        if status in _SKIPPED_STATUS:
            return self.omit(fact, "fact", fact.term, _SKIPPED_STATUS[status])
        if fact.kind in ("Diagnosis", "Finding"):
            return self.condition(fact, excluded=status == "Absent", historical=status == "Historical")
        if fact.kind == "DrugExposure":
            return self.treatment(fact)
        return self.procedure(fact)

    def condition(self, fact: _Fact, excluded: bool, historical: bool) -> None:
        term = self.term(fact.term)
        roles = ((DISEASE, self.diseases), (PHENOTYPE, self.features)) if fact.kind == "Diagnosis" else ((PHENOTYPE, self.features),)
        chosen = next(((p, t) for p, t in roles if any(i.split(":", 1)[0] in p for i in term.ids)), None)
        if chosen is None:
            return self.omit(fact, "fact", fact.term, missing(tuple(p for role, _ in roles for p in role)))
        prefixes, target = chosen
        found, why = pick(term.ids, prefixes)
        if found is None:
            return self.omit(fact, "fact", fact.term, why)
        label = term.label
        if fact.subtype:
            specific, why = pick(self.term(fact.subtype).ids, prefixes)
            if specific:
                found, label = specific, self.term(fact.subtype).label
            else:
                self.omit(fact, "subtype", fact.subtype, f"{why}; exported as {found} ({term.label})")
        key = (found, excluded)
        item = target.get(key)
        if target is self.diseases:
            target[key] = item or self.pp.Disease(term=self.oclass(found, label), excluded=excluded)
            return self.note_evidence(fact.iri, "fact", fact.id)
        if item is None:
            item = target[key] = self.pp.PhenotypicFeature(type=self.oclass(found, label), excluded=excluded)
        if historical:
            item.description = "; ".join(filter(None, (item.description, f"{fact.id}: historical")))
        for start, end, section, sha in self.reader.spans.get((fact.iri, "fact"), ()):
            reference = self.pp.ExternalReference(id=f"sha256:{sha}", reference=fact.iri, description=f"{section} [{start}, {end})")
            item.evidence.add(evidence_code=self.oclass(*EVIDENCE), reference=reference)

    def treatment(self, fact: _Fact) -> None:
        agent = self.coded(fact, DRUG)
        if agent is not None:
            action = self.action(fact, self.pp.MedicalAction(treatment=self.pp.Treatment(agent=agent)))
            if fact.route in ROUTES:
                action.treatment.route_of_administration.CopyFrom(self.oclass(*ROUTES[fact.route]))

    def procedure(self, fact: _Fact) -> None:
        code = self.coded(fact, PROCEDURE)
        if code is not None:
            self.action(fact, self.pp.MedicalAction(procedure=self.pp.Procedure(code=code)))

    def coded(self, fact: _Fact, prefixes: tuple[str, ...]) -> Any | None:
        """The fact's term as an OntologyClass of one of ``prefixes``; None (and an omission) without one."""
        found, why = pick(self.term(fact.term).ids, prefixes)
        if found is None:
            self.omit(fact, "fact", fact.term, why)
            return None
        return self.oclass(found, self.term(fact.term).label)

    def action(self, fact: _Fact, action: Any) -> Any:
        self.target(fact, action)
        self.response(fact, action)
        self.actions.append(action)
        self.note_evidence(fact.iri, "fact", fact.id)
        return action

    def target(self, fact: _Fact, action: Any) -> None:
        targets = sorted(self.reader.indications.get(fact.iri, ()))
        if len(targets) > 1:
            return self.omit(
                fact, "treatment_target", "", f"{len(targets)} indications ({', '.join(curie(t) for t in targets)}); a medical action has one target"
            )
        if targets:
            found, why = pick(self.term(targets[0]).ids, DISEASE + PHENOTYPE)
            if found is None:
                return self.omit(fact, "treatment_target", targets[0], why)
            action.treatment_target.CopyFrom(self.oclass(found, self.term(targets[0]).label))

    def response(self, fact: _Fact, action: Any) -> None:
        if fact.response:
            found, why = pick(self.term(fact.response).ids, RESPONSE)
            if found is None:
                return self.omit(fact, "response_to_treatment", fact.response, why)
            action.response_to_treatment.CopyFrom(self.oclass(found, self.term(fact.response).label))
