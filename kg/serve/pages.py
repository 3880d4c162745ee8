"""What the web view shows, gathered from the query library: the case table, a case's facts with evidence, its graph.

Each page's data comes from SPARQL queries of ``queries/`` (``case-series``,
``case-facts``, ``case-graph``) run by a :data:`Runner`; this module turns
rows into what the templates print, and nothing here writes HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from kg.namespaces import CCK, CCKD
from kg.query.graph import Result
from kg.serve.evidence import Excerpt, ReportTexts

__all__ = ["Cell", "Fact", "Span", "CaseView", "Runner", "KIND_TITLES", "case_view", "case_graph", "cell", "anchor", "case_href"]

KIND_TITLES: dict[str, str] = {
    "report": "Publication",
    "patient": "Patient",
    "diagnosis": "Diagnoses",
    "finding": "Findings",
    "test": "Tests and imaging",
    "drug": "Drugs",
    "procedure": "Procedures",
    "organism": "Organisms",
    "outcome": "Outcomes",
    "claim": "Background claims (about the condition in general, not this patient)",
}
"""The groups of a case page, in the order they are shown."""
Runner = Callable[..., Result]
"""Runs a query of the library by name with keyword parameters (:meth:`kg.query.graph.KnowledgeGraph.run`)."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_TAIL = re.compile(r"/(fact|claim)/([^/]+)$")


@dataclass(frozen=True)
class Cell:
    """One table cell: the text shown and, for a case or a fact, the page it links to."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Span:
    """One piece of evidence: where it is, and the report text around it when the text is at hand."""

    section: str
    start: int
    end: int
    excerpt: Excerpt | None


@dataclass
class Fact:
    """A fact of a case page with its evidence spans in reading order."""

    iri: str
    anchor: str
    kind: str
    label: str
    status: str | None
    note: str | None
    spans: list[Span] = field(default_factory=list)

    @property
    def negated(self) -> bool:
        """True for a fact stated as absent: negated or ruled out."""
        return self.status == "absent"


@dataclass(frozen=True)
class CaseView:
    """Everything a case page shows."""

    case: str
    summary: dict[str, Cell]
    groups: list[tuple[str, str, list[Fact]]]
    text_problems: list[str]


def case_href(case: str, fragment: str = "") -> str:
    """The path of a case's page (with ``#fragment`` when given)."""
    return f"/cases/{quote(case, safe='')}" + (f"#{fragment}" if fragment else "")


def anchor(iri: str) -> str | None:
    """The element id of a fact, claim or patient on its case page (``fact-<id>``, ``claim-<id>``, ``patient``), else None."""
    match = _TAIL.search(iri)
    if match:
        return _UNSAFE.sub("_", f"{match.group(1)}-{match.group(2)}")
    return "patient" if iri.endswith("/patient") else None


def cell(column: str, value: Any) -> Cell:
    """How a query value is shown: IRIs as CURIEs, a case id or a case's fact linked to its page."""
    if value is None:
        return Cell("")
    if isinstance(value, bool):
        return Cell("true" if value else "false")
    text = str(value)
    if column == "case":
        return Cell(text, case_href(text))
    if text.startswith(str(CCKD)):
        local = text[len(str(CCKD)) :]
        case = local.split("/", 1)[0]
        if case and case != "graph":
            return Cell(f"cckd:{local}", case_href(unquote(case), anchor(text) or ""))
        return Cell(f"cckd:{local}")
    if text.startswith(str(CCK)):
        return Cell(f"cck:{text[len(str(CCK)) :]}")
    return Cell(text)


def case_view(run: Runner, texts: ReportTexts, case: str) -> CaseView | None:
    """A case's page: its case-series row and its facts grouped by kind, each with its evidence; None for an unknown case."""
    rows = run("case-facts", case=case).rows
    if not rows:
        return None
    facts: dict[str, Fact] = {}
    problems: dict[str, str] = {}
    for row in rows:
        fact = facts.get(row["fact"])
        if fact is None:
            place = anchor(row["fact"]) or row["kind"]
            fact = facts[row["fact"]] = Fact(row["fact"], place, row["kind"], row["label"], row["status"], row["note"])
        if row["start"] is None:
            continue
        problem = texts.problem(row["file"], row["sha256"])
        if problem:
            problems[row["file"]] = problem
        span = Span(row["section"], row["start"], row["end"], texts.excerpt(row["file"], row["sha256"], row["start"], row["end"]))
        if span not in fact.spans:
            fact.spans.append(span)
    groups = []
    for kind, title in KIND_TITLES.items():
        members = [fact for fact in facts.values() if fact.kind == kind]
        for fact in members:
            fact.spans.sort(key=lambda span: (span.start, span.end))
        members.sort(key=lambda fact: (fact.spans[0].start if fact.spans else 1 << 62, fact.label, fact.iri))
        if members:
            groups.append((kind, title, members))
    series = next((row for row in run("case-series").rows if row["case"] == case), {})
    for fact in facts.values():
        if fact.kind == "patient":
            words = [f"{series['age']:g} years" if series.get("age") is not None else "", series.get("sex") or ""]
            fact.label = ", ".join(word for word in words if word) or fact.label
    summary = {name: cell(name, value) for name, value in series.items() if name != "case" and value not in (None, "")}
    return CaseView(case, summary, groups, sorted(set(problems.values())))


def case_graph(run: Runner, case: str) -> dict[str, Any] | None:
    """The graph of one case as ``{"nodes": [...], "links": [...]}`` for the graph view; None for an unknown case."""
    rows = run("case-graph", case=case).rows
    if not rows:
        return None
    nodes: dict[str, dict[str, Any]] = {}

    def node(iri: str, label: str, kind: str) -> str:
        found = nodes.get(iri)
        if found is None:
            nodes[iri] = {"id": iri, "label": label, "kind": kind, "href": None if kind == "term" else case_href(case, anchor(iri) or "")}
        elif found["kind"] == "fact":  # a link's target; its own kind comes with the rows where it is the source
            found["kind"] = kind
        return iri

    links = []
    for row in rows:
        source = node(row["source"], row["source_label"], row["source_kind"])
        target = node(row["target"], row["target_label"], row["target_kind"])
        links.append({"source": source, "target": target, "relation": row["relation"]})
    return {"case": case, "nodes": list(nodes.values()), "links": links}
