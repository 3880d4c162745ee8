"""Standard ids in the term index: resolution, branches, ancestors, mapping to project terms, lazy loading, lookups."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import URIRef

from kg.errors import QueryError
from kg.namespaces import CCK
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex
from kg.vocab import curie_for, import_graph, iri_for, is_standard_id, load_terms, scan_ids

OBO = "http://purl.obolibrary.org/obo/"
IMPORTED = ["HP:0000822", "MONDO:0004975", "UBERON:0003403", "DRUGBANK:DB00682", "ICD9CM:86.22"]
BRANCH = {"HP": "ClinicalFinding", "MONDO": "Condition", "UBERON": "AnatomicSite", "DRUGBANK": "Drug", "ICD9CM": "Procedure"}


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex.load()


@pytest.mark.parametrize("curie", IMPORTED)
def test_a_standard_id_resolves_to_its_term_under_its_branch(index: TermIndex, curie: str) -> None:
    term = index.resolve(curie)
    assert term is not None
    assert str(term.iri) == iri_for(curie)
    assert term.local_name == curie and term.xrefs == (curie,)
    assert term.label == load_terms()[curie].term.label
    branch = BRANCH[curie.split(":")[0]]
    assert index.branch_of(term) == branch
    assert index.in_branch(curie, branch) and index.in_branch(curie, "Term")
    assert {CCK[branch], CCK.Term} <= term.ancestors


def test_ancestors_are_the_vocabulary_chain_up_to_the_branch_root(index: TermIndex) -> None:
    hypertension = index.resolve("HP:0000822")
    assert hypertension is not None
    assert {URIRef(OBO + "HP_0000118"), URIRef(OBO + "HP_0001626")} <= hypertension.ancestors
    assert "Arterial hypertension" in hypertension.synonyms
    skin = index.resolve("UBERON:0003403")
    assert skin is not None and skin.ancestors == {CCK.AnatomicSite, CCK.Term}, "Uberon parents are part-of, not superclasses"


def test_the_reference_tables_and_an_import_module_describe_a_term_alike(index: TermIndex) -> None:
    with_module = index.with_imports(import_graph(IMPORTED))
    for curie in IMPORTED:
        assert with_module.resolve(curie) == index.resolve(curie), curie
    assert URIRef(iri_for("MONDO:0004975")) in with_module.terms
    assert URIRef(iri_for("MONDO:0004975")) not in index.terms, "the curated index stays curated"


def test_an_id_a_project_term_cross_references_resolves_to_the_project_term(index: TermIndex) -> None:
    mapped = {curie: iri for curie, iri in index.mapped_ids.items() if is_standard_id(curie)}
    assert len(mapped) >= 60
    for curie, iri in mapped.items():
        term = index.resolve(curie)
        assert term is not None and term.iri == iri
    assert index.imported_ids([*mapped, *IMPORTED, "MONDO:9999999"]) == tuple(sorted(IMPORTED))


def test_unknown_and_malformed_ids_resolve_to_nothing(index: TermIndex) -> None:
    for name in ("MONDO:9999999", "DRUGBANK:DB99999", "MONDO:123", "NCIT:C12345", "mondo:0004975"):
        assert index.resolve(name) is None, name


def test_the_curated_index_loads_no_vocabulary_until_a_standard_id_is_seen() -> None:
    code = (
        "import sys; from kg.ontology.terms import TermIndex; i = TermIndex.load(); i.resolve('Heparin'); i.resolve('cck:Thigh');"
        " assert not any(m.startswith('kg.vocab') for m in sys.modules), 'vocab imported early';"
        " assert i.resolve('MONDO:0004975') is not None"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_lookups_take_standard_ids_and_iris(index: TermIndex) -> None:
    lookup = TermLookup(index)
    assert str(lookup.resolve("MONDO:0004975")) == OBO + "MONDO_0004975"
    assert str(lookup.resolve(f"<{OBO}HP_0000822>")) == OBO + "HP_0000822"
    diabetes = next(curie for curie, iri in index.mapped_ids.items() if iri == CCK.DiabetesMellitus and curie.startswith("MONDO:"))
    assert lookup.resolve(diabetes) == CCK.DiabetesMellitus
    with pytest.raises(QueryError, match="unknown term 'MONDO:9999999'"):
        lookup.resolve("MONDO:9999999")
    assert TermLookup(index.with_imports(import_graph(["MONDO:0004975"]))).resolve("alzheimer disease") == URIRef(OBO + "MONDO_0004975")


def test_every_shipped_id_has_the_syntax_records_use_and_its_iri_maps_back() -> None:
    table = load_terms()
    assert all(is_standard_id(curie) for curie in table)
    assert all(curie_for(iri_for(curie)) == curie for curie in table)


def test_the_scan_finds_ids_standing_alone_and_nothing_else() -> None:
    text = b"condition: MONDO:0004975\nnote: 'see HP:0000822.' [DRUGBANK:DB00682, ICD9CM:86.22] xMONDO:0000001 MONDO:00049751 ICD9CM:86.225 HP:12"
    assert scan_ids(text) == {"MONDO:0004975", "HP:0000822", "DRUGBANK:DB00682", "ICD9CM:86.22"}
