"""Benchmark the reasoning step: case-by-case inference against HermiT over the whole graph.

Synthetic corpora are copies of the two seed cases with fresh IRIs (case
``bender-2024`` becomes ``bender-2024-s00042``), so every case is the size and
shape of a seed case. For each corpus size the script prints:

- the one-off HermiT classification of the ontology;
- the case-by-case inference (the build's reasoner), total and per case;
- HermiT over ontology plus all cases (the naive approach), run in a child
  process with a time limit, at the sizes where it finishes.

Usage: python bench/reasoning.py [--sizes 100 1000 10000] [--hermit-sizes 2 10 100] [--limit 600]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import signal
import time

from rdflib import URIRef
from seed_copies import seed_graphs, synthetic_cases  # the script folder is on sys.path

from kg.build.reason import classify, infer_case
from kg.ontology.terms import TermIndex
from kg.reference.hermit import owl_view


def _hermit_child(count: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from kg.reference.hermit import hermit_memberships

    os.setsid()  # its own process group, so that a timeout also ends HermiT's JVM
    terms = TermIndex.load()
    cases = list(synthetic_cases(seed_graphs(terms), count))
    individuals = [s for g in cases for s in set(g.subjects()) if isinstance(s, URIRef)]
    start = time.perf_counter()
    hermit_memberships(owl_view(terms.graph, cases), individuals, [])
    queue.put(time.perf_counter() - start)


def hermit_whole(count: int, limit: float) -> float | None:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_hermit_child, args=(count, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        os.killpg(child.pid, signal.SIGKILL)
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--hermit-sizes", type=int, nargs="+", default=[2, 10, 100, 1000])
    parser.add_argument("--limit", type=float, default=600, help="seconds allowed to HermiT per size")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; one process")
    terms = TermIndex.load()
    start = time.perf_counter()
    model = classify(terms.graph)
    print(f"HermiT classification of the ontology (once per build): {time.perf_counter() - start:.2f} s, {len(model.superclasses)} classes")
    seeds = seed_graphs(terms)
    print(f"\n{'cases':>7} {'case-by-case s':>15} {'ms/case':>8} {'inferred triples':>17} {'peak RSS MiB':>13}")
    for count in args.sizes:
        elapsed, inferred = 0.0, 0
        for graph in synthetic_cases(seeds, count):
            start = time.perf_counter()
            inferred += len(infer_case(graph, model).graph)
            elapsed += time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count:>7} {elapsed:>15.2f} {1000 * elapsed / count:>8.2f} {inferred:>17} {rss:>13.0f}")
    print(f"\n{'cases':>7} {'HermiT whole graph s':>21}   (limit {args.limit:.0f} s; includes JVM start and ontology)")
    for count in args.hermit_sizes:
        seconds = hermit_whole(count, args.limit)
        print(f"{count:>7} {f'{seconds:.2f}' if seconds is not None else 'over limit':>21}")
        if seconds is None:
            break


if __name__ == "__main__":
    main()
