"""The build: the one place that chains the I/O steps, from records and ontology to the outputs.

ontology + shapes (checked against SHACL-for-SHACL, compiled to SPARQL) ->
HermiT classifies the ontology once -> the records, in batches, in parallel
build processes (:mod:`kg.build.workers`, :mod:`kg.build.case`: read and
check, evidence, triples, SHACL per batch, case-by-case inference, the
partitioned library queries per batch; one N-Quads chunk and one chunk of
listing rows per case) -> the chunks streamed into one bulk load of the
SPARQL store and their rows into ``tables.sqlite``, cross-case checks as
queries on the store -> validation report and summary; ``graph.nq`` and
``graph.ttl`` (the chunks concatenated) only when asked for. Nothing is
held as one whole graph in memory.

Outputs are written to a fresh folder and swapped in place of the previous
ones only when complete (:mod:`kg.build.outputs`). The previous build's cache
(:mod:`kg.build.cache`, :mod:`kg.build.plan`) lets an incremental build reuse
the chunks of unchanged records and copies of the previous store and tables
with only the changed cases' graphs and rows replaced.

Standard terms (``MONDO:0005015``, :mod:`kg.vocab`) that records name are
imported MIREOT-style: the plan finds the ids the records may name, their
import module (the terms with their ancestors, under the project's branches)
joins the ontology that HermiT classifies and that every batch is validated
against; once the cases are built, the terms they really used make the import
that goes into the ontology graph of the outputs and into ``imports.ttl``.
Imports only add classes, so a case's results do not depend on the other
cases' terms: a new standard term redoes the classification and the ontology
chunk, not the unchanged cases.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.build.cache import MANIFEST, Imports, Manifest, build_key, reusable_superclasses
from kg.build.case import BuildContext, CaseResult
from kg.build.chunks import CHUNK_DIR, ONTOLOGY_CHUNK, chunk_paths, concatenate, link_chunks, ontology_inferences, rows_path, write_ontology_chunk
from kg.build.crosscase import check_unique, in_file_order, shared_text_warnings
from kg.build.outfolder import output_lock
from kg.build.outputs import write_atomically, write_reports, written_outputs
from kg.build.plan import plan_build, standard_ids_used
from kg.build.precheck import classify_while_checking
from kg.build.reason import Classification, superclass_table
from kg.build.shacl.compiler import compile_shapes
from kg.build.shacl.issues import Issue
from kg.build.shacl.report import render_text
from kg.build.shacl.shapes import check_shapes, load_shapes
from kg.build.store import StoreLoader, check_store
from kg.build.summary import BuildSummary, summarize
from kg.build.tables import TableWriter, table_queries
from kg.build.timing import Stopwatch
from kg.build.workers import process_count, run_jobs
from kg.errors import InputError, ValidationFailed
from kg.layout import IMPORTS_FILE, OUTPUT_FILES, STORE_DIR
from kg.namespaces import INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, graph_iri, inferred_graph_iri
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex
from kg.query.tables import TABLES_FILE
from kg.rdfterms import to_quads
from kg.records.reader import record_files
from kg.resources import ontology_dir, queries_dir, shapes_dir

__all__ = ["build", "package_version", "Progress"]

Progress = Callable[[str], None]

"""The import module of the standard terms the records use, in the output folder (only when they use some)."""


def build(
    data_dir: Path,
    out_dir: Path,
    reports_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    jobs: int | None = None,
    incremental: bool = True,
    timings: dict[str, float] | None = None,
    advance: Callable[[int], None] | None = None,
    graph_files: bool = False,
) -> tuple[BuildSummary, tuple[Issue, ...]]:
    """Build the knowledge graph; raise before touching ``out_dir`` on bad input or violations.

    ``jobs`` build processes work on the records (default: one per core; 1
    builds in this process). With ``incremental``, unchanged records reuse
    the previous build's results. ``timings``, if given, receives the seconds
    spent per stage (``cpu_*``: summed over build processes). ``advance``,
    if given, is called with 1 for each case built (for a progress bar).
    ``graph_files`` also writes the whole graph as ``graph.nq`` and
    ``graph.ttl`` (the chunks concatenated); otherwise the per-case chunks are
    the build's graph files and ``kg export`` writes a whole-graph file on demand.
    """
    say = progress or (lambda _message: None)
    clock = Stopwatch(timings if timings is not None else {})
    if reports_dir is not None and not reports_dir.is_dir():
        raise InputError(f"{reports_dir}: reports folder not found")
    files = record_files(data_dir)
    with output_lock(out_dir) as out_dir:
        say("loading ontology and shapes")
        with clock("load_ontology"):
            terms = TermIndex.load()
            shapes_folder = shapes_dir()
            shapes = load_shapes(shapes_folder)
            key = build_key(
                [*ontology_dir().glob("*.ttl"), *shapes_folder.glob("*.ttl"), *queries_dir().glob("*.rq")],
                package_version(),
                str(reports_dir.resolve()) if reports_dir is not None else "-",
            )
            previous = Manifest.read(out_dir, data_dir) if incremental else None
            if previous is not None and previous.build_key != key:
                previous = None
            if previous is None:
                check_shapes(shapes)  # checked when the shapes last changed otherwise
            compiled = compile_shapes(shapes)
        started = time.time_ns()
        plan = plan_build(files, key, previous, reports_dir, out_dir / CHUNK_DIR)
        with clock("load_ontology"):
            imports = _standard_imports(terms, plan.standard_ids)
            build_terms = terms.with_imports(imports.graph)
        with clock("classify"):
            cached = reusable_superclasses(previous, imports.ids, imports.digest)
            if cached is None:
                say("reasoning: classifying the ontology with HermiT (checking records meanwhile)")
            model = classify_while_checking(build_terms, cached, [job.path for job in plan.jobs])
        say(f"{len(files)} record(s): {len(plan.reused)} unchanged, {len(plan.jobs)} to build")
        if imports.ids:
            say(f"standard terms: {len(imports.ids)} named by the records, imported with their ancestors")

        with clock("load_ontology"):
            queries = table_queries(lambda name: str(TermLookup(build_terms).resolve(name)))
            inferred_ontology = _ontology_inferred(build_terms, imports, model) if plan.jobs else ()

        def write(tmp: Path) -> BuildSummary:
            chunk_dir = tmp / CHUNK_DIR
            chunk_dir.mkdir(parents=True)
            context = BuildContext(
                terms=build_terms,
                shapes=compiled,
                model=model,
                reports_dir=reports_dir,
                chunk_dir=chunk_dir,
                tables=queries,
                ontology_inferred=inferred_ontology,
            )
            with clock("reuse"):
                link_chunks(out_dir / CHUNK_DIR, chunk_dir, (cached.key for cached in plan.reused))
                loader = _store_loader(tmp, out_dir, previous, plan.reused)
                tables = _table_writer(tmp, out_dir, previous, plan.reused, loader.fresh)
            try:
                say(f"building, validating and inferring {len(plan.jobs)} case(s) with {process_count(jobs, len(plan.jobs))} process(es)")
                with clock("cases"):
                    built = []
                    for case in check_unique(run_jobs(context, plan.jobs, jobs, clock), plan.reused):
                        built.append(case)
                        if advance is not None:
                            advance(1)
                        with clock("load"):
                            loader.add(chunk_paths(chunk_dir, case.key)[0])
                        with clock("tables"):
                            tables.add(case.case_id, rows_path(chunk_dir, case.key))
                cases = in_file_order([*plan.reused, *built], files)
                issues = tuple(sorted([*(issue for case in cases for issue in case.issues), *shared_text_warnings(cases)]))
                violations = sum(1 for issue in issues if issue.severity == "violation")
                if violations:
                    raise ValidationFailed(render_text(issues), violations)
                say(f"writing outputs to {out_dir}")
                with clock("write"):
                    used = tuple(sorted(standard_ids_used(cases)))
                    ontology = _ontology_chunk(terms, build_terms, imports, used, model, previous, out_dir, tmp)
                    if graph_files:
                        concatenate(tmp, [case.key for case in cases], OUTPUT_FILES["nquads"], OUTPUT_FILES["turtle"])
                    if used:
                        from kg.vocab import import_turtle

                        (tmp / IMPORTS_FILE).write_text(import_turtle(used), encoding="utf-8")
                with clock("load"):
                    if ontology.written or loader.fresh:
                        _load_ontology(loader, chunk_dir)
                    quads = loader.close()
                    check_store(tmp / STORE_DIR, len(cases))
                with clock("tables"):
                    tables.close(queries)
            except BaseException:
                loader.abort()  # a new store's load thread stops; the staging folder is deleted
                tables.abort()
                raise
            with clock("report"):
                summary = summarize(cases, ontology.terms, issues, reports_dir is not None, ontology.quads, quads, written_outputs(graph_files))
                write_reports(tmp, issues, summary, out_dir if previous is not None else None)
                reported.extend(issues)
                by_file = {os.path.basename(c.file): c for c in cases}
                Manifest(key, superclass_table(model), ontology.quads, by_file, Imports(imports.digest, imports.ids, used), started).write(
                    tmp / MANIFEST
                )
            return summary

        reported: list[Issue] = []
        with clock("total_write"):
            summary = write_atomically(out_dir, write, package_version())
        return summary, tuple(reported)


def _store_loader(tmp: Path, out_dir: Path, previous: Manifest | None, reused: list[CaseResult]) -> StoreLoader:
    """A loader for the new store: a copy of the previous store without the cases that are not reused, or a new one.

    The ontology chunk is loaded after the cases are built (:func:`_load_ontology`).
    """
    old = out_dir / STORE_DIR
    if previous is not None and old.is_dir():
        kept = {case.case_id for case in reused}
        changed = sorted({case.case_id for case in previous.cases.values()} - kept)
        return StoreLoader(tmp / STORE_DIR, old, [name for case in changed for name in (graph_iri(case), inferred_graph_iri(case))])
    loader = StoreLoader(tmp / STORE_DIR)
    for case in reused:
        loader.add(chunk_paths(tmp / CHUNK_DIR, case.key)[0])
    return loader


def _table_writer(tmp: Path, out_dir: Path, previous: Manifest | None, reused: list[CaseResult], fresh_store: bool) -> TableWriter:
    """The precomputed rows: the previous file without the cases not reused, or a new file with the reused cases' chunks."""
    old = out_dir / TABLES_FILE
    if previous is not None and not fresh_store and old.is_file():
        kept = {case.case_id for case in reused}
        return TableWriter(tmp / TABLES_FILE, old, sorted({case.case_id for case in previous.cases.values()} - kept))
    writer = TableWriter(tmp / TABLES_FILE)
    for case in reused:
        writer.add(case.case_id, rows_path(tmp / CHUNK_DIR, case.key))
    return writer


def _ontology_inferred(terms: TermIndex, imports: _Imports, model: Classification) -> tuple[ox.Quad, ...]:
    """What HermiT adds to the build's ontology, as the inferred ontology graph's quads (for the tables' queries)."""
    imported = frozenset(c for c in imports.graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    return tuple(to_quads(ontology_inferences([terms.graph], model, imported), ox.NamedNode(str(INFERRED_ONTOLOGY_GRAPH))))


def _load_ontology(loader: StoreLoader, chunk_dir: Path) -> None:
    """Put the ontology chunk into the store, in place of the ontology graphs a copied store holds."""
    if not loader.fresh:
        for name in (ONTOLOGY_GRAPH, INFERRED_ONTOLOGY_GRAPH):
            loader.store.remove_graph(ox.NamedNode(str(name)))
    loader.add(chunk_paths(chunk_dir, ONTOLOGY_CHUNK)[0])


@dataclass(frozen=True)
class _Imports:
    """The standard ids a build may need (known, not mapped to project terms), their terms' digest and import module."""

    ids: tuple[str, ...] = ()
    digest: str = ""
    graph: Graph = field(default_factory=Graph)


def _standard_imports(terms: TermIndex, candidates: frozenset[str]) -> _Imports:
    """The import module of the standard ids the records may name (the reference tables are read only if there are any)."""
    ids = terms.imported_ids(candidates) if candidates else ()
    if not ids:
        return _Imports()
    from kg.vocab import import_graph, terms_digest

    return _Imports(ids, terms_digest(), import_graph(ids))


@dataclass(frozen=True)
class _Ontology:
    """The ontology of the outputs: its term index, its chunk's quad counts, and whether the chunk was written anew."""

    terms: TermIndex
    quads: tuple[int, int]
    written: bool


def _ontology_chunk(
    terms: TermIndex,
    build_terms: TermIndex,
    imports: _Imports,
    used: tuple[str, ...],
    model: Classification,
    previous: Manifest | None,
    out_dir: Path,
    tmp: Path,
) -> _Ontology:
    """The ontology chunk: the project's ontology with the import of the standard terms the cases used.

    The previous build's chunk is kept when it was made from the same imports.
    """
    if not used:
        output_terms, module = terms, None
    elif used == imports.ids:
        output_terms, module = build_terms, imports.graph
    else:
        from kg.vocab import import_graph

        module = import_graph(used)
        output_terms = terms.with_imports(module)
    old = out_dir / CHUNK_DIR
    same = previous is not None and previous.imports.used == used and (not used or previous.imports.digest == imports.digest)
    if same and previous is not None and all(c.is_file() for c in chunk_paths(old, ONTOLOGY_CHUNK)):
        link_chunks(old, tmp / CHUNK_DIR, [ONTOLOGY_CHUNK])
        return _Ontology(output_terms, previous.ontology_quads, written=False)
    quads = write_ontology_chunk(terms.graph, model, tmp / CHUNK_DIR, module)
    return _Ontology(output_terms, quads, written=True)


def package_version() -> str:
    """The installed package's version (part of the build key), or ``source`` in a bare checkout."""
    try:
        return version("calcinosis-kg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "source"
