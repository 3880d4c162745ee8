"""Project the RDF graph onto a property graph: a networkx ``MultiDiGraph``.

The projection is read from the pyoxigraph store with a few SPARQL queries
whose rows are streamed; the RDF graph is never loaded into rdflib. The
mapping (node labels, relationship types, property names) is documented in
``docs/property-graph.md``; in short:

- one node per case report, patient, reference, patient fact (diagnosis,
  finding, test result, drug exposure, procedure, organism isolation,
  outcome), background claim, and per ontology term of the six domain
  branches (condition, clinical finding, anatomic site, drug, procedure,
  organism); node ids are CURIEs (``cckd:bender-2024/patient``,
  ``cck:Heparin``); attribute ``type`` is the node label;
- one edge per object property between two nodes, its ``type`` the property
  name in upper snake case (``cck:statedIn`` -> ``STATED_IN``), plus
  ``IS_A``/``PART_OF`` between terms and a typed shortcut from each patient
  to each term of its facts (``HAS_CONDITION`` ...) that carries the fact's
  qualifiers (status, negated, response, timing, evidence);
- value-set individuals (``cck:Absent``, ``cck:Held``) become string
  properties (``status: "absent"``), evidence becomes parallel array
  properties (``evidenceSections``, ``evidenceStarts``, ``evidenceEnds``).

Nodes and edges are added in sorted order, so the projection is deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.namespaces import CCK, GRAPH_BASE, INFERRED_GRAPH_BASE, ONTOLOGY_GRAPH, PREFIXES
from kg.ontology.terms import BRANCHES
from kg.rdfterms import solutions, to_python

__all__ = [
    "CASE_LABELS",
    "EVENT_LABELS",
    "TERM_LABELS",
    "SUPER_LABELS",
    "SHORTCUTS",
    "HIERARCHY_TYPES",
    "labels_of",
    "to_networkx",
    "from_build",
    "curie",
    "relationship_type",
]

EVENT_LABELS: tuple[str, ...] = (
    "Diagnosis",
    "Finding",
    "TestResult",
    "DrugExposure",
    "ProcedurePerformed",
    "OrganismIsolation",
    "Outcome",
)
"""Labels of the patient facts (clinical events); each also gets the label ``Event``."""
CASE_LABELS: tuple[str, ...] = ("CaseReport", "Patient", "Reference", *EVENT_LABELS, "BackgroundClaim")
"""Labels of the nodes built from the case records: the local names of their RDF classes."""
TERM_LABELS: tuple[str, ...] = BRANCHES
"""Labels of the ontology terms: the local name of their branch root; each also gets ``Term``."""
SUPER_LABELS: dict[str, tuple[str, ...]] = {"Term": TERM_LABELS, "Event": EVENT_LABELS}
"""Extra labels shared by several node types (for Neo4j, which allows several labels per node)."""

SHORTCUTS: dict[str, tuple[str, str]] = {
    "Diagnosis": ("CONDITION", "HAS_CONDITION"),
    "Finding": ("FINDING", "HAS_FINDING"),
    "TestResult": ("TEST", "HAS_TEST"),
    "DrugExposure": ("DRUG", "HAS_DRUG_EXPOSURE"),
    "ProcedurePerformed": ("PROCEDURE", "HAS_PROCEDURE"),
    "OrganismIsolation": ("ORGANISM", "HAS_ORGANISM"),
}
"""Fact label -> (fact-to-term relationship, patient-to-term shortcut relationship)."""
HIERARCHY_TYPES: frozenset[str] = frozenset({"IS_A", "PART_OF"})
"""Relationship types between ontology terms."""

_SHORTCUT_KEYS = (
    "report", "status", "negated", "response", "testResult", "route", "order", "date",
    "offsetValue", "offsetUnit", "offsetDays", "durationValue", "durationUnit",
    "evidenceSections", "evidenceStarts", "evidenceEnds",
)  # fmt: skip
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OBOINOWL = "http://www.geneontology.org/formats/oboInOwl#"
_ONTOLOGY_GRAPH = str(ONTOLOGY_GRAPH)
_INFERRED_GRAPHS = INFERRED_GRAPH_BASE
_CASE_GRAPHS = GRAPH_BASE

_PROPERTY_NAMES = {
    _RDFS + "label": "name",
    str(CCK.assertionStatus): "status",
    str(CCK.drugStatus): "status",
    str(CCK.procedureStatus): "status",
    str(CCK.author): "authors",
    str(CCK.keyword): "keywords",
    str(CCK.qualifier): "qualifiers",
    str(CCK.curatorNote): "curatorNotes",
    str(CCK.recordNote): "recordNotes",
    str(CCK.sourceIssue): "sourceIssues",
}
_LIST_PROPERTIES = frozenset({"authors", "keywords", "qualifiers", "curatorNotes", "recordNotes", "sourceIssues"})
_TERM_PROPERTIES = {
    _RDFS + "label": "name",
    _SKOS + "definition": "definition",
    _SKOS + "altLabel": "synonyms",
    str(CCK.abbreviation): "abbreviations",
    _OBOINOWL + "hasDbXref": "xrefs",
    _OBOINOWL + "id": "xrefs",  # an imported standard term's own id (HP:0000822)
}
_TERM_LISTS = frozenset({"synonyms", "abbreviations", "xrefs"})
_RELATIONSHIP_NAMES = {_RDFS + "subClassOf": "IS_A"}
_SKIPPED = frozenset({_RDF_TYPE, str(CCK.hasSite), str(CCK.hasSiteMention), str(CCK.hasText)})

Props = dict[str, Any]


def labels_of(node_type: str) -> tuple[str, ...]:
    """The node's labels: its type first, then the shared labels it belongs to."""
    return (node_type, *(label for label, members in SUPER_LABELS.items() if node_type in members))


def curie(iri: str) -> str:
    """Compact an IRI with the project's prefix map (longest namespace wins)."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def relationship_type(predicate_iri: str) -> str:
    """The relationship type of an RDF property: ``hasSite`` -> ``HAS_SITE``."""
    if predicate_iri in _RELATIONSHIP_NAMES:
        return _RELATIONSHIP_NAMES[predicate_iri]
    return _snake(_local(predicate_iri)).upper()


def from_build(out_dir: Path | str, progress: Callable[[int], None] | None = None) -> nx.MultiDiGraph:
    """The projection of a finished build's store (``out/`` by default)."""
    from kg.query.store import open_store

    return to_networkx(open_store(Path(out_dir)), progress)


def to_networkx(store: ox.Store | Path | str, progress: Callable[[int], None] | None = None) -> nx.MultiDiGraph:
    """Project the store (or the store of a build output folder) onto a property graph.

    ``progress``, if given, is called with 1 after each of the projection's steps.
    """
    if not isinstance(store, ox.Store):
        return from_build(store, progress)
    return _Projection(store).graph(progress or (lambda _n: None))


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _ordered(props: Props) -> Props:
    """Properties in a stable order: type, name, then alphabetical."""
    first = [key for key in ("type", "name") if key in props]
    return {key: props[key] for key in [*first, *sorted(set(props) - set(first))]}


def _evidence_index(iri: str) -> tuple[int, str]:
    tail = iri.rsplit("/", 1)[-1]
    return (int(tail), iri) if tail.isdigit() else (-1, iri)


def _printed_order(authors: list[str], author_list: str) -> list[str]:
    """The authors in the order the report prints them (``cck:authorList``), when that list names exactly them."""
    printed = author_list.split("; ")
    return printed if sorted(printed) == sorted(authors) else authors


class _Projection:
    """Collects nodes and edges from the store's rows, then builds the graph in sorted order."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.nodes: dict[str, Props] = {}
        self.lists: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
        self.edges: dict[tuple[str, str, str], Props] = {}

    def rows(self, query: str) -> Iterator[Any]:
        yield from solutions(self.store, query, use_default_graph_as_union=True)

    def graph(self, advance: Callable[[int], None]) -> nx.MultiDiGraph:
        steps = (
            self.terms, self.case_nodes, self.case_triples, self.evidence, self.site_mentions,
            self.report_texts, self.inferred_classes, self.finish_nodes, self.shortcuts,
        )  # fmt: skip
        for step in steps:
            step()
            advance(1)
        graph = nx.MultiDiGraph()
        for node in sorted(self.nodes):
            graph.add_node(node, **_ordered(self.nodes[node]))
        for start, end, key in sorted(self.edges):
            graph.add_edge(start, end, key=key, **_ordered(self.edges[(start, end, key)]))
        return graph

    def add_edge(self, start: str, rel: str, end: str, key: str | None = None, **props: Any) -> None:
        self.edges[(start, end, key or f"{start}|{rel}|{end}")] = {"type": rel, **props}

    def terms(self) -> None:
        roots = " ".join(f"<{CCK[b]}>" for b in BRANCHES)
        branch: dict[str, str] = {}
        query = f"""SELECT ?t ?root WHERE {{ GRAPH <{_ONTOLOGY_GRAPH}> {{
            VALUES ?root {{ {roots} }} ?t a <http://www.w3.org/2002/07/owl#Class> ; <{_RDFS}subClassOf>* ?root }}
            FILTER(isIRI(?t)) }}"""
        for row in self.rows(query):
            t, root = row["t"].value, _local(row["root"].value)
            if t not in branch or BRANCHES.index(root) < BRANCHES.index(branch[t]):
                branch[t] = root
        for iri, root in branch.items():
            self.nodes[curie(iri)] = {"type": root, "iri": iri}
        predicates = " ".join(f"<{p}>" for p in _TERM_PROPERTIES)
        query = f"""SELECT ?t ?p ?o WHERE {{ GRAPH <{_ONTOLOGY_GRAPH}> {{ VALUES ?p {{ {predicates} }} ?t ?p ?o }} }}"""
        for row in self.rows(query):
            node = curie(row["t"].value)
            if node in self.nodes and isinstance(row["o"], ox.Literal):
                self.set_property(node, _TERM_PROPERTIES[row["p"].value], row["o"].value, _TERM_LISTS)
        query = f"""SELECT ?t ?super WHERE {{ GRAPH <{_ONTOLOGY_GRAPH}> {{ ?t <{_RDFS}subClassOf> ?super FILTER(isIRI(?super)) }} }}"""
        for row in self.rows(query):
            start, end = curie(row["t"].value), curie(row["super"].value)
            if start in self.nodes and end in self.nodes and start != end:
                self.add_edge(start, "IS_A", end)
        query = f"""PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?t ?p ?o WHERE {{ GRAPH <{_ONTOLOGY_GRAPH}> {{
            ?t <{_RDFS}subClassOf> ?r . ?r owl:onProperty ?p ; owl:someValuesFrom ?o FILTER(isIRI(?o)) }} }}"""
        for row in self.rows(query):
            start, end = curie(row["t"].value), curie(row["o"].value)
            if start in self.nodes and end in self.nodes:
                self.add_edge(start, relationship_type(row["p"].value), end)

    def case_filter(self) -> str:
        return (f'FILTER(STRSTARTS(STR(?g), "{_CASE_GRAPHS}") && ?g != <{_ONTOLOGY_GRAPH}> '
                f'&& !STRSTARTS(STR(?g), "{_INFERRED_GRAPHS}"))')  # fmt: skip

    def case_nodes(self) -> None:
        types = " ".join(f"<{CCK[label]}>" for label in CASE_LABELS)
        query = f"SELECT DISTINCT ?s ?type WHERE {{ GRAPH ?g {{ VALUES ?type {{ {types} }} ?s a ?type }} {self.case_filter()} }}"
        for row in self.rows(query):
            node, label = curie(row["s"].value), _local(row["type"].value)
            current = self.nodes.get(node)
            if current is None or CASE_LABELS.index(label) < CASE_LABELS.index(current["type"]):
                self.nodes[node] = {"type": label}

    def case_triples(self) -> None:
        # Objects that are neither nodes nor cck: individuals (evidence, site mentions,
        # report texts) are read by their own queries below.
        query = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self.case_filter()} }}"
        for row in self.rows(query):
            node, predicate, obj = curie(row["s"].value), row["p"].value, row["o"]
            if node not in self.nodes or predicate in _SKIPPED:
                continue
            if isinstance(obj, ox.Literal):
                name = _PROPERTY_NAMES.get(predicate, _local(predicate))
                self.set_property(node, name, to_python(obj), _LIST_PROPERTIES)
            elif isinstance(obj, ox.NamedNode):
                target = curie(obj.value)
                if target in self.nodes:
                    self.add_edge(node, relationship_type(predicate), target)
                elif obj.value.startswith(str(CCK)):  # a value-set individual such as cck:Absent
                    name = _PROPERTY_NAMES.get(predicate, _local(predicate))
                    self.set_property(node, name, _snake(_local(obj.value)), _LIST_PROPERTIES)

    def evidence(self) -> None:
        query = f"""PREFIX cck: <{CCK}> SELECT DISTINCT ?s ?p ?ev ?section ?start ?end WHERE {{ GRAPH ?g {{
            ?s ?p ?ev . ?ev a cck:Evidence ; cck:section ?section ; cck:start ?start ; cck:end ?end }} {self.case_filter()} }}"""
        spans: dict[tuple[str, str], list[tuple[tuple[int, str], str, int, int]]] = defaultdict(list)
        for row in self.rows(query):
            node = curie(row["s"].value)
            if node in self.nodes:
                prefix = "evidence" if row["p"].value == str(CCK.hasEvidence) else _local(row["p"].value)
                spans[(node, prefix)].append((_evidence_index(row["ev"].value), row["section"].value, to_python(row["start"]), to_python(row["end"])))
        for (node, prefix), items in spans.items():
            items.sort()
            self.nodes[node][f"{prefix}Sections"] = [section for _, section, _, _ in items]
            self.nodes[node][f"{prefix}Starts"] = [start for _, _, start, _ in items]
            self.nodes[node][f"{prefix}Ends"] = [end for _, _, _, end in items]

    def site_mentions(self) -> None:
        query = f"""PREFIX cck: <{CCK}> SELECT DISTINCT ?s ?m ?site ?lat WHERE {{ GRAPH ?g {{
            ?s cck:hasSiteMention ?m . ?m cck:site ?site OPTIONAL {{ ?m cck:laterality ?lat }} }} {self.case_filter()} }}"""
        for row in self.rows(query):
            node, site = curie(row["s"].value), curie(row["site"].value)
            if node in self.nodes and site in self.nodes:
                props = {"laterality": _snake(_local(row["lat"].value))} if row["lat"] is not None else {}
                self.add_edge(node, "HAS_SITE", site, key=curie(row["m"].value), **props)

    def report_texts(self) -> None:
        query = f"""PREFIX cck: <{CCK}> SELECT DISTINCT ?r ?p ?o WHERE {{ GRAPH ?g {{
            ?r cck:hasText ?t . ?t ?p ?o FILTER(isLiteral(?o)) }} {self.case_filter()} }}"""
        for row in self.rows(query):
            node, local = curie(row["r"].value), _local(row["p"].value)
            if node in self.nodes:
                name = local if local.startswith("text") else "text" + local[0].upper() + local[1:]
                self.nodes[node][name] = to_python(row["o"])

    def inferred_classes(self) -> None:
        query = f"""SELECT DISTINCT ?s ?type WHERE {{ GRAPH ?g {{ ?s a ?type FILTER(isIRI(?type)) }}
            FILTER(STRSTARTS(STR(?g), "{_INFERRED_GRAPHS}")) }}"""
        for row in self.rows(query):
            node = curie(row["s"].value)
            if node in self.nodes and _local(row["type"].value) != self.nodes[node]["type"]:
                self.lists[node]["inferredClasses"].add(curie(row["type"].value))

    def set_property(self, node: str, name: str, value: Any, lists: frozenset[str]) -> None:
        props = self.nodes[node]
        if name in lists:
            self.lists[node][name].add(value)
        elif name in props and props[name] != value:
            self.lists[node][name].update({props.pop(name), value})
        elif name in self.lists[node]:
            self.lists[node][name].add(value)
        else:
            props[name] = value

    def finish_nodes(self) -> None:
        reports = {node: props.get("recordId") for node, props in self.nodes.items() if props["type"] == "CaseReport"}
        stated_in = {start: end for (start, end, _), props in self.edges.items() if props["type"] == "STATED_IN"}
        for node, props in self.nodes.items():
            for name, values in self.lists.get(node, {}).items():
                props[name] = sorted(values, key=lambda v: (str(type(v)), v))
            if "authors" in props and "authorList" in props:
                props["authors"] = _printed_order(props["authors"], props["authorList"])
            props.setdefault("name", node)
            if node in stated_in and reports.get(stated_in[node]):
                props["report"] = reports[stated_in[node]]
            if props["type"] in EVENT_LABELS:
                props["negated"] = props.get("status") == "absent"

    def shortcuts(self) -> None:
        patients = {start: end for (start, end, _), props in self.edges.items() if props["type"] == "ABOUT_PATIENT"}
        for (start, end, _), props in list(self.edges.items()):
            kind = self.nodes[start]["type"]
            if kind in SHORTCUTS and props["type"] == SHORTCUTS[kind][0] and start in patients:
                rel = SHORTCUTS[kind][1]
                fact = self.nodes[start]
                qualifiers = {name: fact[name] for name in _SHORTCUT_KEYS if name in fact}
                self.add_edge(patients[start], rel, end, key=f"{start}|{rel}|{end}", fact=start, **qualifiers)
