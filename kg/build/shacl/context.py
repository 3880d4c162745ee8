"""The shapes graph as the constraint components read it: parameters, lists, names, refusals.

https://www.w3.org/TR/shacl/#shapes-graph
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.errors import OntologyError
from kg.namespaces import SH

__all__ = ["ShapesGraph", "SEVERITIES"]

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
"""https://www.w3.org/TR/shacl/#severity"""


class ShapesGraph(ABC):
    """A shapes graph being compiled: what every constraint component needs to read its parameters.

    :meth:`conforms` (nested shapes as SPARQL expressions) is the compiler's,
    for the constraint components that take a shape (``sh:node``, ``sh:not``, ``sh:or``).
    """

    def __init__(self, shapes: Graph) -> None:
        self.sg = shapes
        self.counter = itertools.count()

    @abstractmethod
    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression, true when the node in variable ``x`` conforms to ``shape``."""

    def name(self, node: Node) -> str:
        """pySHACL's rendering of a node of the shapes graph."""
        from pyshacl.rdfutil.stringify import stringify_node

        return stringify_node(self.sg, node)

    def qname(self, iri: Node) -> str:
        """An IRI of the shapes graph as a prefixed name."""
        return self.sg.qname(str(iri))

    def fail(self, shape: Node, what: str) -> OntologyError:
        """The error refusing ``what`` in ``shape``."""
        return OntologyError(f"SHACL shape {self.name(shape)}: {what} is not supported by the SPARQL validator (kg.build.shacl)")

    def one(self, shape: Node, parameter: URIRef) -> Node | None:
        """The value of a parameter given at most once."""
        values = list(self.sg.objects(shape, parameter))
        if len(values) > 1:
            raise self.fail(shape, f"more than one value of {self.qname(parameter)}")
        return values[0] if values else None

    def items(self, shape: Node, node: Node) -> list[Node]:
        """The members of a SHACL list (https://www.w3.org/TR/shacl/#syntax-rule-SHACL-list)."""
        if node != RDF.nil and (node, RDF.first, None) not in self.sg:
            raise self.fail(shape, "a list parameter that is not an RDF list")
        return list(Collection(self.sg, node))

    def var(self) -> str:
        """A fresh SPARQL variable."""
        return f"?_v{next(self.counter)}"

    def is_property(self, shape: Node) -> bool:
        """A property shape (https://www.w3.org/TR/shacl/#property-shapes) has a ``sh:path``."""
        return self.one(shape, SH.path) is not None

    def severity(self, shape: Node) -> str:
        """``sh:severity`` (https://www.w3.org/TR/shacl/#severity), ``violation`` by default."""
        value = self.one(shape, SH.severity)
        if value is None:
            return "violation"
        if value not in SEVERITIES:
            raise self.fail(shape, f"the severity {self.name(value)}")
        return SEVERITIES[value]  # type: ignore[index]

    def message(self, shape: Node) -> str | None:
        """``sh:message`` (https://www.w3.org/TR/shacl/#message)."""
        value = self.one(shape, SH.message)
        if value is None:
            return None
        if not isinstance(value, Literal):
            raise self.fail(shape, "a sh:message that is not a literal")
        return str(value)
