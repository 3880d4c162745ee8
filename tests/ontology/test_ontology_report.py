"""The ontology report: clean of errors on the project's ontology, and each check catches its problem."""

from __future__ import annotations

from kg.ontology.report import check_ontology

from ..conftest import FIXTURES, run_kg

BROKEN = FIXTURES / "broken-ontology"


def test_the_project_ontology_has_no_errors() -> None:
    problems = check_ontology()
    assert [p.line() for p in problems if p.severity == "error"] == []


def test_cli_report_exits_0_on_the_project_ontology() -> None:
    result = run_kg("ontology-report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout


def test_each_check_finds_its_problem() -> None:
    found = {(p.severity, p.check, p.term) for p in check_ontology(BROKEN)}
    expected = {
        ("error", "label", "cck:Unlabelled"),
        ("error", "definition", "cck:Undefined"),
        ("error", "missing_parent", "cck:Orphan"),
        ("error", "duplicate_name", "cck:Heparin, cck:HeparinSodium"),
        ("error", "malformed_xref", "cck:BadXref"),
        ("error", "unsatisfiable", "cck:DrugProcedure"),
        ("warning", "missing_xref", "cck:HeparinSodium"),
        ("warning", "label_shared_with_property", "cck:Drug"),
    }
    assert expected <= found
    assert ("error", "label", "cck:Heparin") not in found


def test_cli_report_exits_1_on_errors_and_gives_json() -> None:
    result = run_kg("ontology-report", "--ontology", str(BROKEN), "--format", "json")
    assert result.returncode == 1
    assert '"check": "unsatisfiable"' in result.stdout
