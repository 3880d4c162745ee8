"""RDF serializations of the store: Turtle (all graphs merged), N-Quads and TriG (named graphs kept), JSON-LD.

Written by pyoxigraph straight from the store (no rdflib graph in memory).
N-Quads lines are sorted, so that file is deterministic. Turtle merges the
named graphs into one graph (the provenance of each triple is lost there;
use N-Quads, TriG or JSON-LD to keep it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import ExportError
from ..namespaces import PREFIXES
from ._base import ExportResult, atomic_file

__all__ = ["RdfExporter", "EXPORTERS"]


class RdfExporter:
    input = "rdf"

    def __init__(self, name: str, description: str, suffix: str, format: ox.RdfFormat, rdflib_format: str, datasets: bool) -> None:
        self.name = name
        self.description = description
        self.suffix = suffix
        self.format = format
        self.rdflib_format = rdflib_format
        self.datasets = datasets

    def write(self, data: ox.Store, path: Path) -> ExportResult:
        if not isinstance(data, ox.Store):
            raise ExportError(f"format {self.name} exports the RDF store; give a store or a build folder, not a property graph")
        quads = len(data)
        with atomic_file(path) as tmp:
            try:
                if self.format == ox.RdfFormat.N_QUADS:
                    lines = sorted(str(quad) + " .\n" for quad in data)
                    tmp.write_text("".join(lines), encoding="utf-8")
                elif self.datasets:
                    data.dump(str(tmp), self.format, prefixes=PREFIXES)
                else:
                    merged = ox.Store()
                    merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in data)
                    quads = len(merged)
                    merged.dump(str(tmp), self.format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
            except (OSError, ValueError) as exc:
                raise ExportError(f"{path}: cannot write {self.name}: {exc}") from exc
        load = "riot/rdflib/any SPARQL store: load the file" if self.name != "ttl" else "any RDF tool (Protégé, rdflib, GraphDB, Jena riot)"
        return ExportResult(self.name, Path(path), (Path(path),), quads, 0, load=load)

    def read(self, path: Path) -> Any:
        """Parse the file back with rdflib (a Dataset for quad formats, a Graph for Turtle)."""
        from rdflib import Dataset, Graph

        target = Dataset() if self.datasets else Graph()
        target.parse(path, format=self.rdflib_format)
        return target


EXPORTERS = (
    RdfExporter("ttl", "Turtle, all graphs merged", ".ttl", ox.RdfFormat.TURTLE, "turtle", datasets=False),
    RdfExporter("nq", "N-Quads, one named graph per case report (sorted lines)", ".nq", ox.RdfFormat.N_QUADS, "nquads", datasets=True),
    RdfExporter("trig", "TriG, one named graph per case report", ".trig", ox.RdfFormat.TRIG, "trig", datasets=True),
    RdfExporter("jsonld", "JSON-LD, named graphs kept", ".jsonld", ox.RdfFormat.JSON_LD, "json-ld", datasets=True),
)
