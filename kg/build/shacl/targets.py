"""Focus nodes as SPARQL: subqueries binding ``?this`` to each focus node once.

- the focus nodes of a shape's targets (https://www.w3.org/TR/shacl/#targets):
  ``sh:targetClass`` through ``rdfs:subClassOf*`` (https://www.w3.org/TR/shacl/#targetClass)
  and ``sh:targetSubjectsOf`` (https://www.w3.org/TR/shacl/#targetSubjectsOf);
- the value nodes (https://www.w3.org/TR/shacl/#value-nodes) of a property shape,
  which are the focus nodes of the shapes it applies to its values.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["TARGETS", "target_focus", "value_nodes_focus"]

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf, SH.target)
"""Every target parameter: a shape with one of them is validated (those not compiled are refused)."""
_UNSUPPORTED = (SH.targetNode, SH.targetObjectsOf, SH.target)


def target_focus(sg: ShapesGraph, shape: Node) -> str:
    """A subquery binding ``?this`` to each focus node of the shape's targets, once."""
    for parameter in _UNSUPPORTED:
        if (shape, parameter, None) in sg.sg:
            raise sg.fail(shape, f"the target {sg.qname(parameter)}")
    parts = []
    classes = sorted(sg.sg.objects(shape, SH.targetClass), key=str)
    if classes:
        if not all(isinstance(c, URIRef) for c in classes):
            raise sg.fail(shape, "a sh:targetClass that is not an IRI")
        values = " ".join(f"<{c}>" for c in classes)
        parts.append(f"{{ VALUES ?_class {{ {values} }} ?_sub <{RDFS.subClassOf}>* ?_class . ?this a ?_sub }}")
    for predicate in sorted(sg.sg.objects(shape, SH.targetSubjectsOf), key=str):
        if not isinstance(predicate, URIRef):
            raise sg.fail(shape, "a sh:targetSubjectsOf that is not an IRI")
        parts.append(f"{{ ?this <{predicate}> ?_object }}")
    return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"


def value_nodes_focus(focus: str, path: str) -> str:
    """A subquery binding ``?this`` to the values of ``path`` on the focus nodes of ``focus``."""
    return f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS ?_f) WHERE {{ {focus} }} }} ?_f {path} ?this }} }}"
