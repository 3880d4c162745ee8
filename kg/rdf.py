"""Turn one case record into RDF triples: a pure function, no I/O.

Each case becomes one named graph. Individuals get readable IRIs under
``cckd:<case id>/``; terms are referred to by their ontology class IRIs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from .model import (
    Claim,
    Diagnosis,
    DrugExposure,
    Evidence,
    Finding,
    OrganismIsolation,
    Outcome,
    ProcedureEvent,
    Record,
    Test,
    Timing,
)
from .namespaces import CCK, bind_prefixes, case_iri, graph_iri
from .terms import TermIndex

__all__ = ["Triple", "record_triples", "record_graph"]

Triple = tuple[URIRef, URIRef, URIRef | Literal]
TitleReader = Callable[[tuple[int, int]], str]

_STATUS = {"present": CCK.Present, "absent": CCK.Absent, "possible": CCK.Possible, "historical": CCK.Historical}
_RESPONSE = {
    "resolved": CCK.Resolved,
    "improved": CCK.Improved,
    "partial": CCK.PartialResponse,
    "no_response": CCK.NoResponse,
    "refractory": CCK.Refractory,
    "recurred": CCK.Recurred,
    "unknown": CCK.UnknownResponse,
}
_DRUG_STATUS = {
    "given": CCK.Given,
    "continued": CCK.Continued,
    "held": CCK.Held,
    "stopped": CCK.Stopped,
    "switched": CCK.Switched,
    "contraindicated": CCK.Contraindicated,
    "historical": CCK.PastUse,
}
_PROCEDURE_STATUS = {"performed": CCK.Performed, "planned": CCK.Planned, "precluded": CCK.Precluded}
_SEX = {"female": CCK.Female, "male": CCK.Male}
_LATERALITY = {"left": CCK.Left, "right": CCK.Right, "bilateral": CCK.Bilateral}
_DAYS = {"day": 1, "week": 7}
_FACT_CLASS = {
    Diagnosis: CCK.Diagnosis,
    Finding: CCK.Finding,
    Test: CCK.TestResult,
    DrugExposure: CCK.DrugExposure,
    ProcedureEvent: CCK.ProcedurePerformed,
    OrganismIsolation: CCK.OrganismIsolation,
    Outcome: CCK.Outcome,
}
_TERM_PROPERTY = {
    Diagnosis: ("condition", CCK.condition),
    Finding: ("finding", CCK.finding),
    Test: ("test", CCK.test),
    DrugExposure: ("drug", CCK.drug),
    ProcedureEvent: ("procedure", CCK.procedure),
    OrganismIsolation: ("organism", CCK.organism),
}


def record_graph(record: Record, terms: TermIndex, read_title: TitleReader | None = None) -> Graph:
    """The named graph of one case report, as an rdflib graph."""
    graph = Graph(identifier=URIRef(graph_iri(record.id)))
    bind_prefixes(graph)
    for triple in record_triples(record, terms, read_title):
        graph.add(triple)
    return graph


def record_triples(record: Record, terms: TermIndex, read_title: TitleReader | None = None) -> Iterator[Triple]:
    """Every triple of one case record. ``read_title`` reads a title span from the text, when available."""
    return _RecordTriples(record, terms, read_title).triples()


def _decimal(value: float) -> Literal:
    return Literal(Decimal(repr(value)).normalize() if value % 1 else Decimal(int(value)), datatype=XSD.decimal)


def _text(value: str) -> Literal:
    """A plain string literal (in RDF 1.1 the same as one typed xsd:string)."""
    return Literal(value)


class _RecordTriples:
    """The triples of one record; methods yield the triples of one part each."""

    def __init__(self, record: Record, terms: TermIndex, read_title: TitleReader | None) -> None:
        self.record = record
        self.terms = terms
        self.read_title = read_title
        self.case = record.id
        self.report = URIRef(case_iri(record.id))
        self.text = URIRef(case_iri(record.id, "text"))
        self.patient = URIRef(case_iri(record.id, "patient"))

    def term(self, name: str) -> URIRef:
        found = self.terms.resolve(name)
        if found is None:  # records are checked before they get here
            raise KeyError(name)
        return found.iri

    def label(self, name: str) -> str:
        found = self.terms.resolve(name)
        return found.label if found and found.label else name

    def fact(self, fact_id: str) -> URIRef:
        return URIRef(case_iri(self.case, "fact", fact_id))

    def triples(self) -> Iterator[Triple]:
        yield from self.report_triples()
        yield from self.patient_triples()
        for fact in self.record.facts:
            yield from self.fact_triples(fact)
        for claim in self.record.claims:
            yield from self.claim_triples(claim)

    def evidence(self, subject: URIRef, evidence: tuple[Evidence, ...], prop: URIRef = CCK.hasEvidence, key: str = "evidence") -> Iterator[Triple]:
        for index, item in enumerate(evidence):
            node = URIRef(f"{subject}/{key}/{index}")
            yield subject, prop, node
            yield node, RDF.type, CCK.Evidence
            yield node, CCK.inText, self.text
            yield node, CCK.section, _text(item.section)
            yield node, CCK.start, Literal(item.span[0])
            yield node, CCK.end, Literal(item.span[1])

    def annotations(self, subject: URIRef, item: object) -> Iterator[Triple]:
        note = getattr(item, "note", None)
        issue = getattr(item, "source_issue", None)
        if note:
            yield subject, CCK.curatorNote, _text(note)
        if issue:
            yield subject, CCK.sourceIssue, _text(issue)

    def title(self, subject: URIRef, span: tuple[int, int], section: str) -> Iterator[Triple]:
        yield from self.evidence(subject, (Evidence(section=section, span=span),), CCK.titleEvidence, "title")
        if self.read_title is not None:
            yield subject, CCK.title, _text(" ".join(self.read_title(span).split()))

    def report_triples(self) -> Iterator[Triple]:
        record, report = self.record, self.report
        pub = record.publication
        yield report, RDF.type, CCK.CaseReport
        yield report, CCK.recordId, _text(record.id)
        first = pub.authors[0] if pub.authors else record.id
        yield report, RDFS.label, _text(f"{first}{' et al.' if len(pub.authors) > 1 else ''}{f' ({pub.year})' if pub.year else ''}")
        yield report, CCK.hasText, self.text
        yield self.text, RDF.type, CCK.ReportText
        yield self.text, CCK.fileName, _text(record.report.file)
        yield self.text, CCK.sha256, _text(record.report.sha256)
        yield self.text, CCK.textLength, Literal(record.report.length)
        if pub.title:
            yield from self.title(report, pub.title.span, _section_of(record, pub.title.span))
        yield from self.bibliographic(report, pub)
        for keyword in pub.keywords:
            yield report, CCK.keyword, _text(keyword)
        for prop, value in ((CCK.received, pub.received), (CCK.accepted, pub.accepted), (CCK.published, pub.published)):
            if value:
                yield report, prop, Literal(value, datatype=XSD.date)
        yield from self.evidence(report, pub.evidence)
        yield from self.annotations(report, pub)
        for note in record.notes:
            yield report, CCK.recordNote, _text(note)
        for ref in record.references:
            node = URIRef(case_iri(self.case, "reference", str(ref.number)))
            yield report, CCK.hasReference, node
            yield node, RDF.type, CCK.Reference
            yield node, CCK.referenceNumber, Literal(ref.number)
            yield node, RDFS.label, _text(f"[{ref.number}] {ref.authors[0] if ref.authors else ''}{f' {ref.year}' if ref.year else ''}".strip())
            yield from self.bibliographic(node, ref)
            if ref.title:
                yield from self.title(node, ref.title.span, "references")
            yield from self.evidence(node, ref.evidence)
            yield from self.annotations(node, ref)

    def bibliographic(self, subject: URIRef, item: object) -> Iterator[Triple]:
        authors = getattr(item, "authors", ())
        for author in authors:
            yield subject, CCK.author, _text(author)
        if authors:
            yield subject, CCK.authorList, _text("; ".join(authors))
        if getattr(item, "year", None):
            yield subject, CCK.year, Literal(str(item.year), datatype=XSD.gYear)  # type: ignore[attr-defined]
        for name, prop in (("journal", CCK.journal), ("volume", CCK.volume), ("issue", CCK.issue), ("pages", CCK.pages), ("doi", CCK.doi)):
            value = getattr(item, name, None)
            if value:
                yield subject, prop, _text(value)

    def patient_triples(self) -> Iterator[Triple]:
        patient = self.patient
        yield patient, RDF.type, CCK.Patient
        yield patient, CCK.describedIn, self.report
        yield patient, RDFS.label, _text(f"patient of {self.case}")
        age, sex = self.record.patient.age, self.record.patient.sex
        if age:
            yield patient, CCK.age, _decimal(age.value)
            yield patient, CCK.ageUnit, _text(age.unit)
            yield patient, CCK.ageInYears, _decimal(round(age.in_years(), 2))
            yield from self.evidence(patient, age.evidence, CCK.ageEvidence, "age/evidence")
            yield from self.annotations(patient, age)
        if sex:
            yield patient, CCK.sex, _SEX[sex.value]
            yield from self.evidence(patient, sex.evidence, CCK.sexEvidence, "sex/evidence")
            yield from self.annotations(patient, sex)

    def fact_triples(self, fact: object) -> Iterator[Triple]:
        node = self.fact(fact.id)  # type: ignore[attr-defined]
        kind = type(fact)
        yield node, RDF.type, _FACT_CLASS[kind]
        yield node, CCK.factId, _text(fact.id)  # type: ignore[attr-defined]
        yield node, CCK.aboutPatient, self.patient
        yield node, CCK.statedIn, self.report
        status = getattr(fact, "status", None)
        if kind in (Diagnosis, Finding, OrganismIsolation):
            yield node, CCK.assertionStatus, _STATUS[status]
        label = fact.type  # type: ignore[attr-defined]
        if kind in _TERM_PROPERTY:
            field, prop = _TERM_PROPERTY[kind]
            name = getattr(fact, field)
            yield node, prop, self.term(name)
            label = f"{label}: {self.label(name)}"
        elif isinstance(fact, Outcome):
            label = f"outcome: {fact.outcome}"
        if status and status != "present":
            label = f"{label} ({status})"
        yield node, RDFS.label, _text(label)
        yield from self.sites(node, fact.sites)  # type: ignore[attr-defined]
        yield from self.specific(node, fact)
        for field, targets in fact.references().items():  # type: ignore[attr-defined]
            prop = _REFERENCE_PROPERTY[field]
            for target in targets:
                yield node, prop, self.fact(target)
        if fact.timing:  # type: ignore[attr-defined]
            yield from self.timing(node, fact.timing)  # type: ignore[attr-defined]
        yield from self.evidence(node, fact.evidence)  # type: ignore[attr-defined]
        yield from self.annotations(node, fact)

    def sites(self, node: URIRef, sites: tuple) -> Iterator[Triple]:  # type: ignore[type-arg]
        for index, site in enumerate(sites):
            term = self.term(site.site)
            mention = URIRef(f"{node}/site/{index}")
            yield node, CCK.hasSite, term
            yield node, CCK.hasSiteMention, mention
            yield mention, RDF.type, CCK.SiteMention
            yield mention, CCK.site, term
            if site.laterality:
                yield mention, CCK.laterality, _LATERALITY[site.laterality]

    def specific(self, node: URIRef, fact: object) -> Iterator[Triple]:
        if isinstance(fact, Diagnosis):
            if fact.subtype:
                yield node, CCK.subtype, self.term(fact.subtype)
            for name, prop in (("category", CCK.category), ("severity", CCK.severity), ("grade", CCK.grade)):
                if getattr(fact, name):
                    yield node, prop, _text(getattr(fact, name))
        if isinstance(fact, (Diagnosis, Finding)) and fact.size:
            yield node, CCK.sizeDimension, _text(" x ".join(f"{d:g}" for d in fact.size.dimensions))
            yield node, CCK.maxDimension, _decimal(max(fact.size.dimensions))
            yield node, CCK.sizeUnit, _text(fact.size.unit)
        if isinstance(fact, Finding):
            for qualifier in fact.qualifiers:
                yield node, CCK.qualifier, _text(qualifier)
        if isinstance(fact, Test) and fact.result:
            yield node, CCK.testResult, _text(fact.result)
        if isinstance(fact, DrugExposure):
            if fact.status:
                yield node, CCK.drugStatus, _DRUG_STATUS[fact.status]
            if fact.route:
                yield node, CCK.route, _text(fact.route)
            if fact.response:
                yield node, CCK.response, _RESPONSE[fact.response]
        if isinstance(fact, ProcedureEvent):
            if fact.status:
                yield node, CCK.procedureStatus, _PROCEDURE_STATUS[fact.status]
            if fact.order is not None:
                yield node, CCK.order, Literal(fact.order)
            if fact.outcome:
                yield node, CCK.response, _RESPONSE[fact.outcome]
        if isinstance(fact, Outcome):
            yield node, CCK.outcomeKind, _text(fact.outcome)
            if fact.destination:
                yield node, CCK.destination, _text(fact.destination)

    def timing(self, node: URIRef, timing: Timing) -> Iterator[Triple]:
        if timing.date:
            yield node, CCK.date, _text(timing.date)
        if timing.duration:
            yield node, CCK.durationValue, _decimal(timing.duration.value)
            yield node, CCK.durationUnit, _text(timing.duration.unit)
        if timing.offset:
            yield node, CCK.offsetValue, _decimal(timing.offset.value)
            yield node, CCK.offsetUnit, _text(timing.offset.unit)
            if timing.offset.unit in _DAYS:
                yield node, CCK.offsetDays, _decimal(timing.offset.value * _DAYS[timing.offset.unit])

    def claim_triples(self, claim: Claim) -> Iterator[Triple]:
        node = URIRef(case_iri(self.case, "claim", claim.id))
        yield node, RDF.type, CCK.BackgroundClaim
        yield node, CCK.factId, _text(claim.id)
        yield node, CCK.statedIn, self.report
        yield node, CCK.claimKind, _text(claim.kind)
        yield node, CCK.summary, _text(claim.summary)
        yield node, RDFS.label, _text(f"claim: {claim.summary}")
        for name in claim.subject:
            yield node, CCK.claimSubject, self.term(name)
        for name in claim.object:
            yield node, CCK.claimObject, self.term(name)
        if claim.value:
            for prop, value in ((CCK.value, claim.value.value), (CCK.valueLow, claim.value.low), (CCK.valueHigh, claim.value.high)):
                if value is not None:
                    yield node, prop, _decimal(value)
            yield node, CCK.valueUnit, _text(claim.value.unit)
        for number in claim.cites:
            yield node, CCK.cites, URIRef(case_iri(self.case, "reference", str(number)))
        yield from self.evidence(node, claim.evidence)
        yield from self.annotations(node, claim)


_REFERENCE_PROPERTY = {
    "found_by": CCK.foundBy,
    "indication": CCK.indication,
    "reason": CCK.reason,
    "response_for": CCK.responseFor,
    "of": CCK.outcomeOf,
    "switched_to": CCK.switchedTo,
    "timing.offset.from": CCK.timingAnchor,
}


def _section_of(record: Record, span: tuple[int, int]) -> str:
    for section in record.sections:
        if section.span[0] <= span[0] and span[1] <= section.span[1]:
            return section.name
    return record.sections[0].name
