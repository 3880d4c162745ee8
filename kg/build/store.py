"""The build's side of the embedded SPARQL store (pyoxigraph): filling it from chunks, and the cross-case checks on it."""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.namespaces import CCK, is_case_graph
from kg.rdfterms import solutions

__all__ = ["StoreLoader", "check_store"]

"""Name of the store folder inside a build's output folder."""


class StoreLoader:
    """Fills the build's on-disk store from N-Quads chunk files while the build runs.

    A new store is filled by ONE bulk load that runs in a thread of its own
    and reads the chunks as the build hands them over (:meth:`add`), one
    after the other, as a single stream: RocksDB writes each index once, where
    many smaller bulk loads made it merge ever larger files (at 1,000 cases,
    one load took 20 s against 31 s in 64 MB loads). Chunks are the build's
    own output, so the loader skips IRI validation (``lenient``).

    With ``previous``, the new store starts as a copy of that store (a
    database checkpoint: unchanged data files are hard links, so the copy does
    not cost in proportion to the store) without the ``drop_graphs``, and
    chunks are loaded as they come. Such a store is not compacted or counted
    at the end, as both take time in proportion to the whole store (at 1,000
    cases, 15 s and 0.9 s).
    """

    BATCH_BYTES = 64 * 1024 * 1024
    """N-Quads gathered before one bulk load into a copied store."""

    def __init__(self, folder: Path, previous: Path | None = None, drop_graphs: Iterable[str] = ()) -> None:
        self.fresh = previous is None
        if previous is not None:
            ox.Store.read_only(str(previous)).backup(str(folder))
        self.store = ox.Store(str(folder))
        for name in drop_graphs:
            self.store.remove_graph(ox.NamedNode(name))
        self.pending: list[bytes] = []
        self.size = 0
        self._feed: _ChunkFeed | None = None
        self._thread: threading.Thread | None = None
        self._failure: list[BaseException] = []
        if self.fresh:
            self._feed = _ChunkFeed()
            self._thread = threading.Thread(target=self._stream, name="store bulk load", daemon=True)
            self._thread.start()

    def _stream(self) -> None:
        feed = self._feed
        assert feed is not None, "the bulk load runs only for a fresh store"
        try:
            self.store.bulk_load(input=io.BufferedReader(feed, 1 << 20), format=ox.RdfFormat.N_QUADS, lenient=True)
        except BaseException as exc:  # handed to the build's thread in close()
            self._failure.append(exc)

    def add(self, nquads: Path) -> None:
        """Load a chunk file (a new store reads it when its load gets to it)."""
        if self._feed is not None:
            self._feed.put(nquads)
            return
        data = nquads.read_bytes()
        self.pending.append(data)
        self.size += len(data)
        if self.size >= self.BATCH_BYTES:
            self._load()

    def close(self) -> int | None:
        """Finish loading; compact a new store and return its quad count (None for an updated copy)."""
        if self._feed is not None and self._thread is not None:
            self._feed.put(None)
            self._thread.join()
            self._feed = None
            if self._failure:
                raise KGError(f"loading the store failed: {self._failure[0]}") from self._failure[0]
        self._load()
        self.store.flush()
        count = None
        if self.fresh:
            self.store.optimize()
            count = len(self.store)
        del self.store
        return count

    def abort(self) -> None:
        """Stop a running load (the build failed): its thread ends, the store is left to be deleted."""
        if self._feed is not None and self._thread is not None:
            self._feed.put(_ABORT)
            self._thread.join()
            self._feed = None

    def _load(self) -> None:
        if self.pending:
            self.store.bulk_load(input=b"".join(self.pending), format=ox.RdfFormat.N_QUADS, lenient=True)
        self.pending, self.size = [], 0


_ABORT = Path("\0abort")
"""Handed to a chunk feed to make its reader fail, which ends the bulk load."""


class _ChunkFeed(io.RawIOBase):
    """A readable stream of the chunk files put into it, in order, until None is put (the end)."""

    def __init__(self) -> None:
        super().__init__()
        self._paths: queue.Queue[Path | None] = queue.Queue()
        self._current: io.BufferedReader | None = None
        self._ended = False

    def put(self, path: Path | None) -> None:
        self._paths.put(path)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._ended:
            if self._current is None:
                path = self._paths.get()
                if path is None:
                    self._ended = True  # a buffered reader may ask again after the end
                    return 0
                if path is _ABORT:
                    raise OSError("the build stopped")
                self._current = open(path, "rb")  # noqa: SIM115 (closed when read to the end, or by close())
            read = self._current.readinto(buffer)
            if read:
                return read
            self._current.close()
            self._current = None
        return 0


_CASE_REPORTS_PER_GRAPH = """
SELECT ?g (COUNT(DISTINCT ?case) AS ?n) WHERE { GRAPH ?g { ?case a <CASE_REPORT> } } GROUP BY ?g HAVING (COUNT(DISTINCT ?case) != 1)
""".replace("CASE_REPORT", str(CCK.CaseReport))
_GRAPHS_PER_CASE_REPORT = """
SELECT ?case (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?case a <CASE_REPORT> } } GROUP BY ?case HAVING (COUNT(DISTINCT ?g) != 1)
""".replace("CASE_REPORT", str(CCK.CaseReport))


def check_store(folder: Path, cases: int) -> None:
    """Cross-case checks on the loaded store: one case report per case graph, each in one graph only."""
    store = ox.Store.read_only(str(folder))
    for query, what in ((_CASE_REPORTS_PER_GRAPH, "case graph"), (_GRAPHS_PER_CASE_REPORT, "case report")):
        for row in solutions(store, query):
            raise KGError(f"store check failed: {what} {row[0].value} appears {row[1].value} times")
    graphs = sum(1 for g in store.named_graphs() if is_case_graph(g.value))
    if graphs != cases:
        raise KGError(f"store check failed: {graphs} case graphs for {cases} records")
