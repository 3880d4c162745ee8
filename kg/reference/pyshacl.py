"""Validation with pySHACL itself: the reference the build's SPARQL validator is checked against."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.build.shacl.issues import Issue, field_name, locate, short_value
from kg.build.shacl.shapes import quiet_pyshacl
from kg.namespaces import CCK, CCKD, SH, bind_prefixes

__all__ = ["ValidationResult", "validate_case", "report_graph"]


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


def validate_case(data: Graph, shapes: Graph, ontology: Graph) -> ValidationResult:
    """Validate one case graph (with the ontology mixed in) against the shapes."""
    quiet_pyshacl()
    _, results, _ = shacl_validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False, allow_warnings=True)
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
