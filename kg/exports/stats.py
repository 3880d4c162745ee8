"""Counts of a property-graph projection: nodes and edges by type, and the most connected terms."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.exports.projection import HIERARCHY_TYPES, TERM_LABELS

__all__ = ["ConnectedTerm", "GraphStats", "graph_stats"]


@dataclass(frozen=True)
class ConnectedTerm:
    """An ontology term and the number of case relationships that reach it."""

    id: str
    name: str
    type: str
    degree: int


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    nodes_by_type: tuple[tuple[str, int], ...]
    edges_by_type: tuple[tuple[str, int], ...]
    top_terms: tuple[ConnectedTerm, ...]


def _counted(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """Counts by type, and the ``top`` terms with the most relationships other than IS_A/PART_OF."""
    degree: Counter[str] = Counter()
    for start, end, props in graph.edges(data=True):
        if props.get("type") not in HIERARCHY_TYPES:
            degree[start] += 1
            degree[end] += 1
    terms = [node for node, props in graph.nodes(data=True) if props.get("type") in TERM_LABELS and degree[node]]
    terms.sort(key=lambda node: (-degree[node], node))
    return GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        nodes_by_type=_counted(Counter(str(props.get("type")) for _, props in graph.nodes(data=True))),
        edges_by_type=_counted(Counter(str(props.get("type")) for *_, props in graph.edges(data=True))),
        top_terms=tuple(
            ConnectedTerm(node, str(graph.nodes[node].get("name", node)), str(graph.nodes[node]["type"]), degree[node]) for node in terms[:top]
        ),
    )
