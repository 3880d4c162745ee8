"""Validate case graphs against the project's SHACL shapes with SPARQL on pyoxigraph.

The shapes graph is compiled once into SPARQL SELECT queries, one per
constraint of every shape that has targets; running them over a pyoxigraph
store gives the same typed issues as :func:`kg.validate.validate_case`
(pySHACL, ``allow_warnings=True``): one result per focus node, path, value
and constraint, pySHACL's messages (the shape's ``sh:message`` or pySHACL's
generic text), severities and record locations.

Only the SHACL subset the project's shapes use is compiled:

- targets ``sh:targetClass`` (through ``rdfs:subClassOf*``) and ``sh:targetSubjectsOf``;
- ``sh:property`` with ``sh:path`` an IRI, a sequence path, ``sh:zeroOrMorePath`` or ``sh:oneOrMorePath``;
- ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:hasValue``,
  ``sh:pattern`` (with ``sh:flags``), ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``,
  ``sh:maxExclusive``, ``sh:lessThan``, ``sh:lessThanOrEquals``, ``sh:node``, ``sh:not``, ``sh:or``;
- ``sh:severity``, ``sh:message``;
- SPARQL-based constraints (``sh:sparql`` with ``sh:select``, ``sh:prefixes``, ``{?var}`` message templates)
  on shapes with targets.

Anything else in the ``sh:`` namespace raises :class:`~kg.errors.OntologyError`
naming the shape, so a change of the shapes can never make this validator
weaker without notice.

Nested checks (``sh:node``, ``sh:not``, ``sh:or``) become SPARQL boolean
expressions (nested shapes must have the default severity). As pySHACL does,
the results of a value node against the shape of a ``sh:node`` are reported
too (pySHACL links them as ``sh:detail``; ``kg.validate`` lists them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from .errors import OntologyError
from .namespaces import SH, bind_prefixes
from .validate import Issue, field_name, locate, short_value

__all__ = ["Check", "CompiledShapes", "CaseValidator", "compile_shapes", "to_ox_term", "to_oxigraph"]

_FOCUS = "\x00focus"
_VALUE = "\x00value"
"""Placeholders, in a generic message's segments, for the focus node and the value node."""

_SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}

_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}
_SINGLE = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.pattern, SH.flags,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals,
    SH.node, SH["not"], SH["or"], SH.severity, SH.message,
}  # fmt: skip
"""Parameters compiled when given once; a second value is refused."""
_MULTI = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql}
_IGNORED = {SH.name, SH.description, SH.order, SH.group, SH.declare}
"""``sh:`` properties of a shape that do not change validation."""

_COMPARISONS = {
    SH.minInclusive: (">=", "MinInclusive", "Value is not >= {}"),
    SH.maxInclusive: ("<=", "MaxInclusive", "Value is not <= {}"),
    SH.minExclusive: (">", "MinExclusive", "Value is not > {}"),
    SH.maxExclusive: ("<", "MaxExclusive", "Value is not < {}"),
}
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time, XSD.gYear}
"""Datatypes whose well-formedness SPARQL can test by a cast (an ill-typed literal fails the cast)."""
_ALGEBRA = {"SelectQuery", "Project", "Distinct", "Filter", "Extend", "BGP", "LeftJoin", "Join"}
"""SPARQL algebra a SPARQL-based constraint may use: then joining on ``?this`` equals pre-binding it."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose rows are validation results."""

    shape: str
    component: str
    query: str
    severity: str
    field: str
    message: str | None
    """``sh:message`` of the shape or of the SPARQL constraint (a template for SPARQL constraints)."""
    generic: tuple[str, ...] = ()
    """pySHACL's generic message in segments, used when there is no ``sh:message``."""
    value_is_focus: bool = False
    """Node-shape constraints report the focus node as the value."""
    sparql: bool = False


@dataclass(frozen=True)
class CompiledShapes:
    """The shapes graph as SPARQL queries; run them on any pyoxigraph store."""

    checks: tuple[Check, ...]
    namespaces: tuple[tuple[str, str], ...]

    def validate_store(self, store: ox.Store, default_graph: Sequence[str] | None = None) -> tuple[Issue, ...]:
        """Validate the union of the store's graphs (or of ``default_graph``, a list of graph IRIs)."""
        graphs = None if default_graph is None else [ox.NamedNode(g) for g in default_graph]
        names = _Names(self.namespaces)
        issues: list[Issue] = []
        for check in self.checks:
            if graphs is None:
                rows = store.query(check.query, use_default_graph_as_union=True)
            else:
                rows = store.query(check.query, default_graph=graphs)
            variables = [v.value for v in rows.variables]
            for row in rows:
                issues.append(_issue(check, {name: row[name] for name in variables if row[name] is not None}, names))
        return tuple(sorted(issues))


class CaseValidator:
    """Validate one case graph at a time, in an in-memory store that keeps the ontology loaded."""

    _GRAPH = ox.NamedNode("urn:x-kg:fastshacl:case")
    _ONTOLOGY = ox.NamedNode("urn:x-kg:fastshacl:ontology")

    def __init__(self, compiled: CompiledShapes, ontology: Graph | None = None) -> None:
        self.compiled = compiled
        self.store = ox.Store()
        if ontology is not None:
            self.store.extend(to_oxigraph(ontology, self._ONTOLOGY))

    def validate(self, data: Graph) -> tuple[Issue, ...]:
        """The issues of one case graph (with the ontology mixed in), as :func:`kg.validate.validate_case` gives them."""
        self.store.extend(to_oxigraph(data, self._GRAPH))
        try:
            return self.compiled.validate_store(self.store)
        finally:
            self.store.clear_graph(self._GRAPH)


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


def to_oxigraph(graph: Graph, name: ox.NamedNode | None = None) -> list[ox.Quad]:
    """The triples of an rdflib graph as pyoxigraph quads in graph ``name`` (default graph if None)."""
    target = name if name is not None else ox.DefaultGraph()
    return [ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), target) for s, p, o in graph]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Compilation


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.sg = shapes
        self.counter = itertools.count()
        self.checks: list[Check] = []
        self.nesting: list[Node] = []

    def compile(self) -> tuple[Check, ...]:
        targeted = sorted(
            {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf, SH.target) for s in self.sg.subjects(p)},
            key=str,
        )
        for shape in sorted(set(self.sg.subjects(RDF.type, SH.NodeShape)) | set(self.sg.subjects(RDF.type, SH.PropertyShape)), key=str):
            self._check_parameters(shape)
        for shape in targeted:
            self._check_parameters(shape)
            self._report(shape, self._target_focus(shape))
        return tuple(self.checks)

    # -- helpers on the shapes graph

    def name(self, node: Node) -> str:
        from pyshacl.rdfutil import stringify_node

        return stringify_node(self.sg, node)

    def fail(self, shape: Node, what: str) -> OntologyError:
        return OntologyError(f"SHACL shape {self.name(shape)}: {what} is not supported by the SPARQL validator (kg.fastshacl)")

    def one(self, shape: Node, parameter: URIRef) -> Node | None:
        values = list(self.sg.objects(shape, parameter))
        if len(values) > 1:
            raise self.fail(shape, f"more than one value of {self.sg.qname(parameter)}")
        return values[0] if values else None

    def _check_parameters(self, shape: Node) -> None:
        for predicate in set(self.sg.predicates(shape)):
            if not str(predicate).startswith(str(SH)):
                continue
            if predicate not in _SINGLE | _MULTI | _IGNORED:
                raise self.fail(shape, f"the parameter {self.sg.qname(predicate)}")
            if predicate in _SINGLE:
                self.one(shape, predicate)
        for kind in self.sg.objects(shape, RDF.type):
            if kind in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
                raise self.fail(shape, "an implicit class target (a shape that is also a class)")
        if self.one(shape, SH.flags) is not None and self.one(shape, SH.pattern) is None:
            raise self.fail(shape, "sh:flags without sh:pattern")

    def severity(self, shape: Node) -> str:
        value = self.one(shape, SH.severity)
        if value is None:
            return "violation"
        if value not in _SEVERITIES:
            raise self.fail(shape, f"the severity {self.name(value)}")
        return _SEVERITIES[value]  # type: ignore[index]

    def message(self, shape: Node) -> str | None:
        value = self.one(shape, SH.message)
        if value is None:
            return None
        if not isinstance(value, Literal):
            raise self.fail(shape, "a sh:message that is not a literal")
        return str(value)

    def items(self, shape: Node, node: Node) -> list[Node]:
        if node != RDF.nil and (node, RDF.first, None) not in self.sg:
            raise self.fail(shape, "a list parameter that is not an RDF list")
        return list(Collection(self.sg, node))

    def path(self, shape: Node, node: Node) -> str:
        if isinstance(node, URIRef):
            return f"<{node}>"
        if not isinstance(node, BNode):
            raise self.fail(shape, "a path that is neither an IRI nor a blank node")
        if (node, RDF.first, None) in self.sg:
            steps = self.items(shape, node)
            if len(steps) < 2:
                raise self.fail(shape, "a sequence path of fewer than two steps")
            return "(" + "/".join(self.path(shape, step) for step in steps) + ")"
        predicates = set(self.sg.predicates(node))
        for parameter, operator in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+")):
            if predicates == {parameter}:
                return f"({self.path(shape, self.one(node, parameter))}){operator}"  # type: ignore[arg-type]
        raise self.fail(shape, "the path " + ", ".join(sorted(self.sg.qname(p) for p in predicates)))

    def var(self) -> str:
        return f"?_v{next(self.counter)}"

    def is_property(self, shape: Node) -> bool:
        return self.one(shape, SH.path) is not None

    # -- targets

    def _target_focus(self, shape: Node) -> str:
        """A subquery binding ``?this`` to each focus node of the shape's targets, once."""
        for parameter in (SH.targetNode, SH.targetObjectsOf, SH.target):
            if (shape, parameter, None) in self.sg:
                raise self.fail(shape, f"the target {self.sg.qname(parameter)}")
        parts = []
        classes = sorted(self.sg.objects(shape, SH.targetClass), key=str)
        if classes:
            if not all(isinstance(c, URIRef) for c in classes):
                raise self.fail(shape, "a sh:targetClass that is not an IRI")
            values = " ".join(f"<{c}>" for c in classes)
            parts.append(f"{{ VALUES ?_class {{ {values} }} ?_sub <{RDFS.subClassOf}>* ?_class . ?this a ?_sub }}")
        for predicate in sorted(self.sg.objects(shape, SH.targetSubjectsOf), key=str):
            if not isinstance(predicate, URIRef):
                raise self.fail(shape, "a sh:targetSubjectsOf that is not an IRI")
            parts.append(f"{{ ?this <{predicate}> ?_object }}")
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"

    # -- reporting shapes (with focus nodes)

    def _report(self, shape: Node, focus: str) -> None:
        """Add the checks of ``shape`` for the focus nodes that the pattern ``focus`` binds to ``?this``."""
        if shape in self.nesting:
            raise self.fail(shape, "a recursive shape")
        self.nesting.append(shape)
        try:
            self._report_constraints(shape, focus)
        finally:
            self.nesting.pop()

    def _report_constraints(self, shape: Node, focus: str) -> None:
        self._check_parameters(shape)
        name = self.name(shape)
        severity = self.severity(shape)
        message = self.message(shape)
        path_node = self.one(shape, SH.path)
        field = field_name(path_node) if path_node is not None else ""
        path = self.path(shape, path_node) if path_node is not None else None
        shape_path = self.name(path_node) if path_node is not None else ""
        base = dict(shape=name, severity=severity, field=field, message=message)
        F = focus

        def add(component: str, query: str, generic: Sequence[str] = (), **extra: object) -> None:
            self.checks.append(Check(component=component, query=query, generic=tuple(generic), **base, **extra))  # type: ignore[arg-type]

        if path is None:
            for parameter in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals):
                if (shape, parameter, None) in self.sg:
                    raise self.fail(shape, f"{self.sg.qname(parameter)} on a node shape")
        else:
            minimum = self.one(shape, SH.minCount)
            if minimum is not None:
                n = _count(self, shape, minimum)
                if n > 0:
                    add(
                        "MinCount",
                        f"SELECT ?this WHERE {{ {F} OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})",
                        ("Less than ", str(minimum), " values on ", _FOCUS, "->", shape_path),
                    )
            maximum = self.one(shape, SH.maxCount)
            if maximum is not None:
                n = _count(self, shape, maximum)
                add(
                    "MaxCount",
                    f"SELECT ?this WHERE {{ {F} ?this {path} ?value }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})",
                    ("More than ", str(maximum), " values on ", _FOCUS, "->", shape_path),
                )
            for parameter, operator, symbol in ((SH.lessThan, "<", "<="), (SH.lessThanOrEquals, "<=", "<")):
                other = self.one(shape, parameter)
                if other is None:
                    continue
                if not isinstance(other, URIRef):
                    raise self.fail(shape, f"a {self.sg.qname(parameter)} that is not an IRI")
                add(
                    "LessThan" if operator == "<" else "LessThanOrEquals",
                    f"SELECT DISTINCT ?this ?value ?_other WHERE {{ {F} ?this {path} ?value . ?this <{other}> ?_other . "
                    f"FILTER (!({_less(operator, '?value', '?_other')})) }}",
                    ("Value of ", _FOCUS, "->", self.name(other), f" {symbol} ", _VALUE),
                )
        has_value = self.one(shape, SH.hasValue)
        if has_value is not None:
            the_set = [self.name(has_value)]
            if path is None:
                query = f"SELECT ?this WHERE {{ {F} FILTER (!sameTerm(?this, {to_ox_term(has_value)})) }}"
                generic = ("Node ", _FOCUS, f" value is not a in the set of values: {the_set}")
            else:
                query = f"SELECT ?this WHERE {{ {F} FILTER NOT EXISTS {{ ?this {path} {to_ox_term(has_value)} }} }}"
                generic = ("Node ", _FOCUS, f"->{shape_path} does not contain a value in the set: {the_set}")
            add("HasValue", query, generic)
        for component, test, generic in self._value_tests(shape, "?value"):
            if path is None:
                query = f"SELECT ?this WHERE {{ {F} BIND (?this AS ?value) FILTER ({test}) }}"
                add(component, query, generic, value_is_focus=True)
            else:
                query = f"SELECT DISTINCT ?this ?value WHERE {{ {F} ?this {path} ?value . FILTER ({test}) }}"
                add(component, query, generic)
        values = focus if path is None else _values_focus(focus, path)
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
            self._report_sparql(shape, constraint, focus, base)

    def _value_tests(self, shape: Node, v: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(component, SPARQL expression true when ``v`` violates it, generic message) per value-node constraint."""
        tests: list[tuple[str, str, tuple[str, ...]]] = []
        datatype = self.one(shape, SH.datatype)
        if datatype is not None:
            if not isinstance(datatype, URIRef) or datatype == RDFS.Datatype:
                raise self.fail(shape, f"the datatype {self.name(datatype)}")
            tests.append(("Datatype", f"!({_datatype_ok(datatype, v)})", (f"Value is not Literal with datatype {self.name(datatype)}",)))
        cls = self.one(shape, SH["class"])
        if cls is not None:
            if not isinstance(cls, URIRef):
                raise self.fail(shape, "a sh:class that is not an IRI")
            test = f"(isLiteral({v}) || NOT EXISTS {{ {v} a/<{RDFS.subClassOf}>* <{cls}> }})"
            tests.append(("Class", test, (f"Value does not have class {self.name(cls)}",)))
        members = self.one(shape, SH["in"])
        if members is not None:
            values = self.items(shape, members)
            test = "!(" + (" || ".join(f"sameTerm({v}, {to_ox_term(m)})" for m in values) or "false") + ")"
            # pySHACL lists the members in the order of a Python set (it varies between processes);
            # the same set, built the same way, gives the same text within a process.
            as_set: set[Node] = set()
            for member in values:
                as_set.add(member)
            shown = [self.name(m) for m in as_set]
            tests.append(("In", test, ("Value ", _VALUE, f" not in list {shown}")))
        pattern = self.one(shape, SH.pattern)
        if pattern is not None:
            flags = self.one(shape, SH.flags)
            if not isinstance(pattern, Literal) or (flags is not None and not set(str(flags)) <= {"i", "m", "s", "x"}):
                raise self.fail(shape, "this sh:pattern or sh:flags")
            flag_arg = f", {ox.Literal(str(flags))}" if flags is not None else ""
            test = f"(isBlank({v}) || !REGEX(STR({v}), {ox.Literal(str(pattern))}{flag_arg}))"
            tests.append(("Pattern", test, (f"Value does not match pattern '{pattern}'",)))
        for parameter, (operator, component, text) in _COMPARISONS.items():
            bound = self.one(shape, parameter)
            if bound is None:
                continue
            if not isinstance(bound, Literal):
                raise self.fail(shape, f"a {self.sg.qname(parameter)} that is not a literal")
            tests.append((component, f"!COALESCE({v} {operator} {to_ox_term(bound)}, false)", (text.format(self.name(bound)),)))
        node = self.one(shape, SH.node)
        if node is not None:
            generic = (f"Value does not conform to Shape {self.name(node)}. See details for more information.",)
            tests.append(("Node", f"!({self.conforms(node, v)})", generic))
        negated = self.one(shape, SH["not"])
        if negated is not None:
            tests.append(("Not", f"({self.conforms(negated, v)})", ("Node ", _VALUE, f" must not conform to shape {self.name(negated)}")))
        alternatives = self.one(shape, SH["or"])
        if alternatives is not None:
            options = self.items(shape, alternatives)
            test = "!(" + (" || ".join(f"({self.conforms(o, v)})" for o in options) or "false") + ")"
            shown = " , ".join(self.name(o) for o in options)
            tests.append(("Or", test, ("Node ", _VALUE, f" must conform to one or more shapes in {shown}")))
        return tests

    # -- nested shapes: conformance as a SPARQL expression

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
        parts: list[str] = []
        path_node = self.one(shape, SH.path)
        if path_node is None:
            for parameter in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals):
                if (shape, parameter, None) in self.sg:
                    raise self.fail(shape, f"{self.sg.qname(parameter)} on a node shape")
            has_value = self.one(shape, SH.hasValue)
            if has_value is not None:
                parts.append(f"sameTerm({x}, {to_ox_term(has_value)})")
            parts.extend(f"!{test}" if test.startswith("(") else f"!({test})" for _, test, _ in self._value_tests(shape, x))
            for child in sorted(self.sg.objects(shape, SH.property), key=str):
                parts.append(f"({self.conforms(child, x)})")
            return " && ".join(parts) or "true"
        path = self.path(shape, path_node)
        minimum = self.one(shape, SH.minCount)
        if minimum is not None and _count(self, shape, minimum) > 0:
            parts.append(f"EXISTS {{ {self._distinct_values(x, path, _count(self, shape, minimum))} }}")
        maximum = self.one(shape, SH.maxCount)
        if maximum is not None:
            parts.append(f"NOT EXISTS {{ {self._distinct_values(x, path, _count(self, shape, maximum) + 1)} }}")
        has_value = self.one(shape, SH.hasValue)
        if has_value is not None:
            parts.append(f"EXISTS {{ {x} {path} {to_ox_term(has_value)} }}")
        for parameter, operator in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            other = self.one(shape, parameter)
            if other is not None:
                v, o = self.var(), self.var()
                parts.append(f"NOT EXISTS {{ {x} {path} {v} . {x} <{other}> {o} . FILTER (!({_less(operator, v, o)})) }}")
        v = self.var()
        tests = [test for _, test, _ in self._value_tests(shape, v)]
        tests.extend(f"!({self.conforms(child, v)})" for child in sorted(self.sg.objects(shape, SH.property), key=str))
        if tests:
            parts.append(f"NOT EXISTS {{ {x} {path} {v} . FILTER ({' || '.join(tests)}) }}")
        return " && ".join(parts) or "true"

    def _distinct_values(self, x: str, path: str, n: int) -> str:
        """A pattern matching when ``x`` has at least ``n`` distinct values on ``path``."""
        if n > 6:
            raise self.fail(self.nesting[-1], f"a count of {n} in a nested shape")
        names = [self.var() for _ in range(n)]
        triples = " . ".join(f"{x} {path} {v}" for v in names)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2))
        return triples + (f" . FILTER ({different})" if different else "")

    # -- SPARQL-based constraints

    def _report_sparql(self, shape: Node, constraint: Node, focus: str, base: dict[str, object]) -> None:
        if self.is_property(shape):
            raise self.fail(shape, "sh:sparql on a property shape")
        allowed = {RDF.type, SH.select, SH.prefixes, SH.message, SH.severity}
        for predicate in set(self.sg.predicates(constraint)):
            if predicate not in allowed:
                raise self.fail(shape, f"{self.sg.qname(predicate)} in a SPARQL-based constraint")
        severity = self.one(constraint, SH.severity)
        if severity is not None and _SEVERITIES.get(severity) != base["severity"]:  # type: ignore[call-overload]
            raise self.fail(shape, "a SPARQL-based constraint whose sh:severity differs from its shape's")
        select = self.one(constraint, SH.select)
        if not isinstance(select, Literal):
            raise self.fail(shape, "a SPARQL-based constraint without a sh:select string")
        message = self.one(constraint, SH.message)
        if message is not None and base["message"] is not None:
            raise self.fail(shape, "a sh:message on both the shape and its SPARQL-based constraint")
        prefixes = self._prefixes(shape, constraint)
        text = str(select)
        for token in ("$PATH", "$currentShape", "$shapesGraph", "?failure", "$failure"):
            if token in text:
                raise self.fail(shape, f"{token} in a SPARQL-based constraint")
        projected = self._check_select(shape, prefixes, text)
        prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in prefixes)
        query = f"{prologue}SELECT DISTINCT {' '.join('?' + v for v in projected)} WHERE {{ {focus} {{ {text} }} }}"
        checked = {**base, "message": str(message) if message is not None else base["message"]}
        self.checks.append(Check(component="SPARQL", query=query, sparql=True, value_is_focus=True, **checked))  # type: ignore[arg-type]

    def _prefixes(self, shape: Node, constraint: Node) -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for source in self.sg.objects(constraint, SH.prefixes):
            for declaration in self.sg.objects(source, SH.declare):
                prefix, namespace = self.one(declaration, SH.prefix), self.one(declaration, SH.namespace)
                if prefix is None or namespace is None:
                    raise self.fail(shape, "a sh:declare without sh:prefix and sh:namespace")
                if found.get(str(prefix), str(namespace)) != str(namespace):
                    raise self.fail(shape, f"two namespaces for the prefix {prefix}")
                found[str(prefix)] = str(namespace)
        return sorted(found.items())

    def _check_select(self, shape: Node, prefixes: list[tuple[str, str]], text: str) -> list[str]:
        """Parse the query; allow only what makes joining on ``?this`` the same as pre-binding it."""
        from rdflib.plugins.sparql import prepareQuery

        if re.search(r"^\s*(PREFIX|BASE)\b", text, re.IGNORECASE | re.MULTILINE):
            raise self.fail(shape, "PREFIX or BASE inside sh:select (declare prefixes with sh:prefixes)")
        try:
            parsed = prepareQuery(text, initNs=dict(prefixes))
        except Exception as exc:
            raise OntologyError(f"SHACL shape {self.name(shape)}: the sh:select query does not parse: {exc}") from exc
        algebra = parsed.algebra
        if algebra.name != "SelectQuery":
            raise self.fail(shape, "a sh:select that is not a SELECT query")
        projected = [str(v) for v in algebra.get("PV", [])]
        if "this" not in projected or "failure" in projected:
            raise self.fail(shape, "a sh:select that does not project $this (or projects ?failure)")
        _check_algebra(self, shape, algebra)
        if not _binds_this(algebra.p):
            raise self.fail(shape, "a sh:select whose $this is not bound by a required triple pattern")
        return projected


def _check_algebra(compiler: _Compiler, shape: Node, node: object) -> None:
    """Refuse graph patterns outside :data:`_ALGEBRA`, and EXISTS and aggregates in expressions."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        is_pattern = any(key in node for key in ("p", "p1", "triples"))
        if (is_pattern and node.name not in _ALGEBRA) or node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS") or node.name.startswith("Aggregate_"):
            raise compiler.fail(shape, f"SPARQL {node.name} in a SPARQL-based constraint")
        for value in node.values():
            _check_algebra(compiler, shape, value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _check_algebra(compiler, shape, value)


def _binds_this(node: object) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if not isinstance(node, CompValue):
        return False
    if node.name == "BGP":
        return any(Variable("this") in triple for triple in node.triples)
    if node.name == "Join":
        return _binds_this(node.p1) or _binds_this(node.p2)
    if node.name == "LeftJoin":
        return _binds_this(node.p1)
    if node.name in ("Filter", "Extend", "Project", "Distinct"):
        return _binds_this(node.p)
    return False


def _count(compiler: _Compiler, shape: Node, value: Node) -> int:
    if not isinstance(value, Literal) or not isinstance(value.value, int) or value.value < 0:
        raise compiler.fail(shape, f"the count {value}")
    return int(value.value)


def _values_focus(focus: str, path: str) -> str:
    """A subquery binding ``?this`` to the values of ``path`` on the focus nodes of ``focus``."""
    return f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS ?_f) WHERE {{ {focus} }} }} ?_f {path} ?this }} }}"


def _less(operator: str, a: str, b: str) -> str:
    """pySHACL's comparison: IRIs and strings compare as strings, other values with SPARQL's operator."""
    stringy = "(isIRI({0}) || (isLiteral({0}) && (datatype({0}) = <{1}> || lang({0}) != \"\")))"
    both = f"({stringy.format(a, XSD.string)} && {stringy.format(b, XSD.string)})"
    one = f"({stringy.format(a, XSD.string)} || {stringy.format(b, XSD.string)})"
    return f"COALESCE(IF({both}, STR({a}) {operator} STR({b}), IF({one}, false, {a} {operator} {b})), false)"


def _datatype_ok(datatype: URIRef, v: str) -> str:
    if datatype == RDFS.Literal:
        return f"isLiteral({v})"
    if datatype == RDF.langString:
        return f'(isLiteral({v}) && lang({v}) != "")'
    test = f"(isLiteral({v}) && datatype({v}) = <{datatype}>"
    if datatype in _CASTABLE:
        test += f" && COALESCE(sameTerm(<{datatype}>({v}), {v}), false)"
    return test + ")"


# ---------------------------------------------------------------------------
# Results


class _Names:
    """pySHACL's rendering of data nodes in generic messages (with the data graph's prefixes)."""

    def __init__(self, namespaces: tuple[tuple[str, str], ...]) -> None:
        self.graph = Graph(bind_namespaces="none")
        for prefix, namespace in namespaces:
            self.graph.bind(prefix, namespace, override=True)

    def __call__(self, node: Node) -> str:
        from pyshacl.rdfutil import stringify_node

        try:
            return stringify_node(self.graph, node)
        except (LookupError, ValueError):
            return str(node)


def _issue(check: Check, row: dict[str, object], names: _Names) -> Issue:
    focus = _rdf(row["this"])
    value = _rdf(row["value"]) if "value" in row else (focus if check.value_is_focus else None)
    if check.sparql:
        message = _fill(check.message, row) if check.message is not None else "does not conform"
    elif check.message is not None:
        message = check.message
    elif check.generic:
        message = "".join(names(focus) if s == _FOCUS else names(value) if s == _VALUE else s for s in check.generic)  # type: ignore[arg-type]
    else:
        message = "does not conform"
    record, item = locate(focus)
    return Issue(
        severity=check.severity,
        record=record,
        item=item,
        field=check.field if not (check.sparql and "path" in row) else field_name(_rdf(row["path"])),
        message=message,
        focus=str(focus),
        value=short_value(value),
    )


def _fill(template: str, row: dict[str, object]) -> str:
    """pySHACL's message templates: ``{?var}`` and ``{$var}`` become the value's string."""
    names = [n for n in row if n not in ("this", "path", "value")] + [n for n in ("this", "path", "value") if n in row]
    for name in names:
        template = re.sub("{{[?$]{}}}".format(name), str(_rdf(row[name])), template)
    return template


def to_ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _rdf(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")
