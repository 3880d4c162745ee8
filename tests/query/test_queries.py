"""The query library: every .rq file has a header, runs on both engines alike, and gives
the answer the seed reports give (expected rows written from the records in data/)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

from kg.api import KnowledgeGraph
from kg.query.library import load_queries
from kg.query.params import bind_params

from ..iris import BENDER

QUERIES = load_queries()
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@pytest.fixture(scope="session")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build, build=False)


@pytest.fixture(scope="session")
def dataset(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> rdflib.Dataset:
    from kg.exports import export

    nquads = tmp_path_factory.mktemp("nq") / "graph.nq"
    export("nq", seed_build, nquads)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    return ds


def tail(value: object) -> object:
    """The last path segment of an IRI (fact ids, term local names); other values unchanged."""
    if isinstance(value, str) and value.startswith("https://w3id.org/calcinosis-kg/"):
        return value.rstrip("/").rsplit("/", 1)[-1]
    return value


# --- the library as a whole -------------------------------------------------------------


def test_at_least_fifteen_queries_with_headers() -> None:
    assert len(QUERIES) >= 15
    for query in QUERIES.values():
        assert query.title and query.description, query.name
        assert query.examples and query.examples[0].startswith(f"kg query {query.name}"), query.name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_parameter_is_projected_and_documented(name: str) -> None:
    query = QUERIES[name]
    select = query.text[query.text.index("SELECT") : query.text.index("WHERE")]
    for param in query.params:
        assert f"?{param.name} " in select or f"?{param.name}\n" in select, (name, param.name)
        assert param.description, (name, param.name)
    assert set(query.example_params()) <= {p.name for p in query.params}


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _normal(value: object) -> str:
    """Plain string of a value; numbers normalised; ' | ' and '; ' lists sorted (GROUP_CONCAT order varies)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    try:
        return str(Decimal(text).normalize())
    except ArithmeticError:
        pass
    for separator in (" | ", "; "):
        if separator in text:
            return separator.join(sorted(text.split(separator)))
    return text


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_pyoxigraph_and_rdflib_agree(name: str, graph: KnowledgeGraph, dataset: rdflib.Dataset) -> None:
    query = QUERIES[name]
    params = query.example_params()
    oxi = graph.run(name, **params)
    bindings = {k: _rdflib_term(v) for k, v in bind_params(query, params, graph.resolve).items()}
    result = dataset.query(query.text, initBindings=bindings)
    columns = [str(v) for v in result.vars]
    assert columns == list(oxi.columns)
    theirs = {tuple(_normal(getattr(row, c)) for c in columns) for row in result}
    ours = {tuple(_normal(row[c]) for c in columns) for row in oxi.rows}
    assert ours == theirs
    assert ours, f"{name}: its example gives no rows, so the comparison proves nothing"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_rows_are_ordered(name: str, graph: KnowledgeGraph) -> None:
    """Each query ends with an ORDER BY over its columns, and its rows come back in that order."""
    keys = _order_keys(QUERIES[name].text)
    rows = graph.query(name, **QUERIES[name].example_params())
    if len(rows) < 2:
        rows = graph.query(name)  # the defaults list more
    assert len(rows) > 1, f"{name}: fewer than two rows, so the order is not tested"
    assert rows == sorted(rows, key=lambda row: [key(row) for key in keys])


def _order_keys(text: str) -> list[Callable[[dict[str, Any]], Any]]:
    """Sort keys for the ORDER BY clause of a query: ``?x``, ``DESC(?x)`` and ``(!BOUND(?x))``."""
    clause = re.findall(r"ORDER BY (.*)", text)
    assert clause, "the query has no ORDER BY clause"
    keys: list[Callable[[dict[str, Any]], Any]] = []
    for desc, unbound, var in re.findall(r"(DESC\(\?)?(\(!BOUND\(\?)?\??(\w+)\)*", clause[-1]):
        if unbound:
            keys.append(lambda row, v=var: row.get(v) is None)
        elif desc:
            keys.append(lambda row, v=var: _Reversed(_sortable(row.get(v))))
        else:
            keys.append(lambda row, v=var: _sortable(row.get(v)))
    return keys


def _sortable(value: Any) -> tuple[int, Any]:
    """SPARQL's order for what the queries return: unbound first, then numbers, then text."""
    if value is None:
        return (0, "")
    return (1, value) if isinstance(value, (int, float)) and not isinstance(value, bool) else (2, str(value))


class _Reversed:
    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value


# --- expected answers, from the records: row sets are data files (tests/queries/*.yaml, test_query_answers.py);
# what they cannot say (row order, counts, single values) stays here -------------------------


def test_comorbidity_frequency(graph: KnowledgeGraph) -> None:
    assert graph.query("comorbidity-frequency")[0]["condition_label"] == "Raynaud phenomenon"  # most frequent first


def test_procedure_timeline(graph: KnowledgeGraph) -> None:
    cols = ("order", "procedure_label", "status", "offset", "offset_unit", "offset_days", "anchor")
    bender = [tuple(tail(r.get(c)) for c in cols) for r in graph.query("procedure-timeline", case="bender-2024")]
    assert bender[:10] == [
        (1, "incision and drainage", "performed", None, None, None, None),
        (2, "debridement", "performed", 0, "day", 0, "proc-id-1"),
        (3, "wound irrigation", "performed", 0, "day", 0, "proc-id-1"),
        (4, "wound packing", "performed", 0, "day", 0, "proc-id-1"),
        (5, "wet-to-dry dressing", "performed", None, None, None, None),
        (6, "debridement", "performed", 8, "day", 8, "proc-id-1"),
        (7, "negative pressure wound therapy", "performed", 8, "day", 8, "proc-id-1"),
        (8, "negative pressure wound therapy", "performed", 3, "day", 3, "proc-debridement-2"),
        (9, "primary closure", "performed", 16, "day", 16, "proc-debridement-2"),
        (10, "negative pressure wound therapy", "performed", 16, "day", 16, "proc-debridement-2"),
    ]
    assert sorted(bender[10:], key=str) == sorted(
        [
            (None, "PICC line placement", "precluded", None, None, None, None),
            (None, "specialist consultation", "performed", None, None, None, None),
            (None, "specialist consultation", "performed", None, None, None, None),
            (None, "specialist consultation", "performed", None, None, None, None),
        ],
        key=str,
    )
    mahipathy = [tuple(tail(r.get(c)) for c in cols) for r in graph.query("procedure-timeline", case="mahipathy-2020")]
    assert mahipathy == [
        (1, "debridement", "performed", None, None, None, None),
        (2, "surgical excision", "performed", 0, "day", 0, "proc-debridement"),
        (3, "Limberg flap", "performed", 0, "day", 0, "proc-debridement"),
        (4, "suture removal", "performed", 10, "day", 10, "proc-debridement"),
        (5, "surgical excision", "performed", 3, "year", None, "proc-debridement"),
        (6, "primary closure", "performed", 3, "year", None, "proc-debridement"),
    ]
    assert len(graph.query("procedure-timeline")) == 20


def test_organisms_and_antibiotics(graph: KnowledgeGraph) -> None:
    assert {r["culture_label"] for r in graph.query("organisms-and-antibiotics")} == {"wound culture"}


def test_background_claims_compared_across_reports(graph: KnowledgeGraph) -> None:
    dois = {
        (r["claim"].rsplit("/", 1)[-1], r.get("reference_doi"))
        for r in graph.query("background-claims", kind="treatment_efficacy", about="surgical excision")
    }
    assert dois == {
        ("claim-surgery-efficacy", "10.1016/j.jaad.2019.07.006"),
        ("claim-mayo-surgery-outcomes", None),
        ("claim-mayo-complete", None),
        ("claim-mayo-partial", None),
    }
    claims = {r["claim"] for r in graph.query("background-claims")}
    assert len(claims) == 69  # every claim of both records has a subject


def test_evidence(graph: KnowledgeGraph) -> None:
    sha = {r["sha256"] for r in graph.query("evidence", fact=f"{BENDER}/fact/org-mrsa")}
    assert sha == {"f062e11e741fdc840599f0c5bf5289ae10d413de96633daa41a3a4a5da98f7fa"}


def test_ontology_terms(graph: KnowledgeGraph) -> None:
    found = {tail(r["term"]): r for r in graph.query("ontology-terms", branch="systemic sclerosis")}
    assert set(found) == {"SystemicSclerosis", "DiffuseCutaneousSystemicSclerosis", "JuvenileSystemicSclerosis", "LimitedCutaneousSystemicSclerosis"}
    ssc = found["SystemicSclerosis"]
    assert set(ssc["synonyms"].split(" | ")) == {"progressive systemic sclerosis", "scleroderma", "systemic scleroderma"}
    assert ssc["abbreviations"] == "SSc" and ssc["xrefs"] == "MONDO:0005100"
    assert "CREST syndrome" in found["LimitedCutaneousSystemicSclerosis"]["synonyms"].split(" | ")
    assert found["JuvenileSystemicSclerosis"]["xrefs"] in (None, "")


def test_case_series_table(graph: KnowledgeGraph) -> None:
    table = {r["case"]: r for r in graph.query("case-series")}
    assert set(table) == {"bender-2024", "mahipathy-2020"}

    def items(case: str, column: str) -> set[str]:
        value = table[case].get(column)
        return set(value.split("; ")) if value else set()

    bender, mahipathy = table["bender-2024"], table["mahipathy-2020"]
    assert (bender["age"], bender["sex"], mahipathy["age"], mahipathy["sex"]) == (52, "female", 15, "female")
    assert items("bender-2024", "underlying_disease") == {
        "diffuse cutaneous systemic sclerosis",
        "rheumatoid arthritis",
        "polymyositis",
        "systemic lupus erythematosus",
    }
    assert items("mahipathy-2020", "underlying_disease") == {"juvenile systemic sclerosis"}
    assert items("bender-2024", "subtype") == items("mahipathy-2020", "subtype") == {"dystrophic calcinosis cutis"}
    assert items("bender-2024", "sites") == {"posterior thigh (left)", "popliteal fossa (left)"}
    assert items("mahipathy-2020", "sites") == {
        "gluteal region (bilateral)",
        "inferior pubic ramus (bilateral)",
        "ischial tuberosity (bilateral)",
        "obturator foramen",
        "sacral region",
        "knee (right)",
        "chin (left)",
        "nasal sill",
    }
    assert bender["size"] == "17 x 8 x 4 cm" and mahipathy.get("size") is None
    assert items("bender-2024", "treatments") == {"methotrexate", "colchicine", "antibiotic"}
    assert items("mahipathy-2020", "treatments") == set()
    assert items("bender-2024", "surgery") == {"incision and drainage", "debridement"}
    assert items("mahipathy-2020", "surgery") == {"debridement", "surgical excision", "primary closure"}
    assert items("bender-2024", "outcome") == {"stable", "discharged"}
    assert items("mahipathy-2020", "outcome") == {"discharged", "recurrence", "resolved"}


def test_drug_exposures(graph: KnowledgeGraph) -> None:
    facts = {tail(r["fact"]) for r in graph.query("drug-exposures")}
    assert len(facts) == 13  # every drug fact of both records
    heparin = [r for r in graph.query("drug-exposures", drug_class="anticoagulant")]
    assert {(r["route"], r["response"], r["indication"]) for r in heparin} == {
        ("intravenous", "no response", "arterial occlusion"),
        ("intravenous", "no response", "deep vein thrombosis"),
    }


def test_diagnostic_tests(graph: KnowledgeGraph) -> None:
    assert len({r["fact"] for r in graph.query("diagnostic-tests")}) == 17


def test_source_issues(graph: KnowledgeGraph) -> None:
    per_case = {}
    for row in graph.query("source-issues"):
        per_case[row["case"]] = per_case.get(row["case"], 0) + 1
    # counted in the records: source_issue fields of bender-2024 and mahipathy-2020
    assert per_case == {"bender-2024": _count_issues("bender-2024"), "mahipathy-2020": _count_issues("mahipathy-2020")}


def _count_issues(case: str) -> int:
    from kg.resources import bundled_data_dir

    return sum(
        1 for line in (bundled_data_dir() / f"{case}.yaml").read_text(encoding="utf-8").splitlines() if line.strip().startswith("source_issue:")
    )
