"""The web view of `kg serve`: the case table, a case page with evidence in the report text, the query forms."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

from kg.query.graph import KnowledgeGraph
from kg.query.library import load_queries

from .conftest import fetch, running
from .pages import parse_page

QUERIES = load_queries()


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build)


def test_the_case_table_lists_every_case_with_a_link(base_url: str, graph: KnowledgeGraph) -> None:
    reply = fetch(base_url)
    assert reply.status == 200 and reply.headers["Content-Type"] == "text/html; charset=utf-8"
    page = parse_page(reply.text)
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a" and attrs.get("href", "").startswith("/cases/")]
    assert links == ["/cases/bender-2024", "/cases/mahipathy-2020"]
    assert len([tag for tag, _ in page.tags if tag == "tr"]) == 1 + len(graph.run("case-series").rows)
    assert "dystrophic calcinosis cutis" in page.text and "juvenile systemic sclerosis" in page.text
    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]


def test_the_csv_download_is_the_case_series(base_url: str, graph: KnowledgeGraph) -> None:
    reply = fetch(base_url + "cases.csv")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/csv")
    assert 'filename="case-series.csv"' in reply.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(reply.text)))
    result = graph.run("case-series")
    assert tuple(table[0]) == result.columns
    assert table[1:] == [["" if row[c] is None else str(row[c]) for c in result.columns] for row in result.rows]


def test_a_case_page_groups_facts_and_marks_the_negated(base_url: str) -> None:
    page = parse_page(fetch(base_url + "cases/bender-2024").text)
    headings = [text for tag, text in page.headings if tag == "h2"]
    assert [h.split(" ")[0] for h in headings] == [
        "Publication",
        "Patient",
        "Diagnoses",
        "Findings",
        "Tests",
        "Drugs",
        "Procedures",
        "Organisms",
        "Outcomes",
        "Background",
    ]
    negated = {attrs["id"] for tag, attrs in page.tags if tag == "details" and "negated" in attrs.get("class", "").split()}
    assert negated == {"fact-dx-artocc-absent", "fact-dx-dvt-absent"}
    assert page.text.count("negated / ruled out") == 2
    assert "52 years, female" in page.text


def test_every_evidence_span_is_highlighted_in_its_sentence(base_url: str, graph: KnowledgeGraph, seed_reports: Path) -> None:
    text = (seed_reports / "000_b36f31f2d423490e.txt").read_text(encoding="utf-8")
    rows = graph.query("case-facts", case="bender-2024")
    spans = sorted({(row["fact"], row["start"], row["end"]) for row in rows if row["start"] is not None})
    body = fetch(base_url + "cases/bender-2024").text
    marks = [html.unescape(found) for found in re.findall(r"<mark>(.*?)</mark>", body, re.S)]
    assert sorted(marks) == sorted(text[start:end] for _, start, end in spans)
    quotes = [html.unescape(re.sub(r"</?mark>", "", q)) for q in re.findall(r"<blockquote>(.*?)</blockquote>", body, re.S)]
    assert quotes
    for shown in quotes:  # each shown sentence is the report's own, as printed ("…" where a long one is cut)
        quote = shown.strip().removeprefix("…").removesuffix("…").strip()
        at = text.find(quote)
        assert at >= 0, quote
        if not shown.strip().startswith("…"):
            assert at == 0 or text[at - 1] == "\n" or text[:at].rstrip()[-1:] in (".", ":", "!", "?"), quote
        if not shown.strip().endswith("…"):
            after = text[at + len(quote) : at + len(quote) + 1]
            assert quote[-1] in ".:!?" or after in ("\n", ""), quote


def test_without_the_report_texts_the_offsets_are_shown(seed_build: Path) -> None:
    with running(seed_build, None) as url:
        body = fetch(url + "cases/bender-2024").text
    assert "<mark>" not in body
    assert "no folder of report texts was given" in body
    assert "characters 3353–3408" in body


def test_a_changed_report_text_is_not_used(seed_build: Path, seed_reports: Path, tmp_path: Path) -> None:
    shutil.copy(seed_reports / "000_b36f31f2d423490e.txt", tmp_path / "000_b36f31f2d423490e.txt")
    with (tmp_path / "000_b36f31f2d423490e.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nedited\n")
    with running(seed_build, tmp_path) as url:
        body = fetch(url + "cases/bender-2024").text
    assert "<mark>" not in body
    assert "has changed since the build (its sha256 differs)" in body


def test_an_unknown_case_is_404(base_url: str) -> None:
    for path in ("cases/no-such-case", "cases/no-such-case/graph", "cases/no-such-case/graph.json"):
        reply = fetch(base_url + path)
        assert reply.status == 404 and "no case called 'no-such-case'" in html.unescape(reply.text)


def test_the_graph_view_gets_the_case_graph(base_url: str, graph: KnowledgeGraph) -> None:
    page = parse_page(fetch(base_url + "cases/bender-2024/graph").text)
    assert (
        "svg",
        {"id": "graph", "class": "graph", "data-src": "/cases/bender-2024/graph.json", "role": "img", "aria-label": "graph of case bender-2024"},
    ) in page.tags
    data = fetch(base_url + "cases/bender-2024/graph.json").json()
    rows = graph.query("case-graph", case="bender-2024")
    assert len(data["links"]) == len(rows)
    assert {n["id"] for n in data["nodes"]} == {r["source"] for r in rows} | {r["target"] for r in rows}
    dvt = next(n for n in data["nodes"] if n["id"].endswith("/fact/dx-dvt-absent"))
    assert dvt["href"] == "/cases/bender-2024#fact-dx-dvt-absent" and dvt["kind"] == "diagnosis"


def test_the_query_list_names_every_query(base_url: str) -> None:
    page = parse_page(fetch(base_url + "queries").text)
    hrefs = {attrs["href"] for tag, attrs in page.tags if tag == "a"}
    assert {f"/queries/{name}" for name in QUERIES} <= hrefs


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_query_runs_from_its_form(base_url: str, graph: KnowledgeGraph, name: str) -> None:
    params = QUERIES[name].example_params()
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    page = parse_page(fetch(f"{base_url}queries/{name}{query}").text)
    inputs = {attrs["name"] for tag, attrs in page.tags if tag in ("input", "select") and "name" in attrs}
    assert inputs == {p.name for p in QUERIES[name].params}
    expected = graph.run(name, **params)
    assert page.count_rows("results") == len(expected.rows)
    table = list(csv.reader(io.StringIO(fetch(f"{base_url}queries/{name}.csv{query}").text)))
    assert len(table) == 1 + len(expected.rows) and tuple(table[0]) == expected.columns


def test_a_bad_parameter_is_shown_on_the_form(base_url: str) -> None:
    reply = fetch(base_url + "queries/patients?min_age=old")
    assert reply.status == 400
    assert "&#39;old&#39; is not a number" in reply.text or "'old' is not a number" in html.unescape(reply.text)
    first = fetch(base_url + "queries/evidence")  # a required parameter, not yet given: the form, no error
    assert first.status == 200 and 'class="error"' not in first.text


def test_the_sparql_page_runs_a_query_for_a_browser(base_url: str) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    form = fetch(base_url + "sparql", headers=browser)
    assert form.status == 200 and "<textarea" in form.text
    query = urllib.parse.urlencode({"query": "SELECT ?case WHERE { ?r cck:recordId ?case } ORDER BY ?case"})
    page = parse_page(fetch(f"{base_url}sparql?{query}", headers=browser).text)
    assert page.count_rows("results") == 2 and "mahipathy-2020" in page.text


def test_static_files_and_unknown_paths(base_url: str) -> None:
    for name, media in (("style.css", "text/css"), ("view.js", "text/javascript"), ("graph.js", "text/javascript")):
        reply = fetch(base_url + "static/" + name)
        assert reply.status == 200 and reply.headers["Content-Type"].startswith(media)
    assert fetch(base_url + "static/../app.py").status == 404
    assert fetch(base_url + "static/nothing.js").status == 404
    assert fetch(base_url + "no/such/page").status == 404
    assert fetch(base_url + "cases.csv", b"x", method="POST").status == 405
