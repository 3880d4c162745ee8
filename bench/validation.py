"""Benchmark SHACL validation: pySHACL per case against the compiled SPARQL checks (kg.fastshacl).

Synthetic corpora are copies of the two seed cases with fresh IRIs (case
``bender-2024`` becomes ``bender-2024-s00042``). The script prints, without
asserting anything:

- the one-off compilation of the shapes into SPARQL;
- pySHACL (kg.validate.validate_case) per seed case;
- the compiled checks per case (kg.fastshacl.CaseValidator: one case graph at a
  time in an in-memory store that keeps the ontology loaded);
- the compiled checks run once over one store holding the ontology and N
  cases, each in its own named graph (load time and validation time apart),
  and whether they found the same issues as the per-case runs.

Usage: python bench/validation.py [--sizes 10 100 1000] [--pyshacl-runs 2] [--per-case 50]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

import pyoxigraph as ox
from seed_copies import seed_graphs, synthetic_cases  # the script folder is on sys.path

from kg.build.shacl.compiler import compile_shapes
from kg.build.shacl.shapes import load_shapes
from kg.namespaces import ONTOLOGY_GRAPH
from kg.ontology.terms import TermIndex
from kg.reference.casevalidator import CaseValidator, to_oxigraph
from kg.reference.pyshacl import validate_case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--pyshacl-runs", type=int, default=2, help="pySHACL runs per seed case")
    parser.add_argument("--per-case", type=int, default=50, help="cases validated one by one with the compiled checks")
    args = parser.parse_args()

    terms = TermIndex.load()
    shapes = load_shapes()
    seeds = seed_graphs(terms)
    triples = sum(len(g) for _, g in seeds) / len(seeds)
    print(f"seed cases: {len(seeds)}, {triples:.0f} triples per case on average; ontology: {len(terms.graph)} triples")

    start = time.perf_counter()
    compiled = compile_shapes(shapes, terms.graph.namespaces())
    print(f"compile shapes into SPARQL: {time.perf_counter() - start:.3f} s ({len(compiled.checks)} queries)")

    start = time.perf_counter()
    for _ in range(args.pyshacl_runs):
        for _, graph in seeds:
            validate_case(graph, shapes, terms.graph)
    runs = args.pyshacl_runs * len(seeds)
    print(f"pySHACL per case:            {(time.perf_counter() - start) / runs:.3f} s  ({runs} runs)")

    start = time.perf_counter()
    validator = CaseValidator(compiled, terms.graph)
    print(f"compiled, store with ontology ready: {time.perf_counter() - start:.3f} s")
    cases = list(synthetic_cases(seeds, args.per_case))
    start = time.perf_counter()
    per_case: Counter[object] = Counter()
    for graph in cases:
        per_case.update(validator.validate(graph))
    print(f"compiled SPARQL per case:    {(time.perf_counter() - start) / len(cases):.4f} s  ({len(cases)} cases)")

    for size in args.sizes:
        graphs = list(synthetic_cases(seeds, size))
        start = time.perf_counter()
        store = ox.Store()
        store.bulk_extend(to_oxigraph(terms.graph, ox.NamedNode(str(ONTOLOGY_GRAPH))))
        for graph in graphs:
            store.bulk_extend(to_oxigraph(graph, ox.NamedNode(str(graph.identifier))))
        load = time.perf_counter() - start
        start = time.perf_counter()
        issues = compiled.validate_store(store)
        elapsed = time.perf_counter() - start
        expected: Counter[object] = Counter()
        if size <= args.per_case:
            for graph in graphs:
                expected.update(validator.validate(graph))
            same = "same issues as case by case" if Counter(issues) == expected else "DIFFERENT issues from case by case"
        else:
            same = f"{len(issues) / size:.1f} issues per case"
        print(
            f"compiled SPARQL once over N={size:>5}: load {load:6.2f} s, validate {elapsed:6.2f} s "
            f"({elapsed / size * 1000:.2f} ms per case), {len(issues)} issues, {same}"
        )


if __name__ == "__main__":
    main()
