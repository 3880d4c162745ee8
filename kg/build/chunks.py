"""The build's per-case chunk files and the whole-graph files made from them.

Each case is written as chunks named by its key: its sorted N-Quads lines
(asserted graph, then inferred graph) and the rows of the partitioned library
queries (:mod:`kg.build.tables`). The ontology and what HermiT adds to it
form the first chunk (N-Quads and Turtle). Whole-graph files (``graph.nq``,
``graph.ttl``, TriG) are streamed from the chunks on demand
(:func:`write_whole_graph`): N-Quads by concatenation, Turtle and TriG by
writing one case's chunk at a time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.build.reason import Classification
from kg.namespaces import CCK, INFERRED_ONTOLOGY_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from kg.rdfterms import to_quads

__all__ = [
    "CHUNK_DIR",
    "ONTOLOGY_CHUNK",
    "chunk_paths",
    "rows_path",
    "case_chunk_names",
    "turtle_body",
    "link_chunks",
    "write_ontology_chunk",
    "concatenate",
    "write_whole_graph",
    "turtle_header",
]

CHUNK_DIR = "cache/chunks"
"""Where the per-case N-Quads and Turtle chunks are kept, inside a build's output folder."""


def chunk_paths(chunk_dir: Path, key: str) -> tuple[Path, Path]:
    """The N-Quads and Turtle chunk files of the case with this key."""
    return chunk_dir / f"{key}.nq", chunk_dir / f"{key}.ttl"


def rows_path(chunk_dir: Path, key: str) -> Path:
    """The chunk of a case's precomputed query rows (:mod:`kg.build.tables`); the ontology has none."""
    return chunk_dir / f"{key}.rows"


def turtle_body(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle statements with the project's prefixes, without the prefix lines: chunks concatenate after one header."""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert text is not None
    return b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"@prefix "))


def case_chunk_names(key: str) -> tuple[str, ...]:
    """The file names of a case's chunks: its N-Quads and its rows (plain strings: a build checks and links 20,000 of them)."""
    return f"{key}.nq", f"{key}.rows"


def link_chunks(old_dir: Path, new_dir: Path, keys: Iterable[str]) -> None:
    """Hard-link (else copy) the chunk files of each key from the previous build's chunks into the new ones."""
    old, new = str(old_dir), str(new_dir)
    for key in keys:
        names = (f"{key}.nq", f"{key}.ttl") if key == ONTOLOGY_CHUNK else case_chunk_names(key)
        for name in names:
            source, target = os.path.join(old, name), os.path.join(new, name)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)


ONTOLOGY_CHUNK = "ontology"
"""The name of the chunk holding the ontology graph and its inferences."""


def write_ontology_chunk(project: Graph, model: Classification, chunk_dir: Path, imports: Graph | None = None) -> tuple[int, int]:
    """The ontology graph, the import module and what HermiT adds to them, as the first chunk; return their quad counts.

    ``model`` may cover more imported classes than ``imports`` holds: only the
    project's classes and the imported ones are described.
    """
    told = [project] if imports is None else [project, imports]
    asserted = to_canonical_graph(project) if imports is None else [*to_canonical_graph(project), *_stable_blank_nodes(imports)]
    imported = frozenset() if imports is None else frozenset(c for c in imports.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    ontology = list(dict.fromkeys(to_quads(asserted, ox.NamedNode(str(ONTOLOGY_GRAPH)))))
    inferred = to_quads(ontology_inferences(told, model, imported), ox.NamedNode(str(INFERRED_ONTOLOGY_GRAPH)))
    lines = []
    for quads in (ontology, inferred):
        lines.extend(sorted((ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").splitlines(keepends=True)))
    nquads, turtle = chunk_paths(chunk_dir, ONTOLOGY_CHUNK)
    nquads.write_bytes(b"".join(lines))
    in_order = ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS)  # sorted: the same Turtle whatever the hash seed
    turtle.write_bytes(turtle_body(dict.fromkeys(q.triple for q in in_order)))
    return len(ontology), len(inferred)


def _stable_blank_nodes(graph: Graph) -> Graph:
    """The graph with every blank node named by a digest of its triples, as canonical labelling would but in linear time.

    An import module's blank nodes are restrictions whose neighbours are all
    named; a graph with blank nodes linked to blank nodes is canonicalized.
    """
    entries: dict[BNode, list[str]] = defaultdict(list)
    for s, p, o in graph:
        if isinstance(s, BNode):
            entries[s].append(f"> {p.n3()} {o.n3()}")
        if isinstance(o, BNode):
            entries[o].append(f"< {s.n3()} {p.n3()}")
        if isinstance(s, BNode) and isinstance(o, BNode):
            return to_canonical_graph(graph)
    names: dict[Node, Node] = {
        node: BNode("i" + hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:32]) for node, lines in entries.items()
    }
    stable = Graph()
    for s, p, o in graph:
        stable.add((names.get(s, s), p, names.get(o, o)))
    return stable


def ontology_inferences(told: list[Graph], model: Classification, imported: frozenset[URIRef] = frozenset()) -> Graph:
    """What HermiT adds to the told ontology graphs: inferred subclass links and the part-of closure between sites.

    Only the project's classes and the ``imported`` ones are described.
    """
    graph = Graph()
    project = str(CCK)
    for cls, ancestors in sorted(model.superclasses.items()):
        if not (cls.startswith(project) or cls in imported):
            continue
        for ancestor in sorted(ancestors - {cls}):
            if not any((cls, RDFS.subClassOf, ancestor) in g for g in told):
                graph.add((cls, RDFS.subClassOf, ancestor))
    for site, wholes in sorted(model.part_of.items()):
        if site.startswith(project) or site in imported:
            for whole in sorted(wholes):
                graph.add((site, CCK.partOf, whole))
    return graph


def turtle_header() -> bytes:
    """The prefix lines that open a whole-graph Turtle or TriG file made of chunks."""
    return "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()).encode()


def concatenate(tmp: Path, keys: list[str], nquads_name: str, turtle_name: str) -> None:
    """graph.nq and graph.ttl: the ontology chunk, then every case's chunk in record file order."""
    for name, kind in ((nquads_name, "nq"), (turtle_name, "ttl")):
        write_whole_graph(tmp / CHUNK_DIR, keys, kind, tmp / name)


def write_whole_graph(chunk_dir: Path, keys: list[str], kind: str, path: Path) -> None:
    """One whole-graph file streamed from the chunks (ontology first, then ``keys`` in order): ``nq``, ``ttl`` or ``trig``.

    N-Quads and Turtle chunks are copied as they are (in the kernel where it
    can); TriG is written chunk by chunk from the N-Quads chunks, so memory
    holds one chunk at a time.
    """
    with open(path, "wb") as target:
        if kind != "nq":
            target.write(turtle_header())
            target.flush()
        for key in (ONTOLOGY_CHUNK, *keys):
            nquads, turtle = chunk_paths(chunk_dir, key)
            if kind == "nq" or (kind == "ttl" and turtle.is_file()):
                with open(nquads if kind == "nq" else turtle, "rb") as source:
                    _append(source, target)
                continue
            quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            if kind == "ttl":
                target.write(turtle_body(dict.fromkeys(quad.triple for quad in quads)))
            else:
                text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
                target.write(b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"@prefix ")))
            target.flush()


def _append(source: BinaryIO, target: BinaryIO) -> None:
    """Copy the rest of ``source`` to the end of ``target`` in the kernel where it can (copy_file_range), else through Python."""
    size = os.fstat(source.fileno()).st_size
    try:
        while size > 0:
            copied = os.copy_file_range(source.fileno(), target.fileno(), size)
            if copied == 0:
                break
            size -= copied
    except OSError:
        shutil.copyfileobj(source, target, 1 << 20)
