"""Time the library's facet parameters on a build: read from the precomputed rows against SPARQL on the store, side by side.

For every query with facets and each facet, the value of the query's example
(or, where the example does not bind the facet, the first value the build's
facet index holds), and for ``background-claims`` and ``drug-exposures`` the
values bench/scale.py times: one warm-up and ``--runs`` timed reads of the
whole answer through :meth:`kg.query.graph.KnowledgeGraph.select` (each in
this process, the on-disk store), then the same answer by SPARQL on the store
(``--sparql-runs`` timed runs after a warm-up, each within ``--limit``
seconds), and a check that both give the same rows. It asserts nothing; it
prints one line per case and a Markdown table.

Usage: python bench/facets.py BUILD_FOLDER [--runs 20] [--sparql-runs 1] [--limit 120]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from kg.query.graph import KnowledgeGraph
from kg.query.params import bind_params

TIMED = {
    "background-claims": {"kind": "prevalence", "about": "systemic sclerosis"},
    "drug-exposures": {"drug_class": "immunosuppressant"},
}
"""The values bench/scale.py times these two queries with (their examples)."""


def cases(graph: KnowledgeGraph) -> list[tuple[str, dict[str, str]]]:
    """(query, parameters) for every facet of the library."""
    found = []
    for name, query in sorted(graph.queries.items()):
        if not query.facets:
            continue
        example = query.example_params()
        if name in TIMED:
            found.append((name, TIMED[name]))
        for facet in query.facets:
            value = example.get(facet.param) or _first_value(graph, name, facet.param)
            if value is not None and (name, {facet.param: value}) not in found:
                found.append((name, {facet.param: value}))
    return found


def _first_value(graph: KnowledgeGraph, name: str, param: str) -> str | None:
    assert graph.tables is not None
    found = graph.tables.facet_values(name, param)
    return found[0] if found else None


def timed(work: Any, runs: int) -> tuple[list[float], Any]:
    result = work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sparql-runs", type=int, default=1)
    parser.add_argument("--limit", type=float, default=120, help="seconds a SPARQL run may take")
    args = parser.parse_args()
    graph = KnowledgeGraph.open(args.build, timeout=args.limit)
    lines = ["| query (parameters) | rows | from tables, median | SPARQL on the store, median | same rows |", "|---|---|---|---|---|"]
    for name, params in cases(graph):
        source = graph.select(name, params, limit=1).source
        tables, rows = timed(lambda name=name, params=params: list(graph.select(name, params).rows), args.runs)
        query = graph.queries[name]
        bound = bind_params(query, params, graph.resolve)
        sparql_cell, same = "not run", None
        try:
            if args.sparql_runs > 0:
                sparql, by_sparql = timed(
                    lambda query=query, bound=bound, name=name: list(graph._sparql(query.text, bound, name, args.limit).rows), args.sparql_runs
                )
                sparql_cell, same = f"{statistics.median(sparql) * 1000:.1f} ms", rows == by_sparql
        except Exception as exc:  # a time limit: say so, keep going
            sparql_cell = f"did not finish ({type(exc).__name__})"
        label = f"`{name}` ({', '.join(f'{k}={v}' for k, v in params.items())})"
        cell = f"{statistics.median(tables) * 1000:.1f} ms [{source}]"
        print(f"{label}: {len(rows)} rows; tables {cell}; sparql {sparql_cell}; same rows: {same}", flush=True)
        lines.append(f"| {label} | {len(rows)} | {cell} | {sparql_cell} | {'yes' if same else 'n/a' if same is None else 'NO'} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
