"""A Cypher script that loads the property graph into Neo4j 5 (``cypher-shell -f graph.cypher``).

Uniqueness constraints on ``id`` come first (``CREATE CONSTRAINT ... IF NOT
EXISTS``), then nodes and relationships in batches of ``UNWIND [...] AS row
MERGE ...``. Nodes are merged on their label and ``id``, relationships on
their type and ``id`` (the projection's edge key) between matched nodes, so
running the script twice creates nothing new. Values are Cypher literals:
strings in single quotes with backslash escapes, so quotes, backslashes,
line breaks and non-ASCII characters survive.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ExportError
from kg.exports.projection import labels_of

from ._base import ExportResult, atomic_file, check_value

__all__ = ["CypherExporter", "EXPORTERS", "BATCH_SIZE", "literal", "name"]

BATCH_SIZE = 500
"""Rows per UNWIND statement."""
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def name(identifier: str) -> str:
    """A label, type or property key: plain if it is an identifier, else backtick-quoted."""
    if _IDENTIFIER.match(identifier):
        return identifier
    return "`" + identifier.replace("`", "``") + "`"


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value (str, int, float, bool, or a list or dict of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"non-finite number {value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(str(key))}: {literal(item)}" for key, item in value.items()) + "}"
    raise ExportError(f"value of type {type(value).__name__} has no Cypher literal")


def _batches(rows: list[str]) -> Iterator[list[str]]:
    for index in range(0, len(rows), BATCH_SIZE):
        yield rows[index : index + BATCH_SIZE]


def _unwind(rows: list[str], body: str) -> Iterator[str]:
    for batch in _batches(rows):
        yield "UNWIND [\n  " + ",\n  ".join(batch) + "\n] AS row\n" + body + ";\n"


def statements(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The script's statements in order: constraints, nodes by label, relationships by type and end labels."""
    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, props in graph.nodes(data=True):
        for key, value in props.items():
            check_value(value, lambda: f"node {node}, property {key}")
        by_label[str(props["type"])].append((str(node), props))
    for label in sorted(by_label):
        constraint = name(f"{label}_id")
        yield f"CREATE CONSTRAINT {constraint} IF NOT EXISTS FOR (n:{name(label)}) REQUIRE n.id IS UNIQUE;\n"
    for label, items in sorted(by_label.items()):
        rows = [literal({"id": node, "props": {k: v for k, v in props.items() if k != "type"}}) for node, props in items]
        extra = "".join(f", n:{name(other)}" for other in labels_of(label)[1:])
        yield from _unwind(rows, f"MERGE (n:{name(label)} {{id: row.id}})\nSET n += row.props{extra}")
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for start, end, key, props in graph.edges(keys=True, data=True):
        for prop, value in props.items():
            check_value(value, lambda: f"edge {key}, property {prop}")
        group = (str(props["type"]), str(graph.nodes[start]["type"]), str(graph.nodes[end]["type"]))
        groups[group].append(
            literal({"start": str(start), "end": str(end), "id": str(key), "props": {k: v for k, v in props.items() if k != "type"}})
        )
    for (rel, start_label, end_label), rows in sorted(groups.items()):
        body = (f"MATCH (a:{name(start_label)} {{id: row.start}})\nMATCH (b:{name(end_label)} {{id: row.end}})\n"
                f"MERGE (a)-[r:{name(rel)} {{id: row.id}}]->(b)\nSET r += row.props")  # fmt: skip
        yield from _unwind(rows, body)


class CypherExporter:
    name = "cypher"
    description = "Cypher script: constraints, then batched UNWIND ... MERGE (idempotent)"
    input = "property-graph"
    suffix = ".cypher"

    def write(self, data: nx.MultiDiGraph, path: Path) -> ExportResult:
        header = (
            "// The calcinosis-kg property graph for Neo4j 5, written by `kg export --format cypher`.\n"
            "// Load: cypher-shell -u neo4j -p PASSWORD -f graph.cypher  (idempotent: running it twice creates nothing new)\n"
        )
        with atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(header)
            for statement in statements(data):
                handle.write(statement)
        return ExportResult(
            self.name,
            Path(path),
            (Path(path),),
            data.number_of_nodes(),
            data.number_of_edges(),
            load=f"cypher-shell -u neo4j -p PASSWORD -f {Path(path)}",
        )

    def read(self, path: Path) -> None:
        """Cypher is not read back here; tests check it with Neo4j's own parser instead."""
        return None


EXPORTERS = (CypherExporter(),)
