"""Turn one case record into RDF triples: a pure function, no I/O.

Each case becomes one named graph. Individuals get readable IRIs under
``cckd:<case id>/``; terms are referred to by their ontology class IRIs.
Every term is made as a pyoxigraph term (literals with the lexical forms
rdflib would give), ready for the store: no rdflib term is made on the
build's hot path, where making and comparing them cost more than the rest of
a case's triples. :func:`record_triples` gives the same triples as rdflib terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespaces import CCK, CCKD
from kg.ontology.terms import TermIndex
from kg.rdfterms import to_rdflib
from kg.records.fields import FACT_CLASSES, REFERENCE_FIELDS, main_term_field
from kg.records.model import (
    Claim,
    Diagnosis,
    DrugExposure,
    Evidence,
    Finding,
    Names,
    OrganismIsolation,
    Outcome,
    Printed,
    ProcedureEvent,
    Publication,
    Record,
    Reference,
    SectionName,
    SiteRef,
    Test,
    Timing,
)

AnyFact = Diagnosis | Finding | Test | DrugExposure | ProcedureEvent | OrganismIsolation | Outcome

__all__ = ["Triple", "TitleReader", "case_triples", "record_triples"]

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
"""A triple of pyoxigraph terms, as it goes to the store."""
TitleReader = Callable[[tuple[int, int]], str]


class _Terms:
    """IRIs of a namespace as plain attributes, each made once as a pyoxigraph node."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        iri = _node(getattr(self._namespace, name))
        setattr(self, name, iri)
        return iri


_NODES: dict[URIRef, ox.NamedNode] = {}
"""The pyoxigraph node of each rdflib IRI met so far: term IRIs come from the term index, the same objects every time."""


def _node(iri: URIRef) -> ox.NamedNode:
    """The pyoxigraph node of an rdflib IRI (made once)."""
    found = _NODES.get(iri)
    if found is None:
        found = _NODES[iri] = ox.NamedNode(iri)
    return found


_INDIVIDUALS = str(CCKD)


_C = _Terms(CCK)
_TYPE = _node(RDF.type)
_LABEL = _node(RDFS.label)

_STATUS = {"present": _C.Present, "absent": _C.Absent, "possible": _C.Possible, "historical": _C.Historical}
_RESPONSE = {
    "resolved": _C.Resolved,
    "improved": _C.Improved,
    "partial": _C.PartialResponse,
    "no_response": _C.NoResponse,
    "refractory": _C.Refractory,
    "recurred": _C.Recurred,
    "unknown": _C.UnknownResponse,
}
_DRUG_STATUS = {
    "given": _C.Given,
    "continued": _C.Continued,
    "held": _C.Held,
    "stopped": _C.Stopped,
    "switched": _C.Switched,
    "contraindicated": _C.Contraindicated,
    "historical": _C.PastUse,
}
_PROCEDURE_STATUS = {"performed": _C.Performed, "planned": _C.Planned, "precluded": _C.Precluded}
_SEX = {"female": _C.Female, "male": _C.Male}
_LATERALITY = {"left": _C.Left, "right": _C.Right, "bilateral": _C.Bilateral}
_DAYS = {"day": 1, "week": 7}


def case_triples(record: Record, terms: TermIndex, read_title: TitleReader | None = None) -> Iterator[Triple]:
    """Every triple of one case record, literals as pyoxigraph terms. ``read_title`` reads a title span from the text, when available."""
    return _RecordTriples(record, terms, read_title).triples()


def record_triples(record: Record, terms: TermIndex, read_title: TitleReader | None = None) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of :func:`case_triples` as rdflib terms throughout (for building an rdflib graph)."""
    for s, p, o in case_triples(record, terms, read_title):
        yield URIRef(s.value), URIRef(p.value), to_rdflib(o)  # type: ignore[misc]


_XSD_DECIMAL = ox.NamedNode(str(XSD.decimal))
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_GYEAR = ox.NamedNode(str(XSD.gYear))


def _decimal(value: float) -> ox.Literal:
    """An ``xsd:decimal`` with the lexical form rdflib gives the same value (no exponent, no trailing zeros)."""
    number = Decimal(repr(value)).normalize() if value % 1 else Decimal(int(value))
    return ox.Literal(format(number, "f"), datatype=_XSD_DECIMAL)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)


def _text(value: str) -> ox.Literal:
    """A plain string literal (in RDF 1.1 the same as one typed xsd:string)."""
    return ox.Literal(value)


class _RecordTriples:
    """The triples of one record; methods yield the triples of one part each."""

    def __init__(self, record: Record, terms: TermIndex, read_title: TitleReader | None) -> None:
        self.record = record
        self.terms = terms
        self.read_title = read_title
        self.case = record.id
        self.base = f"{_INDIVIDUALS}{record.id}/"
        self.report = ox.NamedNode(_INDIVIDUALS + record.id)
        self.text = self.individual("text")
        self.patient = self.individual("patient")

    def individual(self, *parts: str) -> ox.NamedNode:
        """The IRI of one of the case's individuals, e.g. ``individual("fact", "dx")`` (what :func:`kg.namespaces.case_iri` names)."""
        return ox.NamedNode(self.base + "/".join(parts))

    def term(self, name: str) -> ox.NamedNode:
        found = self.terms.resolve(name)
        if found is None:  # records are checked before they get here
            raise KeyError(name)
        return _node(found.iri)

    def label(self, name: str) -> str:
        found = self.terms.resolve(name)
        return found.label if found and found.label else name

    def fact(self, fact_id: str) -> ox.NamedNode:
        return self.individual("fact", fact_id)

    def triples(self) -> Iterator[Triple]:
        yield from self.report_triples()
        yield from self.patient_triples()
        for fact in self.record.facts:
            yield from self.fact_triples(fact)
        for claim in self.record.claims:
            yield from self.claim_triples(claim)

    def evidence(
        self, subject: ox.NamedNode, evidence: tuple[Evidence, ...], prop: ox.NamedNode = _C.hasEvidence, key: str = "evidence"
    ) -> Iterator[Triple]:
        for index, item in enumerate(evidence):
            node = ox.NamedNode(f"{subject.value}/{key}/{index}")
            yield subject, prop, node
            yield node, _TYPE, _C.Evidence
            yield node, _C.inText, self.text
            yield node, _C.section, _text(item.section)
            yield node, _C.start, _integer(item.span[0])
            yield node, _C.end, _integer(item.span[1])

    def annotations(self, subject: ox.NamedNode, item: object) -> Iterator[Triple]:
        note = getattr(item, "note", None)
        issue = getattr(item, "source_issue", None)
        if note:
            yield subject, _C.curatorNote, _text(note)
        if issue:
            yield subject, _C.sourceIssue, _text(issue)

    def title(self, subject: ox.NamedNode, span: tuple[int, int], section: SectionName) -> Iterator[Triple]:
        yield from self.evidence(subject, (Evidence(section=section, span=span),), _C.titleEvidence, "title")
        if self.read_title is not None:
            yield subject, _C.title, _text(" ".join(self.read_title(span).split()))

    def report_triples(self) -> Iterator[Triple]:
        record, report = self.record, self.report
        pub = record.publication
        yield report, _TYPE, _C.CaseReport
        yield report, _C.recordId, _text(record.id)
        authors = printed(pub.authors)
        first = authors[0] if authors else record.id
        yield report, _LABEL, _text(f"{first}{' et al.' if len(authors) > 1 else ''}{f' ({pub.year})' if pub.year else ''}")
        yield report, _C.hasText, self.text
        yield self.text, _TYPE, _C.ReportText
        yield self.text, _C.fileName, _text(record.report.file)
        yield self.text, _C.sha256, _text(record.report.sha256)
        yield self.text, _C.textLength, _integer(record.report.length)
        if pub.title:
            yield from self.title(report, pub.title.span, _section_of(record, pub.title.span))
        yield from self.bibliographic(report, pub)
        for keyword in printed(pub.keywords):
            yield report, _C.keyword, _text(keyword)
        for prop, value in ((_C.received, pub.received), (_C.accepted, pub.accepted), (_C.published, pub.published)):
            if value:
                yield report, prop, ox.Literal(value.isoformat(), datatype=_XSD_DATE)
        yield from self.evidence(report, pub.evidence)
        yield from self.annotations(report, pub)
        for note in record.notes:
            yield report, _C.recordNote, _text(note)
        for ref in record.references:
            node = self.individual("reference", str(ref.number))
            yield report, _C.hasReference, node
            yield node, _TYPE, _C.Reference
            yield node, _C.referenceNumber, _integer(ref.number)
            first_author = next(iter(printed(ref.authors)), "")
            yield node, _LABEL, _text(f"[{ref.number}] {first_author}{f' {ref.year}' if ref.year else ''}".strip())
            yield from self.bibliographic(node, ref)
            if ref.title:
                yield from self.title(node, ref.title.span, "references")
            yield from self.evidence(node, ref.evidence)
            yield from self.annotations(node, ref)

    def bibliographic(self, subject: ox.NamedNode, item: Publication | Reference) -> Iterator[Triple]:
        authors = printed(item.authors)
        for author in authors:
            yield subject, _C.author, _text(author)
        if authors:
            yield subject, _C.authorList, _text("; ".join(authors))
        if item.year:
            yield subject, _C.year, ox.Literal(str(item.year), datatype=_XSD_GYEAR)
        for name, prop in (("journal", _C.journal), ("volume", _C.volume), ("issue", _C.issue), ("pages", _C.pages), ("doi", _C.doi)):
            value = getattr(item, name, None)
            if value:
                yield subject, prop, _text(value)

    def patient_triples(self) -> Iterator[Triple]:
        patient = self.patient
        yield patient, _TYPE, _C.Patient
        yield patient, _C.describedIn, self.report
        yield patient, _LABEL, _text(f"patient of {self.case}")
        age, sex = self.record.patient.age, self.record.patient.sex
        if age:
            yield patient, _C.age, _decimal(age.value)
            yield patient, _C.ageUnit, _text(age.unit)
            yield patient, _C.ageInYears, _decimal(round(age.in_years(), 2))
            yield from self.evidence(patient, age.evidence, _C.ageEvidence, "age/evidence")
            yield from self.annotations(patient, age)
        if sex:
            yield patient, _C.sex, _SEX[sex.value]
            yield from self.evidence(patient, sex.evidence, _C.sexEvidence, "sex/evidence")
            yield from self.annotations(patient, sex)

    def fact_triples(self, fact: AnyFact) -> Iterator[Triple]:
        node = self.fact(fact.id)
        kind = type(fact)
        yield node, _TYPE, _node(FACT_CLASSES[kind])
        yield node, _C.factId, _text(fact.id)
        yield node, _C.aboutPatient, self.patient
        yield node, _C.statedIn, self.report
        status = getattr(fact, "status", None)
        if isinstance(fact, (Diagnosis, Finding, OrganismIsolation)):
            yield node, _C.assertionStatus, _STATUS[fact.status]
        label: str = fact.type
        main = main_term_field(kind)
        if main is not None:
            name = getattr(fact, main.name)
            yield node, _node(main.prop), self.term(name)
            label = f"{label}: {self.label(name)}"
        elif isinstance(fact, Outcome):
            label = f"outcome: {fact.outcome}"
        if status and status != "present":
            label = f"{label} ({status})"
        yield node, _LABEL, _text(label)
        yield from self.sites(node, fact.sites)
        yield from self.specific(node, fact)
        for field, targets in fact.references().items():
            prop = _node(REFERENCE_FIELDS[field])
            for target in targets:
                yield node, prop, self.fact(target)
        if fact.timing:
            yield from self.timing(node, fact.timing)
        yield from self.evidence(node, fact.evidence)
        yield from self.annotations(node, fact)

    def sites(self, node: ox.NamedNode, sites: tuple[SiteRef, ...]) -> Iterator[Triple]:
        for index, site in enumerate(sites):
            term = self.term(site.site)
            mention = ox.NamedNode(f"{node.value}/site/{index}")
            yield node, _C.hasSite, term
            yield node, _C.hasSiteMention, mention
            yield mention, _TYPE, _C.SiteMention
            yield mention, _C.site, term
            if site.laterality:
                yield mention, _C.laterality, _LATERALITY[site.laterality]

    def specific(self, node: ox.NamedNode, fact: AnyFact) -> Iterator[Triple]:
        if isinstance(fact, Diagnosis):
            if fact.subtype:
                yield node, _C.subtype, self.term(fact.subtype)
            for name, prop in (("category", _C.category), ("severity", _C.severity), ("grade", _C.grade)):
                if getattr(fact, name):
                    yield node, prop, _text(getattr(fact, name))
        if isinstance(fact, (Diagnosis, Finding)) and fact.size:
            yield node, _C.sizeDimension, _text(" x ".join(f"{d:g}" for d in fact.size.dimensions))
            yield node, _C.maxDimension, _decimal(max(fact.size.dimensions))
            yield node, _C.sizeUnit, _text(fact.size.unit)
        if isinstance(fact, Finding):
            for qualifier in fact.qualifiers:
                yield node, _C.qualifier, _text(qualifier)
        if isinstance(fact, Test) and fact.result:
            yield node, _C.testResult, _text(fact.result)
        if isinstance(fact, DrugExposure):
            if fact.status:
                yield node, _C.drugStatus, _DRUG_STATUS[fact.status]
            if fact.route:
                yield node, _C.route, _text(fact.route)
            if fact.response:
                yield node, _C.response, _RESPONSE[fact.response]
        if isinstance(fact, ProcedureEvent):
            if fact.status:
                yield node, _C.procedureStatus, _PROCEDURE_STATUS[fact.status]
            if fact.order is not None:
                yield node, _C.order, _integer(fact.order)
            if fact.outcome:
                yield node, _C.response, _RESPONSE[fact.outcome]
        if isinstance(fact, Outcome):
            yield node, _C.outcomeKind, _text(fact.outcome)
            if fact.destination:
                yield node, _C.destination, _text(fact.destination)

    def timing(self, node: ox.NamedNode, timing: Timing) -> Iterator[Triple]:
        if timing.date:
            yield node, _C.date, _text(timing.date)
        if timing.duration:
            yield node, _C.durationValue, _decimal(timing.duration.value)
            yield node, _C.durationUnit, _text(timing.duration.unit)
        if timing.offset:
            yield node, _C.offsetValue, _decimal(timing.offset.value)
            yield node, _C.offsetUnit, _text(timing.offset.unit)
            if timing.offset.unit in _DAYS:
                yield node, _C.offsetDays, _decimal(timing.offset.value * _DAYS[timing.offset.unit])

    def claim_triples(self, claim: Claim) -> Iterator[Triple]:
        node = self.individual("claim", claim.id)
        yield node, _TYPE, _C.BackgroundClaim
        yield node, _C.factId, _text(claim.id)
        yield node, _C.statedIn, self.report
        yield node, _C.claimKind, _text(claim.kind)
        yield node, _C.summary, _text(claim.summary)
        yield node, _LABEL, _text(f"claim: {claim.summary}")
        for name in claim.subject:
            yield node, _C.claimSubject, self.term(name)
        for name in claim.object:
            yield node, _C.claimObject, self.term(name)
        if claim.value:
            for prop, value in ((_C.value, claim.value.value), (_C.valueLow, claim.value.low), (_C.valueHigh, claim.value.high)):
                if value is not None:
                    yield node, prop, _decimal(value)
            yield node, _C.valueUnit, _text(claim.value.unit)
        for number in claim.cites:
            yield node, _C.cites, self.individual("reference", str(number))
        yield from self.evidence(node, claim.evidence)
        yield from self.annotations(node, claim)


def printed(items: Names) -> tuple[str, ...]:
    """Author names or keywords as text, whether listed plainly or with their spans."""
    return tuple(item.text if isinstance(item, Printed) else item for item in items)


def _section_of(record: Record, span: tuple[int, int]) -> SectionName:
    for section in record.sections:
        if section.span[0] <= span[0] and span[1] <= section.span[1]:
            return section.name
    return record.sections[0].name
