"""The streaming build at scale: parallel equals sequential, incremental equals clean.

On the seed data and small synthetic corpora: the outputs of a build with two
build processes are byte-identical to those of a build in one process, and
their quads are those of the one-case-at-a-time reference (record graph,
SHACL per case, inference per case); an incremental rebuild after changes
gives what a clean build of the same inputs gives, and rebuilds only what
changed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import OUTPUT_FILES, build, pipeline
from kg.build.reason import classify, infer_case
from kg.build.shacl.compiler import compile_shapes
from kg.build.shacl.shapes import load_shapes
from kg.errors import EvidenceError
from kg.exports import export
from kg.namespaces import INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH
from kg.ontology.terms import TermIndex
from kg.records.evidence import read_report_text
from kg.records.reader import read_record, record_files
from kg.reference.casevalidator import CaseValidator
from kg.reference.records import record_graph
from kg.resources import bundled_data_dir, shapes_dir
from kg.synth import write_corpus

from .test_build import _files, _store_dump

CASES = 12


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, terms: TermIndex) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, CASES, seed=11, terms=terms)
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    """The output files a user reads (the cache apart), and the store as a canonical dump."""
    files = {name: data for name, data in _files(out).items() if not name.startswith("cache/")}
    files["store (canonical)"] = "\n".join(_store_dump(out)).encode()
    return files


def _quads(nquads: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))


def _reference_quads(data: Path, reports: Path, terms: TermIndex) -> tuple[set[ox.Quad], list[str]]:
    """The case graphs and their inferences built one case at a time with the reference functions, and the issues."""
    model = classify(terms.graph)
    validator = CaseValidator(compile_shapes(load_shapes()), terms.graph)
    quads: set[ox.Quad] = set()
    issues = []
    for path in record_files(data):
        record = read_record(path, terms)
        text = read_report_text(reports / record.report.file).text
        graph = record_graph(record, terms, lambda span, text=text: text[span[0] : span[1]])
        issues += [json.dumps(issue.__dict__, sort_keys=True) for issue in validator.validate(graph)]
        for g in (graph, infer_case(graph, model).graph):
            data_nq = g.serialize(format="nt", encoding="utf-8")
            quads |= {
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(g.identifier))) for t in ox.parse(data_nq, format=ox.RdfFormat.N_TRIPLES)
            }
    return quads, sorted(issues)


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_parallel_build_equals_sequential_build_and_the_case_by_case_reference(
    which: str, corpus: Path, seed_reports: Path, terms: TermIndex, tmp_path: Path
) -> None:
    data, reports = (bundled_data_dir(), seed_reports) if which == "seed" else (corpus / "data", corpus / "reports")
    one, two = tmp_path / "one", tmp_path / "two"
    build(data, one, reports, jobs=1, incremental=False)
    build(data, two, reports, jobs=2, incremental=False)
    assert _outputs(one) == _outputs(two)

    expected, expected_issues = _reference_quads(data, reports, terms)
    export("nq", two, tmp_path / "two.nq")
    built = _quads(tmp_path / "two.nq")
    cases = {q for q in built if q.graph_name.value not in (str(ONTOLOGY_GRAPH), str(INFERRED_ONTOLOGY_GRAPH))}
    assert cases == expected
    issues = json.loads((two / OUTPUT_FILES["validation_json"]).read_text(encoding="utf-8"))
    assert sorted(json.dumps(issue, sort_keys=True) for issue in issues) == expected_issues
    assert issues, "the synthetic and seed records carry source issues, reported as warnings"


def _progress(messages: list[str]) -> pipeline.Progress:
    return messages.append


def _planned(messages: list[str]) -> str:
    return next(m for m in messages if " to build" in m)


def test_incremental_rebuild_equals_a_clean_build_and_rebuilds_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus / "data", data)
    reports = corpus / "reports"
    out = tmp_path / "out"
    build(data, out, reports, jobs=2)

    files = record_files(data)
    changed = files[3]
    text = changed.read_text(encoding="utf-8")
    older = re.sub(r"(\n  age:\n    value: )(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}", text, count=1)
    assert older != text, "the test changes the patient's age"
    changed.write_text(older, encoding="utf-8")
    files[7].unlink()
    messages: list[str] = []
    build(data, out, reports, _progress(messages), jobs=2)
    assert _planned(messages).startswith(f"{CASES - 1} record(s): {CASES - 2} unchanged, 1 to build")

    clean = tmp_path / "clean"
    build(data, clean, reports, jobs=1, incremental=False)
    assert _outputs(out) == _outputs(clean)
    summary = json.loads((out / OUTPUT_FILES["summary"]).read_text())
    assert summary["cases"] == CASES - 1

    messages.clear()
    build(data, out, reports, _progress(messages))
    assert _planned(messages).startswith(f"{CASES - 1} record(s): {CASES - 1} unchanged, 0 to build")
    assert _outputs(out) == _outputs(clean)


NEW_WARNING_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cck: <https://w3id.org/calcinosis-kg/ontology/> .
<urn:test:every-case-report> a sh:NodeShape ;
    sh:targetClass cck:CaseReport ;
    sh:property [ sh:path cck:notAPropertyOfTheModel ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "added by the test" ] .
"""


def test_changed_shapes_rebuild_and_revalidate_every_case(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(corpus / "data", out, corpus / "reports")
    assert "added by the test" not in (out / OUTPUT_FILES["validation_text"]).read_text(encoding="utf-8")
    shapes = tmp_path / "shapes"
    shutil.copytree(shapes_dir(), shapes)
    (shapes / "test-shape.ttl").write_text(NEW_WARNING_SHAPE, encoding="utf-8")
    monkeypatch.setattr(pipeline, "shapes_dir", lambda: shapes)
    messages: list[str] = []
    build(corpus / "data", out, corpus / "reports", _progress(messages))
    assert _planned(messages).startswith(f"{CASES} record(s): 0 unchanged, {CASES} to build")
    report = (out / OUTPUT_FILES["validation_text"]).read_text(encoding="utf-8")
    assert report.count("added by the test") == CASES


def test_a_changed_report_text_is_checked_again(corpus: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(corpus / "reports", reports)
    out = tmp_path / "out"
    build(corpus / "data", out, reports)
    before = _files(out)
    text = sorted(reports.glob("*.txt"))[2]
    text.write_text(text.read_text(encoding="utf-8").replace("a", "e", 1), encoding="utf-8")
    with pytest.raises(EvidenceError, match="sha256"):
        build(corpus / "data", out, reports)
    assert _files(out) == before
