"""Standard ids for phenopacket ontology classes: CURIEs from cross-references and IRIs, their resources, fixed classes.

A term's ids are its ``oboInOwl:hasDbXref`` and ``oboInOwl:id`` values and the
CURIE of its own IRI when that is a standard term's IRI (OBO PURL, DrugBank or
BioPortal IRI, as :mod:`kg.vocab` imports them). Prefixes are brought to the
project's spelling (``HP``, ``MONDO``, ``CHEBI``, ``DRUGBANK``, ``RXNORM``,
``NCIT``, ``SCTID``, ``ICD9CM``), case-insensitively.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from kg.errors import ExportError

__all__ = [
    "PHENOTYPE", "DISEASE", "DRUG", "PROCEDURE", "RESPONSE", "EVIDENCE", "HUMAN", "ROUTES",
    "standard_id", "pick", "missing", "iso8601_duration", "ontology_prefixes", "resources",
]  # fmt: skip

PHENOTYPE = ("HP",)
DISEASE = ("MONDO",)
DRUG = ("DRUGBANK", "CHEBI", "RXNORM")
PROCEDURE = ("NCIT", "SCTID", "ICD9CM")
RESPONSE = ("NCIT", "SCTID")
"""The prefixes a role accepts, in order of preference."""
EVIDENCE = ("ECO:0006017", "author statement from published clinical study used in manual assertion")
HUMAN = ("NCBITaxon:9606", "Homo sapiens")
ROUTES = {  # NCIt codes of the FDA structured product labelling route list
    "intravenous": ("NCIT:C38276", "Intravenous Route of Administration"),
    "oral": ("NCIT:C38288", "Oral Route of Administration"),
    "topical": ("NCIT:C38304", "Topical Route of Administration"),
    "intralesional": ("NCIT:C38250", "Intralesional Route of Administration"),
    "subcutaneous": ("NCIT:C38299", "Subcutaneous Route of Administration"),
}

_OBO = "http://purl.obolibrary.org/obo/"
_RESOURCES = {  # prefix: (resource id, name, ontology url, IRI prefix)
    "HP": ("hp", "Human Phenotype Ontology", _OBO + "hp.owl", _OBO + "HP_"),
    "MONDO": ("mondo", "Mondo Disease Ontology", _OBO + "mondo.owl", _OBO + "MONDO_"),
    "CHEBI": ("chebi", "Chemical Entities of Biological Interest", _OBO + "chebi.owl", _OBO + "CHEBI_"),
    "NCIT": ("ncit", "NCI Thesaurus", _OBO + "ncit.owl", _OBO + "NCIT_"),
    "UBERON": ("uberon", "Uberon multi-species anatomy ontology", _OBO + "uberon.owl", _OBO + "UBERON_"),
    "ECO": ("eco", "Evidence and Conclusion Ontology", _OBO + "eco.owl", _OBO + "ECO_"),
    "NCBITaxon": ("ncbitaxon", "NCBI organismal classification", _OBO + "ncbitaxon.owl", _OBO + "NCBITaxon_"),
    "DRUGBANK": ("drugbank", "DrugBank", "https://go.drugbank.com", "https://go.drugbank.com/drugs/"),
    "RXNORM": ("rxnorm", "RxNorm", "http://purl.bioontology.org/ontology/RXNORM", "http://purl.bioontology.org/ontology/RXNORM/"),
    "SCTID": ("snomedct", "SNOMED CT", "http://snomed.info/sct", "http://snomed.info/id/"),
    "ICD9CM": ("icd9cm", "ICD-9-CM", "http://purl.bioontology.org/ontology/ICD9CM", "http://purl.bioontology.org/ontology/ICD9CM/"),
}  # fmt: skip
_CANONICAL = {prefix.lower(): prefix for prefix in _RESOURCES if prefix not in ("ECO", "NCBITaxon")}
_CANONICAL.update({"snomedct": "SCTID", "snomed": "SCTID", "snomedct_us": "SCTID"})
_NAMES = {
    "HP": "HPO",
    "MONDO": "Mondo",
    "DRUGBANK": "DrugBank",
    "CHEBI": "ChEBI",
    "RXNORM": "RxNorm",
    "NCIT": "NCIt",
    "SCTID": "SNOMED CT",
    "ICD9CM": "ICD-9-CM",
}
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.]*):([^\s:/]\S*)$")
_LETTERS = {"year": "Y", "month": "M", "week": "W", "day": "D"}


@cache
def _iri_bases() -> tuple[tuple[str, str], ...]:
    """(IRI base, prefix) of the vocabularies whose IRIs are not OBO PURLs, longest base first."""
    from kg.vocab.sources import SOURCES

    bases = {source.iri_base: source.prefix for source in SOURCES if source.iri_base}
    bases.update({row[3]: prefix for prefix, row in _RESOURCES.items()})
    return tuple(sorted(((b, p) for b, p in bases.items() if not b.startswith(_OBO)), key=lambda item: -len(item[0])))


def standard_id(text: str) -> str | None:
    """A CURIE of a known prefix from a CURIE or an IRI (``http://purl.obolibrary.org/obo/HP_0000822`` -> ``HP:0000822``)."""
    if text.startswith(_OBO):
        prefix, _, local = text[len(_OBO) :].partition("_")
        return f"{_CANONICAL[prefix.lower()]}:{local}" if local and prefix.lower() in _CANONICAL else None
    for base, prefix in _iri_bases():
        if text.startswith(base) and len(text) > len(base):
            return f"{prefix}:{text[len(base) :]}"
    match = _CURIE.match(text)
    return f"{_CANONICAL[match[1].lower()]}:{match[2]}" if match and match[1].lower() in _CANONICAL else None


def missing(prefixes: tuple[str, ...]) -> str:
    """Why a term cannot fill a role: ``no DrugBank, ChEBI or RxNorm id``."""
    names = [_NAMES[p] for p in prefixes]
    return f"no {', '.join(names[:-1])} or {names[-1]} id" if len(names) > 1 else f"no {names[0]} id"


def pick(ids: tuple[str, ...], prefixes: tuple[str, ...]) -> tuple[str | None, str]:
    """The one id of the first of ``prefixes`` that ``ids`` has, or None and why not (no id, or several)."""
    for prefix in prefixes:
        found = sorted(i for i in ids if i.startswith(prefix + ":"))
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, f"several {_NAMES[prefix]} ids ({', '.join(found)}), none chosen"
    return None, missing(prefixes)


def iso8601_duration(value: str, unit: str) -> str:
    """An age as an ISO 8601 duration: ``52 year`` -> ``P52Y``, ``1.5 year`` -> ``P1Y6M``, ``1.5 week`` -> ``P10D`` (nearest day)."""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ExportError(f"age {value!r} is not a number") from None
    if unit not in _LETTERS or not amount.is_finite() or amount < 0:
        raise ExportError(f"age {value} {unit!r} cannot be written as an ISO 8601 duration")
    if amount == amount.to_integral_value():
        return f"P{int(amount)}{_LETTERS[unit]}"
    if unit == "year" and amount * 12 == (amount * 12).to_integral_value():
        years, months = divmod(int(amount * 12), 12)
        return f"P{years}Y{months}M" if years else f"P{months}M"
    if unit == "week":
        return f"P{round(amount * 7)}D"
    return f"P{amount.normalize():f}{_LETTERS[unit]}"


def ontology_prefixes(message: Any, found: set[str] | None = None) -> set[str]:
    """The CURIE prefixes of every ``OntologyClass`` inside a protobuf message."""
    found = set() if found is None else found
    for field, value in message.ListFields():
        if field.message_type is None:
            continue
        for item in value if not hasattr(value, "ListFields") else (value,):
            if field.message_type.name == "OntologyClass":
                found.add(item.id.split(":", 1)[0])
            elif hasattr(item, "ListFields"):
                ontology_prefixes(item, found)
    return found


def resources(pp: Any, packet: Any) -> list[Any]:
    """One ``Resource`` per prefix the phenopacket uses, sorted by id; versions of the vocabularies :mod:`kg.vocab` ships."""
    from kg.vocab.sources import SOURCES

    versions = {source.prefix: source.data_version for source in SOURCES}
    found = []
    for prefix in sorted(ontology_prefixes(packet)):
        if prefix not in _RESOURCES:
            raise ExportError(f"case {packet.id}: no resource is known for the prefix {prefix!r}")
        rid, name, url, iri = _RESOURCES[prefix]
        found.append(pp.Resource(id=rid, name=name, url=url, version=versions.get(prefix, ""), namespace_prefix=prefix, iri_prefix=iri))
    return sorted(found, key=lambda resource: resource.id)
