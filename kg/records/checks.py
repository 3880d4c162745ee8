"""Cross-field checks of a parsed record: sections, evidence inside its sections, ids, fact references and terms.

The record model (:mod:`kg.records.model`) checks each field on its own; what
needs the whole record or the ontology is checked here. Every problem is a
:class:`~kg.errors.RecordError` naming the file, the record and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import RecordError
from kg.namespaces import CCK
from kg.ontology.terms import TermIndex
from kg.records.fields import TERM_FIELDS
from kg.records.model import Claim, Diagnosis, Evidence, Names, Printed, Record

if TYPE_CHECKING:
    from kg.ontology.terms import Term
    from kg.vocab.sources import Source

__all__ = ["TermUse", "check_record", "term_uses", "unknown_term_message", "is_standard_name"]

_ANY_TERM = ("Term",)
"""Claims may name a term of any branch."""


@dataclass(frozen=True)
class TermUse:
    """A term named by a record: the name as written, the field (as errors name it) and the branches it may be in."""

    name: str
    field: str
    branches: tuple[str, ...]


def term_uses(record: Record) -> Iterator[TermUse]:
    """Every term the record names, in record order: the term fields and sites of facts, the subjects and objects of claims."""
    for fact in record.facts:
        yield from _fact_terms(fact, f"fact {fact.id}")
    for claim in record.claims:
        yield from _claim_terms(claim, f"claim {claim.id}")


def _fact_terms(fact: Any, where: str) -> Iterator[TermUse]:
    for field in TERM_FIELDS.get(type(fact), ()):
        value = getattr(fact, field.name)
        if value is not None:
            yield TermUse(value, f"{where}: {field.name}", field.branches)
    for index, site in enumerate(fact.sites):
        yield TermUse(site.site, f"{where}: sites[{index}].site", ("AnatomicSite",))


def _claim_terms(claim: Claim, where: str) -> Iterator[TermUse]:
    for field in ("subject", "object"):
        for name in getattr(claim, field):
            yield TermUse(name, f"{where}: {field}", _ANY_TERM)


def unknown_term_message(name: str) -> str:
    """What is wrong with a term name that resolves to nothing: an unknown project term, or a standard id not in its vocabulary."""
    source = _standard_source(name)
    if source is not None:
        return f"unknown standard term {name} (not in {source.prefix} {source.data_version})"
    return f"unknown term {name!r} (not in the ontology)"


def is_standard_name(name: str) -> bool:
    """True if a term name is a standard id in its vocabulary's syntax (``MONDO:0005015``), not a project term's name."""
    return _standard_source(name) is not None


def _standard_source(name: str) -> Source | None:
    """The vocabulary of a standard id (None for a project term's name); kg.vocab is imported only for such ids."""
    if ":" not in name or name.startswith("cck:"):
        return None
    from kg.vocab.curies import source_of

    return source_of(name)


def _described(term: Term | None) -> str:
    """A standard term's label; for an id a project term cross-references, that term too."""
    if term is None:
        return "?"
    if term.iri.startswith(str(CCK)):
        return f"{term.label}: the project term cck:{term.local_name}"
    return term.label


def check_record(record: Record, terms: TermIndex, file: str) -> None:
    """Cross-field checks: sections, evidence inside sections, ids, references and terms."""
    _Checker(record, terms, file).run()


class _Checker:
    """The cross-field checks of one record."""

    def __init__(self, record: Record, terms: TermIndex, file: str) -> None:
        self.record = record
        self.terms = terms
        self.file = file
        self.sections = {s.name: s.span for s in record.sections}

    def fail(self, field: str, message: str) -> None:
        raise RecordError(self.file, self.record.id, field, message)

    def run(self) -> None:
        self.check_sections()
        self.check_publication()
        ids = self.check_ids()
        for fact in self.record.facts:
            where = f"fact {fact.id}"
            self.check_evidence(fact.evidence, where)
            self.check_terms(fact, where)
            for field, targets in fact.references().items():
                for target in targets:
                    if target not in ids:
                        self.fail(f"{where}: {field}", f"refers to unknown fact id {target!r}")
        numbers = {ref.number for ref in self.record.references}
        for claim in self.record.claims:
            self.check_claim(claim, numbers)
        patient = self.record.patient
        for name in ("age", "sex"):
            item = getattr(patient, name)
            if item is not None:
                self.check_evidence(item.evidence, f"patient.{name}")

    def check_sections(self) -> None:
        length = self.record.report.length
        previous_end = 0
        for index, section in enumerate(sorted(self.record.sections, key=lambda s: s.span)):
            start, end = section.span
            if start >= end or end > length:
                self.fail(f"sections[{section.name}]", f"span [{start}, {end}) is not inside the text of {length} characters")
            if index and start < previous_end:
                self.fail(f"sections[{section.name}]", "overlaps the section before it")
            previous_end = end
        if len(self.sections) != len(self.record.sections):
            self.fail("sections", "a section name is used twice")

    def check_publication(self) -> None:
        pub = self.record.publication
        self.check_evidence(pub.evidence, "publication")
        if pub.title:
            self.check_span(pub.title.span, "publication.title")
        self.check_printed(pub.authors, "publication.authors")
        self.check_printed(pub.keywords, "publication.keywords")
        numbers: set[int] = set()
        for ref in self.record.references:
            where = f"references[{ref.number}]"
            if ref.number in numbers:
                self.fail(where, "reference number used twice")
            numbers.add(ref.number)
            self.check_evidence(ref.evidence, where)
            if ref.title:
                self.check_span(ref.title.span, f"{where}.title")
            self.check_printed(ref.authors, f"{where}.authors")

    def check_printed(self, items: Names, where: str) -> None:
        for index, item in enumerate(items):
            if isinstance(item, Printed):
                self.check_span(item.span, f"{where}[{index}]")

    def check_ids(self) -> set[str]:
        ids: set[str] = set()
        for item in (*self.record.facts, *self.record.claims):
            if item.id in ids:
                self.fail(f"fact {item.id}", "id used twice in this record")
            ids.add(item.id)
        return ids

    def check_span(self, span: tuple[int, int], where: str) -> None:
        length = self.record.report.length
        if span[0] >= span[1] or span[1] > length:
            self.fail(where, f"span [{span[0]}, {span[1]}) is outside the text of {length} characters")

    def check_evidence(self, evidence: Iterable[Evidence], where: str) -> None:
        for item in evidence:
            self.check_span(item.span, f"{where}: evidence")
            section = self.sections.get(item.section)
            if section is None:
                self.fail(f"{where}: evidence", f"section {item.section!r} is not declared in sections")
            elif not (section[0] <= item.span[0] and item.span[1] <= section[1]):
                self.fail(
                    f"{where}: evidence",
                    f"span [{item.span[0]}, {item.span[1]}) is not inside section {item.section} {list(section)}",
                )

    def check_term(self, name: str, branches: tuple[str, ...], where: str) -> None:
        term = self.terms.resolve(name)
        if term is None:
            self.fail(where, unknown_term_message(name))
        standard = _standard_source(name)
        if not self.terms.in_branch(name, *branches):
            what = f"term {name!r}" if standard is None else f"standard term {name} ({_described(term)})"
            self.fail(where, f"{what} is not a {' or '.join(branches)}")

    def check_terms(self, fact: Any, where: str) -> None:
        for use in _fact_terms(fact, where):
            self.check_term(use.name, use.branches, use.field)
        if isinstance(fact, Diagnosis) and fact.subtype is not None and self.terms.resolve(fact.subtype) == self.terms.resolve("CalcinosisCutis"):
            self.fail(f"{where}: subtype", "the subtype must be one of the subtypes of CalcinosisCutis, not CalcinosisCutis itself")

    def check_claim(self, claim: Claim, numbers: set[int]) -> None:
        where = f"claim {claim.id}"
        self.check_evidence(claim.evidence, where)
        for use in _claim_terms(claim, where):
            self.check_term(use.name, use.branches, use.field)
        for number in claim.cites:
            if number not in numbers:
                self.fail(f"{where}: cites", f"reference {number} is not in the reference list")
