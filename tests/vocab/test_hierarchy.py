"""Which terms a source keeps, under which branch, with which parents."""

from __future__ import annotations

from dataclasses import replace

from kg.vocab.hierarchy import ancestor_closure, select_terms
from kg.vocab.model import Term
from kg.vocab.sources import HP, UBERON


def test_the_closure_survives_a_cycle() -> None:
    closure = ancestor_closure({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]})
    assert closure["d"] == {"a", "b", "c"}
    assert closure["a"] == {"b", "c"}


def test_only_descendants_of_a_root_are_kept_with_parents_inside() -> None:
    terms = [
        Term("HP:0000001", "All", "HP"),
        Term("HP:0000118", "Phenotypic abnormality", "HP", parents=("HP:0000001",)),
        Term("HP:0000005", "Mode of inheritance", "HP", parents=("HP:0000001",)),
        Term("HP:0000822", "Hypertension", "HP", parents=("HP:0000118", "HP:0000005")),
        Term("HP:0000999", "old", "HP", parents=("HP:0000118",), obsolete=True),
    ]
    placed = select_terms(terms, HP)
    assert [(p.term.id, p.branch, p.term.parents) for p in placed] == [
        ("HP:0000118", "ClinicalFinding", ()),
        ("HP:0000822", "ClinicalFinding", ("HP:0000118",)),
    ]


def test_excluded_subtrees_are_cut() -> None:
    root = Term("UBERON:0001062", "anatomical entity", "UBERON")
    embryo = Term("UBERON:0000922", "embryo", "UBERON", parents=("UBERON:0001062",), ancestors=frozenset({"UBERON:0001062"}))
    part = Term("UBERON:9", "embryo part", "UBERON", parents=("UBERON:0000922",), ancestors=frozenset({"UBERON:0000922", "UBERON:0001062"}))
    limb = Term("UBERON:0002101", "limb", "UBERON", parents=("UBERON:0001062",), ancestors=frozenset({"UBERON:0001062"}))
    placed = select_terms([root, embryo, part, limb], replace(UBERON))
    assert [p.term.id for p in placed] == ["UBERON:0001062", "UBERON:0002101"]
    assert all(p.branch == "AnatomicSite" for p in placed)
