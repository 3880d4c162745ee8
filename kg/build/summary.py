"""The figures of a finished build, added up from its cases."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.build.case import CaseResult
from kg.build.shacl.issues import Issue
from kg.errors import KGError
from kg.ontology.terms import TermIndex

__all__ = ["BuildSummary", "summarize"]


@dataclass(frozen=True)
class BuildSummary:
    """The figures of a finished build."""

    cases: int
    patient_facts: int
    facts_by_type: dict[str, int]
    negated_facts: int
    claims: int
    references: int
    evidence_spans: int
    ontology_terms: int
    terms_used: int
    triples: int
    inferred_triples: int
    quads_in_store: int
    violations: int
    warnings: int
    evidence_checked: bool
    outputs: dict[str, str] = field(default_factory=dict)


def summarize(
    cases: list[CaseResult],
    terms: TermIndex,
    issues: tuple[Issue, ...],
    evidence_checked: bool,
    ontology_quads: tuple[int, int],
    quads: int | None,
    outputs: dict[str, str],
) -> BuildSummary:
    """The build's figures; ``quads`` is the count of a new store, None for an updated one, which holds the same by construction."""
    stats = [case.stats for case in cases]
    by_type: Counter[str] = Counter()
    for item in stats:
        by_type.update(item.facts_by_type)
    inferred = sum(item.inferred_triples for item in stats)
    asserted_ontology, ontology_inferred = ontology_quads
    triples = asserted_ontology + ontology_inferred + sum(item.triples + item.inferred_triples for item in stats)
    if quads is not None and quads != triples:
        raise KGError(f"internal error: the store holds {quads} quads where the case graphs and the ontology have {triples}")
    return BuildSummary(
        cases=len(cases),
        patient_facts=sum(by_type.values()),
        facts_by_type=dict(sorted(by_type.items())),
        negated_facts=sum(item.negated_facts for item in stats),
        claims=sum(item.claims for item in stats),
        references=sum(item.references for item in stats),
        evidence_spans=sum(item.evidence_spans for item in stats),
        ontology_terms=sum(1 for t in terms.terms.values() if terms.branch_of(t)),
        terms_used=len({term for item in stats for term in item.terms_used}),
        triples=triples,
        inferred_triples=ontology_inferred + inferred,
        quads_in_store=triples if quads is None else quads,
        violations=sum(1 for i in issues if i.severity == "violation"),
        warnings=sum(1 for i in issues if i.severity != "violation"),
        evidence_checked=evidence_checked,
        outputs=dict(outputs),
    )
