"""MIREOT-style imports: ancestors, branch placement, annotations, determinism, and consistency under HermiT."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import CCK, OBOINOWL
from kg.vocab import UnknownStandardTerm, import_closure, import_graph, import_turtle, iri_for

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
OBO = "http://purl.obolibrary.org/obo/"
USED = [
    "HP:0000822",
    "HP:0025520",
    "HP:0001482",
    "HP:0012531",
    "HP:0100324",
    "MONDO:0005015",
    "MONDO:0005100",
    "MONDO:0005300",
    "MONDO:0016367",
    "MONDO:0017215",
    "MONDO:0005315",
    "UBERON:0002101",
    "UBERON:0003403",
    "UBERON:0001465",
    "UBERON:0001456",
    "DRUGBANK:DB09499",
    "DRUGBANK:DB00682",
    "DRUGBANK:DB00343",
    "ICD9CM:86.22",
    "ICD9CM:86.3",
]


def superclasses(graph: Graph, iri: str) -> set[URIRef]:
    """Named superclasses, transitively, through rdfs:subClassOf only."""
    seen: set[URIRef] = set()
    todo = [URIRef(iri)]
    while todo:
        for parent in graph.objects(todo.pop(), RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


@pytest.fixture(scope="module")
def imported() -> Graph:
    return import_graph(USED)


def test_iris_follow_the_chosen_conventions() -> None:
    assert iri_for("HP:0000822") == OBO + "HP_0000822"
    assert iri_for("DRUGBANK:DB09499") == "https://go.drugbank.com/drugs/DB09499"
    assert iri_for("ICD9CM:86.22") == "http://purl.bioontology.org/ontology/ICD9CM/86.22"


def test_a_term_comes_with_its_ancestors_up_to_the_branch(imported: Graph) -> None:
    chain = superclasses(imported, OBO + "HP_0000822")
    assert {URIRef(OBO + "HP_0032263"), URIRef(OBO + "HP_0000118"), CCK.ClinicalFinding} <= chain
    assert (URIRef(OBO + "HP_0000118"), RDFS.subClassOf, CCK.ClinicalFinding) in imported
    assert CCK.Condition in superclasses(imported, OBO + "MONDO_0005015")
    assert superclasses(imported, "https://go.drugbank.com/drugs/DB09499") == {CCK.Drug}
    assert superclasses(imported, "http://purl.bioontology.org/ontology/ICD9CM/86.22") == {CCK.Procedure}
    assert set(import_closure(["HP:0000822"], _terms())) >= {"HP:0000822", "HP:0032263", "HP:0000118"}


def _terms():  # type: ignore[no-untyped-def]
    from kg.vocab import load_terms

    return load_terms()


def test_uberon_parents_become_part_of_restrictions(imported: Graph) -> None:
    skin = URIRef(OBO + "UBERON_0003403")
    assert (skin, RDFS.subClassOf, CCK.AnatomicSite) in imported
    wholes = {
        imported.value(r, OWL.someValuesFrom)
        for r in imported.objects(skin, RDFS.subClassOf)
        if isinstance(r, BNode) and imported.value(r, OWL.onProperty) == CCK.partOf
    }
    assert {URIRef(OBO + "UBERON_0002386"), URIRef(OBO + "UBERON_0002427")} <= wholes
    assert (URIRef(OBO + "UBERON_0002386"), RDF.type, OWL.Class) in imported


def test_labels_synonyms_and_ids_are_carried_verbatim(imported: Graph) -> None:
    hypertension = URIRef(OBO + "HP_0000822")
    assert imported.value(hypertension, RDFS.label) == Literal("Hypertension", lang="en")
    assert Literal("Arterial hypertension", lang="en") in set(imported.objects(hypertension, SKOS.altLabel))
    assert imported.value(hypertension, OBOINOWL.hasRelatedSynonym) == Literal("High blood pressure", lang="en")
    assert imported.value(hypertension, OBOINOWL.id) == Literal("HP:0000822")
    assert imported.value(hypertension, SKOS.definition) is not None
    assert Literal("DM", lang="en") in set(imported.objects(URIRef(OBO + "MONDO_0005015"), CCK.abbreviation))
    header = [str(s) for s in imported.objects(None, URIRef("http://purl.org/dc/terms/source"))]
    assert any("Human Phenotype Ontology, version 2025-01-16" in s for s in header)


def test_the_turtle_is_deterministic() -> None:
    assert import_turtle(list(reversed(USED))) == import_turtle(USED)


def test_unknown_ids_are_named() -> None:
    with pytest.raises(UnknownStandardTerm, match="HP:9999999"):
        import_turtle(["HP:0000822", "HP:9999999"])


def test_the_import_is_consistent_with_the_project_ontology_under_hermit(imported: Graph) -> None:
    import owlready2

    logging.getLogger("owlready2").setLevel(logging.ERROR)
    graph = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        graph.parse(path)
    graph += imported
    with tempfile.TemporaryDirectory(prefix="kg-vocab-owl-") as tmp:
        path = Path(tmp) / "ontology.owl"
        graph.serialize(path, format="xml")
        world = owlready2.World()
        try:
            onto = world.get_ontology(path.as_uri()).load()
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            assert list(world.inconsistent_classes()) == []
            finding = world[str(CCK.ClinicalFinding)]
            assert finding in world[OBO + "HP_0000822"].ancestors()
            assert world[str(CCK.AnatomicSite)] in world[OBO + "UBERON_0002386"].ancestors()
        finally:
            world.close()
