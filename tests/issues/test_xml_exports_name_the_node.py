"""A control character in a name made the GEXF and GraphML exports fail without saying which node held it.

The exporters check every value before writing and name the node (or edge)
and the property.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.exports import export


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
@pytest.mark.parametrize("where", ["node", "edge"])
def test_a_control_character_is_refused_naming_where_it_is(fmt: str, where: str, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("cckd:case/patient", type="Patient", name="patient")
    graph.add_node("cck:Thigh", type="AnatomicSite", name="thigh\x07" if where == "node" else "thigh")
    graph.add_edge("cckd:case/patient", "cck:Thigh", key="e1", type="HAS_SITE", note="bell\x07" if where == "edge" else "ok")
    with pytest.raises(ExportError) as error:
        export(fmt, graph, tmp_path / f"graph.{fmt}")
    expected = "node cck:Thigh, property name" if where == "node" else "edge e1 (cckd:case/patient -> cck:Thigh), property note"
    assert expected in str(error.value) and "control character" in str(error.value)
    assert not (tmp_path / f"graph.{fmt}").exists()
