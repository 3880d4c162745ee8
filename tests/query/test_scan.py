"""The light SPARQL scanner (kg.query.scan): what lies outside comments, IRIs and strings, table-driven."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query.run import check_read_only
from kg.query.scan import first_group, keywords

FIRST_GROUP = [
    ("SELECT * WHERE { ?s ?p ?o }", 15),
    ("# a comment with { a brace\nSELECT * WHERE { ?s ?p ?o }", 42),
    ('SELECT * WHERE "{" { ?s ?p ?o }', 19),
    ("SELECT * WHERE '''{\n{''' { ?s ?p ?o }", 25),
    ('SELECT * WHERE "a \\" {" { }', 24),
    ("PREFIX ex: <http://x/a#b> SELECT * { }", 35),
    ("SELECT * WHERE ?s", -1),
    ("", -1),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_GROUP)
def test_first_group(text: str, expected: int) -> None:
    assert first_group(text) == expected
    if expected >= 0:
        assert text[expected] == "{"


KEYWORDS = [
    ("SELECT ?service WHERE { ?s ex:SERVICE ?o }", ["SELECT", "WHERE"]),
    ('ASK { ?s ?p "SERVICE" } # SERVICE', ["ASK"]),
    ("select * { service <http://a> { ?s ?p ?o } }", ["SELECT", "SERVICE"]),
    ("PREFIX s: <urn:SERVICE> SELECT * { ?x a s:x }", ["PREFIX", "SELECT", "A"]),
    ("SELECT * { <http://x/INSERT> ?p $insert }", ["SELECT"]),
]


@pytest.mark.parametrize(("text", "expected"), KEYWORDS)
def test_keywords(text: str, expected: list[str]) -> None:
    assert keywords(text) == expected


READ_ONLY = [
    ("SELECT * WHERE { ?s ?p ?o }", None),
    ("ASK { ?s ?p ?o }", None),
    ('SELECT ?x WHERE { VALUES ?x { "INSERT DATA" "SERVICE" } }', None),
    ("# DROP ALL\nSELECT * { ?s ?p ?o }", None),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates (INSERT)"),
    ("PREFIX ex: <urn:x> DELETE WHERE { ?s ?p ?o }", "updates (DELETE)"),
    ("DROP ALL", "updates (DROP)"),
    ("LOAD <http://example.org/data.ttl>", "updates (LOAD)"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "updates (WITH)"),
    ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
]


@pytest.mark.parametrize(("text", "refused"), READ_ONLY)
def test_read_only_check(text: str, refused: str | None) -> None:
    if refused is None:
        check_read_only(text, "q")
    else:
        with pytest.raises(QueryError, match=refused.replace("(", r"\(").replace(")", r"\)")):
            check_read_only(text, "q")
