"""The compiled form of a shapes graph: one :class:`Check` (a SPARQL SELECT query) per constraint.

Each row of a check's query is one validation result
(https://www.w3.org/TR/shacl/#results-validation-result): ``?this`` is the
focus node, ``?value`` the value node (if the constraint has one) and, for
SPARQL-based constraints, any other projected variable can be used in the
message template.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Check", "FOCUS_NODE", "VALUE_NODE"]

FOCUS_NODE = "\x00focus"
VALUE_NODE = "\x00value"
"""Placeholders, in a generic message's segments, for the focus node and the value node."""


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
