"""The property-graph exports sorted author lists alphabetically ("Michael Burt|Tiffany Bender").

Authors now keep the printed order, as ``cck:authorList`` records it.
"""

from __future__ import annotations

from pathlib import Path

from kg.exports.projection import from_build


def test_authors_keep_the_printed_order(seed_build: Path) -> None:
    graph = from_build(seed_build)
    assert graph.nodes["cckd:bender-2024"]["authors"] == ["Tiffany Bender", "Michael Burt"]
    assert graph.nodes["cckd:bender-2024/reference/2"]["authors"][0] == "Traineau H"
