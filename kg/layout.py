"""The files of a build's output folder, named once: the build writes them, the query side and the exports read them."""

from __future__ import annotations

__all__ = ["STORE_DIR", "IMPORTS_FILE", "BUILD_MARKER", "OUTPUT_FILES"]

STORE_DIR = "store"
"""The persistent pyoxigraph store."""
IMPORTS_FILE = "imports.ttl"
"""The standard terms the records use, with their ancestors (only when they use some)."""
BUILD_MARKER = ".kg-build"
"""A small JSON file in every build folder saying which program wrote it."""

OUTPUT_FILES = {
    "turtle": "graph.ttl",
    "nquads": "graph.nq",
    "store": STORE_DIR,
    "imports": IMPORTS_FILE,
    "validation_rdf": "validation.ttl",
    "validation_text": "validation.txt",
    "validation_json": "validation.json",
    "summary": "summary.json",
}
"""What a build writes, by role, relative to the output folder (plus its cache, ``cache/``)."""
