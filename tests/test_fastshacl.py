"""kg.fastshacl gives exactly the issues of pySHACL (kg.validate.validate_case) on every case graph we can make."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import OntologyError
from kg.fastshacl import CaseValidator, CompiledShapes, compile_shapes, to_oxigraph
from kg.namespaces import CCK, CCKD
from kg.rdf import record_graph
from kg.records import read_records, record_files
from kg.resources import bundled_data_dir
from kg.terms import TermIndex
from kg.validate import Issue, load_shapes, validate_case

from .conftest import FIXTURE_DATA, TESTS

EX = Namespace("https://example.org/test/")
M = "https://w3id.org/calcinosis-kg/data/mini-001"
REPORT, PATIENT, TEXT = URIRef(M), URIRef(M + "/patient"), URIRef(M + "/text")
DX = URIRef(M + "/fact/dx-calcinosis")
DRUG = URIRef(M + "/fact/drug-diltiazem")
TEST = URIRef(M + "/fact/test-calcium")
FINDING = URIRef(M + "/fact/find-erythema")
PROC = URIRef(M + "/fact/proc-closure")
CLAIM = URIRef(M + "/claim/c-warfarin")
EVIDENCE = URIRef(M + "/fact/drug-diltiazem/evidence/0")
SITE_MENTION = URIRef(M + "/fact/dx-calcinosis/site/0")


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


# Hand-made graphs: the fixture record changed to break (or just meet) each kind of constraint.
Edit = Callable[[Graph], None]


def _set(subject: URIRef, predicate: URIRef, *values: object) -> Edit:
    def edit(graph: Graph) -> None:
        graph.remove((subject, predicate, None))
        for value in values:
            graph.add((subject, predicate, value))  # type: ignore[arg-type]

    return edit


def _add(*triples: tuple[object, object, object]) -> Edit:
    return lambda graph: [graph.add(t) for t in triples]  # type: ignore[func-returns-value, arg-type]


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _dec(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def _date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


# name -> (edits, (item, field) pairs that must be reported; empty: the graph must conform)
HAND_MADE: dict[str, tuple[list[Edit], list[tuple[str, str]]]] = {
    "min-count-and-max-count": (
        [_set(PATIENT, CCK.sex), _set(REPORT, CCK.recordId, Literal("mini-001"), Literal("other")), _add((CLAIM, CCK.aboutPatient, PATIENT))],
        [("patient", "sex"), ("publication", "recordId"), ("claim c-warfarin", "aboutPatient")],
    ),
    "datatype-breaks": (
        [
            _set(REPORT, CCK.recordId, _int(1)),
            _set(EVIDENCE, CCK.section, Literal("case", lang="en")),
            _set(TEXT, CCK.textLength, Literal("many", datatype=XSD.integer)),
            _set(REPORT, CCK.year, Literal("2020")),
            _set(PATIENT, CCK.age, EX.notALiteral),
            _set(REPORT, CCK.received, Literal("2020-13-45", datatype=XSD.date)),
            _set(REPORT, CCK.accepted),  # no sh:lessThan pair: see test_incomparable_values_break_less_than
        ],
        [("publication", "recordId"), ("publication", "year"), ("patient", "age"), ("text", "textLength"), ("publication", "received")],
    ),
    "datatype-met": (
        [_set(EVIDENCE, CCK.section, Literal("case", datatype=XSD.string)), _set(REPORT, CCK.year, Literal("2020", datatype=XSD.gYear))],
        [],
    ),
    "class-breaks": (
        [_set(DRUG, CCK.drugStatus, Literal("given")), _set(DRUG, CCK.response, CCK.Elbow), _set(CLAIM, CCK.cites, EX.nowhere)],
        [("fact drug-diltiazem", "status"), ("fact drug-diltiazem", "response"), ("claim c-warfarin", "cites")],
    ),
    "class-through-subclass": (
        [_add((EX.SpecialText, RDFS.subClassOf, CCK.ReportText)), _set(TEXT, RDF.type, EX.SpecialText)],
        [],
    ),
    "in-breaks": (
        [_set(PATIENT, CCK.sex, CCK.Elbow), _set(TEST, CCK.testResult, Literal("normal", lang="en"))],
        [("patient", "sex"), ("fact test-calcium", "result")],
    ),
    "term-branches-break": (
        [
            _set(DX, CCK.subtype, CCK.CalcinosisCutis),
            _set(DX, CCK.hasSite, CCK.Diltiazem),
            _set(SITE_MENTION, CCK.site, Literal("elbow")),
            _set(FINDING, CCK.finding, CCK.Elbow),
            _set(CLAIM, CCK.claimSubject, Literal("warfarin")),
            _set(DRUG, CCK.drug, CCK.Elbow),
            _set(PROC, CCK.procedure, CCK.Diltiazem),
        ],
        [("fact dx-calcinosis", "subtype"), ("fact dx-calcinosis", "sites"), ("fact find-erythema", "finding"), ("claim c-warfarin", "subject")],
    ),
    "term-branches-met": (
        [_set(FINDING, CCK.finding, CCK.LimitedCutaneousSystemicSclerosis), _set(DX, CCK.subtype, CCK.DystrophicCalcinosisCutis)],
        [],
    ),
    "condition-has-value-and-or": (
        [_set(DX, CCK.condition, CCK.Elbow), _set(URIRef(M + "/fact/dx-lcssc"), CCK.condition, CCK.CalcinosisCutis)],
        [("fact dx-calcinosis", "condition"), ("fact dx-lcssc", "")],
    ),
    "pattern-breaks": (
        [_set(REPORT, CCK.doi, URIRef("https://doi.org/10.1234/x")), _set(TEXT, CCK.sha256, Literal("AB" * 32))],
        [("publication", "doi"), ("text", "sha256")],
    ),
    "pattern-met": ([_set(REPORT, CCK.doi, Literal("10.1234/abc"))], []),
    "ranges-break": (
        [
            _set(PATIENT, CCK.ageInYears, _dec("-1")),
            _set(TEXT, CCK.textLength, _int(0)),
            _set(PROC, CCK.order, _int(0)),
            _set(EVIDENCE, CCK.start, _int(-1)),
        ],
        [("patient", "age"), ("text", "textLength"), ("fact proc-closure", "order"), ("fact drug-diltiazem evidence/0", "start")],
    ),
    "ranges-incomparable-and-too-high": (
        [_set(PATIENT, CCK.ageInYears, _dec("131"), Literal("old"))],
        [("patient", "age")],
    ),
    "ranges-at-the-bounds": ([_set(PATIENT, CCK.ageInYears, _dec("130")), _set(PROC, CCK.order, _int(1))], []),
    "less-than-pairs": (
        [
            _set(EVIDENCE, CCK.start, _int(5)),
            _set(EVIDENCE, CCK.end, _int(5)),
            _set(REPORT, CCK.received, _date("2021-05-01")),
            _set(REPORT, CCK.accepted, _date("2021-01-01"), _date("2021-02-01")),
            _set(REPORT, CCK.published, _date("2020-12-01")),
            _set(CLAIM, CCK.valueLow, _dec("5")),
            _set(CLAIM, CCK.valueHigh, _dec("2"), Literal("x")),
        ],
        [("fact drug-diltiazem evidence/0", "start"), ("publication", "received"), ("publication", "accepted"), ("claim c-warfarin", "value.low")],
    ),
    "less-than-met": (
        [
            _set(REPORT, CCK.received, _date("2021-01-01")),
            _set(REPORT, CCK.accepted, _date("2021-02-01")),
            _set(REPORT, CCK.published, _date("2021-02-01")),
            _set(CLAIM, CCK.valueLow, _dec("2")),
            _set(CLAIM, CCK.valueHigh, _dec("2")),
        ],
        [],
    ),
    "sparql-constraints": (
        [_set(EVIDENCE, CCK.end, _int(10**6)), _add((FINDING, CCK.sourceIssue, Literal("misspelling")), (BNode("b1"), CCK.sourceIssue, Literal("x")))],
        [("fact drug-diltiazem evidence/0", ""), ("fact find-erythema", "")],
    ),
    "targets-through-subclasses-and-two-types": (
        [_add((EX.SpecialDiagnosis, RDFS.subClassOf, CCK.Diagnosis), (EX.thing, RDF.type, EX.SpecialDiagnosis), (FINDING, RDF.type, CCK.Diagnosis))],
        [("", "factId"), ("fact find-erythema", "condition")],
    ),
}


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_hand_made_graphs_give_the_issues_of_pyshacl(name: str, validator: CaseValidator, shapes: Graph, terms: TermIndex) -> None:
    edits, expected = HAND_MADE[name]
    (base,) = _graphs(FIXTURE_DATA, terms)
    graph = Graph()
    for triple in base:
        graph.add(triple)
    for edit in edits:
        edit(graph)
    issues = _assert_same(graph, validator, shapes, terms)
    found = {(issue.item if issue.record == "mini-001" else "", issue.field) for issue in issues}
    if expected:
        assert set(expected) <= found, f"expected issues missing: {set(expected) - found}"
    else:
        assert issues == ()


def test_incomparable_values_break_less_than(validator: CaseValidator, terms: TermIndex) -> None:
    """SHACL: a pair that cannot be compared is a result. pySHACL compares an ill-typed date with rdflib's ordering instead."""
    (graph,) = _graphs(FIXTURE_DATA, terms)
    _set(REPORT, CCK.received, Literal("2020-13-45", datatype=XSD.date))(graph)
    _set(REPORT, CCK.accepted, _date("2021-01-01"))(graph)
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
