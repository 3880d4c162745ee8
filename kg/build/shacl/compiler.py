"""Validate case graphs against the project's SHACL shapes with SPARQL on pyoxigraph: the driver.

The shapes graph is compiled once into SPARQL SELECT queries, one per
constraint of every shape that has targets; running them over a pyoxigraph
store gives the same typed issues as :func:`kg.reference.pyshacl.validate_case`
(pySHACL, ``allow_warnings=True``): one result per focus node, path, value
and constraint, pySHACL's messages (the shape's ``sh:message`` or pySHACL's
generic text), severities and record locations.

Only the SHACL subset the project's shapes use is compiled: the targets of
:mod:`.targets`, the paths of :mod:`.paths`, the constraint components of
:mod:`.constraints`, ``sh:property``, ``sh:severity`` and ``sh:message``.
Anything else in the ``sh:`` namespace raises :class:`~kg.errors.OntologyError`
naming the shape, so a change of the shapes can never make this validator
weaker without notice.

Nested shapes (https://www.w3.org/TR/shacl/#core-components-shape,
https://www.w3.org/TR/shacl/#core-components-logical) become SPARQL boolean
expressions (they must have the default severity). As pySHACL does, the
results of a value node against the shape of a ``sh:node`` are reported too
(pySHACL links them as ``sh:detail``; ``kg.reference.pyshacl`` lists them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.build.shacl.checks import Check
from kg.build.shacl.constraints import CONFORMANCE, FOCUS_CONSTRAINTS, PARAMETERS, PATH_ONLY, VALUE_CONSTRAINTS
from kg.build.shacl.constraints.component import Focus, ValueTest
from kg.build.shacl.constraints.sparql import sparql_constraint
from kg.build.shacl.context import ShapesGraph
from kg.build.shacl.issues import Issue, field_name
from kg.build.shacl.paths import sparql_path
from kg.build.shacl.results import NodeNames, to_issue
from kg.build.shacl.targets import TARGETS, target_focus, value_nodes_focus
from kg.namespaces import SH, bind_prefixes

__all__ = ["Check", "CompiledShapes", "compile_shapes"]

_SINGLE = PARAMETERS | {SH.path, SH.severity, SH.message}
"""Parameters compiled when given once; a second value is refused."""
_MULTI = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql}
_IGNORED = {SH.name, SH.description, SH.order, SH.group, SH.declare}
"""``sh:`` properties of a shape that do not change validation (https://www.w3.org/TR/shacl/#nonValidation)."""


@dataclass(frozen=True)
class CompiledShapes:
    """The shapes graph as SPARQL queries; run them on any pyoxigraph store."""

    checks: tuple[Check, ...]
    namespaces: tuple[tuple[str, str], ...]

    def validate_store(self, store: ox.Store, default_graph: Sequence[str] | None = None) -> tuple[Issue, ...]:
        """Validate the union of the store's graphs (or of ``default_graph``, a list of graph IRIs)."""
        graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None
        if default_graph is not None:
            graphs = [ox.NamedNode(g) for g in default_graph]
        names = NodeNames(self.namespaces)
        issues: list[Issue] = []
        for check in self.checks:
            if graphs is None:
                rows = store.query(check.query, use_default_graph_as_union=True)
            else:
                rows = store.query(check.query, default_graph=graphs)
            if not isinstance(rows, ox.QuerySolutions):
                raise TypeError(f"the query of the {check.component} check of {check.shape} is not a SELECT query")
            variables = [v.value for v in rows.variables]
            for row in rows:
                issues.append(to_issue(check, {name: row[name] for name in variables if row[name] is not None}, names))
        return tuple(sorted(issues))


def compile_shapes(shapes: Graph, data_namespaces: Iterable[tuple[str, str]] = ()) -> CompiledShapes:
    """Compile a SHACL shapes graph into SPARQL checks; raise :class:`OntologyError` on anything unsupported.

    ``data_namespaces`` are the prefixes pySHACL would know from the data graph
    (for its generic messages); the project's prefixes are always bound.
    """
    names = Graph()
    bind_prefixes(names)
    for prefix, namespace in data_namespaces:
        names.bind(prefix, namespace, override=False)
    checks = _Compiler(shapes).compile()
    return CompiledShapes(checks=checks, namespaces=tuple((p, str(n)) for p, n in names.namespaces()))


class _Compiler(ShapesGraph):
    """Walks the shapes from those with targets: result queries for them, conformance expressions for nested shapes."""

    def __init__(self, shapes: Graph) -> None:
        super().__init__(shapes)
        self.checks: list[Check] = []
        self.nesting: list[Node] = []

    def compile(self) -> tuple[Check, ...]:
        targeted = sorted({s for p in TARGETS for s in self.sg.subjects(p)}, key=str)
        for shape in sorted(set(self.sg.subjects(RDF.type, SH.NodeShape)) | set(self.sg.subjects(RDF.type, SH.PropertyShape)), key=str):
            self._check_parameters(shape)
        for shape in targeted:
            self._check_parameters(shape)
            self._report(shape, target_focus(self, shape))
        return tuple(self.checks)

    def _check_parameters(self, shape: Node) -> None:
        """Refuse ``sh:`` parameters that are not compiled, and repeated single ones."""
        for predicate in set(self.sg.predicates(shape)):
            if not str(predicate).startswith(str(SH)):
                continue
            if predicate not in _SINGLE | _MULTI | _IGNORED:
                raise self.fail(shape, f"the parameter {self.qname(predicate)}")
            if predicate in _SINGLE:
                self.one(shape, predicate)  # type: ignore[arg-type]
        for kind in self.sg.objects(shape, RDF.type):
            if kind in (RDFS.Class, OWL.Class):
                raise self.fail(shape, "an implicit class target (a shape that is also a class)")
        if self.one(shape, SH.flags) is not None and self.one(shape, SH.pattern) is None:
            raise self.fail(shape, "sh:flags without sh:pattern")

    def _refuse_path_only(self, shape: Node) -> None:
        for parameter in PATH_ONLY:
            if (shape, parameter, None) in self.sg:
                raise self.fail(shape, f"{self.qname(parameter)} on a node shape")

    def _value_tests(self, shape: Node, v: str) -> Iterator[ValueTest]:
        for constraint in VALUE_CONSTRAINTS:
            yield from constraint(self, shape, v)

    # -- shapes that report results (https://www.w3.org/TR/shacl/#validation-definition)

    def _report(self, shape: Node, focus: str) -> None:
        """Add the checks of ``shape`` for the focus nodes that the pattern ``focus`` binds to ``?this``."""
        if shape in self.nesting:
            raise self.fail(shape, "a recursive shape")
        self.nesting.append(shape)
        try:
            self._report_constraints(shape, focus)
        finally:
            self.nesting.pop()

    def _report_constraints(self, shape: Node, nodes: str) -> None:
        self._check_parameters(shape)
        name, severity, message = self.name(shape), self.severity(shape), self.message(shape)
        path_node = self.one(shape, SH.path)
        field = field_name(path_node) if path_node is not None else ""
        path = sparql_path(self, shape, path_node) if path_node is not None else None
        focus = Focus(nodes, path, self.name(path_node) if path_node is not None else "")

        def add(component: str, query: str, generic: tuple[str, ...], value_is_focus: bool = False) -> None:
            check = Check(name, component, query, severity, field, message, generic, value_is_focus=value_is_focus)
            self.checks.append(check)

        if path is None:
            self._refuse_path_only(shape)
        for focus_constraint in FOCUS_CONSTRAINTS:
            for result in focus_constraint(self, shape, focus):
                add(result.component, result.query, result.generic)
        for test in self._value_tests(shape, "?value"):
            if path is None:
                add(test.component, f"SELECT ?this WHERE {{ {nodes} BIND (?this AS ?value) FILTER ({test.test}) }}", test.generic, True)
            else:
                add(test.component, f"SELECT DISTINCT ?this ?value WHERE {{ {nodes} ?this {path} ?value . FILTER ({test.test}) }}", test.generic)
        values = nodes if path is None else value_nodes_focus(nodes, path)
        for child in sorted(self.sg.objects(shape, SH.property), key=str):
            if not self.is_property(child):
                raise self.fail(child, "a sh:property value without sh:path")
            self._report(child, values)
        node = self.one(shape, SH.node)
        if node is not None:
            if self.is_property(node):
                raise self.fail(shape, "a sh:node that is a property shape")
            # pySHACL keeps the results of the nested shape (as sh:detail); they are results too.
            self._report(node, values)
        for constraint in sorted(self.sg.objects(shape, SH.sparql), key=str):
            query, template = sparql_constraint(self, shape, constraint, nodes, severity, message)
            self.checks.append(Check(name, "SPARQL", query, severity, field, template, value_is_focus=True, sparql=True))

    # -- nested shapes: conformance as a SPARQL expression (https://www.w3.org/TR/shacl/#conformance-definition)

    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression, true when the node in variable ``x`` conforms to ``shape``."""
        if shape in self.nesting:
            raise self.fail(shape, "a recursive shape")
        self.nesting.append(shape)
        try:
            return self._conforms(shape, x)
        finally:
            self.nesting.pop()

    def _conforms(self, shape: Node, x: str) -> str:
        self._check_parameters(shape)
        if (shape, SH.sparql, None) in self.sg:
            raise self.fail(shape, "sh:sparql in a shape used by sh:node, sh:not or sh:or")
        if self.severity(shape) != "violation":
            # pySHACL (allow_warnings) lets a warning pass sh:or and sh:not, but not sh:node.
            raise self.fail(shape, "a sh:severity other than sh:Violation in a shape used by sh:node, sh:not or sh:or")
        path_node = self.one(shape, SH.path)
        path = sparql_path(self, shape, path_node) if path_node is not None else None
        if path is None:
            self._refuse_path_only(shape)
        parts = [part for conformance in CONFORMANCE for part in conformance(self, shape, x, path)]
        if path is None:
            parts.extend(f"!{t.test}" if t.test.startswith("(") else f"!({t.test})" for t in self._value_tests(shape, x))
            parts.extend(f"({self.conforms(child, x)})" for child in sorted(self.sg.objects(shape, SH.property), key=str))
            return " && ".join(parts) or "true"
        v = self.var()
        tests = [t.test for t in self._value_tests(shape, v)]
        tests.extend(f"!({self.conforms(child, v)})" for child in sorted(self.sg.objects(shape, SH.property), key=str))
        if tests:
            parts.append(f"NOT EXISTS {{ {x} {path} {v} . FILTER ({' || '.join(tests)}) }}")
        return " && ".join(parts) or "true"
