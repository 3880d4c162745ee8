"""`kg query` and `kg sparql`, and the README's Querying examples, run as written."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from ..conftest import TESTS, run_kg

README = TESTS.parent / "README.md"


def kg(seed_build: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [*args, "--build", str(seed_build)])


def test_list() -> None:
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    assert "calcinosis-sites: Anatomic sites of calcinosis" in result.output
    assert "--param region=<term>" in result.output


def test_table_csv_tsv_json(seed_build: Path) -> None:
    table = kg(seed_build, "query", "calcinosis-sites", "--param", "region=lower limb")
    assert table.exit_code == 0, table.output
    assert "cck:PosteriorThigh" in table.output and "(3 rows)" in table.output
    rows = list(csv.DictReader(io.StringIO(kg(seed_build, "query", "calcinosis-sites", "-p", "region=cck:LowerLimb", "--format", "csv").output)))
    assert {r["site_label"] for r in rows} == {"posterior thigh", "popliteal fossa", "knee"}
    tsv = kg(seed_build, "query", "patients", "--format", "tsv").output.splitlines()
    assert tsv[0].split("\t")[:3] == ["case", "patient", "age"] and len(tsv) == 3
    data = json.loads(kg(seed_build, "query", "patients", "--param", "min_age=18", "--format", "json").output)
    assert [(r["case"], r["age"]) for r in data] == [("bender-2024", 52)]


def test_sparql(seed_build: Path) -> None:
    result = kg(seed_build, "sparql", "SELECT ?p WHERE { ?p a cck:Patient } ORDER BY ?p", "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "p",
        "https://w3id.org/calcinosis-kg/data/bender-2024/patient",
        "https://w3id.org/calcinosis-kg/data/mahipathy-2020/patient",
    ]


def test_query_file(seed_build: Path, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text(
        "# title: Count\n# description: Patients.\nPREFIX cck: <https://w3id.org/calcinosis-kg/ontology/>\n"
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a cck:Patient }\n",
        encoding="utf-8",
    )
    result = kg(seed_build, "query", "--file", str(path), "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines() == ["n", "2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "no-such-query"), "unknown query 'no-such-query'"),
        (("query", "evidence"), "needs the parameter 'fact'"),
        (("query", "patients", "--param", "colour=blue"), "has no parameter colour"),
        (("query", "patients", "--param", "colour"), "expected NAME=VALUE"),
        (("query", "calcinosis-sites", "--param", "region=nowhere at all"), "unknown term 'nowhere at all'"),
        (("sparql", "SELECT ?x WHERE {"), "SPARQL syntax error"),
        (("query",), "give a query NAME or --file"),
    ],
)
def test_errors_exit_2_with_one_line(seed_build: Path, args: tuple[str, ...], message: str) -> None:
    result = kg(seed_build, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_build_in_a_subprocess(tmp_path: Path) -> None:
    result = run_kg("query", "patients", "--build", str(tmp_path / "none"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error:") and "kg build" in result.stderr and "Traceback" not in result.stderr


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Querying") :]


def test_readme_commands_run(seed_build: Path) -> None:
    block = re.search(r"```sh\n(.*?)```", _readme_section(), re.S).group(1)  # type: ignore[union-attr]
    commands = [shlex.split(line)[1:] for line in block.splitlines() if line.startswith("kg ")]
    assert len(commands) >= 4
    for args in commands:
        result = kg(seed_build, *args)
        assert result.exit_code == 0, (args, result.output)
        assert result.output.strip()


def test_readme_python_example_runs(seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = re.search(r"```python\n(.*?)```", _readme_section(), re.S).group(1)  # type: ignore[union-attr]
    assert 'KnowledgeGraph.open("out")' in code
    namespace: dict[str, object] = {}
    exec(code.replace('"out"', repr(str(seed_build))), namespace)
    printed = capsys.readouterr().out
    assert "['knee', 'popliteal fossa', 'posterior thigh']" in printed
    assert "case-series - Case-series table" in printed
    assert len(namespace["absent"]) == 2  # type: ignore[arg-type]
    assert namespace["table"].columns[0] == "case"  # type: ignore[attr-defined]
