"""The work of a build on one batch of cases, the same in the main process and in build workers.

For each record of a batch: read and check it, check its evidence against its
report text, turn it into triples, then validate the whole batch at once
(every case in its own named graph of one in-memory store holding the
ontology: the shapes are local to a case, so one run over the batch gives the
issues of each case), infer each case against the classified ontology, and
write the case's chunk files: its sorted N-Quads lines (asserted graph, then
inferred graph) and its triples as Turtle statements without prefix lines.
Only small results travel back: counts, issues, the terms used.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from .evidence import check_evidence, read_report_text
from .fastshacl import CompiledShapes, to_ox_term
from .model import Record
from .namespaces import CCK, PREFIXES, graph_iri, inferred_graph_iri
from .rdf import record_triples
from .reason import Classification, infer_triples
from .records import read_record
from .terms import TermIndex
from .validate import Issue

__all__ = ["BuildContext", "CaseBuilder", "CaseJob", "CaseResult", "CaseStats", "Timer", "chunk_paths", "to_quads", "turtle_body"]

Timer = Callable[[str, float], None]
"""Receives a stage name and seconds spent in it."""

_ONTOLOGY = ox.NamedNode("urn:x-kg:build:ontology")
"""Where a builder's validation store keeps the ontology (never written out)."""


@dataclass(frozen=True)
class BuildContext:
    """What every case build needs, loaded once per build (and shared by forked workers)."""

    terms: TermIndex
    shapes: CompiledShapes
    model: Classification
    reports_dir: Path | None
    chunk_dir: Path


@dataclass(frozen=True)
class CaseJob:
    """One record to build; ``key`` names its chunk files (a hash of everything the case's output depends on)."""

    path: Path
    key: str


@dataclass(frozen=True)
class CaseStats:
    """The figures of one case that the build summary adds up."""

    facts_by_type: dict[str, int]
    negated_facts: int
    claims: int
    references: int
    evidence_spans: int
    terms_used: tuple[str, ...]
    triples: int
    inferred_triples: int


@dataclass(frozen=True)
class CaseResult:
    """A built case: where it came from, its figures and its SHACL issues (its triples are in its chunk files)."""

    file: str
    case_id: str
    key: str
    stats: CaseStats
    issues: tuple[Issue, ...]
    report_file: str | None = None
    """The report text the evidence was checked against (relative to the reports folder), and its digest."""
    report_sha256: str | None = None


def chunk_paths(chunk_dir: Path, key: str) -> tuple[Path, Path]:
    """The N-Quads and Turtle chunk files of the case with this key."""
    return chunk_dir / f"{key}.nq", chunk_dir / f"{key}.ttl"


def turtle_body(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle statements with the project's prefixes, without the prefix lines: chunks concatenate after one header."""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert text is not None
    return b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"@prefix "))


@dataclass
class _Case:
    job: CaseJob
    record: Record
    triples: list[tuple[Node, Node, Node]]
    quads: list[ox.Quad]
    spans: int
    report_sha256: str | None


class CaseBuilder:
    """Builds batches of cases, each validated in a new in-memory store that holds the ontology and the batch.

    A store is not reused across batches: pyoxigraph's in-memory store keeps
    removed quads (its versions) for as long as it lives, so a reused store
    grew by about 1.3 MB per 2,400 quads added and removed (a case is about
    2,500) and its queries slowed down with it.
    """

    def __init__(self, context: BuildContext) -> None:
        self.context = context
        self.ontology_quads = to_quads(context.terms.graph, _ONTOLOGY)
        self.branch_terms = frozenset(iri for iri, term in context.terms.terms.items() if context.terms.branch_of(term))

    def run(self, jobs: Sequence[CaseJob], timer: Timer | None = None) -> list[CaseResult]:
        """Build, validate, infer and write a batch; raise the first input error in the order of ``jobs``.

        ``timer`` receives the seconds spent per stage.
        """
        spent = timer or (lambda _stage, _seconds: None)
        clock = time.perf_counter
        start = clock()
        cases = [self._read(job) for job in jobs]
        spent("read_and_graph", clock() - start)
        start = clock()
        issues = self._validate(cases)
        spent("validate", clock() - start)
        results = []
        for case in cases:
            start = clock()
            inferred = infer_triples(case.triples, self.context.model)
            inferred_quads = to_quads(inferred, ox.NamedNode(inferred_graph_iri(case.record.id)))
            spent("reason", clock() - start)
            start = clock()
            self._write(case, inferred_quads)
            results.append(
                CaseResult(
                    file=str(case.job.path),
                    case_id=case.record.id,
                    key=case.job.key,
                    stats=self._stats(case, len(inferred_quads)),
                    issues=issues.get(case.record.id, ()),
                    report_file=case.record.report.file if case.report_sha256 else None,
                    report_sha256=case.report_sha256,
                )
            )
            spent("write", clock() - start)
        return results

    def _read(self, job: CaseJob) -> _Case:
        file = str(job.path)
        record = read_record(job.path, self.context.terms)
        spans, read_title, digest = 0, None, None
        if self.context.reports_dir is not None:
            report = read_report_text(self.context.reports_dir / record.report.file, file, record.id)
            spans, digest = check_evidence(record, report, file), report.sha256
            text = report.text
            read_title = lambda span: text[span[0] : span[1]]  # noqa: E731
        triples = list(record_triples(record, self.context.terms, read_title))
        quads = list(dict.fromkeys(to_quads(triples, ox.NamedNode(graph_iri(record.id)))))
        return _Case(job=job, record=record, triples=triples, quads=quads, spans=spans, report_sha256=digest)

    def _validate(self, cases: list[_Case]) -> dict[str, tuple[Issue, ...]]:
        store = ox.Store()
        store.extend(self.ontology_quads)
        for case in cases:
            store.extend(case.quads)
        found = self.context.shapes.validate_store(store)
        by_case: dict[str, list[Issue]] = {}
        for issue in found:
            by_case.setdefault(issue.record, []).append(issue)
        return {case: tuple(issues) for case, issues in by_case.items()}

    def _write(self, case: _Case, inferred: list[ox.Quad]) -> None:
        nquads, turtle = chunk_paths(self.context.chunk_dir, case.job.key)
        lines = []
        for quads in (case.quads, inferred):
            text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
            lines.extend(sorted(text.splitlines(keepends=True)))
        nquads.write_bytes(b"".join(lines))
        triples = dict.fromkeys(q.triple for q in (*case.quads, *inferred))
        turtle.write_bytes(turtle_body(triples))

    def _stats(self, case: _Case, inferred: int) -> CaseStats:
        record = case.record
        by_type = Counter(fact.type for fact in record.facts)
        negated = sum(1 for fact in record.facts if getattr(fact, "status", None) == "absent")
        used = sorted({str(o) for _, _, o in case.triples if o in self.branch_terms})
        evidence = case.spans if self.context.reports_dir is not None else sum(
            1 for _, p, o in case.triples if p == RDF.type and o == CCK.Evidence
        )
        return CaseStats(
            facts_by_type=dict(sorted(by_type.items())),
            negated_facts=negated,
            claims=len(record.claims),
            references=len(record.references),
            evidence_spans=evidence,
            terms_used=tuple(used),
            triples=len(case.quads),
            inferred_triples=inferred,
        )


def to_quads(triples: Iterable[tuple[Node, Node, Node]], graph: ox.NamedNode) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads in ``graph``."""
    iri = ox.NamedNode
    return [
        ox.Quad(
            iri(s) if type(s) is URIRef else to_ox_term(s),  # type: ignore[arg-type]
            iri(p),
            iri(o) if type(o) is URIRef else to_ox_term(o),
            graph,
        )
        for s, p, o in triples
    ]
