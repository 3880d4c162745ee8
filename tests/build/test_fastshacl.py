"""The SPARQL validator (kg.build.shacl) gives exactly the issues of pySHACL (kg.reference.pyshacl) on every case graph we can make.

The hand-made graphs are data, as pySHACL's tests are: each ``tests/build/shacl/<case>.ttl``
holds a small data graph (what it breaks in its comments) and ``<case>.yaml`` the issues
both validators must give for it. Add a case by adding the two files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.build.shacl.compiler import CompiledShapes, compile_shapes
from kg.build.shacl.issues import Issue
from kg.build.shacl.shapes import load_shapes
from kg.errors import OntologyError
from kg.namespaces import CCK, CCKD
from kg.ontology.terms import TermIndex
from kg.records.reader import record_files
from kg.reference.casevalidator import CaseValidator, to_oxigraph
from kg.reference.pyshacl import validate_case
from kg.reference.records import read_records, record_graph
from kg.resources import bundled_data_dir

from ..conftest import FIXTURE_DATA, TESTS

REPORT = CCKD["mini-001"]


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.load()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def compiled(shapes: Graph, terms: TermIndex) -> CompiledShapes:
    return compile_shapes(shapes, terms.graph.namespaces())


@pytest.fixture(scope="module")
def validator(compiled: CompiledShapes, terms: TermIndex) -> CaseValidator:
    return CaseValidator(compiled, terms.graph)


def _graphs(folder: Path, terms: TermIndex) -> list[Graph]:
    return [record_graph(record, terms) for _, record in read_records(record_files(folder), terms)]


SHACL_BAD_INPUTS = sorted(
    p for p in (TESTS / "bad_input").iterdir() if (p / "expect.yaml").is_file() and yaml.safe_load((p / "expect.yaml").read_text())["exit"] == 1
)


def _assert_same(graph: Graph, validator: CaseValidator, shapes: Graph, terms: TermIndex) -> tuple[Issue, ...]:
    fast = validator.validate(graph)
    slow = validate_case(graph, shapes, terms.graph).issues
    assert Counter(fast) == Counter(slow), f"only fast: {set(fast) - set(slow)}\nonly pySHACL: {set(slow) - set(fast)}"
    return fast


def test_the_seed_records_give_the_issues_of_pyshacl(validator: CaseValidator, shapes: Graph, terms: TermIndex) -> None:
    graphs = _graphs(bundled_data_dir(), terms)
    assert len(graphs) >= 2
    for graph in graphs:
        issues = _assert_same(graph, validator, shapes, terms)
        assert issues and all(issue.severity == "warning" for issue in issues)


def test_the_fixture_record_gives_no_issue(validator: CaseValidator, shapes: Graph, terms: TermIndex) -> None:
    (graph,) = _graphs(FIXTURE_DATA, terms)
    assert _assert_same(graph, validator, shapes, terms) == ()


@pytest.mark.parametrize("case", SHACL_BAD_INPUTS, ids=[c.name for c in SHACL_BAD_INPUTS])
def test_bad_inputs_give_the_violations_of_pyshacl(case: Path, validator: CaseValidator, shapes: Graph, terms: TermIndex) -> None:
    (graph,) = _graphs(case / "data", terms)
    issues = _assert_same(graph, validator, shapes, terms)
    assert any(issue.severity == "violation" for issue in issues)


# Hand-made graphs, one per Turtle file of tests/build/shacl, with the issues expected in a YAML file beside it.
SHAPE_CASES = sorted((TESTS / "build" / "shacl").glob("*.ttl"))


def stable(issues: Iterable[Issue], graph: Graph) -> list[Issue]:
    """The issues, sorted, without what changes from run to run: blank node labels, the order of pySHACL's sh:in lists."""
    blank = {str(node) for triple in graph for node in triple if isinstance(node, BNode)}
    return sorted(_stable(issue, blank) for issue in issues)


def _stable(issue: Issue, blank: set[str]) -> Issue:
    if issue.focus in blank:  # labelled by the Turtle parser
        issue = replace(issue, item="_:blank", focus="_:blank", value="_:blank" if issue.value == issue.focus else issue.value)
    listed = re.fullmatch(r"(Value .* not in list )\[(.*)\]", issue.message)
    if listed:
        issue = replace(issue, message=f"{listed[1]}[{', '.join(sorted(listed[2].split(', ')))}]")
    return issue


def _data_graph(case: Path) -> Graph:
    """The graph of a case file, without the file's prefixes (pySHACL names nodes with the data graph's, the build's graphs have none)."""
    graph = Graph()
    for triple in Graph().parse(case, format="turtle"):
        graph.add(triple)
    return graph


def _expected(case: Path) -> list[Issue]:
    return [Issue(**item) for item in yaml.safe_load(case.with_suffix(".yaml").read_text(encoding="utf-8"))]


def test_every_shape_case_has_its_expected_issues() -> None:
    assert len(SHAPE_CASES) >= 18
    assert sorted(p.stem for p in SHAPE_CASES) == sorted(p.stem for p in (TESTS / "build" / "shacl").glob("*.yaml"))


@pytest.mark.parametrize("case", SHAPE_CASES, ids=[c.stem for c in SHAPE_CASES])
def test_a_shape_case_gives_its_expected_issues_and_those_of_pyshacl(case: Path, validator: CaseValidator, shapes: Graph, terms: TermIndex) -> None:
    graph = _data_graph(case)
    issues = _assert_same(graph, validator, shapes, terms)
    assert stable(issues, graph) == sorted(_expected(case))


def test_incomparable_values_break_less_than(validator: CaseValidator, terms: TermIndex) -> None:
    """SHACL: a pair that cannot be compared is a result. pySHACL compares an ill-typed date with rdflib's ordering instead."""
    (graph,) = _graphs(FIXTURE_DATA, terms)
    graph.set((REPORT, CCK.received, Literal("2020-13-45", datatype=XSD.date)))
    graph.set((REPORT, CCK.accepted, Literal("2021-01-01", datatype=XSD.date)))
    issues = validator.validate(graph)
    assert [(i.field, i.severity, i.value) for i in issues if "accepted before it was received" in i.message] == [
        ("received", "warning", "2020-13-45")
    ]


def test_an_empty_graph_gives_no_issue(validator: CaseValidator) -> None:
    assert validator.validate(Graph()) == ()


def test_one_store_of_many_cases_gives_every_case_s_issues(compiled: CompiledShapes, validator: CaseValidator, terms: TermIndex) -> None:
    seeds = _graphs(bundled_data_dir(), terms)
    store = ox.Store()
    store.extend(to_oxigraph(terms.graph, ox.NamedNode(str(CCKD["graph/ontology"]))))
    expected: Counter[Issue] = Counter()
    for copy in range(3):
        for seed in seeds:
            old = str(seed.identifier).replace("graph/", "")
            graph = Graph()
            for s, p, o in seed:
                s = URIRef(str(s).replace(old, f"{old}-s{copy}")) if isinstance(s, URIRef) else s
                o = URIRef(str(o).replace(old, f"{old}-s{copy}")) if isinstance(o, URIRef) else o
                graph.add((s, p, o))
            store.extend(to_oxigraph(graph, ox.NamedNode(f"{seed.identifier}-s{copy}")))
            expected.update(validator.validate(graph))
    issues = compiled.validate_store(store)
    assert expected and Counter(issues) == expected


SH_HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/test/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
UNSUPPORTED = {
    "closed": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .",
    "xone": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:xone ( [ sh:class ex:D ] ) .",
    "inverse-path": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
    "target-node": "ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "nested-unknown": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] . ex:T a sh:NodeShape ; sh:minLength 3 .",
    "sparql-path": 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this $PATH ?x }" ] .',
    "sparql-minus": 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?x MINUS { ?x ?q ?y } }" ] .',
    "two-datatypes": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:string , xsd:integer ] .",
    "recursive": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .",
    "flags-without-pattern": 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:flags "i" ] .',
    "min-count-on-node-shape": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:not [ sh:maxCount 1 ] .",
    "nested-warning": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:not [ sh:class ex:D ; sh:severity sh:Warning ] .",
    "sparql-on-property": 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] ] .',
    "sparql-optional-this": 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { ?x ?p ?o OPTIONAL { $this ?q ?x } }" ] .',
}


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_an_unsupported_construct_is_refused_naming_the_shape(name: str) -> None:
    shapes = Graph().parse(data=SH_HEAD + UNSUPPORTED[name], format="turtle")
    with pytest.raises(OntologyError, match=r"SHACL shape .*not supported"):
        compile_shapes(shapes)


def test_the_error_names_the_shape() -> None:
    shapes = Graph().parse(data=SH_HEAD + UNSUPPORTED["closed"], format="turtle")
    with pytest.raises(OntologyError, match="ex:S"):
        compile_shapes(shapes)
