"""The validation report of a build: SHACL results as Turtle and as readable lines."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, XSD

from kg.build.shacl.issues import Issue
from kg.namespaces import CCK, CCKD, PREFIXES, SH

__all__ = ["report_turtle", "render_text"]


def report_turtle(issues: tuple[Issue, ...]) -> bytes:
    """:func:`report_graph` as Turtle, written by pyoxigraph (tens of thousands of issues in a second)."""

    def iri(term: URIRef) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    report = iri(CCKD["validation"])
    triples = [
        ox.Triple(report, iri(RDF.type), iri(SH.ValidationReport)),
        ox.Triple(
            report,
            iri(SH.conforms),
            ox.Literal(str(not any(i.severity == "violation" for i in issues)).lower(), datatype=ox.NamedNode(str(XSD.boolean))),
        ),
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
