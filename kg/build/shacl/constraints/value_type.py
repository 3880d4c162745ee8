"""Value type constraint components (https://www.w3.org/TR/shacl/#core-components-value-type)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kg.build.shacl.constraints.component import ValueTest
from kg.build.shacl.context import ShapesGraph
from kg.namespaces import SH

__all__ = ["PARAMETERS", "datatype", "class_"]

PARAMETERS = frozenset({SH.datatype, SH["class"]})

_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time, XSD.gYear}
"""Datatypes whose well-formedness SPARQL can test by a cast (an ill-typed literal fails the cast)."""


def datatype(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:datatype`` (https://www.w3.org/TR/shacl/#DatatypeConstraintComponent): a well-formed literal of the datatype."""
    value = sg.one(shape, SH.datatype)
    if value is None:
        return
    if not isinstance(value, URIRef) or value == RDFS.Datatype:
        raise sg.fail(shape, f"the datatype {sg.name(value)}")
    yield ValueTest("Datatype", f"!({_has_datatype(value, v)})", (f"Value is not Literal with datatype {sg.name(value)}",))


def class_(sg: ShapesGraph, shape: Node, v: str) -> Iterator[ValueTest]:
    """``sh:class`` (https://www.w3.org/TR/shacl/#ClassConstraintComponent): an instance of the class or a subclass."""
    cls = sg.one(shape, SH["class"])
    if cls is None:
        return
    if not isinstance(cls, URIRef):
        raise sg.fail(shape, "a sh:class that is not an IRI")
    test = f"(isLiteral({v}) || NOT EXISTS {{ {v} a/<{RDFS.subClassOf}>* <{cls}> }})"
    yield ValueTest("Class", test, (f"Value does not have class {sg.name(cls)}",))


def _has_datatype(datatype: URIRef, v: str) -> str:
    """A SPARQL expression, true when ``v`` is a well-formed literal of ``datatype``."""
    if datatype == RDFS.Literal:
        return f"isLiteral({v})"
    if datatype == RDF.langString:
        return f'(isLiteral({v}) && lang({v}) != "")'
    test = f"(isLiteral({v}) && datatype({v}) = <{datatype}>"
    if datatype in _CASTABLE:
        test += f" && COALESCE(sameTerm(<{datatype}>({v}), {v}), false)"
    return test + ")"
