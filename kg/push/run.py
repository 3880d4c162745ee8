"""Push a finished build to a graph store: one PUT per named graph, read from the build's store one graph at a time."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ExportError
from kg.push.auth import Credentials
from kg.push.client import GraphStoreClient, RequestFailed
from kg.push.endpoint import Endpoint
from kg.push.graphs import FORMATS, SELECTIONS, GraphKind, PlannedGraph, plan, serialized

__all__ = ["PushOptions", "GraphReport", "PushResult", "push", "planned"]


@dataclass(frozen=True)
class PushOptions:
    """What to push where, and how hard to try: see ``kg push --help`` for each option."""

    endpoint: str
    graphs: str = "all"
    fmt: str = "turtle"
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 60.0
    dry_run: bool = False
    credentials: Credentials = field(default_factory=Credentials)

    def __post_init__(self) -> None:
        if self.graphs not in SELECTIONS:
            raise ExportError(f"--graphs {self.graphs!r}: expected one of {', '.join(SELECTIONS)}")
        if self.fmt not in FORMATS:
            raise ExportError(f"--format {self.fmt!r}: expected one of {', '.join(FORMATS)}")
        if self.retries < 0 or self.backoff < 0 or self.timeout <= 0:
            raise ExportError("--retries and --backoff must not be negative, --timeout must be positive")
        Endpoint.parse(self.endpoint)  # a bad URL is reported before anything is read


@dataclass(frozen=True)
class GraphReport:
    """One graph pushed (or, in a dry run, that would be): where it went, how big it was, how many attempts it took."""

    iri: str
    kind: GraphKind
    url: str
    triples: int
    bytes: int
    attempts: int = 0
    status: int | None = None


@dataclass(frozen=True)
class PushResult:
    """What a push sent: every graph, in order, and the time it took."""

    endpoint: str
    graphs: tuple[GraphReport, ...]
    seconds: float
    dry_run: bool = False

    @property
    def triples(self) -> int:
        return sum(graph.triples for graph in self.graphs)

    @property
    def bytes(self) -> int:
        return sum(graph.bytes for graph in self.graphs)

    @property
    def retried(self) -> int:
        """Requests sent again after a failure (connection error, timeout, 5xx)."""
        return sum(max(0, graph.attempts - 1) for graph in self.graphs)

    def kinds(self) -> dict[str, int]:
        """Graphs by kind, in push order of the kinds."""
        return dict(Counter(graph.kind for graph in self.graphs))


def planned(build_dir: Path, graphs: str = "all") -> list[PlannedGraph]:
    """The graphs a push of ``build_dir`` would send, in order (for a progress bar's total, or a listing)."""
    from kg.query.store import open_store

    return plan(open_store(build_dir), graphs)


def push(
    build_dir: Path,
    options: PushOptions,
    progress: Callable[[int], None] = lambda _n: None,
    on_graph: Callable[[GraphReport], None] = lambda _r: None,
) -> PushResult:
    """Push the named graphs of a build's store to ``options.endpoint``; return what was sent.

    Raise :class:`ExportError` naming the graph if one fails after its retries
    (or at once on a refusal such as ``403``); the graphs before it are on the
    server, and a new push replaces them (PUT), so running it again is safe.
    """
    from kg.query.store import open_store

    endpoint = Endpoint.parse(options.endpoint)
    store = open_store(build_dir)
    graphs = plan(store, options.graphs)
    if not graphs:
        raise ExportError(f"{build_dir}: the store holds no {'case ' if options.graphs == 'case' else ''}graphs to push")
    media_type = FORMATS[options.fmt][1]
    reports: list[GraphReport] = []
    started = time.perf_counter()
    with GraphStoreClient(endpoint, options.credentials, timeout=options.timeout, retries=options.retries, backoff=options.backoff) as client:
        for graph in graphs:
            target = endpoint.target(graph.iri)
            with serialized(store, graph.iri, options.fmt) as payload:
                report = GraphReport(graph.iri, graph.kind, endpoint.url_of(target), payload.triples, payload.size)
                if not options.dry_run:
                    try:
                        sent = client.put(target, payload.body, payload.size, media_type)
                    except RequestFailed as exc:
                        before = f"{len(reports)} of {len(graphs)} graphs were pushed before it"
                        raise ExportError(f"push of graph <{graph.iri}> failed: {exc.reason}; {before}") from None
                    report = replace(report, attempts=sent.attempts, status=sent.status)
            reports.append(report)
            on_graph(report)
            progress(1)
    return PushResult(endpoint.url, tuple(reports), time.perf_counter() - started, options.dry_run)
