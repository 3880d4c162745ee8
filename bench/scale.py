"""Benchmark the build and the library queries at scale, alternatives side by side; write BENCHMARKS.md.

For every size N (``--sizes``), on the corpus of ``kg synth --cases N --seed 7``
(made once in ``--corpus-dir`` and reused), each step in a child process whose
memory (the process tree) is sampled as in bench/build.py:

1. a clean build (``kg.build.build``, no whole-graph files): wall time, the
   stages it reports (``cpu_*``: summed over build processes; divided by N in
   the report, per case), peak memory;
2. the bulk-load floor of the same run: ``kg export --format nq`` of the build
   (streamed from its chunks), then pyoxigraph bulk-loading that file into a
   new on-disk store, and into an in-memory store;
3. the library queries through kg.query.graph.KnowledgeGraph on the on-disk
   store: a listing's first page (``select(..., limit=100)``) and the whole
   listing (rows per second), read from the precomputed rows; parameterised
   and aggregate queries (SPARQL, and the precomputed rows where they apply);
   at sizes listed in ``--sparql-sizes``, the same listings by SPARQL on the
   store (the alternative the tables replace), each within ``--query-limit`` s;
4. the in-memory layout where it fits (``--memory-sizes``): load time, and the
   parameterised/aggregate queries on it, with their rows checked equal to the
   on-disk ones;
5. an incremental rebuild after one record changed (bench/build.py's).

It asserts nothing; it prints each figure as it goes and rewrites ``--out``
after every size.

Usage: python bench/scale.py [--sizes 1000 10000] [--jobs 2] [--runs 20] [--full-runs 3] [--query-limit 60]
                             [--sparql-sizes 1000] [--memory-sizes 1000] [--corpus-dir /tmp/kg-bench] [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build as common  # noqa: E402  (bench/build.py: process-tree measuring, corpora, incremental rebuild)

PAGE = 100
PARAMETERISED = ("evidence", "case-facts", "case-graph", "procedure-timeline", "background-claims", "drug-exposures")
"""Queries timed with a parameter (a fact, a case, or their example's values)."""


def say(line: str) -> None:
    print(line, flush=True)


# --- child tasks ------------------------------------------------------------------------------------------


def child(spec_file: Path) -> None:
    spec = json.loads(spec_file.read_text())
    {"build": common.child_build, "floor": child_floor, "queries": child_queries}[spec["task"]](spec)


def child_floor(spec: dict[str, Any]) -> None:
    """Export graph.nq from the chunks, then bulk-load it into a new on-disk store and into memory."""
    import pyoxigraph as ox

    from kg.exports import export

    out, work = Path(spec["out"]), Path(spec["work"])
    nquads, folder = work / "graph.nq", work / "floor-store"
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    export("nq", out, nquads)
    exported = time.perf_counter() - start
    start = time.perf_counter()
    store = ox.Store(str(folder))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    disk = time.perf_counter() - start
    del store
    start = time.perf_counter()
    memory = ox.Store()
    memory.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    in_memory = time.perf_counter() - start
    result = {
        "export_seconds": exported,
        "disk_seconds": disk,
        "memory_seconds": in_memory,
        "nquads_bytes": nquads.stat().st_size,
        "quads": len(memory),
    }
    del memory
    shutil.rmtree(folder, ignore_errors=True)
    nquads.unlink()
    Path(spec["result"]).write_text(json.dumps(result))


def _timed(work: Any, runs: int, figures: dict[str, Any], save: Any) -> None:
    """One warm-up call, then ``runs`` timed calls of ``work`` (which returns a row count); ``save`` after each.

    A process ended at the time limit so leaves the runs it finished (the warm-up alone counts as one).
    """
    start = time.perf_counter()
    figures["rows"] = work()
    figures["warmup"] = time.perf_counter() - start
    save()
    for _ in range(runs):
        start = time.perf_counter()
        work()
        figures.setdefault("times", []).append(time.perf_counter() - start)
        save()


def child_queries(spec: dict[str, Any]) -> None:
    """One query's timings in one mode; figures are saved after every step."""
    from kg.query.graph import KnowledgeGraph

    start = time.perf_counter()
    graph = KnowledgeGraph.open(Path(spec["out"]), timeout=None, layout=spec["layout"])
    opened = time.perf_counter() - start
    name, params, mode = spec["query"], spec["params"], spec["mode"]
    figures: dict[str, Any] = {"open_seconds": opened}

    def listing(limit: int | None) -> int:
        return sum(1 for _ in graph.select(name, params, limit=limit))

    def sparql() -> int:
        from kg.query.params import bind_params

        query = graph.queries[name]
        return len(graph._sparql(query.text, bind_params(query, params, graph.resolve), name, None).rows)

    def save() -> None:
        Path(spec["result"]).write_text(json.dumps(figures))

    if mode in ("page", "answer"):
        figures["source"] = graph.select(name, params, limit=1).source
    if mode == "answer":
        figures["digest"] = _digest(list(graph.select(name, params)))
    work = {"page": lambda: listing(PAGE), "full": lambda: listing(None), "sparql": sparql, "answer": lambda: listing(None)}[mode]
    _timed(work, spec["runs"], figures, save)


def _digest(rows: list[dict[str, Any]]) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


# --- steps in the parent ---------------------------------------------------------------------------------


def run_task(work: Path, label: str, spec: dict[str, Any], limit: float | None = None) -> tuple[common.Run, dict[str, Any] | None]:
    spec = {**spec, "result": str(work / f"{label}.json")}
    Path(spec["result"]).unlink(missing_ok=True)
    spec_file = work / f"{label}-spec.json"
    spec_file.write_text(json.dumps(spec))
    run = common.run_measured([sys.executable, str(Path(__file__).resolve()), "--child", str(spec_file)], work / f"{label}.log", limit)
    result = Path(spec["result"])
    return run, json.loads(result.read_text()) if result.is_file() else None


def parameters(out: Path) -> dict[str, dict[str, str]]:
    """Parameter values for the parameterised runs: a fact with evidence, the first case, or the query's example values."""
    from kg.query.graph import KnowledgeGraph

    graph = KnowledgeGraph.open(out)
    fact = next(iter(graph.select("outcomes", limit=1)))["fact"]  # the first outcome fact: it has evidence
    case = next(iter(graph.select("patients", limit=1)))["case"]
    found = {}
    for name in PARAMETERISED:
        query = graph.queries[name]
        params = query.example_params()
        for param in query.params:
            if param.kind == "iri":
                params[param.name] = fact
            elif param.name == "case":
                params[param.name] = case
        found[name] = params
    return found


def query_step(work: Path, out: Path, args: argparse.Namespace, size: int, layout: str = "disk") -> dict[str, Any]:
    """The query figures of one size and layout."""
    from kg.query.library import load_queries

    queries = load_queries()
    listings = sorted(name for name, q in queries.items() if q.partition == "case" and not any(p.required for p in q.params))
    others = sorted(name for name in queries if name not in listings and not any(p.required for p in queries[name].params))
    params = parameters(out)
    plan: list[tuple[str, str, str, dict[str, str], int]] = []
    if layout == "disk":
        plan += [(f"{name} page", name, "page", {}, args.runs) for name in listings]
        plan += [(f"{name} full", name, "full", {}, args.full_runs) for name in listings]
        if size in args.sparql_sizes:
            plan += [(f"{name} sparql", name, "sparql", {}, args.full_runs) for name in listings]
    plan += [
        (f"{name} ({', '.join(f'{k}={v}' for k, v in params[name].items())})", name, "answer", params[name], args.runs) for name in PARAMETERISED
    ]
    plan += [(name, name, "answer", {}, args.runs) for name in others]
    figures: dict[str, Any] = {}
    for label, name, mode, values, runs in plan:
        spec = {"task": "queries", "out": str(out), "query": name, "params": values, "mode": mode, "runs": runs, "layout": layout}
        run, found = run_task(work, "query", spec, args.query_limit)
        if found is not None and "times" not in found and "warmup" in found:
            found.update(times=[found["warmup"]], warmup_only=True)  # only the warm-up finished within the time limit
        if found is None or "times" not in found:
            found = {"timed_out": run.timed_out, "exit": run.returncode}
        found["timed_out"] = run.timed_out
        found.update(mode=mode, query=name, peak_rss=run.memory.peak_rss_sum)
        figures[label] = found
        say(f"[N={size}] {layout} {label}: {_cell(found)}")
    return figures


def _cell(found: dict[str, Any]) -> str:
    if "times" not in found:
        return "did not finish" + (" (time limit)" if found.get("timed_out") else f" (exit {found.get('exit')})")
    median = statistics.median(found["times"]) * 1000
    text = f"median {median:.1f} ms, {found['rows']} rows"
    if found["mode"] == "full" and found["times"]:
        text += f", {found['rows'] / statistics.median(found['times']):,.0f} rows/s"
    return text + (f" [{found['source']}]" if "source" in found else "")


def bench_size(args: argparse.Namespace, size: int) -> dict[str, Any]:
    folder = common.corpus(args.corpus_dir, size)
    work = folder / "scale"
    out = work / "out"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    run, result = common.kg_build(work, folder / "data", folder / "reports", out, args.jobs, False, "clean")
    if result is None:
        raise SystemExit(f"[N={size}] the clean build failed")
    summary = json.loads((out / "summary.json").read_text())
    say(
        f"[N={size}] clean build {run.seconds:.2f} s; peak RSS sum {run.memory.peak_rss_sum / common.MIB:.0f} MiB; "
        f"{summary['quads_in_store']} quads; stages {json.dumps({k: round(v, 2) for k, v in result['timings'].items()})}"
    )
    found: dict[str, Any] = {
        "size": size,
        "build": {
            "seconds": run.seconds,
            "result": result,
            "peak_rss": run.memory.peak_rss_sum,
            "peak_pss": run.memory.peak_pss_sum,
            "peak_single": run.memory.peak_rss_single,
        },
        "summary": summary,
        "store_bytes": common.disk_usage(out / "store"),
        "tables_bytes": (out / "tables.sqlite").stat().st_size,
        "chunks_bytes": common.disk_usage(out / "cache"),
    }
    floor_run, floor = run_task(work, "floor", {"task": "floor", "out": str(out), "work": str(work)})
    found["floor"] = floor
    say(f"[N={size}] floor: {json.dumps(floor)}; peak RSS {floor_run.memory.peak_rss_sum / common.MIB:.0f} MiB")
    found["queries"] = query_step(work, out, args, size)
    if size in args.memory_sizes:
        found["memory_queries"] = query_step(work, out, args, size, "memory")
    incremental = common.incremental_rebuild(work, folder, out, args.jobs, size)
    found["incremental"] = (
        None
        if incremental is None or incremental.result is None
        else {"seconds": incremental.run.seconds, "inside": incremental.result["build_seconds"], "timings": incremental.result["timings"]}
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=20, help="timed runs of a page or a parameterised query (after one warm-up)")
    parser.add_argument("--full-runs", type=int, default=3, help="timed runs of a whole listing")
    parser.add_argument("--query-limit", type=float, default=60, help="seconds allowed to one query's runs")
    parser.add_argument("--sparql-sizes", type=int, nargs="*", default=[1000], help="sizes at which listings also run by SPARQL")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[1000], help="sizes at which the in-memory layout is timed")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--raw", type=Path, default=None, help="also write every figure as JSON here")
    parser.add_argument(
        "--resume", type=Path, default=None, help="the --raw file of an earlier run of the same command: its sizes are kept, not run again"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from report import write_report

    results = json.loads(args.resume.read_text()) if args.resume else []
    done = {found["size"] for found in results}
    for size in sorted(args.sizes):
        if size in done:
            say(f"[N={size}] kept from {args.resume}")
            continue
        results.append(bench_size(args, size))
        results.sort(key=lambda found: found["size"])
        if args.raw:
            args.raw.write_text(json.dumps(results, indent=1))
        write_report(args, results, common.machine())
        say(f"[N={size}] wrote {args.out}")


if __name__ == "__main__":
    main()
