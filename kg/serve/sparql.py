"""The SPARQL 1.1 Protocol query operation over the build's store, with the project's safety rules.

https://www.w3.org/TR/sparql11-protocol/#query-operation: ``GET ?query=``,
``POST`` of ``application/sparql-query`` and of an
``application/x-www-form-urlencoded`` form. The query runs over the union of
the store's graphs, with the project's prefixes predeclared. Results are
written by pyoxigraph's own serializers (SPARQL JSON, XML, CSV, TSV; Turtle,
N-Triples or RDF/XML for CONSTRUCT and DESCRIBE), chosen by the Accept header.

Safety: updates and SERVICE are refused by :func:`kg.query.run.check_read_only`
before anything runs (400); ``default-graph-uri`` and ``named-graph-uri`` are
refused (400). A query runs in a worker thread and the request gives up after
the time limit (503). The worker writes its results through a sink that stops
it at the next block of output, so an abandoned query ends soon after; a query
that produces nothing for a long time (a huge COUNT) runs on until it finishes,
as pyoxigraph cannot interrupt it, so at most ``workers`` queries run at once.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.query.run import check_read_only
from kg.serve.messages import HttpError, Request
from kg.serve.negotiate import choose

__all__ = ["Answer", "Endpoint", "protocol_query", "RESULT_FORMATS", "GRAPH_FORMATS", "HTML"]

HTML = "text/html"
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
"""Media types of SELECT and ASK results, in the order the server prefers them."""
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""Media types of CONSTRUCT and DESCRIBE results, in the order the server prefers them."""

_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
MAX_RESULT_BYTES = 256 * 1024 * 1024
"""The largest result the endpoint sends; a query that writes more is stopped (give a LIMIT)."""


def protocol_query(request: Request) -> str | None:
    """The query text of a SPARQL protocol request, or None when it carries none; HttpError for a malformed one."""
    params = dict(request.params)
    text: str | None = None
    if request.method == "POST":
        kind = request.content_type
        body = _decode(request.body)
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "query" in params:
                raise HttpError(400, "give the query in the form body, not in the URL, when POSTing a form")
            params.update(form)
        elif kind == "application/sparql-query":
            if "query" in params:
                raise HttpError(400, "give the query once: in the body of an application/sparql-query POST, not also in the URL")
            text = body
        elif kind == "application/sparql-update":
            raise HttpError(400, "SPARQL updates are not allowed: the built graph is read-only")
        else:
            raise HttpError(
                415,
                f"unsupported Content-Type {kind or '(none)'!r}: POST application/sparql-query or an "
                "application/x-www-form-urlencoded form with a 'query' field",
            )
    if "update" in params:
        raise HttpError(400, "SPARQL updates are not allowed: the built graph is read-only")
    for name in _DATASET_PARAMS:
        if name in params:
            raise HttpError(
                400, f"{name} is not supported: queries run over the union of the build's graphs; use GRAPH in the query to read one graph"
            )
    if text is None:
        values = params.get("query", [])
        if len(values) > 1:
            raise HttpError(400, f"the parameter 'query' is given {len(values)} times; give one query")
        text = values[0] if values else None
    if text is not None and not text.strip():
        raise HttpError(400, "the query is empty")
    return text


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the request body is not UTF-8 (invalid byte at offset {exc.start})") from None


@dataclass(frozen=True)
class Answer:
    """A serialized query result: its media type, the body, and the query form (``select``, ``ask`` or ``graph``)."""

    media_type: str
    body: bytes
    form: str


class _Stopped(Exception):
    """Raised inside pyoxigraph's serializer to stop an abandoned or oversized query."""


class _Sink(io.RawIOBase):
    """Where pyoxigraph writes results: refuses more output once the request has given up or the limit is passed."""

    def __init__(self, stop: threading.Event, limit: int) -> None:
        super().__init__()
        self.stop = stop
        self.limit = limit
        self.buffer = io.BytesIO()
        self.oversized = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.stop.is_set():
            raise _Stopped()
        if self.buffer.tell() + len(data) > self.limit:
            self.oversized = True
            raise _Stopped()
        return self.buffer.write(data)


def _without_frames(exc: BaseException) -> BaseException:
    """The exception with the tracebacks of its chain cleared, so that no frame of the worker outlives it."""
    seen: set[int] = set()
    item: BaseException | None = exc
    while item is not None and id(item) not in seen:
        seen.add(id(item))
        item.__traceback__ = None
        item = item.__cause__ or item.__context__
    return exc


class Endpoint:
    """Runs protocol queries on a read-only store within a time limit, at most ``workers`` at once."""

    def __init__(self, store: ox.Store, timeout: float | None, workers: int = 4, max_bytes: int = MAX_RESULT_BYTES) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._slots = threading.BoundedSemaphore(workers)
        self.workers = workers

    def answer(self, text: str, accept: str | None, html: bool = False) -> Answer:
        """Run ``text`` and serialize its result for ``accept``; ``html`` adds text/html (rows as SPARQL JSON, to render)."""
        try:
            check_read_only(text, "query")
        except QueryError as exc:
            raise HttpError(400, str(exc)) from None
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        if not self._slots.acquire(timeout=self.timeout):
            raise HttpError(503, f"the server is busy: {self.workers} queries are running; try again later")
        stop = threading.Event()
        outcome: list[Answer | BaseException] = []
        done = threading.Event()

        def work() -> None:
            try:
                outcome.append(self._evaluate(text, accept, html, stop))
            except BaseException as exc:  # handed to the waiting request thread, without the worker's frames
                outcome.append(_without_frames(exc))
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="sparql query", daemon=True).start()
        if not done.wait(None if deadline is None else max(0.0, deadline - time.monotonic())):
            stop.set()
            raise HttpError(
                503,
                f"query: the query did not finish within {self.timeout:g} s (ask the server's operator for a longer --timeout, or narrow the query)",
            )
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def _evaluate(self, text: str, accept: str | None, html: bool, stop: threading.Event) -> Answer:
        try:
            result = self.store.query(text, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
        except SyntaxError as exc:
            raise HttpError(400, f"query: SPARQL syntax error: {' '.join(str(exc).split())}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise HttpError(400, f"query: {' '.join(str(exc).split())}") from None
        try:
            return self._serialize(result, accept, html, stop)
        finally:
            del result  # pyoxigraph's results belong to this thread: drop them here (see _without_frames)

    def _serialize(
        self, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str | None, html: bool, stop: threading.Event
    ) -> Answer:
        graph = isinstance(result, ox.QueryTriples)
        formats: dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat] = GRAPH_FORMATS if graph else RESULT_FORMATS
        offers = [*formats, *([HTML] if html else [])]
        media = choose(accept, offers)
        if media is None:
            raise HttpError(406, f"none of the accepted media types ({accept}) can hold this result; ask for one of {', '.join(formats)}")
        chosen = next(iter(formats.values())) if media == HTML else formats[media]
        sink = _Sink(stop, self.max_bytes)
        try:
            result.serialize(sink, chosen)  # type: ignore[arg-type]
        except _Stopped:
            if sink.oversized:
                raise HttpError(500, f"query: the result is larger than {self.max_bytes / 2**20:.3g} MiB; add a LIMIT") from None
            raise
        except (OSError, RuntimeError, ValueError) as exc:
            raise HttpError(400, f"query: {' '.join(str(exc).split())}") from None
        form = "graph" if graph else ("ask" if isinstance(result, ox.QueryBoolean) else "select")
        return Answer(media, sink.buffer.getvalue(), form)
