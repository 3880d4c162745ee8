"""GEXF 1.3 for Gephi, written with lxml so that it validates against the official RELAX NG schema.

Every node and edge property is a declared attribute (``type`` first, then the
others alphabetically; lists as JSON array strings). Nodes are coloured by
type (``viz:color``) and sized by degree (``viz:size``); the node ``label`` is
the name with its whitespace collapsed (GEXF labels are XML tokens), while the
exact name stays in the ``name`` attribute. Edge labels are relationship types.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ExportError
from kg.exports.projection import CASE_LABELS, TERM_LABELS

from ._base import ExportResult, atomic_file, check_value, flat_value

__all__ = ["GEXF_NS", "VIZ_NS", "GexfExporter", "EXPORTERS", "colour_of"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
_PALETTE: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
    (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207), (174, 199, 232), (255, 187, 120),
    (152, 223, 138), (255, 152, 150), (197, 176, 213), (196, 156, 148), (247, 182, 210), (219, 219, 141),
)  # fmt: skip
_KNOWN_TYPES = (*CASE_LABELS, *TERM_LABELS)


def colour_of(node_type: str) -> tuple[int, int, int]:
    """A fixed colour per node type (the projection's types first, then by name)."""
    if node_type in _KNOWN_TYPES:
        return _PALETTE[_KNOWN_TYPES.index(node_type) % len(_PALETTE)]
    return _PALETTE[sum(node_type.encode()) % len(_PALETTE)]


def _size(degree: int) -> float:
    return round(4.0 + 4.0 * math.log2(1 + degree), 3)


def _gexf_type(values: list[Any]) -> str:
    kinds = {type(value) for value in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _text(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(flat_value(value))


def _declare(parent: Any, cls: str, items: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Declare one attribute per property key; return key -> (attribute id, GEXF type)."""
    from lxml import etree

    keys = ["type", *sorted({key for props in items for key in props} - {"type"})]
    element = etree.SubElement(parent, f"{{{GEXF_NS}}}attributes", {"class": cls})
    declared: dict[str, tuple[str, str]] = {}
    for index, key in enumerate(keys):
        kind = _gexf_type([props[key] for props in items if key in props])
        declared[key] = (f"{cls[0]}{index}", kind)
        etree.SubElement(element, f"{{{GEXF_NS}}}attribute", {"id": declared[key][0], "title": key, "type": kind})
    return declared


def _attvalues(parent: Any, props: dict[str, Any], declared: dict[str, tuple[str, str]]) -> None:
    from lxml import etree

    values = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for key, value in props.items():
        ident, kind = declared[key]
        etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": ident, "value": _text(value, kind)})


class GexfExporter:
    name = "gexf"
    description = "GEXF 1.3 for Gephi (typed attributes, colour by type, size by degree)"
    input = "property-graph"
    suffix = ".gexf"

    def write(self, data: nx.MultiDiGraph, path: Path) -> ExportResult:
        try:
            from lxml import etree
        except ImportError as exc:  # pragma: no cover - lxml is a dependency
            raise ExportError("GEXF export needs lxml: pip install 'lxml>=4.9'") from exc
        root = etree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"}, nsmap={None: GEXF_NS, "viz": VIZ_NS})
        meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
        etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "calcinosis-kg"
        etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = "Property-graph projection of the calcinosis cutis case-report knowledge graph"
        graph = etree.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed"})
        node_attrs = _declare(graph, "node", [props for _, props in data.nodes(data=True)])
        edge_attrs = _declare(graph, "edge", [props for *_, props in data.edges(data=True)])
        nodes = etree.SubElement(graph, f"{{{GEXF_NS}}}nodes", {"count": str(data.number_of_nodes())})
        degree = dict(data.degree())
        try:
            for node, props in data.nodes(data=True):
                self._node(nodes, node, props, node_attrs, degree[node])
            edges = etree.SubElement(graph, f"{{{GEXF_NS}}}edges", {"count": str(data.number_of_edges())})
            for start, end, key, props in data.edges(keys=True, data=True):
                element = etree.SubElement(
                    edges, f"{{{GEXF_NS}}}edge", {"id": str(key), "source": str(start), "target": str(end), "label": str(props.get("type", ""))}
                )
                for name, value in props.items():
                    check_value(value, lambda: f"edge {key} ({start} -> {end}), property {name}", xml=True)
                _attvalues(element, props, edge_attrs)
        except ValueError as exc:  # lxml refuses characters XML 1.0 cannot hold
            raise ExportError(f"{path}: cannot write GEXF: {exc}") from exc
        with atomic_file(path) as tmp:
            etree.ElementTree(root).write(str(tmp), encoding="UTF-8", xml_declaration=True, pretty_print=True)
        return ExportResult(
            self.name,
            Path(path),
            (Path(path),),
            data.number_of_nodes(),
            data.number_of_edges(),
            load=f"Gephi: File > Open > {Path(path).name} (then Layout > ForceAtlas 2)",
        )

    @staticmethod
    def _node(parent: Any, node: str, props: dict[str, Any], declared: dict[str, tuple[str, str]], degree: int) -> None:
        from lxml import etree

        for key, value in props.items():
            check_value(value, lambda: f"node {node}, property {key}", xml=True)
        label = " ".join(str(props.get("name", node)).split()) or str(node)
        element = etree.SubElement(parent, f"{{{GEXF_NS}}}node", {"id": str(node), "label": label})
        _attvalues(element, props, declared)
        r, g, b = colour_of(str(props.get("type", "")))
        etree.SubElement(element, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
        etree.SubElement(element, f"{{{VIZ_NS}}}size", {"value": str(_size(degree))})

    def read(self, path: Path) -> nx.MultiDiGraph:
        """Read the file back with networkx; drop the presentation (label, viz) and edge ids (kept as keys)."""
        graph = nx.read_gexf(path, node_type=str, version="1.3")
        result = nx.MultiDiGraph()
        for node, props in graph.nodes(data=True):
            result.add_node(node, **{k: v for k, v in props.items() if k not in ("label", "viz")})
        for start, end, key, props in graph.edges(keys=True, data=True):
            result.add_edge(start, end, key=key, **{k: v for k, v in props.items() if k not in ("id", "label")})
        return result


EXPORTERS = (GexfExporter(),)
