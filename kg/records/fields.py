"""How record fields map to graph properties: the one table the reader, the triples and the validator share.

The record format names a fact's term field (``condition``, ``drug``, ...),
its links to other facts (``found_by``, ``switched_to``, ...) and its status
fields in the words a curator uses; the graph uses ontology properties
(``cck:condition``, ``cck:foundBy``, ``cck:assertionStatus``, ...). This
module holds the correspondence once: :mod:`kg.records.checks` reads the
branches a term field accepts, :mod:`kg.build.triples` the property each field
becomes, and :mod:`kg.build.shacl.issues` the field a SHACL result on a
property belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.namespaces import CCK
from kg.records.model import Diagnosis, DrugExposure, Finding, OrganismIsolation, Outcome, ProcedureEvent, Test

__all__ = ["TermField", "TERM_FIELDS", "FACT_CLASSES", "REFERENCE_FIELDS", "FIELD_NAMES", "main_term_field", "field_of_property"]


@dataclass(frozen=True)
class TermField:
    """A record field naming an ontology term: the property it becomes and the branches it accepts."""

    name: str
    prop: URIRef
    branches: tuple[str, ...]


TERM_FIELDS: dict[type, tuple[TermField, ...]] = {
    Diagnosis: (
        TermField("condition", CCK.condition, ("Condition",)),
        TermField("subtype", CCK.subtype, ("CalcinosisCutis",)),
    ),
    Finding: (TermField("finding", CCK.finding, ("ClinicalFinding", "Condition")),),
    Test: (TermField("test", CCK.test, ("DiagnosticProcedure",)),),
    DrugExposure: (TermField("drug", CCK.drug, ("Drug",)),),
    ProcedureEvent: (TermField("procedure", CCK.procedure, ("Procedure",)),),
    OrganismIsolation: (TermField("organism", CCK.organism, ("Organism",)),),
}
"""The term fields of each fact type; the first one is the fact's main term (its label names the fact)."""

FACT_CLASSES: dict[type, URIRef] = {
    Diagnosis: CCK.Diagnosis,
    Finding: CCK.Finding,
    Test: CCK.TestResult,
    DrugExposure: CCK.DrugExposure,
    ProcedureEvent: CCK.ProcedurePerformed,
    OrganismIsolation: CCK.OrganismIsolation,
    Outcome: CCK.Outcome,
}
"""The ontology class of each fact type."""

REFERENCE_FIELDS: dict[str, URIRef] = {
    "found_by": CCK.foundBy,
    "indication": CCK.indication,
    "reason": CCK.reason,
    "response_for": CCK.responseFor,
    "of": CCK.outcomeOf,
    "switched_to": CCK.switchedTo,
    "timing.offset.from": CCK.timingAnchor,
}
"""Fields that point to other facts of the record, and the property each becomes."""

_OTHER_FIELDS: dict[URIRef, str] = {
    CCK.hasSite: "sites",
    CCK.hasSiteMention: "sites",
    CCK.assertionStatus: "status",
    CCK.drugStatus: "status",
    CCK.procedureStatus: "status",
    CCK.hasEvidence: "evidence",
    CCK.ageEvidence: "age.evidence",
    CCK.sexEvidence: "sex.evidence",
    CCK.ageInYears: "age",
    CCK.testResult: "result",
    CCK.claimSubject: "subject",
    CCK.claimObject: "object",
    CCK.valueLow: "value.low",
    CCK.sourceIssue: "source_issue",
    CCK.outcomeKind: "outcome",
}

FIELD_NAMES: dict[str, str] = {
    str(prop)[len(str(CCK)) :]: field
    for prop, field in (*_OTHER_FIELDS.items(), *((prop, field) for field, prop in REFERENCE_FIELDS.items()))
    if str(prop)[len(str(CCK)) :] != field
}
"""Graph properties (local names) whose record field has another name; other properties share their field's name."""


def main_term_field(kind: type) -> TermField | None:
    """The field holding a fact type's main term, or None (outcomes have none)."""
    fields = TERM_FIELDS.get(kind)
    return fields[0] if fields else None


def field_of_property(local_name: str) -> str:
    """The record field of a graph property given by its local name."""
    return FIELD_NAMES.get(local_name, local_name)
