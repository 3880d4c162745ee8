"""The committed import module (ontology/imports/standard-terms.ttl): consistent with the curated modules, and up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.build.plan import standard_ids_named
from kg.namespaces import CCK
from kg.ontology.hermit import classify_named
from kg.ontology.terms import BRANCHES, TermIndex, load_ontology_graph
from kg.records.reader import record_files
from kg.vocab import import_turtle

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "ontology" / "imports" / "standard-terms.ttl"
FOLDERS = (ROOT / "data", ROOT / "tests" / "corpus" / "records", ROOT / "tests" / "corpus" / "holdout" / "records")
"""The records the committed module is made for: `kg vocab import --data` each of these."""


@pytest.fixture(scope="module")
def module() -> Graph:
    return Graph().parse(MODULE, format="turtle")


def test_the_module_is_what_kg_vocab_import_writes_for_the_project_records() -> None:
    files = [path for folder in FOLDERS for path in record_files(folder)]
    expected = import_turtle(list(standard_ids_named(files, TermIndex.load())))
    assert MODULE.read_text(encoding="utf-8") == expected, (
        "run: kg vocab import --data data --data tests/corpus/records --data tests/corpus/holdout/records"
    )


def test_every_imported_class_falls_under_a_project_branch(module: Graph) -> None:
    index = TermIndex(load_ontology_graph()).with_imports(module)
    classes = [c for c in module.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)]
    assert len(classes) > 100
    for cls in classes:
        assert index.branch_of(index.terms[cls]) in BRANCHES, cls


def test_the_module_is_consistent_with_the_curated_modules_under_hermit(module: Graph) -> None:
    graph = load_ontology_graph()
    graph += module
    report, superclasses = classify_named(graph)
    assert report.consistent, report.explanation
    assert report.unsatisfiable == ()
    some_disease = next(c for c in module.subjects(RDF.type, OWL.Class) if str(c).startswith("http://purl.obolibrary.org/obo/MONDO_"))
    assert CCK.Condition in superclasses[URIRef(some_disease)]
