"""The work of a build on one batch of cases, the same in the main process and in build workers.

For each record of a batch: read and check it, check its evidence against its
report text, turn it into triples, then validate the whole batch at once
(every case in its own named graph of one in-memory store holding the
ontology: the shapes are local to a case, so one run over the batch gives the
issues of each case), infer each case against the classified ontology, and
write the case's chunk files: its sorted N-Quads lines (asserted graph, then
inferred graph) and the rows of the partitioned library queries.
Only small results travel back: counts, issues, the terms used.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.build.chunks import chunk_paths, rows_path
from kg.build.reason import Classification, infer_triples
from kg.build.shacl.compiler import CompiledShapes
from kg.build.shacl.issues import Issue
from kg.build.tables import TableQuery, case_rows, rows_chunk
from kg.build.triples import Triple, case_triples
from kg.files import file_stamp
from kg.namespaces import CCK, CCKD, INFERRED_ONTOLOGY_GRAPH, graph_iri, inferred_graph_iri
from kg.ontology.terms import TermIndex
from kg.rdfterms import to_quads
from kg.records.evidence import check_evidence, read_report_text
from kg.records.model import Record
from kg.records.reader import read_record

__all__ = ["BuildContext", "CaseBuilder", "CaseJob", "CaseResult", "CaseStats", "Timer"]

Timer = Callable[[str, float], None]
"""Receives a stage name and seconds spent in it."""

_ONTOLOGY = ox.NamedNode("urn:x-kg:build:ontology")
_TYPE = ox.NamedNode(str(RDF.type))
_EVIDENCE = ox.NamedNode(str(CCK.Evidence))
_INDIVIDUALS = str(CCKD)
"""Where a builder's validation store keeps the ontology (never written out)."""


@dataclass(frozen=True)
class BuildContext:
    """What every case build needs, loaded once per build (and shared by forked workers)."""

    terms: TermIndex
    shapes: CompiledShapes
    model: Classification
    reports_dir: Path | None
    chunk_dir: Path
    tables: tuple[TableQuery, ...] = ()
    """The partitioned queries whose rows each case keeps (:mod:`kg.build.tables`)."""
    ontology_inferred: tuple[ox.Quad, ...] = ()
    """What HermiT adds to the ontology, in the inferred ontology graph: the tables' queries read it."""


@dataclass(frozen=True)
class CaseJob:
    """One record to build; ``key`` names its chunk files (a hash of everything the case's output depends on)."""

    path: Path
    key: str
    stamp: tuple[int, int] | None = None
    """The record file's size and mtime (ns) before it was read for its key (:func:`kg.build.cache.file_stamp`)."""
    vocabulary: str = ""
    """The digest of the reference terms in the key, for a record that writes standard ids ('' otherwise)."""


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
    text_sha256: str = ""
    """The digest of the report text the record's offsets refer to (``report.sha256`` of the record)."""
    stamp: tuple[int, int] | None = None
    """The record file's size and mtime when it was read; a later build trusts an unchanged stamp (:mod:`kg.build.plan`)."""
    report_stamp: tuple[int, int] | None = None
    """The report text file's size and mtime when it was read."""
    vocabulary: str = ""
    """The reference terms' digest the case key includes ('' for a record that writes no standard id)."""
    entry: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """The manifest entry this result was read from (:func:`kg.build.cache.result_from_json`), written back as it was."""


@dataclass
class _Case:
    job: CaseJob
    record: Record
    triples: list[Triple]
    quads: list[ox.Quad]
    spans: int
    report_sha256: str | None
    report_stamp: tuple[int, int] | None = None


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
        self._iris: dict[str, ox.NamedNode] = {}
        """The nodes of the predicates and classes of inferred triples made so far."""
        self.branch_terms = frozenset(str(iri) for iri, term in context.terms.terms.items() if context.terms.branch_of(term))

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
        store = self._store(cases)
        issues = self._validate(store)
        spent("validate", clock() - start)
        start = clock()
        inferences = []
        for case in cases:
            inferred = infer_triples(case.triples, self.context.model)
            inferences.append(self._iri_quads(inferred, ox.NamedNode(inferred_graph_iri(case.record.id))))
        spent("reason", clock() - start)
        start = clock()
        rows = self._rows(store, cases, inferences)
        spent("tables", clock() - start)
        results = []
        for case, inferred_quads in zip(cases, inferences, strict=True):
            start = clock()
            self._write(case, inferred_quads, rows.get(case.record.id, {}))
            results.append(
                CaseResult(
                    file=str(case.job.path),
                    case_id=case.record.id,
                    key=case.job.key,
                    stats=self._stats(case, len(inferred_quads)),
                    issues=issues.get(case.record.id, ()),
                    report_file=case.record.report.file if case.report_sha256 else None,
                    report_sha256=case.report_sha256,
                    text_sha256=case.record.report.sha256,
                    stamp=case.job.stamp,
                    report_stamp=case.report_stamp,
                    vocabulary=case.job.vocabulary,
                )
            )
            spent("write", clock() - start)
        return results

    def _read(self, job: CaseJob) -> _Case:
        file = str(job.path)
        record = read_record(job.path, self.context.terms)
        spans, read_title, digest, stamp = 0, None, None, None
        if self.context.reports_dir is not None:
            stamp = file_stamp(self.context.reports_dir / record.report.file)
            report = read_report_text(self.context.reports_dir / record.report.file, file, record.id)
            spans, digest = check_evidence(record, report, file), report.sha256
            text = report.text
            read_title = lambda span: text[span[0] : span[1]]  # noqa: E731
        triples = list(case_triples(record, self.context.terms, read_title))
        graph = ox.NamedNode(graph_iri(record.id))
        quads = list(dict.fromkeys(ox.Quad(s, p, o, graph) for s, p, o in triples))
        return _Case(job=job, record=record, triples=triples, quads=quads, spans=spans, report_sha256=digest, report_stamp=stamp)

    def _iri_quads(self, triples: Iterable[tuple[str, str, str]], graph: ox.NamedNode) -> list[ox.Quad]:
        """Triples of IRI strings (what the reasoner infers) as quads in ``graph``.

        The nodes of predicates and classes are made once per build process;
        the case's own individuals are made afresh, so that nothing of a case
        stays behind (kept nodes made the garbage collector's full passes
        slower case after case).
        """
        known = self._iris

        def node(iri: str) -> ox.NamedNode:
            found = known.get(iri)
            if found is None:
                found = ox.NamedNode(iri)
                if not iri.startswith(_INDIVIDUALS):
                    known[iri] = found
            return found

        return [ox.Quad(node(s), node(p), node(o), graph) for s, p, o in triples]

    def _store(self, cases: list[_Case]) -> ox.Store:
        """A new in-memory store with the ontology and the batch's case graphs."""
        store = ox.Store()
        store.extend(self.ontology_quads)
        for case in cases:
            store.extend(case.quads)
        return store

    def _rows(self, store: ox.Store, cases: list[_Case], inferences: list[list[ox.Quad]]) -> dict[str, dict[str, list[list[object]]]]:
        """The partitioned queries' rows by case, over the batch's store with the inferences added."""
        if not self.context.tables:
            return {}
        store.extend(self.context.ontology_inferred)
        for quads in inferences:
            store.extend(quads)
        ontology = [_ONTOLOGY.value, str(INFERRED_ONTOLOGY_GRAPH)]
        graphs = {case.record.id: [graph_iri(case.record.id), inferred_graph_iri(case.record.id), *ontology] for case in cases}
        return case_rows(store, self.context.tables, graphs)

    def _validate(self, store: ox.Store) -> dict[str, tuple[Issue, ...]]:
        found = self.context.shapes.validate_store(store)
        by_case: dict[str, list[Issue]] = {}
        for issue in found:
            by_case.setdefault(issue.record, []).append(issue)
        return {case: tuple(issues) for case, issues in by_case.items()}

    def _write(self, case: _Case, inferred: list[ox.Quad], rows: dict[str, list[list[object]]]) -> None:
        nquads = chunk_paths(self.context.chunk_dir, case.job.key)[0]
        rows_path(self.context.chunk_dir, case.job.key).write_bytes(rows_chunk(case.record.id, self.context.tables, rows))
        lines = []
        for quads in (case.quads, inferred):
            text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
            lines.extend(sorted(text.splitlines(keepends=True)))
        nquads.write_bytes(b"".join(lines))

    def _stats(self, case: _Case, inferred: int) -> CaseStats:
        record = case.record
        by_type = Counter(fact.type for fact in record.facts)
        negated = sum(1 for fact in record.facts if getattr(fact, "status", None) == "absent")
        named, branch = ox.NamedNode, self.branch_terms
        used = sorted({o.value for _, _, o in case.triples if type(o) is named and o.value in branch})
        evidence = case.spans if self.context.reports_dir is not None else sum(1 for _, p, o in case.triples if p == _TYPE and o == _EVIDENCE)
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
