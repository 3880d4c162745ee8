"""The constraint components the SPARQL validator compiles, one module per family of the SHACL spec.

https://www.w3.org/TR/shacl/#core-components and https://www.w3.org/TR/shacl/#sparql-constraints

- :mod:`.value_type`: ``sh:datatype``, ``sh:class``;
- :mod:`.cardinality`: ``sh:minCount``, ``sh:maxCount``;
- :mod:`.value_range`: ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``;
- :mod:`.string_based`: ``sh:pattern`` (``sh:flags``);
- :mod:`.property_pair`: ``sh:lessThan``, ``sh:lessThanOrEquals``;
- :mod:`.logical`: ``sh:not``, ``sh:or``, ``sh:node``;
- :mod:`.other`: ``sh:in``, ``sh:hasValue``;
- :mod:`.sparql`: ``sh:sparql`` (SPARQL-based constraints);
- :mod:`.component`: what a component compiles to.

The tuples below fix the order of the compiled checks and of the parts of
conformance expressions: a change of order changes the compiled queries.
"""

from __future__ import annotations

from kg.build.shacl.constraints import cardinality, logical, other, property_pair, string_based, value_range, value_type
from kg.build.shacl.constraints.component import Conformance, FocusConstraint, ValueConstraint
from kg.namespaces import SH

__all__ = ["FOCUS_CONSTRAINTS", "VALUE_CONSTRAINTS", "CONFORMANCE", "PARAMETERS", "PATH_ONLY"]

FOCUS_CONSTRAINTS: tuple[FocusConstraint, ...] = (
    cardinality.min_count,
    cardinality.max_count,
    property_pair.less_than,
    property_pair.less_than_or_equals,
    other.has_value,
)
"""Components with results per focus node."""

VALUE_CONSTRAINTS: tuple[ValueConstraint, ...] = (
    value_type.datatype,
    value_type.class_,
    other.in_,
    string_based.pattern,
    value_range.min_inclusive,
    value_range.max_inclusive,
    value_range.min_exclusive,
    value_range.max_exclusive,
    logical.node,
    logical.not_,
    logical.or_,
)
"""Components with results per value node."""

CONFORMANCE: tuple[Conformance, ...] = (
    cardinality.min_count_conformance,
    cardinality.max_count_conformance,
    other.has_value_conformance,
    property_pair.less_than_conformance,
    property_pair.less_than_or_equals_conformance,
)
"""The focus-node parts of a nested shape's conformance, before its value tests."""

PARAMETERS = frozenset().union(*(m.PARAMETERS for m in (cardinality, logical, other, property_pair, string_based, value_range, value_type)))
"""The parameters of the compiled components (each given at most once per shape)."""

PATH_ONLY = (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals)
"""Parameters allowed on property shapes only."""
