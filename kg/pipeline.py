"""The build: the only module that chains the I/O steps.

ontology + shapes (checked against SHACL-for-SHACL, compiled to SPARQL) ->
HermiT classifies the ontology once -> the records, in batches, in parallel
build processes (:mod:`kg.casebuild`: read and check, evidence, triples,
SHACL per batch, case-by-case inference, one N-Quads and one Turtle chunk per
case) -> the chunks concatenated into graph.nq and graph.ttl, bulk-loaded into
the SPARQL store, cross-case checks as queries on the store -> validation
report and summary. Nothing is held as one whole graph in memory.

Outputs are written to a fresh folder and swapped in place of the previous
ones only when complete. The previous build's cache (:mod:`kg.buildcache`)
lets an incremental build reuse the chunks of unchanged records and a copy
of the previous store with only the changed cases' graphs replaced.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDFS

from .buildcache import CHUNK_DIR, MANIFEST, Manifest, build_key, case_key, file_sha256
from .casebuild import BuildContext, CaseBuilder, CaseJob, CaseResult, chunk_paths, to_quads, turtle_body
from .errors import InputError, KGError, RecordError, ValidationFailed
from .fastshacl import compile_shapes
from .namespaces import CCK, INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, PREFIXES, graph_iri, inferred_graph_iri
from .reason import Classification, classify, superclass_table, superclasses_from_table
from .records import record_files
from .resources import ontology_dir, shapes_dir
from .store import STORE_DIR, StoreLoader
from .terms import TermIndex
from .validate import Issue, check_shapes, load_shapes, render_text, report_turtle

__all__ = ["BuildSummary", "OUTPUT_FILES", "build", "default_jobs"]

OUTPUT_FILES = {
    "turtle": "graph.ttl",
    "nquads": "graph.nq",
    "store": STORE_DIR,
    "validation_rdf": "validation.ttl",
    "validation_text": "validation.txt",
    "validation_json": "validation.json",
    "summary": "summary.json",
}
"""What a build writes, by role, relative to the output folder (plus its cache, ``cache/``)."""

Progress = Callable[[str], None]

_BATCH = 8
"""Cases per batch: one SHACL run covers a batch, and a batch is the unit of work of a build process."""


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


def default_jobs() -> int:
    """Build processes by default: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def build(
    data_dir: Path,
    out_dir: Path,
    reports_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    jobs: int | None = None,
    incremental: bool = True,
    timings: dict[str, float] | None = None,
) -> tuple[BuildSummary, tuple[Issue, ...]]:
    """Build the knowledge graph; raise before touching ``out_dir`` on bad input or violations.

    ``jobs`` build processes work on the records (default: one per core; 1
    builds in this process). With ``incremental``, unchanged records reuse
    the previous build's results. ``timings``, if given, receives the seconds
    spent per stage (``cpu_*``: summed over build processes).
    """
    say = progress or (lambda _message: None)
    clock = _Stopwatch(timings if timings is not None else {})
    if reports_dir is not None and not reports_dir.is_dir():
        raise InputError(f"{reports_dir}: reports folder not found")
    files = record_files(data_dir)
    say("loading ontology and shapes")
    with clock("load_ontology"):
        terms = TermIndex.load()
        shapes = load_shapes()
        key = build_key(
            [*ontology_dir().glob("*.ttl"), *shapes_dir().glob("*.ttl")],
            _package_version(),
            str(reports_dir.resolve()) if reports_dir is not None else "-",
        )
        previous = Manifest.read(out_dir, data_dir) if incremental else None
        if previous is not None and previous.build_key != key:
            previous = None
        if previous is None:
            check_shapes(shapes)  # checked when the shapes last changed otherwise
        compiled = compile_shapes(shapes)
    with clock("classify"):
        if previous is None:
            say("reasoning: classifying the ontology with HermiT")
        model = classify(terms.graph, superclasses_from_table(previous.superclasses) if previous else None)
    plan = _plan(files, key, previous, reports_dir, out_dir / CHUNK_DIR)
    say(f"{len(files)} record(s): {len(plan.reused)} unchanged, {len(plan.jobs)} to build")

    def write(tmp: Path) -> BuildSummary:
        chunk_dir = tmp / CHUNK_DIR
        chunk_dir.mkdir(parents=True)
        context = BuildContext(terms=terms, shapes=compiled, model=model, reports_dir=reports_dir, chunk_dir=chunk_dir)
        with clock("reuse"):
            for cached in plan.reused:
                _link_chunks(out_dir / CHUNK_DIR, chunk_dir, cached.key)
            if previous is not None and all(c.is_file() for c in chunk_paths(out_dir / CHUNK_DIR, _ONTOLOGY_CHUNK)):
                _link_chunks(out_dir / CHUNK_DIR, chunk_dir, _ONTOLOGY_CHUNK)
                ontology_quads = previous.ontology_quads
            else:
                ontology_quads = _ontology_chunk(terms, model, chunk_dir)
            loader = _store_loader(tmp, out_dir, previous, plan.reused)
        say(f"building, validating and inferring {len(plan.jobs)} case(s) with {_jobs(jobs, len(plan.jobs))} process(es)")
        with clock("cases"):
            built = []
            for case in _check_unique(_run(context, plan.jobs, jobs, clock), plan.reused):
                built.append(case)
                with clock("load"):
                    loader.add(chunk_paths(chunk_dir, case.key)[0])
        cases = _in_file_order([*plan.reused, *built], files)
        issues = tuple(sorted(issue for case in cases for issue in case.issues))
        violations = sum(1 for issue in issues if issue.severity == "violation")
        if violations:
            raise ValidationFailed(render_text(issues), violations)
        say(f"writing outputs to {out_dir}")
        with clock("write"):
            _concatenate(tmp, [case.key for case in cases])
        with clock("load"):
            quads = loader.close()
            _check_store(tmp / STORE_DIR, len(cases))
        with clock("report"):
            summary = _summary(cases, terms, issues, reports_dir is not None, ontology_quads, quads)
            _write_reports(tmp, issues, summary)
            Manifest(key, superclass_table(model), ontology_quads, {Path(c.file).name: c for c in cases}).write(tmp / MANIFEST)
        return summary

    with clock("total_write"):
        summary = _write_atomically(out_dir, write)
    return summary, tuple(sorted(issue for issue in _issues_of(out_dir)))


@dataclass(frozen=True)
class _Plan:
    jobs: list[CaseJob]
    reused: list[CaseResult]


def _plan(files: list[Path], key: str, previous: Manifest | None, reports_dir: Path | None, old_chunks: Path) -> _Plan:
    """Split the records into those to build and those whose previous results still hold."""
    jobs, reused = [], []
    for path in files:
        data = _read_bytes(path)
        case = case_key(key, data)
        cached = previous.cases.get(path.name) if previous else None
        if (
            cached is not None
            and cached.key == case
            and _report_unchanged(cached, reports_dir)
            and all(chunk.is_file() for chunk in chunk_paths(old_chunks, case))
        ):
            reused.append(_moved(cached, path))
        else:
            jobs.append(CaseJob(path=path, key=case))
    return _Plan(jobs=jobs, reused=reused)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the record: {exc.strerror}") from None


def _report_unchanged(cached: CaseResult, reports_dir: Path | None) -> bool:
    if reports_dir is None or cached.report_file is None:
        return reports_dir is None
    path = reports_dir / cached.report_file
    return path.is_file() and file_sha256(path) == cached.report_sha256


def _moved(result: CaseResult, path: Path) -> CaseResult:
    return dataclasses.replace(result, file=str(path))


def _jobs(jobs: int | None, cases: int) -> int:
    wanted = default_jobs() if jobs is None else jobs
    if wanted < 1:
        raise InputError(f"--jobs must be at least 1, not {wanted}")
    return max(1, min(wanted, -(-cases // _BATCH)))


def _run(context: BuildContext, jobs: list[CaseJob], wanted: int | None, clock: _Stopwatch) -> Iterator[CaseResult]:
    """Build the jobs in batches, in this process or in a pool of forked processes, yielding results in order."""
    processes = _jobs(wanted, len(jobs))
    size = _BATCH if processes == 1 else max(1, min(_BATCH, -(-len(jobs) // (processes * 4))))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    if processes == 1 or "fork" not in multiprocessing.get_all_start_methods():
        builder = CaseBuilder(context)
        for batch in batches:
            yield from builder.run(batch, clock.add_cpu)
        return
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for results, spent in pool.imap(_run_batch, batches):
                for stage, seconds in spent.items():
                    clock.add_cpu(stage, seconds)
                yield from results
    finally:
        _WORKER_CONTEXT = None


_WORKER_CONTEXT: BuildContext | None = None
"""The build context a forked build process inherits."""
_WORKER_BUILDER: CaseBuilder | None = None


def _run_batch(batch: Sequence[CaseJob]) -> tuple[list[CaseResult], dict[str, float]]:
    """A build process's task: one batch, with the seconds it spent per stage."""
    global _WORKER_BUILDER
    spent: Counter[str] = Counter()

    def add(stage: str, seconds: float) -> None:
        spent[stage] += seconds

    assert _WORKER_CONTEXT is not None, "build processes are forked from a build"
    if _WORKER_BUILDER is None:
        _WORKER_BUILDER = CaseBuilder(_WORKER_CONTEXT)
    return _WORKER_BUILDER.run(batch, add), dict(spent)


def _check_unique(built: Iterator[CaseResult], reused: list[CaseResult]) -> Iterator[CaseResult]:
    """Refuse a case id used by two record files, naming both."""
    seen = {case.case_id: case.file for case in reused}
    for case in built:
        other = seen.setdefault(case.case_id, case.file)
        if other != case.file:
            first, second = sorted((other, case.file))
            raise RecordError(second, case.case_id, "id", f"duplicate case id, also used by {first}")
        yield case


def _in_file_order(cases: list[CaseResult], files: list[Path]) -> list[CaseResult]:
    position = {str(path): index for index, path in enumerate(files)}
    return sorted(cases, key=lambda case: position[case.file])


def _link_chunks(old_dir: Path, new_dir: Path, key: str) -> None:
    for old, new in zip(chunk_paths(old_dir, key), chunk_paths(new_dir, key)):
        try:
            os.link(old, new)
        except OSError:
            shutil.copyfile(old, new)


_ONTOLOGY_CHUNK = "ontology"
"""The name of the chunk holding the ontology graph and its inferences."""


def _ontology_chunk(terms: TermIndex, model: Classification, chunk_dir: Path) -> tuple[int, int]:
    """The ontology graph and what HermiT adds to it, as the first chunk; return their quad counts."""
    ontology = to_quads(to_canonical_graph(terms.graph), ox.NamedNode(str(ONTOLOGY_GRAPH)))
    inferred = to_quads(_ontology_inferences(terms.graph, model), ox.NamedNode(str(INFERRED_ONTOLOGY_GRAPH)))
    lines = []
    for quads in (ontology, inferred):
        lines.extend(sorted((ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").splitlines(keepends=True)))
    nquads, turtle = chunk_paths(chunk_dir, _ONTOLOGY_CHUNK)
    nquads.write_bytes(b"".join(lines))
    in_order = ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS)  # sorted: the same Turtle whatever the hash seed
    turtle.write_bytes(turtle_body(dict.fromkeys(q.triple for q in in_order)))
    return len(ontology), len(inferred)


def _concatenate(tmp: Path, keys: list[str]) -> None:
    """graph.nq and graph.ttl: the ontology chunk, then every case's chunk in record file order."""
    chunk_dir = tmp / CHUNK_DIR
    header = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()).encode()
    for role, index, first in (("nquads", 0, b""), ("turtle", 1, header)):
        with open(tmp / OUTPUT_FILES[role], "wb") as target:
            target.write(first)
            target.flush()
            for key in (_ONTOLOGY_CHUNK, *keys):
                with open(chunk_paths(chunk_dir, key)[index], "rb") as source:
                    _append(source, target)


def _append(source: BinaryIO, target: BinaryIO) -> None:
    """Copy the rest of ``source`` to the end of ``target`` in the kernel where it can (copy_file_range), else through Python."""
    size = os.fstat(source.fileno()).st_size
    try:
        while size > 0:
            copied = os.copy_file_range(source.fileno(), target.fileno(), size)
            if copied == 0:
                break
            size -= copied
    except OSError:
        shutil.copyfileobj(source, target, 1 << 20)


def _store_loader(tmp: Path, out_dir: Path, previous: Manifest | None, reused: list[CaseResult]) -> StoreLoader:
    """A loader for the new store: a copy of the previous store without the cases that are not reused, or a new one."""
    old = out_dir / STORE_DIR
    if previous is not None and old.is_dir():
        kept = {case.case_id for case in reused}
        changed = sorted({case.case_id for case in previous.cases.values()} - kept)
        return StoreLoader(tmp / STORE_DIR, old, [name for case in changed for name in (graph_iri(case), inferred_graph_iri(case))])
    loader = StoreLoader(tmp / STORE_DIR)
    for key in (_ONTOLOGY_CHUNK, *(case.key for case in reused)):
        loader.add(chunk_paths(tmp / CHUNK_DIR, key)[0])
    return loader


_CASE_REPORTS_PER_GRAPH = """
SELECT ?g (COUNT(DISTINCT ?case) AS ?n) WHERE { GRAPH ?g { ?case a <%s> } } GROUP BY ?g HAVING (COUNT(DISTINCT ?case) != 1)
""" % CCK.CaseReport
_GRAPHS_PER_CASE_REPORT = """
SELECT ?case (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?case a <%s> } } GROUP BY ?case HAVING (COUNT(DISTINCT ?g) != 1)
""" % CCK.CaseReport


def _check_store(folder: Path, cases: int) -> None:
    """Cross-case checks on the loaded store: one case report per case graph, each in one graph only."""
    store = ox.Store.read_only(str(folder))
    for query, what in ((_CASE_REPORTS_PER_GRAPH, "case graph"), (_GRAPHS_PER_CASE_REPORT, "case report")):
        for row in store.query(query):
            raise KGError(f"store check failed: {what} {row[0].value} appears {row[1].value} times")
    graphs = sum(1 for g in store.named_graphs() if "/graph/inferred/" not in g.value and g.value != str(ONTOLOGY_GRAPH))
    if graphs != cases:
        raise KGError(f"store check failed: {graphs} case graphs for {cases} records")


def _ontology_inferences(ontology: Graph, model: Classification) -> Graph:
    """What HermiT adds to the ontology: inferred subclass links and the part-of closure between sites."""
    graph = Graph()
    for cls, ancestors in sorted(model.superclasses.items()):
        if not str(cls).startswith(str(CCK)):
            continue
        for ancestor in sorted(ancestors - {cls}):
            if (cls, RDFS.subClassOf, ancestor) not in ontology:
                graph.add((cls, RDFS.subClassOf, ancestor))
    for site, wholes in sorted(model.part_of.items()):
        for whole in sorted(wholes):
            graph.add((site, CCK.partOf, whole))
    return graph


def _summary(
    cases: list[CaseResult], terms: TermIndex, issues: tuple[Issue, ...], evidence_checked: bool, ontology_quads: tuple[int, int], quads: int | None
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
        outputs=dict(OUTPUT_FILES),
    )


def _write_reports(tmp: Path, issues: tuple[Issue, ...], summary: BuildSummary) -> None:
    (tmp / OUTPUT_FILES["validation_rdf"]).write_bytes(report_turtle(issues))  # no blank nodes: deterministic
    (tmp / OUTPUT_FILES["validation_text"]).write_text(render_text(issues), encoding="utf-8")
    (tmp / OUTPUT_FILES["validation_json"]).write_text(
        json.dumps([asdict(issue) for issue in issues], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (tmp / OUTPUT_FILES["summary"]).write_text(json.dumps(asdict(summary), indent=2) + "\n", encoding="utf-8")


def _issues_of(out_dir: Path) -> list[Issue]:
    return [Issue(**item) for item in json.loads((out_dir / OUTPUT_FILES["validation_json"]).read_text(encoding="utf-8"))]


def _package_version() -> str:
    try:
        return version("calcinosis-kg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "source"


class _Stopwatch:
    """Adds up seconds per stage into a dict: wall-clock stages by name, build processes' stages as ``cpu_<stage>``."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into

    def __call__(self, stage: str) -> _Lap:
        return _Lap(self, stage)

    def add(self, stage: str, seconds: float) -> None:
        self.into[stage] = self.into.get(stage, 0.0) + seconds

    def add_cpu(self, stage: str, seconds: float) -> None:
        self.add(f"cpu_{stage}", seconds)


class _Lap:
    def __init__(self, watch: _Stopwatch, stage: str) -> None:
        self.watch, self.stage = watch, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self.watch.add(self.stage, time.perf_counter() - self.start)


def _write_atomically(out_dir: Path, write: Callable[[Path], BuildSummary]) -> BuildSummary:
    """Write into a sibling folder, then swap it in; the old outputs survive any failure."""
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    _recover(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=parent))
    try:
        result = write(tmp)
        _fsync_tree(tmp)
        old = parent / f".{out_dir.name}.previous"
        if out_dir.exists():
            if old.exists():
                shutil.rmtree(old)
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _recover(out_dir: Path) -> None:
    """Restore the previous outputs if a build was stopped between its two renames."""
    old = out_dir.parent / f".{out_dir.name}.previous"
    if old.exists() and not out_dir.exists():
        os.replace(old, out_dir)
    for stale in out_dir.parent.glob(f".{out_dir.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
