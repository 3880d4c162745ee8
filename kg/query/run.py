"""Running one SPARQL query on the store safely: read-only forms only, no SERVICE, a time limit, Ctrl-C obeyed.

pyoxigraph evaluates a query in Rust without giving Python a chance to handle
signals, so a query runs in a worker thread (pyoxigraph releases the GIL)
while the calling thread waits: it gives up when the time limit passes and
stays responsive to Ctrl-C. A query stopped that way is abandoned, and its
thread ends at the next row it would return.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, QueryTimeout
from kg.namespaces import PREFIXES
from kg.query.scan import QUERY_FORMS, UPDATE_KEYWORDS, keywords
from kg.rdfterms import to_python

__all__ = ["DEFAULT_TIMEOUT", "Rows", "check_read_only", "run_query"]

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run before it is stopped."""
_POLL = 0.2
"""How often the waiting thread wakes, so that Ctrl-C is handled while a query runs."""


@dataclass(frozen=True)
class Rows:
    """What a query returned: its columns in projection order and its rows as plain Python values."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]


def check_read_only(text: str, label: str) -> None:
    """Refuse updates and SERVICE clauses: a query of a built graph reads the local store and nothing else."""
    words = keywords(text)
    form = next((w for w in words if w in QUERY_FORMS or w in UPDATE_KEYWORDS), None)
    if form in UPDATE_KEYWORDS:
        raise QueryError(f"{label}: SPARQL updates ({form}) are not allowed: the built graph is read-only; run SELECT or ASK queries")
    if "SERVICE" in words:
        raise QueryError(f"{label}: SERVICE (a federated query to another endpoint) is not allowed: kg queries only the local store")


def run_query(
    store: ox.Store,
    text: str,
    label: str,
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    offset: int = 0,
    limit: int | None = None,
) -> Rows:
    """Run a SELECT or ASK query over the union of the store's graphs, within ``timeout`` seconds (None: no limit).

    Only rows ``offset`` to ``offset + limit`` are converted and returned (the
    rows before ``offset`` are skipped as they come; evaluation stops at the last one).
    """
    check_read_only(text, label)
    stop = threading.Event()
    return _within(timeout, label, stop, lambda: _evaluate(store, text, label, substitutions, stop, offset, limit))


def _evaluate(
    store: ox.Store,
    text: str,
    label: str,
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None,
    stop: threading.Event,
    offset: int = 0,
    limit: int | None = None,
) -> Rows:
    try:
        solutions = store.query(text, use_default_graph_as_union=True, prefixes=dict(PREFIXES), substitutions=dict(substitutions or {}) or None)
    except SyntaxError as exc:
        raise QueryError(f"{label}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except (RuntimeError, OSError) as exc:
        raise QueryError(f"{label}: {' '.join(str(exc).split())}") from None
    if isinstance(solutions, ox.QueryBoolean):
        return Rows(("result",), ({"result": bool(solutions)},))
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"{label}: only SELECT and ASK queries are supported (CONSTRUCT and DESCRIBE return graphs)")
    columns = tuple(v.value for v in solutions.variables)
    rows = []
    end = None if limit is None else offset + limit
    for index, solution in enumerate(solutions):
        if stop.is_set() or (end is not None and index >= end):
            break
        if index >= offset:
            rows.append({name: to_python(solution[name]) for name in columns})
    return Rows(columns, tuple(rows))


def _within(timeout: float | None, label: str, stop: threading.Event, work: Callable[[], Rows]) -> Rows:
    outcome: list[Rows | BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name=f"query {label}", daemon=True).start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while not done.wait(_POLL if deadline is None else max(0.0, min(_POLL, deadline - time.monotonic()))):
            if deadline is not None and time.monotonic() >= deadline:
                raise QueryTimeout(f"{label}: the query did not finish within {timeout:g} s (give a longer --timeout, or 0 for none)")
    finally:
        stop.set()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
