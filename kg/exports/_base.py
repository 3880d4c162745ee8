"""The interface every exporter implements, its result, and helpers the writers share.

An exporter writes one kind of input: the property graph (a networkx
``MultiDiGraph`` from :mod:`kg.projection`) or the RDF store (pyoxigraph).
Writers write into a temporary sibling and rename it into place, so an
interrupted export never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import networkx as nx

from kg.errors import ExportError
from kg.files import apply_user_mode

__all__ = [
    "Exporter",
    "ExportResult",
    "Input",
    "atomic_file",
    "atomic_folder",
    "flatten",
    "flat_value",
    "check_value",
]

Input = Literal["property-graph", "rdf"]


@dataclass(frozen=True)
class ExportResult:
    """What an exporter wrote: the format, the path, its files, counts, and how to load it."""

    format: str
    path: Path
    files: tuple[Path, ...]
    nodes: int
    edges: int
    load: str
    """How to load the output into its target (a command or a menu path)."""
    what: str = ""
    """What was written, in words ("8590 quads"); empty for the default, nodes and relationships."""

    def describe(self) -> str:
        """What was written, for the command's summary line."""
        return self.what or f"{self.nodes} nodes and {self.edges} relationships"


@runtime_checkable
class Exporter(Protocol):
    """One output format: its name, what it reads, how it writes and (optionally) reads back."""

    name: str
    """The format name on the command line (``--format``)."""
    description: str
    input: Input
    """``property-graph`` (a networkx MultiDiGraph) or ``rdf`` (a pyoxigraph store)."""
    suffix: str
    """The file suffix of the output; empty for a folder."""

    def write(self, data: Any, path: Path) -> ExportResult:
        """Write ``data`` to ``path`` (a file, or a folder when ``suffix`` is empty)."""
        ...

    def read(self, path: Path) -> Any:
        """Read an output back (a MultiDiGraph, or an rdflib Dataset for RDF) for round-trip checks."""
        ...


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place when the block succeeds."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name for this format")
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
    try:
        yield Path(tmp)
        with _writing(path):
            apply_user_mode(Path(tmp))
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextmanager
def atomic_folder(path: Path, marker: str) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; swap it in when the block succeeds.

    An existing folder is replaced only if it holds a previous export (its
    ``marker`` file) or nothing at all, so that no unrelated files are lost.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: is a file; this format writes a folder")
    if path.is_dir() and any(path.iterdir()) and not (path / marker).is_file():
        raise ExportError(f"{path}: folder is not empty and holds no previous export ({marker}); choose another --out")
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        yield tmp
        with _writing(path):
            for item in (tmp, *tmp.rglob("*")):
                apply_user_mode(item)
            if path.exists():
                shutil.rmtree(path)
            os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a file-system error while writing ``path`` into an ExportError that names it."""
    try:
        yield
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the export: {exc.strerror or exc}") from None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold, even escaped."""


def check_value(value: Any, where: Callable[[], str], xml: bool = False) -> None:
    """Refuse values no export format can hold faithfully (NaN, infinities, nested containers); with ``xml``, control characters too."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, float) and not math.isfinite(item):
            raise ExportError(f"{where()}: non-finite number {item!r} cannot be exported")
        if not isinstance(item, (str, int, float, bool)):
            raise ExportError(f"{where()}: value of type {type(item).__name__} cannot be exported")
        if xml and isinstance(item, str):
            bad = _NOT_XML.search(item)
            if bad:
                raise ExportError(f"{where()}: the character {bad.group(0)!r} (a control character) cannot be written in XML")


def flat_value(value: Any) -> Any:
    """A scalar for formats without list values: lists become JSON arrays (``["a", "b"]``)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the projection with every list property serialised as a JSON array string."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{key: flat_value(value) for key, value in data.items()})
    for start, end, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(start, end, key=key, **{name: flat_value(value) for name, value in data.items()})
    return flat
