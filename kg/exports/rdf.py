"""RDF serializations of the graph: Turtle (all graphs merged), N-Quads and TriG (named graphs kept), JSON-LD.

From a build folder, N-Quads, Turtle and TriG are streamed from the build's
per-case chunks (the ontology's chunk, then the cases by record file name),
one chunk in memory at a time: the same bytes as ``kg build --graph-files``
writes. Otherwise (a store without its build's chunks, and JSON-LD) pyoxigraph
writes them from the store, with N-Quads lines sorted, so that the file is
deterministic. Turtle merges the named graphs into one graph (the provenance
of each triple is lost there; use N-Quads, TriG or JSON-LD to keep it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError
from kg.layout import OUTPUT_FILES
from kg.namespaces import PREFIXES

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
        chunked = _chunked_build(data) if self.name in ("nq", "ttl", "trig") else None
        quads = len(data) if chunked is None else chunked[2]
        with atomic_file(path) as tmp:
            try:
                if chunked is not None:
                    from kg.build.chunks import write_whole_graph

                    write_whole_graph(chunked[0], chunked[1], self.name, tmp)
                elif self.format == ox.RdfFormat.N_QUADS:
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
        return ExportResult(self.name, Path(path), (Path(path),), quads, 0, load=load, what=f"{quads} quads")

    def read(self, path: Path) -> Any:
        """Parse the file back with rdflib (a Dataset for quad formats, a Graph for Turtle)."""
        from rdflib import Dataset, Graph

        target = Dataset() if self.datasets else Graph()
        target.parse(path, format=self.rdflib_format)
        return target


def _chunked_build(store: ox.Store) -> tuple[Path, list[str], int] | None:
    """The chunk folder, case chunk keys (by record file name) and quad count of the build the store was opened from, if known."""
    from kg.build.cache import Manifest
    from kg.build.chunks import CHUNK_DIR, ONTOLOGY_CHUNK, chunk_paths
    from kg.query.store import build_folder

    folder = build_folder(store)
    if folder is None:
        return None
    manifest = Manifest.read(folder, folder)
    try:
        quads = int(json.loads((folder / OUTPUT_FILES["summary"]).read_text(encoding="utf-8"))["quads_in_store"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest is None:
        return None
    keys = [case.key for _, case in sorted(manifest.cases.items())]
    chunk_dir = folder / CHUNK_DIR
    if not all(chunk_paths(chunk_dir, key)[0].is_file() for key in (ONTOLOGY_CHUNK, *keys)):
        return None
    return chunk_dir, keys, quads


EXPORTERS = (
    RdfExporter("ttl", "Turtle, all graphs merged", ".ttl", ox.RdfFormat.TURTLE, "turtle", datasets=False),
    RdfExporter(
        "nq", "N-Quads, one named graph per case report (sorted lines within each graph)", ".nq", ox.RdfFormat.N_QUADS, "nquads", datasets=True
    ),
    RdfExporter("trig", "TriG, one named graph per case report", ".trig", ox.RdfFormat.TRIG, "trig", datasets=True),
    RdfExporter("jsonld", "JSON-LD, named graphs kept", ".jsonld", ox.RdfFormat.JSON_LD, "json-ld", datasets=True),
)
