"""Names with quotes, angle brackets and ampersands are text on every page, never markup.

A hand-made build whose case id, labels, curator's note, term name and report
text are all hostile is served; each page must show them as text, carry no
element or attribute they would add, and keep the JSON of the graph intact.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.layout import STORE_DIR
from kg.namespaces import CCK, CCKD

from .conftest import fetch, running
from .pages import parse_page

CASE = 'evil-"case"<i>\'&'
REPORT_LABEL = '<script>alert("report")</script>'
FACT_LABEL = "diagnosis: <img src=x onerror=alert(1)> (absent)"
NOTE = "</details><script>alert('note')</script><b>bold</b>"
TERM_LABEL = "<svg onload=alert(2)>"
TEXT = 'Intro line.\nHe said "<b>no</b>" & left & <script>x()</script> there.\n'
SPAN = (TEXT.index('"<b>'), TEXT.index("</b>") + len('</b>"'))


def _quads() -> Iterator[ox.Quad]:
    report = ox.NamedNode(str(CCKD[urllib.parse.quote(CASE, safe="")]))
    text, patient = ox.NamedNode(f"{report.value}/text"), ox.NamedNode(f"{report.value}/patient")
    fact, evidence = ox.NamedNode(f"{report.value}/fact/dx-evil"), ox.NamedNode(f"{report.value}/fact/dx-evil/evidence/0")
    term = ox.NamedNode(str(CCK["EvilCondition"]))
    label, rdf_type = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    graph = ox.NamedNode(str(CCKD["graph/evil"]))
    for s, p, o in (
        (report, rdf_type, ox.NamedNode(str(CCK.CaseReport))),
        (report, ox.NamedNode(str(CCK.recordId)), ox.Literal(CASE)),
        (report, label, ox.Literal(REPORT_LABEL)),
        (report, ox.NamedNode(str(CCK.hasText)), text),
        (text, ox.NamedNode(str(CCK.fileName)), ox.Literal("evil.txt")),
        (text, ox.NamedNode(str(CCK.sha256)), ox.Literal(hashlib.sha256(TEXT.encode()).hexdigest())),
        (patient, rdf_type, ox.NamedNode(str(CCK.Patient))),
        (patient, ox.NamedNode(str(CCK.describedIn)), report),
        (patient, label, ox.Literal(f"patient of {CASE}")),
        (fact, rdf_type, ox.NamedNode(str(CCK.Diagnosis))),
        (fact, ox.NamedNode(str(CCK.statedIn)), report),
        (fact, ox.NamedNode(str(CCK.aboutPatient)), patient),
        (fact, label, ox.Literal(FACT_LABEL)),
        (fact, ox.NamedNode(str(CCK.assertionStatus)), ox.NamedNode(str(CCK.Absent))),
        (ox.NamedNode(str(CCK.Absent)), label, ox.Literal("absent")),
        (fact, ox.NamedNode(str(CCK.curatorNote)), ox.Literal(NOTE)),
        (fact, ox.NamedNode(str(CCK.condition)), term),
        (term, label, ox.Literal(TERM_LABEL)),
        (fact, ox.NamedNode(str(CCK.hasEvidence)), evidence),
        (report, ox.NamedNode(str(CCK.titleEvidence)), evidence),
        (patient, ox.NamedNode(str(CCK.ageEvidence)), evidence),
        (evidence, ox.NamedNode(str(CCK.section)), ox.Literal("case<br>")),
        (evidence, ox.NamedNode(str(CCK.start)), ox.Literal(SPAN[0])),
        (evidence, ox.NamedNode(str(CCK.end)), ox.Literal(SPAN[1])),
        (evidence, ox.NamedNode(str(CCK.inText)), text),
    ):
        yield ox.Quad(s, p, o, graph)


@pytest.fixture(scope="module")
def evil_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("evil")
    (root / "out").mkdir()
    store = ox.Store(str(root / "out" / STORE_DIR))
    store.extend(_quads())
    store.flush()
    del store
    (root / "reports").mkdir()
    (root / "reports" / "evil.txt").write_text(TEXT, encoding="utf-8")
    with running(root / "out", root / "reports") as url:
        yield url


def _case_path() -> str:
    return "cases/" + urllib.parse.quote(CASE, safe="")


@pytest.mark.parametrize("path", ["", "CASE", "CASE/graph", "queries/case-facts?case=CASEQ", "sparql?query=QUERY"])
def test_hostile_names_stay_text(evil_url: str, path: str) -> None:
    query = urllib.parse.quote("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l", safe="")
    path = path.replace("CASEQ", urllib.parse.quote(CASE, safe="")).replace("CASE", _case_path()).replace("QUERY", query)
    reply = fetch(evil_url + path.lstrip("/"), headers={"Accept": "text/html"})
    assert reply.status == 200, reply.text
    page = parse_page(reply.text)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"img", "b", "i", "br"}, tags
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    scripts = [attrs.get("src") for tag, attrs in page.tags if tag == "script"]
    assert scripts and all(src and src.startswith("/static/") for src in scripts)
    assert len([tag for tag, _ in page.tags if tag == "svg"]) <= 1


def test_the_case_page_shows_every_hostile_value_as_written(evil_url: str) -> None:
    page = parse_page(fetch(evil_url + _case_path()).text)
    for value in (CASE, REPORT_LABEL, FACT_LABEL, NOTE, "case<br>"):
        assert " ".join(value.split()) in page.text, value
    assert ' said "<b>no</b>" & left & <script>x()</script> there.' in page.text
    marks = [attrs for tag, attrs in page.tags if tag == "mark"]
    assert len(marks) == 3  # the one span, as evidence of the report, the patient and the fact


def test_the_graph_json_keeps_the_names_intact(evil_url: str) -> None:
    data = fetch(evil_url + _case_path() + "/graph.json").json()
    assert {node["label"] for node in data["nodes"]} == {FACT_LABEL, TERM_LABEL, f"patient of {CASE}"}
    fact = next(node for node in data["nodes"] if node["kind"] == "diagnosis")
    assert fact["href"] == "/" + _case_path() + "#fact-dx-evil"


def test_the_csv_keeps_the_names_intact(evil_url: str) -> None:
    text = fetch(evil_url + "cases.csv").text
    assert text.splitlines()[1].startswith('"evil-""case""<i>\'&"')
