"""Helpers for the export tests: the awkward name, and the seed projection with it injected."""

from __future__ import annotations

import networkx as nx

AWKWARD = "quote ' double \" backslash \\ comma , semicolon ; newline \n tab \t é 漢 😀 end"
"""A name with every character that could break CSV, Cypher, XML or RDF."""
AWKWARD_NODE = "cck:AwkwardTestDrug"
AWKWARD_EDGE = "awkward-edge ' \" ; ,"


def with_awkward(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the projection with one drug term whose name, synonyms and edge carry every awkward character."""
    copy = graph.copy()
    copy.add_node(AWKWARD_NODE, type="Drug", name=AWKWARD, synonyms=[AWKWARD, "plain"], definition=AWKWARD + "\r\n second line")
    copy.add_edge(AWKWARD_NODE, "cck:Drug", key=AWKWARD_EDGE, type="IS_A", note=AWKWARD)
    return copy
