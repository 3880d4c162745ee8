"""The naive pipeline that ``kg build`` is measured against: one rdflib graph, one pySHACL run, rdflib SPARQL.

Stages, each timed:

- setup: load the ontology and the shapes;
- read: read and check every record (kg.records.read_records) and its
  evidence, build each case graph (kg.rdf.record_graph) and add it to ONE
  rdflib Dataset that also holds the ontology graph;
- validate: ONE pySHACL run over the union of the Dataset, with the ontology
  as ``ont_graph`` and ``allow_warnings=True`` (as kg.validate.validate_case
  does for one case);
- serialize: the Dataset as N-Quads with rdflib;
- queries: the queries of the library (queries/*.rq), in name order, with
  rdflib's SPARQL engine over the union (``default_union=True``), prefixes
  from the query text, parameters bound to their defaults (``initBindings``),
  until ``--query-budget`` seconds are spent: the query running then is
  stopped (SIGALRM; rdflib evaluates in Python) and recorded as such, the rest
  are not run.

setup, read, validate and serialize are what ``kg build`` does (less the
reasoning); they are the naive build that the benchmark compares with it.

It does no OWL reasoning, so it is a lower bound of what the naive approach
costs. The figures are written to ``--result`` (JSON) after every stage, so a
run stopped by a time limit still tells which stages it finished.

Usage: python bench/naive.py --data DIR --reports DIR --result FILE.json [--nquads FILE] [--params JSON] [--query-budget S]
(``--params``: values for required query parameters, ``{"query": {"param": "value"}}``.)
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.build.shacl.shapes import load_shapes
from kg.namespaces import ONTOLOGY_GRAPH
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex
from kg.query.library import load_queries
from kg.query.params import bind_params
from kg.records.evidence import check_evidence, read_report_text
from kg.records.reader import record_files
from kg.reference.records import read_records, record_graph

__all__ = ["NaiveRun", "run_naive"]


class NaiveRun:
    """The figures of a naive run, saved to a JSON file whenever one is added."""

    def __init__(self, result: Path) -> None:
        self.result = result
        self.figures: dict[str, Any] = {"stages": {}, "queries": {}, "done": False}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.figures["stages"][name] = time.perf_counter() - start
        self.save()

    def save(self) -> None:
        self.result.write_text(json.dumps(self.figures, indent=2) + "\n", encoding="utf-8")


def read_dataset(data_dir: Path, reports_dir: Path, terms: TermIndex) -> Dataset:
    """Every case graph and the ontology graph in one rdflib Dataset."""
    dataset = Dataset(default_union=True)
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    dataset.addN((s, p, o, ontology) for s, p, o in terms.graph)
    for path, record in read_records(record_files(data_dir), terms):
        report = read_report_text(reports_dir / record.report.file, str(path), record.id)
        check_evidence(record, report, str(path))
        graph = record_graph(record, terms, lambda span, text=report.text: text[span[0] : span[1]])
        context = dataset.graph(graph.identifier)
        dataset.addN((s, p, o, context) for s, p, o in graph)
    return dataset


def severities(report: Any) -> dict[str, int]:
    """Validation results of a pySHACL report graph, counted by severity (Violation, Warning, Info)."""
    counts: dict[str, int] = {}
    for result in report.subjects(RDF.type, SH.ValidationResult):
        name = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        counts[name] = counts.get(name, 0) + 1
    return counts


def to_rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class OutOfBudget(Exception):
    """The query budget ran out while a query was running."""


def _out_of_budget(_signum: int, _frame: object) -> None:
    raise OutOfBudget


def run_queries(dataset: Dataset, params: dict[str, dict[str, str]], resolve: Callable[[str], str], run: NaiveRun, budget: float) -> None:
    """The queries of the library once each, timed one by one, until ``budget`` seconds are spent."""
    queries = sorted(load_queries().items())
    run.figures["queries_total"] = len(queries)
    deadline = time.perf_counter() + budget
    signal.signal(signal.SIGALRM, _out_of_budget)
    for name, query in queries:
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        bindings = {key: to_rdflib(value) for key, value in bind_params(query, params.get(name, {}), resolve).items()}
        start = time.perf_counter()
        if math.isfinite(left):
            signal.setitimer(signal.ITIMER_REAL, left)
        try:
            rows = sum(1 for _ in dataset.query(query.text, initBindings=bindings))
        except OutOfBudget:
            run.figures["stopped_query"] = {"name": name, "seconds": time.perf_counter() - start}
            run.save()
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        run.figures["queries"][name] = {"seconds": time.perf_counter() - start, "rows": rows}
        run.save()


def run_naive(
    data_dir: Path, reports_dir: Path, result: Path, nquads: Path, params: dict[str, dict[str, str]], query_budget: float = float("inf")
) -> dict[str, Any]:
    run = NaiveRun(result)
    start = time.perf_counter()
    with run.stage("setup"):
        terms = TermIndex.load()
        shapes = load_shapes()
    with run.stage("read"):
        dataset = read_dataset(data_dir, reports_dir, terms)
        run.figures["quads"] = len(dataset)
    with run.stage("validate"):
        _, report, _ = shacl_validate(dataset, shacl_graph=shapes, ont_graph=terms.graph, inference="none", advanced=False, allow_warnings=True)
        run.figures["results"] = severities(report)
    with run.stage("serialize"):
        dataset.serialize(destination=str(nquads), format="nquads")
    lookup = TermLookup(terms)
    with run.stage("queries"):
        run_queries(dataset, params, lambda name: str(lookup.resolve(name)), run, query_budget)
    run.figures["stages"]["total"] = time.perf_counter() - start
    run.figures["done"] = True
    run.save()
    return run.figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--reports", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True, help="JSON file the figures are written to")
    parser.add_argument("--nquads", type=Path, default=Path("/tmp/bench-naive.nq"))
    parser.add_argument("--params", default="{}", help="values for required query parameters (JSON)")
    parser.add_argument("--query-budget", type=float, default=float("inf"), help="seconds after which no further query is started")
    args = parser.parse_args()
    figures = run_naive(args.data, args.reports, args.result, args.nquads, json.loads(args.params), args.query_budget)
    for stage, seconds in figures["stages"].items():
        print(f"{stage:>10}: {seconds:9.2f} s")


if __name__ == "__main__":
    main()
