"""The Python entry point: open a knowledge graph, building it first when it is missing or stale.

>>> from kg.api import KnowledgeGraph
>>> graph = KnowledgeGraph.open("out")                     # builds first if missing or stale
>>> graph.query("calcinosis-sites", region="lower limb")   # rows as dicts
>>> graph.dataframe("patients")                           # pandas, when installed

:class:`kg.query.graph.KnowledgeGraph` does the querying and never builds;
this module adds the build, so that a notebook needs one call.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.query.graph import KnowledgeGraph as _QueryGraph
from kg.query.graph import Listing, Result
from kg.query.run import DEFAULT_TIMEOUT
from kg.query.store import DISK, open_store
from kg.resources import bundled_data_dir, default_reports_dir, ontology_dir

__all__ = ["KnowledgeGraph", "Listing", "Result", "is_stale"]

SUMMARY = "summary.json"
"""The file whose time stamp says when the build in a folder finished."""


def is_stale(out_dir: Path, inputs: Iterable[Path]) -> bool:
    """True if the build in ``out_dir`` is missing or older than any input file."""
    summary = out_dir / SUMMARY
    if not summary.is_file() or not (out_dir / "store").is_dir():
        return True
    built = summary.stat().st_mtime
    return any(path.stat().st_mtime > built for path in inputs)


def _inputs(data_dir: Path) -> list[Path]:
    """The files a build depends on: records, ontology modules and shapes."""
    return [*sorted(data_dir.glob("*.yaml")), *sorted(ontology_dir().rglob("*.ttl"))]


class KnowledgeGraph(_QueryGraph):
    """A built knowledge graph (see :class:`kg.query.graph.KnowledgeGraph`) that builds itself when needed."""

    @classmethod
    def open(
        cls,
        out_dir: str | Path = "out",
        *,
        data_dir: str | Path | None = None,
        reports_dir: str | Path | None = None,
        build: bool = True,
        timeout: float | None = DEFAULT_TIMEOUT,
        layout: str = DISK,
        memory_budget: int | None = None,
    ) -> KnowledgeGraph:
        """Open the graph built in ``out_dir``, building it first if it is missing or stale.

        Stale means a record (``data_dir``, default the bundled records), an
        ontology module or a shape is newer than the build's ``summary.json``.
        ``build=False`` opens whatever is there. ``timeout`` is how long each
        query may run, in seconds (None: no limit). ``layout`` (``disk``,
        ``memory`` or ``auto`` within ``memory_budget`` bytes) is where SPARQL
        runs (:mod:`kg.query.store`); listings read the build's precomputed rows either way.
        """
        out = Path(out_dir)
        data = Path(data_dir) if data_dir else bundled_data_dir()
        if build and is_stale(out, _inputs(data)):
            from kg.build import build as run_build

            reports = Path(reports_dir) if reports_dir else default_reports_dir()
            run_build(data, out, reports)
        return cls(out, open_store(out, layout, memory_budget), timeout=timeout)
