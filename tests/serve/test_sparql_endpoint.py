"""`kg serve` answers the SPARQL 1.1 Protocol: every library query over HTTP gives the rows of the Python API.

Queries go through SPARQLWrapper, a standard client, and through plain HTTP for
the protocol's three ways of sending a query and its four result formats.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.query.graph import KnowledgeGraph
from kg.query.hints import with_values_hint
from kg.query.library import load_queries
from kg.query.params import bind_params
from kg.rdfterms import to_python

from .conftest import fetch

QUERIES = load_queries()
CASES = "SELECT ?case WHERE { ?report a cck:CaseReport ; cck:recordId ?case } ORDER BY ?case"


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build)


def _term(binding: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An RDF term from one value of the SPARQL 1.1 JSON results format."""
    if binding["type"] == "uri":
        return ox.NamedNode(binding["value"])
    if binding["type"] == "bnode":
        return ox.BlankNode(binding["value"])
    if "xml:lang" in binding:
        return ox.Literal(binding["value"], language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(binding["value"], datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(binding["value"])


def _rows(results: dict[str, Any]) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    columns = tuple(results["head"]["vars"])
    rows = [{name: to_python(_term(b[name])) if name in b else None for name in columns} for b in results["results"]["bindings"]]
    return columns, rows


def _client_text(graph: KnowledgeGraph, name: str) -> str:
    """The library query as a SPARQL client sends it: the example's parameters as a leading VALUES block."""
    query = QUERIES[name]
    return with_values_hint(query.text, bind_params(query, query.example_params(), graph.resolve))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_library_query_over_http_gives_the_python_rows(name: str, base_url: str, graph: KnowledgeGraph) -> None:
    client = SPARQLWrapper(base_url + "sparql")
    client.setQuery(_client_text(graph, name))
    client.setReturnFormat(JSON)
    client.setMethod(POST if name < "d" else "GET")  # both ways, over the library
    columns, rows = _rows(client.query().convert())  # type: ignore[arg-type]
    expected = graph.run(name, **QUERIES[name].example_params())
    assert columns == expected.columns
    assert rows == list(expected.rows)
    assert rows, f"{name}: the example gives no rows, so the comparison proves nothing"


def test_get_post_and_form_give_the_same_answer(base_url: str) -> None:
    url = base_url + "sparql"
    accept = {"Accept": "application/sparql-results+json"}
    by_get = fetch(f"{url}?{urllib.parse.urlencode({'query': CASES})}", headers=accept)
    by_post = fetch(url, CASES.encode(), {**accept, "Content-Type": "application/sparql-query"})
    by_form = fetch(url, urllib.parse.urlencode({"query": CASES}).encode(), {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    for reply in (by_get, by_post, by_form):
        assert reply.status == 200, reply.text
        assert reply.headers["Content-Type"].startswith("application/sparql-results+json")
        assert json.loads(reply.body) == json.loads(by_get.body)
    assert [b["case"]["value"] for b in json.loads(by_get.body)["results"]["bindings"]] == ["bender-2024", "mahipathy-2020"]


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv;q=0.9, application/sparql-results+xml;q=0.1", "text/csv", None),
        (None, "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("*/*", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_result_formats_follow_the_accept_header(base_url: str, graph: KnowledgeGraph, accept: str | None, media: str, parser: Any) -> None:
    text = _client_text(graph, "drug-exposures")
    reply = fetch(base_url + "sparql", text.encode(), {"Content-Type": "application/sparql-query", **({"Accept": accept} if accept else {})})
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"].split(";")[0] == media
    expected = graph.run("drug-exposures", **QUERIES["drug-exposures"].example_params())
    if parser is None:  # CSV carries no datatypes: compare the text
        table = list(csv.reader(io.StringIO(reply.text)))
        assert tuple(table[0]) == expected.columns
        assert table[1:] == [["" if row[c] is None else str(row[c]) for c in expected.columns] for row in expected.rows]
        return
    solutions = ox.parse_query_results(reply.body, parser)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = [{c: to_python(s[c]) for c in expected.columns} for s in solutions]
    assert rows == list(expected.rows)


def test_ask_and_construct(base_url: str) -> None:
    ask = fetch(base_url + "sparql?" + urllib.parse.urlencode({"query": 'ASK { ?r cck:recordId "bender-2024" }'}))
    assert ask.status == 200 and json.loads(ask.body)["boolean"] is True
    construct = "CONSTRUCT { ?r rdfs:label ?l } WHERE { ?r a cck:CaseReport ; rdfs:label ?l }"
    reply = fetch(base_url + "sparql?" + urllib.parse.urlencode({"query": construct}), headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/turtle")
    triples = list(ox.parse(reply.body, ox.RdfFormat.TURTLE))
    assert {t.object.value for t in triples} == {"Tiffany Bender et al. (2024)", "Surya Rao Rao Venkata Mahipathy et al. (2020)"}


def test_an_unacceptable_format_is_406(base_url: str) -> None:
    reply = fetch(base_url + "sparql?" + urllib.parse.urlencode({"query": CASES}), headers={"Accept": "image/png"})
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text
