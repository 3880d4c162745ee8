"""GraphML: the property graph for Gephi, yEd, Cytoscape and Neo4j APOC (``apoc.import.graphml``).

Written by networkx; every node carries ``type`` and ``name``, every edge its
``type``, and list properties are JSON array strings (GraphML has no lists).
Edge ids are the projection's edge keys.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import ExportError

from ._base import ExportResult, atomic_file, check_value, flatten

__all__ = ["GraphMLExporter", "EXPORTERS"]


class GraphMLExporter:
    name = "graphml"
    description = "GraphML (Gephi, yEd, Cytoscape, Neo4j APOC)"
    input = "property-graph"
    suffix = ".graphml"

    def write(self, data: nx.MultiDiGraph, path: Path) -> ExportResult:
        for node, props in data.nodes(data=True):
            for key, value in props.items():
                check_value(value, lambda: f"node {node}, property {key}", xml=True)
        for start, end, key, props in data.edges(keys=True, data=True):
            for name, value in props.items():
                check_value(value, lambda: f"edge {key} ({start} -> {end}), property {name}", xml=True)
        with atomic_file(path) as tmp:
            try:
                nx.write_graphml(flatten(data), tmp, encoding="utf-8", prettyprint=True)
            except ValueError as exc:  # lxml refuses characters XML cannot hold
                raise ExportError(f"{path}: cannot write GraphML: {exc}") from exc
        return ExportResult(
            self.name,
            Path(path),
            (Path(path),),
            data.number_of_nodes(),
            data.number_of_edges(),
            load=f"Gephi: File > Open > {Path(path).name}; Neo4j: CALL apoc.import.graphml('{Path(path).name}', {{readLabels: false}})",
        )

    def read(self, path: Path) -> nx.MultiDiGraph:
        """Read the file back as a MultiDiGraph (list properties stay JSON strings)."""
        return nx.MultiDiGraph(nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True))


EXPORTERS = (GraphMLExporter(),)
