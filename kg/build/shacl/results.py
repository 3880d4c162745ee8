"""Validation results from the rows of the compiled queries: issues located in their records.

A row gives the focus node (``?this``), the value node (``?value``) and, for
SPARQL-based constraints, the result path (``?path``) and the variables of
the message template (https://www.w3.org/TR/shacl/#sparql-constraints-variables).
The message (https://www.w3.org/TR/shacl/#results-message) is the ``sh:message``,
else pySHACL's generic text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Graph
from rdflib.term import Node

from kg.build.shacl.checks import FOCUS_NODE, VALUE_NODE, Check
from kg.build.shacl.issues import Issue, field_name, locate, short_value
from kg.rdfterms import to_rdflib

__all__ = ["NodeNames", "to_issue", "fill_template"]

_TEMPLATE_VARIABLE = re.compile(r"\{[?$]([^{}]+)\}")
"""``{?var}`` or ``{$var}`` in a message template."""


class NodeNames:
    """pySHACL's rendering of data nodes in generic messages (with the data graph's prefixes)."""

    def __init__(self, namespaces: tuple[tuple[str, str], ...]) -> None:
        self.graph = Graph(bind_namespaces="none")
        for prefix, namespace in namespaces:
            self.graph.bind(prefix, namespace, override=True)

    def __call__(self, node: Node) -> str:
        from pyshacl.rdfutil.stringify import stringify_node

        try:
            return stringify_node(self.graph, node)
        except (LookupError, ValueError):
            return str(node)


def to_issue(check: Check, row: Mapping[str, object], names: NodeNames) -> Issue:
    """The issue of one row of ``check``'s query (its bound variables by name)."""
    focus = to_rdflib(row["this"])
    value = to_rdflib(row["value"]) if "value" in row else (focus if check.value_is_focus else None)
    if check.sparql:
        message = fill_template(check.message, row) if check.message is not None else "does not conform"
    elif check.message is not None:
        message = check.message
    elif check.generic:
        message = "".join(names(focus) if s == FOCUS_NODE else names(value) if s == VALUE_NODE else s for s in check.generic)  # type: ignore[arg-type]
    else:
        message = "does not conform"
    record, item = locate(focus)
    return Issue(
        severity=check.severity,
        record=record,
        item=item,
        field=check.field if not (check.sparql and "path" in row) else field_name(to_rdflib(row["path"])),
        message=message,
        focus=str(focus),
        value=short_value(value),
    )


def fill_template(template: str, row: Mapping[str, object]) -> str:
    """pySHACL's message templates: ``{?var}`` and ``{$var}`` become the string of the variable's value.

    One pass over the template: values go in verbatim (a backslash, ``\\g<0>``
    or ``{?var}`` in a value is text) and are never scanned again. A variable
    the row does not bind stays as written.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(to_rdflib(row[name])) if name in row else match.group(0)

    return _TEMPLATE_VARIABLE.sub(value, template)
