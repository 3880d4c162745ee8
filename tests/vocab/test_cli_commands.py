"""``kg vocab import`` and ``kg vocab build`` as the project CLI runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.vocab
from kg.cli import cli
from kg.vocab import IMPORT_IRI

from ..conftest import FIXTURE_DATA, run_kg


def _data_with_terms(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    text = (FIXTURE_DATA / "mini-001.yaml").read_text(encoding="utf-8")
    text = text.replace("drug: Diltiazem", "drug: DRUGBANK:DB00682").replace("finding: Erythema", "finding: HP:0000822")
    (data / "mini-001.yaml").write_text(text, encoding="utf-8")
    return data


def test_import_writes_the_module_of_the_ids_the_records_name(tmp_path: Path) -> None:
    data = _data_with_terms(tmp_path)
    out = tmp_path / "standard-terms.ttl"
    result = run_kg("vocab", "import", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 standard terms named by 1 record(s)" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert IMPORT_IRI in text and "<https://go.drugbank.com/drugs/DB00682> a owl:Class" in text and "obo:HP_0000118 a owl:Class" in text
    assert run_kg("vocab", "import", "--data", str(data), "--out", str(out), "--check").returncode == 0
    out.write_text(text.replace("Hypertension", "Hypotension"), encoding="utf-8")
    stale = run_kg("vocab", "import", "--data", str(data), "--out", str(out), "--check")
    assert stale.returncode == 1 and "not up to date" in stale.stderr


def test_import_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    data = _data_with_terms(tmp_path)
    mine = tmp_path / "notes.ttl"
    mine.write_text("# my own notes\n", encoding="utf-8")
    result = run_kg("vocab", "import", "--data", str(data), "--out", str(mine))
    assert result.returncode == 2 and "is not an import module" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# my own notes\n"


def test_import_names_an_unknown_id_by_file_record_and_field(tmp_path: Path) -> None:
    data = _data_with_terms(tmp_path)
    record = data / "mini-001.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("HP:0000822", "HP:9999999"), encoding="utf-8")
    result = run_kg("vocab", "import", "--data", str(data), "--out", str(tmp_path / "x.ttl"))
    assert result.returncode == 2
    assert "mini-001.yaml: record mini-001: fact find-erythema: finding: unknown standard term HP:9999999" in result.stderr
    assert not (tmp_path / "x.ttl").exists()


def test_records_without_standard_ids_give_an_empty_module(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "empty.ttl"
    result = run_kg("vocab", "import", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "a owl:Class" not in out.read_text(encoding="utf-8")


def test_build_hands_its_options_to_the_vocabulary_builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(kg.vocab, "main", lambda argv: calls.append(list(argv)) or 2)
    result = CliRunner().invoke(cli, ["vocab", "build", "--out", str(tmp_path / "o"), "--cache", str(tmp_path / "c")])
    assert calls == [["build", "--out", str(tmp_path / "o"), "--cache", str(tmp_path / "c")]]
    assert result.exit_code == 2
