"""Exports: one writer per format behind one interface, chosen from a registry by format name.

Every module of this package (except those starting with ``_``) exposes
``EXPORTERS``, a tuple of objects implementing :class:`Exporter`; the registry
collects them, so adding a format means adding one module.

    >>> from kg.exports import export
    >>> export("gexf", "out", "graph.gexf")          # doctest: +SKIP

``export`` takes a pyoxigraph store, a build output folder, or a property
graph (networkx MultiDiGraph from :func:`kg.projection.to_networkx`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ExportError

from ._base import Exporter, ExportResult, flatten

__all__ = ["Exporter", "ExportResult", "registry", "get_exporter", "formats", "export", "flatten"]


@cache
def registry() -> dict[str, Exporter]:
    """Every exporter by format name, from the modules of this package."""
    found: dict[str, Exporter] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        for exporter in getattr(importlib.import_module(f"{__name__}.{module.name}"), "EXPORTERS", ()):
            if exporter.name in found:
                raise ExportError(f"format {exporter.name!r} is registered twice")
            found[exporter.name] = exporter
    return dict(sorted(found.items()))


def formats() -> tuple[str, ...]:
    """The format names, sorted."""
    return tuple(registry())


def get_exporter(format: str) -> Exporter:
    """The exporter of a format name, or an ExportError listing the known formats."""
    try:
        return registry()[format]
    except KeyError:
        raise ExportError(f"unknown export format {format!r}; choose one of: {', '.join(formats())}") from None


def export(format: str, source: Any, path: Path | str, progress: Callable[[int], None] | None = None) -> ExportResult:
    """Export a store, a build folder or a property graph to ``path`` in ``format``.

    ``progress``, if given, is called as the projection onto a property graph advances.
    """
    import networkx as nx
    import pyoxigraph as ox

    exporter = get_exporter(format)
    if isinstance(source, (str, Path)):
        from kg.query.store import open_store

        source = open_store(Path(source))
    if exporter.input == "property-graph" and isinstance(source, ox.Store):
        from kg.exports.projection import to_networkx

        source = to_networkx(source, progress)
    elif exporter.input == "rdf" and isinstance(source, nx.Graph):
        raise ExportError(f"format {format!r} exports the RDF store; give a store or a build folder, not a property graph")
    return exporter.write(source, Path(path))
