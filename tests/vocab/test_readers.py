"""One test group per source format, on small inputs written here."""

from __future__ import annotations

import json
import pickle

import pytest

from kg.vocab.errors import SourceError
from kg.vocab.model import Synonym
from kg.vocab.readers import READERS
from kg.vocab.readers.drugner import safe_unpickle
from kg.vocab.readers.obo import parse_synonym

OBO = b"""format-version: 1.2
data-version: hp/releases/2025-01-16
ontology: hp.obo

[Term]
id: HP:0000822
name: Hypertension
def: "The presence of chronic \\"increased\\" pressure." [https://orcid.org/0000-0002-0736-9199]
synonym: "Arterial hypertension" EXACT []
synonym: "High blood pressure" RELATED layperson [https://orcid.org/0000-0001-5208-3432]
synonym: "HTN" EXACT abbreviation []
synonym: "Old name" EXACT obsolete_synonym []
is_a: HP:0032263 ! Increased blood pressure

[Term]
id: HP:0000001
name: obsolete thing
is_obsolete: true

[Typedef]
id: part_of
name: part of
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"Arterial hypertension" EXACT []', Synonym("Arterial hypertension", "exact")),
        ('"High blood pressure" RELATED layperson [x:1]', Synonym("High blood pressure", "related")),
        ('"HTN" EXACT abbreviation []', Synonym("HTN", "abbreviation")),
        ('"Big" BROAD []', Synonym("Big", "broad")),
        ('"Old" EXACT obsolete_synonym []', None),
        ("no quotes", None),
    ],
)
def test_obo_synonym_lines(line: str, expected: Synonym | None) -> None:
    assert parse_synonym(line) == expected


def test_obo_terms_and_version() -> None:
    terms, version = READERS["obo"](OBO, "HP")
    assert version == "2025-01-16"
    assert [t.id for t in terms] == ["HP:0000822", "HP:0000001"]
    hypertension, obsolete = terms
    assert hypertension.definition == 'The presence of chronic "increased" pressure.'
    assert hypertension.parents == ("HP:0032263",)
    assert [s.kind for s in hypertension.synonyms] == ["exact", "related", "abbreviation"]
    assert obsolete.obsolete


def test_cellxgene_terms_take_distance_one_as_parents() -> None:
    data = {
        "UBERON:0003403": {
            "label": "skin of forearm",
            "synonyms": ["forearm skin"],
            "description": "A zone of skin.",
            "deprecated": False,
            "ancestors": {"UBERON:0002427": 1, "UBERON:0002386": 1, "UBERON:0001062": 7},
        },
        "UBERON:0000000": {"label": "obsolete x", "deprecated": True, "ancestors": {}},
    }
    terms, version = READERS["cellxgene"](json.dumps(data).encode(), "UBERON")
    assert version == ""
    skin = terms[0]
    assert skin.parents == ("UBERON:0002386", "UBERON:0002427")
    assert skin.ancestors == {"UBERON:0002427", "UBERON:0002386", "UBERON:0001062"}
    assert skin.synonyms == (Synonym("forearm skin", "synonym"),)
    assert terms[1].obsolete


def drug_dictionary() -> bytes:
    table = {
        "drug_variant_to_canonical": {"warfarin": ["warfarin"], "coumadin": ["warfarin"], "aspirin": ["aspirin"], "mystery": ["mystery"]},
        "drug_canonical_to_data": {
            "warfarin": {"name": "Warfarin", "drugbank_id": "DB00682"},
            "aspirin": {"name": "Aspirin", "drugbank_id": "DB00945", "synonyms": ["ASA"]},
            "mystery": {"name": "Mystery", "mesh_id": "D000000"},
        },
        "drug_variant_to_variant_data": {"coumadin": {"is_brand": True}},
    }
    return pickle.dumps(table)


def test_drug_dictionary_keeps_drugbank_entries_only() -> None:
    terms, _ = READERS["drugner"](drug_dictionary(), "DRUGBANK")
    assert [(t.id, t.label) for t in terms] == [("DRUGBANK:DB00682", "Warfarin"), ("DRUGBANK:DB00945", "Aspirin")]
    assert terms[0].synonyms == (Synonym("coumadin", "brand"),)
    assert terms[1].synonyms == (Synonym("ASA", "synonym"),)


class Payload:
    """Any class instance: the drug reader must refuse to build it."""


def test_the_drug_reader_refuses_pickled_objects() -> None:
    with pytest.raises(SourceError, match="refusing"):
        safe_unpickle(pickle.dumps({"x": Payload()}))


def test_gnuhealth_procedures() -> None:
    xml = b"""<?xml version="1.0" encoding="utf-8"?><tryton><data>
    <record model="gnuhealth.procedure" id="cie9_86-22"><field name="name">86.22</field>
    <field name="description">Excisional debridement of wound, infection, or burn</field></record>
    <record model="other.model" id="x"><field name="name">1</field><field name="description">no</field></record>
    </data></tryton>"""
    terms, _ = READERS["gnuhealth"](xml, "ICD9CM")
    assert [(t.id, t.label, t.parents) for t in terms] == [("ICD9CM:86.22", "Excisional debridement of wound, infection, or burn", ())]
    with pytest.raises(SourceError):
        READERS["gnuhealth"](b"<tryton>", "ICD9CM")
