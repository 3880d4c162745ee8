"""The build: the only module that chains the I/O steps.

records + ontology -> one named graph per case -> evidence check -> SHACL
(the shapes are checked against SHACL-for-SHACL with pySHACL, then compiled to
SPARQL and run on each case by :mod:`kg.fastshacl`) -> reasoning (HermiT classifies the ontology once; each case is then inferred on
its own, into its own named graph) -> RDF files, SPARQL store, validation
report and summary, written to a fresh folder and swapped in place of the
previous outputs only when complete.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, RDFS

from .errors import InputError, ValidationFailed
from .evidence import check_evidence, read_report_text
from .model import Record
from .namespaces import CCK, INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, PREFIXES, bind_prefixes
from .rdf import record_graph
from .reason import Classification, classify, infer_case
from .records import read_records, record_files
from .store import STORE_DIR, create_store
from .terms import TermIndex
from .fastshacl import CaseValidator, compile_shapes
from .validate import Issue, check_shapes, load_shapes, render_text, report_graph

__all__ = ["BuildSummary", "OUTPUT_FILES", "build"]

OUTPUT_FILES = {
    "turtle": "graph.ttl",
    "nquads": "graph.nq",
    "store": STORE_DIR,
    "validation_rdf": "validation.ttl",
    "validation_text": "validation.txt",
    "validation_json": "validation.json",
    "summary": "summary.json",
}
"""What a build writes, by role, relative to the output folder."""

Progress = Callable[[str], None]


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


def build(
    data_dir: Path,
    out_dir: Path,
    reports_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[BuildSummary, tuple[Issue, ...]]:
    """Build the knowledge graph; raise before touching ``out_dir`` on bad input or violations."""
    say = progress or (lambda _message: None)
    say("loading ontology and shapes")
    terms = TermIndex.load()
    shapes = load_shapes()
    check_shapes(shapes)
    say(f"reading records from {data_dir}")
    records = list(read_records(record_files(data_dir), terms))
    texts, spans = _check_texts(records, reports_dir) if reports_dir else ({}, 0)
    say(f"building and validating {len(records)} case graph(s)")
    dataset = Dataset()
    bind_prefixes(dataset)
    ontology = to_canonical_graph(terms.graph)
    _add_graph(dataset, ONTOLOGY_GRAPH, ontology)
    issues: list[Issue] = []
    graphs = []
    validator = CaseValidator(compile_shapes(shapes), terms.graph)
    for path, record in records:
        graph = record_graph(record, terms, _title_reader(texts.get(record.id)))
        issues.extend(validator.validate(graph))
        _add_graph(dataset, graph.identifier, graph)
        graphs.append(graph)
    ordered = tuple(sorted(issues))
    violations = sum(1 for issue in ordered if issue.severity == "violation")
    if violations:
        raise ValidationFailed(render_text(ordered), violations)
    say("reasoning: classifying the ontology with HermiT, then inferring case by case")
    model = classify(terms.graph)
    inferred = _ontology_inferences(terms.graph, model)
    _add_graph(dataset, INFERRED_ONTOLOGY_GRAPH, inferred)
    inferred_count = len(inferred)
    for graph in graphs:
        case_inferred = infer_case(graph, model).graph
        _add_graph(dataset, case_inferred.identifier, case_inferred)
        inferred_count += len(case_inferred)
    say(f"writing outputs to {out_dir}")
    summary = _summary(records, dataset, terms, ordered, evidence_checked=reports_dir is not None, spans=spans, inferred=inferred_count)
    _write_atomically(out_dir, lambda tmp: _write_outputs(tmp, dataset, report_graph(ordered), ordered, summary))
    final = json.loads((out_dir / OUTPUT_FILES["summary"]).read_text(encoding="utf-8"))
    return BuildSummary(**final), ordered


def _check_texts(records: list[tuple[Path, Record]], reports_dir: Path) -> tuple[dict[str, str], int]:
    """Read each record's report text once and check its evidence; return the texts by case id and the span count."""
    if not reports_dir.is_dir():
        raise InputError(f"{reports_dir}: reports folder not found")
    texts, spans = {}, 0
    for path, record in records:
        report = read_report_text(reports_dir / record.report.file, str(path), record.id)
        spans += check_evidence(record, report, str(path))
        texts[record.id] = report.text
    return texts, spans


def _title_reader(text: str | None) -> Callable[[tuple[int, int]], str] | None:
    if text is None:
        return None
    return lambda span: text[span[0] : span[1]]


def _add_graph(dataset: Dataset, name: URIRef | str, graph: Graph) -> None:
    target = dataset.graph(URIRef(str(name)))
    for triple in graph:
        target.add(triple)


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
    records: list[tuple[Path, Record]],
    dataset: Dataset,
    terms: TermIndex,
    issues: tuple[Issue, ...],
    evidence_checked: bool,
    spans: int,
    inferred: int,
) -> BuildSummary:
    by_type = Counter(fact.type for _, record in records for fact in record.facts)
    negated = sum(1 for _, record in records for fact in record.facts if getattr(fact, "status", None) == "absent")
    term_iris = {iri for iri, term in terms.terms.items() if terms.branch_of(term)}
    used = {o for g in dataset.graphs() if "/graph/inferred" not in str(g.identifier) and g.identifier != ONTOLOGY_GRAPH for o in g.objects() if o in term_iris}
    evidence = sum(1 for _ in dataset.quads((None, RDF.type, CCK.Evidence, None)))
    return BuildSummary(
        cases=len(records),
        patient_facts=sum(by_type.values()),
        facts_by_type=dict(sorted(by_type.items())),
        negated_facts=negated,
        claims=sum(len(record.claims) for _, record in records),
        references=sum(len(record.references) for _, record in records),
        evidence_spans=spans if evidence_checked else evidence,
        ontology_terms=sum(1 for t in terms.terms.values() if terms.branch_of(t)),
        terms_used=len(used),
        triples=len(dataset),
        inferred_triples=inferred,
        quads_in_store=0,
        violations=sum(1 for i in issues if i.severity == "violation"),
        warnings=sum(1 for i in issues if i.severity != "violation"),
        evidence_checked=evidence_checked,
        outputs=dict(OUTPUT_FILES),
    )


def _sorted_nquads(dataset: Dataset) -> str:
    lines = dataset.serialize(format="nquads").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _write_outputs(tmp: Path, dataset: Dataset, results: Graph, issues: tuple[Issue, ...], summary: BuildSummary) -> None:
    nquads = tmp / OUTPUT_FILES["nquads"]
    nquads.write_text(_sorted_nquads(dataset), encoding="utf-8")
    _write_turtle(nquads, tmp / OUTPUT_FILES["turtle"])
    bind_prefixes(results)
    results.serialize(tmp / OUTPUT_FILES["validation_rdf"], format="turtle")  # no blank nodes: deterministic
    (tmp / OUTPUT_FILES["validation_text"]).write_text(render_text(issues), encoding="utf-8")
    (tmp / OUTPUT_FILES["validation_json"]).write_text(
        json.dumps([asdict(issue) for issue in issues], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    quads = create_store(tmp / OUTPUT_FILES["store"], nquads)
    final = BuildSummary(**{**asdict(summary), "quads_in_store": quads})
    (tmp / OUTPUT_FILES["summary"]).write_text(json.dumps(asdict(final), indent=2) + "\n", encoding="utf-8")


def _write_turtle(nquads: Path, turtle: Path) -> None:
    """The union of all named graphs as Turtle, in the N-Quads order, literals as written.

    pyoxigraph keeps every literal's lexical form (rdflib's Turtle writer turns
    the decimal "27" into 27.0, another lexical form of the same value).
    """
    quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    ox.serialize(triples, str(turtle), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _write_atomically(out_dir: Path, write: Callable[[Path], None]) -> None:
    """Write into a sibling folder, then swap it in; the old outputs survive any failure."""
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    _recover(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=parent))
    try:
        write(tmp)
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
