"""Records naming standard terms: the build imports them, and an added term rebuilds only the ontology, not the cases.

A built synthetic corpus gets a new record whose comorbidity is a Mondo term
the project ontology lacks. The incremental build builds that case only,
reclassifies the ontology with the term and its ancestors, and gives what a
clean build gives; queries see the term's label and hierarchy. Removing the
record again returns to the outputs of the first build without the reasoner.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import OUTPUT_FILES, build
from kg.build.pipeline import IMPORTS_FILE
from kg.ontology.terms import TermIndex
from kg.query.graph import KnowledgeGraph
from kg.synth import write_corpus

from .test_build import _files, _store_dump

CASES = 8
"""With the added record, nine cases: two batches, so that a build with two processes forks both."""
ALZHEIMER = "MONDO:0004975"
ALZHEIMER_IRI = "http://purl.obolibrary.org/obo/MONDO_0004975"
DEMENTIA = "MONDO:0001627"
"""A Mondo ancestor of Alzheimer disease, not a project term."""


def _outputs(out: Path) -> dict[str, bytes]:
    """The files a user reads (the cache apart), and the store as a canonical dump."""
    files = {name: data for name, data in _files(out).items() if not name.startswith("cache/")}
    files["store (canonical)"] = "\n".join(_store_dump(out)).encode()
    return files


def _planned(messages: list[str]) -> str:
    return next(m for m in messages if " to build" in m)


def _reasoned(messages: list[str]) -> bool:
    return any(m.startswith("reasoning: classifying") for m in messages)


def _add_record(data: Path, reports: Path) -> Path:
    """A copy of the first record as a new case whose first comorbidity is Alzheimer disease (a Mondo id)."""
    source = sorted(data.glob("*.yaml"))[0]
    text = source.read_text(encoding="utf-8")
    old_id = source.stem
    shutil.copyfile(reports / f"{old_id}.txt", reports / "added-case.txt")
    text = text.replace(f"id: {old_id}\n", "id: added-case\n", 1).replace(f"file: {old_id}.txt\n", "file: added-case.txt\n", 1)
    text, swapped = re.subn(
        r"(  condition: )\w+(\n  status: \w+\n(?:  \w+: .*\n)*?  category: comorbidity)", rf"\g<1>{ALZHEIMER}\g<2>", text, count=1
    )
    assert swapped == 1, "the synthetic record has a comorbidity to swap"
    target = data / "added-case.yaml"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("standard-corpus")
    write_corpus(folder, CASES, seed=5)
    return folder


def test_the_chosen_term_is_imported_not_mapped_to_a_project_term() -> None:
    term = TermIndex.load().resolve(ALZHEIMER)
    assert term is not None and str(term.iri) == ALZHEIMER_IRI


def test_a_new_standard_term_rebuilds_the_ontology_and_only_the_new_case(corpus: Path, tmp_path: Path) -> None:
    data, reports = tmp_path / "data", tmp_path / "reports"
    shutil.copytree(corpus / "data", data)
    shutil.copytree(corpus / "reports", reports)
    out = tmp_path / "out"
    build(data, out, reports, jobs=1)
    first = _outputs(out)
    assert IMPORTS_FILE not in first

    added = _add_record(data, reports)
    messages: list[str] = []
    build(data, out, reports, messages.append, jobs=1)
    assert _planned(messages).startswith(f"{CASES + 1} record(s): {CASES} unchanged, 1 to build")
    assert _reasoned(messages), "a new imported class is classified with HermiT"

    clean = tmp_path / "clean"
    build(data, clean, reports, jobs=1, incremental=False)
    assert _outputs(out) == _outputs(clean)
    parallel = tmp_path / "parallel"
    build(data, parallel, reports, jobs=2, incremental=False)
    assert _outputs(parallel) == _outputs(clean)

    imports = (out / IMPORTS_FILE).read_text(encoding="utf-8")
    assert "obo:MONDO_0004975 a owl:Class" in imports and "obo:MONDO_0001627 a owl:Class" in imports
    manifest = json.loads((out / "cache" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["imports"]["used"] == [ALZHEIMER]

    graph = KnowledgeGraph.open(out)
    rows = graph.query("comorbidities", under=DEMENTIA)
    assert {(row["case"], row["condition_label"]) for row in rows} == {("added-case", "Alzheimer disease")}
    store = ox.Store.read_only(str(out / OUTPUT_FILES["store"]))
    ask = f"ASK {{ <{ALZHEIMER_IRI}> <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ <https://w3id.org/calcinosis-kg/ontology/Condition> }}"
    assert store.query(ask, use_default_graph_as_union=True)

    messages.clear()
    build(data, out, reports, messages.append)
    assert _planned(messages).startswith(f"{CASES + 1} record(s): {CASES + 1} unchanged, 0 to build")
    assert not _reasoned(messages), "the same imports reuse the classification"
    assert _outputs(out) == _outputs(clean)

    added.unlink()
    messages.clear()
    build(data, out, reports, messages.append)
    assert not _reasoned(messages), "fewer imports cut the cached classification down"
    assert _outputs(out) == first


def test_a_standard_id_written_only_in_a_note_is_not_imported(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus / "data", data)
    record = sorted(data.glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nnotes:\n", f"\nnotes:\n- compare {ALZHEIMER}, not used here\n", 1), encoding="utf-8")
    assert ALZHEIMER in record.read_text(encoding="utf-8")
    out = tmp_path / "out"
    messages: list[str] = []
    build(data, out, corpus / "reports", messages.append, jobs=1)
    assert any(m.startswith("standard terms: 1 ") for m in messages), "the scan finds the id"
    assert not (out / IMPORTS_FILE).exists()
    graph = KnowledgeGraph.open(out)
    assert graph.sparql(f"ASK {{ GRAPH ?g {{ ?s ?p <{ALZHEIMER_IRI}> }} }}").rows == ({"result": False},)
    assert graph.sparql(f"ASK {{ GRAPH ?g {{ <{ALZHEIMER_IRI}> ?p ?o }} }}").rows == ({"result": False},)
