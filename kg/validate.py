"""Validate case graphs with pySHACL and turn the results into typed issues."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import OntologyError
from .namespaces import CCK, CCKD, PREFIXES, SH, bind_prefixes
from .resources import shapes_dir

__all__ = [
    "Issue",
    "ValidationResult",
    "load_shapes",
    "check_shapes",
    "validate_case",
    "report_graph",
    "report_turtle",
    "render_text",
    "locate",
    "field_name",
    "short_value",
    "FIELD_NAMES",
]

FIELD_NAMES = {
    "hasSite": "sites",
    "hasSiteMention": "sites",
    "assertionStatus": "status",
    "drugStatus": "status",
    "procedureStatus": "status",
    "hasEvidence": "evidence",
    "ageEvidence": "age.evidence",
    "sexEvidence": "sex.evidence",
    "ageInYears": "age",
    "testResult": "result",
    "switchedTo": "switched_to",
    "responseFor": "response_for",
    "foundBy": "found_by",
    "claimSubject": "subject",
    "claimObject": "object",
    "valueLow": "value.low",
    "sourceIssue": "source_issue",
    "outcomeKind": "outcome",
}
"""Graph properties whose record field has another name."""


@dataclass(frozen=True, order=True)
class Issue:
    """One SHACL result, located in the record it came from."""

    severity: str
    record: str
    item: str
    field: str
    message: str
    focus: str
    value: str = ""

    def line(self) -> str:
        where = ": ".join(part for part in (f"record {self.record}" if self.record else "", self.item, self.field) if part)
        return f"{self.severity.upper()}: {where}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    """The issues of one validation run and its SHACL results graph."""

    issues: tuple[Issue, ...]
    graph: Graph

    @property
    def violations(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "violation")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity != "violation")

    @property
    def conforms(self) -> bool:
        return not self.violations


def load_shapes(folder: Path | None = None) -> Graph:
    """Parse the SHACL shapes files into one graph."""
    folder = folder or shapes_dir()
    graph = Graph()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise OntologyError(f"{folder}: no SHACL shapes (*.ttl) found")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser error types
            raise OntologyError(f"{path}: cannot parse Turtle: {exc}") from exc
    return graph


def check_shapes(shapes: Graph) -> None:
    """Check the shapes themselves against the SHACL-for-SHACL meta-shapes."""
    _quiet_pyshacl()
    try:
        conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    except Exception as exc:  # pyshacl reports bad shapes by raising
        raise OntologyError(f"the SHACL shapes are not valid: {exc}") from exc
    if not conforms:
        raise OntologyError(f"the SHACL shapes are not valid:\n{text}")


def validate_case(data: Graph, shapes: Graph, ontology: Graph) -> ValidationResult:
    """Validate one case graph (with the ontology mixed in) against the shapes."""
    _quiet_pyshacl()
    _, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False, allow_warnings=True
    )
    bind_prefixes(results)
    issues = tuple(sorted(_issue(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)))
    return ValidationResult(issues=issues, graph=results)


def report_graph(issues: tuple[Issue, ...]) -> Graph:
    """The issues as a SHACL validation report graph, with the record and field of each result."""
    graph = Graph()
    bind_prefixes(graph)
    report = CCKD["validation"]
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(i.severity == "violation" for i in issues))))
    for index, issue in enumerate(sorted(issues)):
        node = CCKD[f"validation/result/{index}"]
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, URIRef(issue.focus) if ":" in issue.focus else Literal(issue.focus)))
        graph.add((node, SH.resultSeverity, SH[issue.severity.capitalize()]))
        graph.add((node, SH.resultMessage, Literal(issue.message)))
        if issue.value:
            graph.add((node, SH.value, Literal(issue.value)))
        for prop, value in ((CCK.record, issue.record), (CCK.item, issue.item), (CCK.recordField, issue.field)):
            if value:
                graph.add((node, prop, Literal(value)))
    return graph


def report_turtle(issues: tuple[Issue, ...]) -> bytes:
    """:func:`report_graph` as Turtle, written by pyoxigraph (tens of thousands of issues in a second)."""

    def iri(term: URIRef) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    report = iri(CCKD["validation"])
    triples = [
        ox.Triple(report, iri(RDF.type), iri(SH.ValidationReport)),
        ox.Triple(report, iri(SH.conforms), ox.Literal(str(not any(i.severity == "violation" for i in issues)).lower(), datatype=ox.NamedNode(str(XSD.boolean)))),
    ]
    for index, issue in enumerate(sorted(issues)):
        node = iri(CCKD[f"validation/result/{index}"])
        focus = ox.NamedNode(issue.focus) if ":" in issue.focus else ox.Literal(issue.focus)
        triples += [
            ox.Triple(report, iri(SH.result), node),
            ox.Triple(node, iri(RDF.type), iri(SH.ValidationResult)),
            ox.Triple(node, iri(SH.focusNode), focus),
            ox.Triple(node, iri(SH.resultSeverity), iri(SH[issue.severity.capitalize()])),
            ox.Triple(node, iri(SH.resultMessage), ox.Literal(issue.message)),
        ]
        if issue.value:
            triples.append(ox.Triple(node, iri(SH.value), ox.Literal(issue.value)))
        for prop, value in ((CCK.record, issue.record), (CCK.item, issue.item), (CCK.recordField, issue.field)):
            if value:
                triples.append(ox.Triple(node, iri(prop), ox.Literal(value)))
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def render_text(issues: tuple[Issue, ...]) -> str:
    """The human-readable report: one line per issue, violations first."""
    if not issues:
        return "No violations and no warnings.\n"
    ordered = sorted(issues, key=lambda i: (i.severity != "violation", i.record, i.item, i.field, i.message))
    return "".join(issue.line() + "\n" for issue in ordered)


def _issue(results: Graph, node: URIRef) -> Issue:
    focus = results.value(node, SH.focusNode)
    path = results.value(node, SH.resultPath)
    severity = results.value(node, SH.resultSeverity)
    message = results.value(node, SH.resultMessage)
    value = results.value(node, SH.value)
    record, item = locate(focus)
    return Issue(
        severity=str(severity).rsplit("#", 1)[-1].lower() if severity else "violation",
        record=record,
        item=item,
        field=field_name(path),
        message=str(message) if message else "does not conform",
        focus=str(focus),
        value=short_value(value),
    )


def locate(focus: object) -> tuple[str, str]:
    """Map a focus node IRI (``cckd:<case>/fact/<id>/...``) to its record and item."""
    text = str(focus)
    if not text.startswith(str(CCKD)):
        return "", text
    parts = text[len(str(CCKD)) :].split("/")
    record, rest = parts[0], parts[1:]
    if len(rest) >= 2 and rest[0] in ("fact", "claim"):
        item = f"{rest[0]} {rest[1]}"
        if len(rest) > 2:
            item += " " + "/".join(rest[2:])
        return record, item
    return record, "/".join(rest) if rest else "publication"


def field_name(path: object) -> str:
    if isinstance(path, URIRef) and str(path).startswith(str(CCK)):
        name = str(path)[len(str(CCK)) :]
        return FIELD_NAMES.get(name, name)
    return ""


def short_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value)
    return str(value).rsplit("/", 1)[-1]


def _quiet_pyshacl() -> None:
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
