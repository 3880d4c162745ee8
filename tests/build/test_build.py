"""The build: outputs, summary, determinism and atomic replacement of outputs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import to_canonical_graph

from kg.build import OUTPUT_FILES, build, pipeline
from kg.build.cache import MANIFEST
from kg.build.outputs import written_outputs
from kg.exports import export
from kg.query.tables import TABLES_FILE
from kg.resources import bundled_data_dir

from ..conftest import FIXTURE_DATA, FIXTURE_REPORTS, run_kg


def _files(out: Path) -> dict[str, bytes]:
    """Every output file except the store's binary files, by relative path; the listing tables by their contents."""
    found = {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and OUTPUT_FILES["store"] not in p.relative_to(out).parts and p.name != TABLES_FILE
    }
    found[f"{TABLES_FILE} (contents)"] = _tables_dump(out)
    return found


def _tables_dump(out: Path) -> bytes:
    """The precomputed rows, in order, as text (the SQLite file's bytes depend on how it was filled)."""
    connection = sqlite3.connect(out / TABLES_FILE)
    try:
        lines = [repr(row) for row in connection.execute("SELECT name, digest, columns FROM queries ORDER BY name")]
        lines += [repr(row) for row in connection.execute("SELECT name, case_id, n, data FROM rows ORDER BY name, case_id")]
        lines += [repr(row) for row in connection.execute("SELECT name, n, data FROM totals ORDER BY name")]
        lines += [repr(row) for row in connection.execute("SELECT name, case_id, idx, data FROM facet_rows ORDER BY name, case_id, idx")]
        hits = (
            "SELECT p.name, p.param, v.value, r.case_id, r.idx FROM facet_hits AS h JOIN facet_params AS p ON h.facet = p.id "
            "JOIN facet_values AS v ON h.value = v.id JOIN facet_rows AS r ON h.row = r.id ORDER BY 1, 2, 3, 4, 5"
        )
        lines += [repr(row) for row in connection.execute(hits)]  # by what they say, not by the numbers the file gave them
    finally:
        connection.close()
    return "\n".join(lines).encode()


def _store_dump(out: Path) -> list[str]:
    """The store's quads with blank nodes canonically labelled (the store picks its own labels)."""
    store = ox.Store.read_only(str(out / OUTPUT_FILES["store"]))
    dataset = Dataset()
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    lines = []
    for graph in dataset.graphs():
        canonical = to_canonical_graph(graph)
        lines += [f"{line} {graph.identifier.n3()}" for line in canonical.serialize(format="nt").splitlines() if line]
    return sorted(lines)


def test_build_writes_every_output(seed_build: Path) -> None:
    for role, name in written_outputs(graph_files=False).items():
        assert (seed_build / name).exists() or role == "imports", name
    assert not (seed_build / OUTPUT_FILES["nquads"]).exists() and not (seed_build / OUTPUT_FILES["turtle"]).exists()
    summary = json.loads((seed_build / "summary.json").read_text())
    assert summary["outputs"] == written_outputs(graph_files=False)
    assert summary["cases"] == 2
    assert summary["violations"] == 0
    assert summary["evidence_checked"] is True
    assert summary["quads_in_store"] == summary["triples"]
    assert summary["negated_facts"] >= 2


def test_store_holds_one_named_graph_per_report_and_the_ontology(seed_build: Path) -> None:
    store = ox.Store.read_only(str(seed_build / "store"))
    graphs = sorted(g.value for g in store.named_graphs())
    base = "https://w3id.org/calcinosis-kg/data/graph/"
    assert graphs == [
        base + "bender-2024",
        base + "inferred/bender-2024",
        base + "inferred/mahipathy-2020",
        base + "inferred/ontology",
        base + "mahipathy-2020",
        base + "ontology",
    ]


@pytest.fixture(scope="module")
def graph_files_build(tmp_path_factory: pytest.TempPathFactory, seed_reports: Path) -> Path:
    """A build of the seed records asked for the whole-graph files."""
    out = tmp_path_factory.mktemp("whole") / "out"
    build(bundled_data_dir(), out, seed_reports, graph_files=True)
    return out


def test_graph_files_are_written_only_when_asked_and_equal_the_exports(graph_files_build: Path, seed_build: Path, tmp_path: Path) -> None:
    assert json.loads((graph_files_build / "summary.json").read_text())["outputs"] == written_outputs(graph_files=True)
    for fmt, role in (("nq", "nquads"), ("ttl", "turtle")):
        written = (graph_files_build / OUTPUT_FILES[role]).read_bytes()
        export(fmt, seed_build, tmp_path / f"graph.{fmt}")
        assert (tmp_path / f"graph.{fmt}").read_bytes() == written
    assert set(_files(seed_build)) == set(_files(graph_files_build)) - {OUTPUT_FILES["nquads"], OUTPUT_FILES["turtle"]}


def test_nquads_and_turtle_hold_the_same_triples(graph_files_build: Path) -> None:
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    seed_build = graph_files_build
    quads = Dataset()
    quads.parse(seed_build / "graph.nq", format="nquads")
    union = Graph()
    for subject, predicate, obj, _graph in quads.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    turtle = Graph().parse(seed_build / "graph.ttl", format="turtle")
    summary = json.loads((seed_build / "summary.json").read_text())
    assert len(union) > 5000 and len(union) <= summary["triples"]
    assert len(turtle) == len(union)
    assert isomorphic(turtle, union)


def test_source_issues_are_reported_as_warnings_not_failures(seed_build: Path) -> None:
    report = (seed_build / "validation.txt").read_text()
    assert "WARNING: record bender-2024: publication" in report
    assert "accepted before it was received" in report
    assert "missing_negation" in report
    issues = json.loads((seed_build / "validation.json").read_text())
    assert issues and all(issue["severity"] == "warning" for issue in issues)


def test_two_builds_are_byte_identical(tmp_path: Path, seed_reports: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        result = run_kg("build", "--reports", str(seed_reports), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outs.append(out)
    first, second = (_files(out) for out in outs)
    for files in (first, second):
        manifest = json.loads(files[MANIFEST])
        assert manifest.pop("started_ns") > 0, "the manifest says when the build began (for its file stamps)"
        files[MANIFEST] = json.dumps(manifest).encode()
    assert first == second
    assert _store_dump(outs[0]) == _store_dump(outs[1])


def test_a_failed_build_leaves_previous_outputs_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(FIXTURE_DATA, out, FIXTURE_REPORTS)
    before = _files(out)

    def broken_store(_loader: object) -> int:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(pipeline.StoreLoader, "close", broken_store)
    for incremental in (True, False):
        with pytest.raises(OSError, match="simulated"):
            build(FIXTURE_DATA, out, FIXTURE_REPORTS, incremental=incremental)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_build_killed_midway_leaves_previous_outputs_intact(tmp_path: Path, seed_reports: Path) -> None:
    out = tmp_path / "out"
    build(bundled_data_dir(), out, seed_reports)
    before = _files(out)
    for _attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", "--reports", str(seed_reports), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(".out.building-") for p in tmp_path.iterdir()):
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
        process.wait()
        if process.returncode == -signal.SIGKILL:
            break
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed midway"
    assert _files(out) == before
    assert _store_dump(out)
    # the next build cleans up after the killed one and succeeds
    result = run_kg("build", "--reports", str(seed_reports), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_cli_prints_where_the_outputs_are(tmp_path: Path, seed_reports: Path) -> None:
    out = tmp_path / "out"
    result = run_kg("build", "--reports", str(seed_reports), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Outputs in {out.resolve()}" in result.stdout
    assert str(out.resolve() / "store") in result.stdout
    assert "spans checked against the report texts" in result.stdout


def test_without_report_texts_the_summary_says_evidence_was_not_checked(tmp_path: Path) -> None:
    result = run_kg("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "NOT checked" in result.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["evidence_checked"] is False


def test_reports_folder_can_come_from_the_environment(tmp_path: Path, seed_reports: Path) -> None:
    result = run_kg("build", "--out", str(tmp_path / "out"), env={"KG_REPORTS_DIR": str(seed_reports)})
    assert result.returncode == 0, result.stderr
    assert "spans checked" in result.stdout


def test_validation_turtle_is_the_report_graph(seed_build: Path) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.build.shacl.issues import Issue
    from kg.reference.pyshacl import report_graph

    issues = tuple(Issue(**item) for item in json.loads((seed_build / "validation.json").read_text(encoding="utf-8")))
    written = Graph().parse(seed_build / OUTPUT_FILES["validation_rdf"], format="turtle")
    assert issues and isomorphic(written, report_graph(issues))
