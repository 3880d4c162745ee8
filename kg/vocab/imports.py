"""MIREOT-style imports: the standard terms a build uses, with their ancestors, as OWL classes.

Given the standard ids that records name (``HP:0000822``, ``MONDO:0005015``,
``UBERON:0002101``, ``DRUGBANK:DB09499``, ``ICD9CM:86.22``), :func:`import_turtle`
writes one Turtle module that declares each of them and every ancestor up to
its vocabulary's root as an ``owl:Class`` with its IRI (OBO PURL, DrugBank
drug page, BioPortal ICD9CM PURL), and places the roots under the project's
branch classes, so that SHACL branch checks (``rdfs:subClassOf*``), HermiT,
queries and exports treat them like project terms. As OBO projects do with
``robot extract --method MIREOT``, only the named terms and their ancestors
come in, with their annotations, verbatim:

- ``rdfs:label`` (``@en``), ``skos:definition`` when the source has one;
- exact and unscoped synonyms and brand names as ``skos:altLabel``, synonyms written in
  capitals as ``cck:abbreviation`` (a sub-property of ``skos:altLabel`` that the
  project matches case-sensitively), related/broad/narrow synonyms as
  ``oboInOwl:hasRelatedSynonym``/``hasBroadSynonym``/``hasNarrowSynonym`` (kept, not matched);
- ``oboInOwl:id`` (the CURIE) and ``rdfs:isDefinedBy`` (the source ontology);
  no ``oboInOwl:hasDbXref``, which in the project's modules points from a
  project term to a standard one, not from a term to itself.

Hierarchy: HPO and Mondo parents become ``rdfs:subClassOf``; the source roots
(``HP:0000118``, ``MONDO:0000001``, ``MONDO:0021178``) are placed under
``cck:ClinicalFinding`` / ``cck:Condition``. Uberon terms follow the project's
own anatomy module: each is a direct subclass of ``cck:AnatomicSite``, and its
parents become ``cck:partOf some`` restrictions, since cellxgene's data does not
tell ``is_a`` from ``part_of`` (a part-of reading holds for both under the
reflexive parthood of OBO). DrugBank and ICD-9-CM terms have no hierarchy and
go directly under ``cck:Drug`` / ``cck:Procedure``.

The output is deterministic: classes sorted by IRI, annotations sorted, one
fixed layout, no blank-node labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef

from ..namespaces import CCK, OBOINOWL
from .errors import UnknownStandardTerm
from .hierarchy import Placed
from .model import Synonym
from .normalize import is_abbreviation
from .sources import SOURCES, Source, iri_for, source_for_prefix
from .terms import load_provenance, load_terms

__all__ = ["IMPORT_IRI", "import_closure", "import_turtle", "import_graph", "synonym_property"]

IMPORT_IRI = "https://w3id.org/calcinosis-kg/ontology/imports/standard-terms"

_OBO = "http://purl.obolibrary.org/obo/"
_PREFIXES = (
    ("cck", str(CCK)),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("obo", _OBO),
    ("oboInOwl", str(OBOINOWL)),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
)
_SYNONYM_PROPERTY = {
    "related": "oboInOwl:hasRelatedSynonym",
    "broad": "oboInOwl:hasBroadSynonym",
    "narrow": "oboInOwl:hasNarrowSynonym",
}
_ANNOTATION_PROPERTIES = ("dcterms:source", "oboInOwl:id", *sorted(_SYNONYM_PROPERTY.values()))


def import_closure(ids: Iterable[str], terms: Mapping[str, Placed]) -> list[str]:
    """The ids and all their ancestors in ``terms``, sorted; unknown ids raise :class:`UnknownStandardTerm`."""
    wanted = sorted(set(ids))
    unknown = [i for i in wanted if i not in terms]
    if unknown:
        raise UnknownStandardTerm(unknown)
    seen: set[str] = set()
    stack = list(wanted)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(p for p in terms[current].term.parents if p in terms)
    return sorted(seen)


def _iri(curie: str) -> str:
    iri = iri_for(curie)
    if iri.startswith(_OBO):
        return "obo:" + iri[len(_OBO) :]
    return f"<{URIRef(iri)}>"


def _text(value: str) -> str:
    return str(Literal(value, lang="en").n3())


def _superclasses(item: Placed, source: Source) -> list[str]:
    branch = f"cck:{item.branch}"
    parents = sorted(_iri(p) for p in item.term.parents)
    if source.parent_axiom == "partOf":
        return [branch, *(f"[ a owl:Restriction ; owl:onProperty cck:partOf ; owl:someValuesFrom {p} ]" for p in parents)]
    return parents or [branch]


def synonym_property(synonym: Synonym, label: str) -> str | None:
    """The property (as a CURIE) an import writes a synonym with, or None for a synonym equal to the label.

    ``skos:altLabel`` and ``cck:abbreviation`` are the names the project
    matches; related, broad and narrow synonyms get their oboInOwl property.
    """
    if synonym.text == label:
        return None
    if synonym.kind in _SYNONYM_PROPERTY:
        return _SYNONYM_PROPERTY[synonym.kind]
    if synonym.kind == "abbreviation" or is_abbreviation(synonym.text):
        return "cck:abbreviation"
    return "skos:altLabel"


def _annotations(item: Placed, source: Source) -> list[str]:
    term = item.term
    lines = [f"rdfs:label {_text(term.label)}"]
    if term.definition:
        lines.append(f"skos:definition {_text(term.definition)}")
    synonyms: set[tuple[str, str]] = set()
    for synonym in term.synonyms:
        prop = synonym_property(synonym, term.label)
        if prop is not None:
            synonyms.add((prop, synonym.text))
    lines.extend(f"{prop} {_text(text)}" for prop, text in sorted(synonyms))
    lines.append(f"oboInOwl:id {Literal(term.id).n3()!s}")
    lines.append(f"rdfs:isDefinedBy <{source.defined_by}>")
    return lines


def _class_block(item: Placed) -> str:
    source = source_for_prefix(item.term.id.split(":", 1)[0])
    parts = ["a owl:Class", "rdfs:subClassOf " + " ,\n        ".join(_superclasses(item, source)), *_annotations(item, source)]
    return f"{_iri(item.term.id)} " + " ;\n    ".join(parts) + " .\n"


def _header(used_sources: list[Source], provenance: Mapping[str, Any]) -> str:
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in _PREFIXES]
    lines += ["", "# Generated by kg.vocab.imports from the reference terms: do not edit.", ""]
    lines += [f"{prop} a owl:AnnotationProperty ." for prop in _ANNOTATION_PROPERTIES]
    notes = []
    for source in used_sources:
        info = provenance.get("sources", {}).get(source.key, {})
        version = info.get("version", source.data_version)
        notes.append(f"{source.name}, version {version}; {source.licence}. {source.attribution}")
    header = [
        f"<{IMPORT_IRI}> a owl:Ontology",
        'rdfs:label "standard terms imported into the calcinosis cutis ontology"@en',
        "rdfs:comment "
        + _text(
            "MIREOT-style import of the standard terms that the case records name, with their ancestors;"
            " labels, synonyms and definitions verbatim from the sources."
        ),
        *(f"dcterms:source {_text(note)}" for note in notes),
    ]
    return "\n".join(lines) + "\n\n" + " ;\n    ".join(header) + " .\n"


def import_turtle(ids: Iterable[str], terms: Mapping[str, Placed] | None = None, provenance: Mapping[str, Any] | None = None) -> str:
    """The import module for the standard ids ``ids`` as Turtle text (default: the shipped terms and provenance)."""
    table = terms if terms is not None else load_terms()
    closure = import_closure(ids, table)
    used = {i.split(":", 1)[0] for i in closure}
    used_sources = [s for s in SOURCES if s.prefix in used]
    info = provenance if provenance is not None else load_provenance()
    blocks = [_class_block(table[i]) for i in sorted(closure, key=iri_for)]
    return _header(used_sources, info) + "".join("\n" + b for b in blocks)


def import_graph(ids: Iterable[str], terms: Mapping[str, Placed] | None = None, provenance: Mapping[str, Any] | None = None) -> Graph:
    """:func:`import_turtle` parsed into an rdflib graph."""
    return Graph().parse(data=import_turtle(ids, terms, provenance), format="turtle")
