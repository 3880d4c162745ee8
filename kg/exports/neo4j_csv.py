"""Neo4j bulk-import CSV files for ``neo4j-admin database import full``, and a reader for them.

One file per node label (``nodes_<Label>.csv``) and per relationship type
(``relationships_<TYPE>.csv``), typed headers (``id:ID(Case)``, ``:LABEL``,
``name:string``, ``age:double``, ``synonyms:string[]``, ``:START_ID(Case)``,
``:END_ID(Term)``, ``:TYPE``). Two ID spaces: ``Term`` for ontology terms and
``Case`` for everything built from the case records; node ids are CURIEs and
are stored as the ``id`` property. Relationships carry their projection key
as ``id`` (so the Cypher export and the CSV import give the same graph).

Values are written with the csv module (RFC 4180 quoting: quotes doubled,
fields with commas, quotes or line breaks quoted), so the import needs
``--multiline-fields=true``. Array elements are joined with the array
delimiter: ``;`` unless some element contains it, then the first of ``|``
and U+001F that no element contains; the chosen delimiter is part of the
import command written beside the files (``import.sh``). An empty field means
"no value": empty strings and empty lists are not written.
"""

from __future__ import annotations

import csv
import re
import shlex
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ExportError
from kg.exports.projection import TERM_LABELS, labels_of

from ._base import ExportResult, atomic_folder, check_value

__all__ = ["Neo4jCsvExporter", "EXPORTERS", "COMMAND_FILE", "id_space", "read_neo4j_csv", "import_command"]

COMMAND_FILE = "import.sh"
"""The file beside the CSVs holding the import command; it marks the folder as an export."""
_DELIMITERS = (";", "|", "\x1f")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCALAR = {bool: "boolean", int: "long", float: "double", str: "string"}
_PARSE: dict[str, Callable[[str], Any]] = {
    "boolean": lambda text: text == "true",
    "long": int,
    "int": int,
    "double": float,
    "float": float,
    "string": str,
}


def id_space(node_type: str) -> str:
    """The neo4j-admin ID space of a node type: ``Term`` for ontology terms, ``Case`` otherwise."""
    return "Term" if node_type in TERM_LABELS else "Case"


def _delimiter_option(delimiter: str) -> str:
    return f"U+{ord(delimiter):04X}" if not delimiter.isprintable() else delimiter


def _choose_delimiter(graph: nx.MultiDiGraph) -> str:
    elements = {str(item) for _, props in graph.nodes(data=True) for value in props.values() if isinstance(value, list) for item in value}
    elements |= {str(item) for *_, props in graph.edges(data=True) for value in props.values() if isinstance(value, list) for item in value}
    for delimiter in _DELIMITERS:
        if not any(delimiter in element for element in elements):
            return delimiter
    raise ExportError(f"every array delimiter candidate {_DELIMITERS!r} occurs in an array value; cannot write Neo4j CSV arrays")


def _column_type(key: str, values: list[Any], where: str) -> str:
    scalars = [item for value in values for item in (value if isinstance(value, list) else [value])]
    kinds = {type(item) for item in scalars}
    if len(kinds) > 1 and kinds <= {int, float}:
        kind = "double"
    elif len(kinds) == 1:
        kind = _SCALAR[kinds.pop()]
    else:
        raise ExportError(f"{where}: property {key!r} mixes value types {sorted(k.__name__ for k in kinds)}")
    arrays = {isinstance(value, list) for value in values}
    if arrays == {True, False}:
        raise ExportError(f"{where}: property {key!r} is a list on some items and a single value on others")
    return kind + ("[]" if arrays == {True} else "")


def _cell(value: Any, kind: str, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(_cell(item, kind[:-2], delimiter) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _schema(items: list[dict[str, Any]], skip: set[str], where: str) -> list[tuple[str, str]]:
    keys = sorted({key for props in items for key in props} - skip)
    return [(key, _column_type(key, [props[key] for props in items if key in props], where)) for key in keys]


def _write_rows(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def import_command(nodes: list[str], relationships: list[str], delimiter: str, database: str = "neo4j") -> list[str]:
    """The ``neo4j-admin database import full`` command (Neo4j 5) as an argument list."""
    return [
        "neo4j-admin", "database", "import", "full",
        "--overwrite-destination", "--multiline-fields=true", f"--array-delimiter={_delimiter_option(delimiter)}",
        *(f"--nodes={name}" for name in nodes), *(f"--relationships={name}" for name in relationships), database,
    ]  # fmt: skip


class Neo4jCsvExporter:
    name = "neo4j"
    description = "Neo4j bulk-import CSV folder (neo4j-admin database import full)"
    input = "property-graph"
    suffix = ""

    def write(self, data: nx.MultiDiGraph, path: Path) -> ExportResult:
        path = Path(path)
        delimiter = _choose_delimiter(data)
        by_type: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for node, props in data.nodes(data=True):
            _check_name(props.get("type"), f"node {node}: type")
            by_type[props["type"]].append((str(node), props))
        rels: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
        for start, end, key, props in data.edges(keys=True, data=True):
            _check_name(props.get("type"), f"edge {key}: type")
            rels[props["type"]].append((str(start), str(end), str(key), props))
        with atomic_folder(path, COMMAND_FILE) as tmp:
            node_files = [self._node_file(tmp, label, items, delimiter) for label, items in sorted(by_type.items())]
            rel_files = [self._rel_file(tmp, data, rel, items, delimiter) for rel, items in sorted(rels.items())]
            command = import_command(node_files, rel_files, delimiter)
            script = "#!/bin/sh\n# Load these CSV files into a stopped Neo4j 5 database (it is replaced), then start it.\n"
            script += 'cd "$(dirname "$0")" &&\n' + " ".join(command[:4]) + " \\\n  " + " \\\n  ".join(shlex.quote(arg) for arg in command[4:]) + "\n"
            (tmp / COMMAND_FILE).write_text(script, encoding="utf-8")
        absolute = import_command([str(path.resolve() / f) for f in node_files], [str(path.resolve() / f) for f in rel_files], delimiter)
        files = tuple(path / name for name in (*node_files, *rel_files, COMMAND_FILE))
        return ExportResult(self.name, path, files, data.number_of_nodes(), data.number_of_edges(), load=shlex.join(absolute))

    @staticmethod
    def _node_file(folder: Path, label: str, items: list[tuple[str, dict[str, Any]]], delimiter: str) -> str:
        for node, props in items:
            for key, value in props.items():
                check_value(value, lambda: f"node {node}, property {key}")
        schema = _schema([props for _, props in items], {"type", "id"}, f"nodes {label}")
        header = [f"id:ID({id_space(label)})", ":LABEL", *(f"{key}:{kind}" for key, kind in schema)]
        labels = delimiter.join(labels_of(label))
        rows = (
            [node, labels, *(_cell(props[key], kind, delimiter) if _present(props.get(key)) else "" for key, kind in schema)] for node, props in items
        )
        name = f"nodes_{label}.csv"
        _write_rows(folder / name, header, rows)
        return name

    @staticmethod
    def _rel_file(folder: Path, graph: nx.MultiDiGraph, rel: str, items: list[tuple[str, str, str, dict[str, Any]]], delimiter: str) -> str:
        spaces = {(id_space(graph.nodes[s].get("type", "")), id_space(graph.nodes[e].get("type", ""))) for s, e, _, _ in items}
        if len(spaces) > 1:
            raise ExportError(f"relationships {rel}: connect nodes of different ID spaces {sorted(spaces)}; one file per type needs one pair")
        start_space, end_space = spaces.pop()
        for _, _, key, props in items:
            for name, value in props.items():
                check_value(value, lambda: f"edge {key}, property {name}")
        schema = _schema([props for *_, props in items], {"type", "id"}, f"relationships {rel}")
        header = [f":START_ID({start_space})", f":END_ID({end_space})", ":TYPE", "id:string", *(f"{key}:{kind}" for key, kind in schema)]
        rows = (
            [s, e, rel, key, *(_cell(props[k], kind, delimiter) if _present(props.get(k)) else "" for k, kind in schema)]
            for s, e, key, props in items
        )
        name = f"relationships_{rel}.csv"
        _write_rows(folder / name, header, rows)
        return name

    def read(self, path: Path) -> nx.MultiDiGraph:
        return read_neo4j_csv(path)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _check_name(name: Any, where: str) -> None:
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise ExportError(f"{where} {name!r} is not a plain identifier (letters, digits, underscore)")


def _parse_header(column: str) -> tuple[str, str]:
    """``name:type`` -> (name, type); ``:LABEL`` -> ("", "LABEL"); ``id:ID(Case)`` -> ("id", "ID")."""
    name, _, kind = column.rpartition(":") if ":" in column else (column, "", "string")
    return name, re.sub(r"\(.*\)$", "", kind) or "string"


def _parse_cell(text: str, kind: str, delimiter: str) -> Any:
    if kind.endswith("[]"):
        return [_PARSE[kind[:-2]](item) for item in text.split(delimiter)]
    return _PARSE[kind](text)


def _read_delimiter(folder: Path) -> str:
    command = (folder / COMMAND_FILE).read_text(encoding="utf-8")
    match = re.search(r"--array-delimiter=(\S+?)'?\s", command)
    if not match:
        raise ExportError(f"{folder / COMMAND_FILE}: no --array-delimiter option found")
    value = match.group(1)
    return chr(int(value[2:], 16)) if value.startswith("U+") else value


def read_neo4j_csv(folder: Path) -> nx.MultiDiGraph:
    """Read an export folder back into a MultiDiGraph by its typed headers (the first label is the type)."""
    folder = Path(folder)
    delimiter = _read_delimiter(folder)
    graph = nx.MultiDiGraph()
    for path in sorted(folder.glob("nodes_*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            columns = [_parse_header(column) for column in next(reader)]
            for row in reader:
                props: dict[str, Any] = {}
                node = ""
                for (name, kind), text in zip(columns, row, strict=True):
                    if kind == "ID":
                        node = text
                    elif kind == "LABEL":
                        props["type"] = text.split(delimiter)[0]
                    elif text != "":
                        props[name] = _parse_cell(text, kind, delimiter)
                graph.add_node(node, **props)
    for path in sorted(folder.glob("relationships_*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            columns = [_parse_header(column) for column in next(reader)]
            for row in reader:
                fields = dict(zip((kind if kind in ("START_ID", "END_ID", "TYPE") else name for name, kind in columns), row, strict=True))
                kinds = {name: kind for name, kind in columns}
                edge = {"type": fields.pop("TYPE")}
                start, end, key = fields.pop("START_ID"), fields.pop("END_ID"), fields.pop("id")
                edge.update({name: _parse_cell(text, kinds[name], delimiter) for name, text in fields.items() if text != ""})
                graph.add_edge(start, end, key=key, **edge)
    return graph


EXPORTERS = (Neo4jCsvExporter(),)
