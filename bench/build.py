"""Benchmark ``kg build`` on synthetic corpora against the naive pipeline; write BENCHMARKS.md.

For every size N (``--sizes``), on a corpus made once with ``kg synth --cases N
--seed 7`` (kept in ``--corpus-dir`` and reused):

1. a clean build in a child process: wall time, the stage timings the build
   reports, peak memory of the process tree (the child and its build
   processes, sampled from /proc: every 50 ms the largest sum of VmRSS and the
   largest single VmRSS, every second the largest sum of Pss, which counts
   pages shared between forked processes once), store size on disk, graph.nq size, quads;
2. query latency on the built store: every query of the library through
   kg.api.KnowledgeGraph with its default parameters, one warm-up run and then
   ``--query-runs`` timed runs (median, 95th percentile, rows), each query in a
   child process ended after ``--query-limit`` seconds;
3. an incremental rebuild after one record changed (its patient's age), into
   the same output folder, from a copy of the data folder (hard links but for
   the changed record, so the corpus itself is never edited);
4. the naive pipeline (bench/naive.py) in a child process with a time limit
   (``--limit``): its build (setup, read, validate, serialize) is compared
   with the clean ``kg build``, and its queries (rdflib's SPARQL engine) run
   until ``--naive-query-budget`` seconds are spent. Larger sizes are tried
   only while its build finishes.

It prints one line per measurement as it goes and writes the figures, the
machine, the command and the targets to ``--out``, rewriting it after every
size, so that a long run stopped early still leaves the sizes it finished. It
asserts nothing.

Usage: python bench/build.py [--sizes 100 1000 10000] [--jobs N] [--limit 600] [--naive-query-budget 120]
                             [--query-runs 20] [--query-limit 60] [--corpus-dir /tmp/kg-bench] [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = 7
MIB = 1024 * 1024
GIB = 1024 * MIB


def say(line: str) -> None:
    print(line, flush=True)


# --- measuring a child process tree -------------------------------------------------------------


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _status_kib(pid: int, key: str, name: str = "status") -> int:
    """A ``key: N kB`` figure of /proc/<pid>/status (or smaps_rollup); 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _ppid(int(entry))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


@dataclass
class TreeMemory:
    """Peak memory of a process tree; the tree is looked up again every ``rescan`` samples."""

    root: int
    rescan: int = 5
    pss_every: int = 20
    """smaps_rollup walks the page tables of the process, so Pss is read on every 20th sample only (once a second)."""
    peak_rss_sum: int = 0
    peak_rss_single: int = 0
    peak_pss_sum: int = 0
    _tree: list[int] = field(default_factory=list)
    _samples: int = 0

    def sample(self) -> None:
        if self._samples % self.rescan == 0:
            self._tree = descendants(self.root)
        self._samples += 1
        rss = [_status_kib(pid, "VmRSS") for pid in self._tree]
        self.peak_rss_sum = max(self.peak_rss_sum, sum(rss) * 1024)
        self.peak_rss_single = max(self.peak_rss_single, max(rss, default=0) * 1024)
        if self._samples % self.pss_every == 1:
            pss = sum(_status_kib(pid, "Pss", "smaps_rollup") for pid in self._tree)
            self.peak_pss_sum = max(self.peak_pss_sum, pss * 1024)


@dataclass(frozen=True)
class Run:
    """A child process run: wall seconds, exit code, whether the time limit ended it, peak memory (bytes)."""

    seconds: float
    returncode: int
    timed_out: bool
    memory: TreeMemory
    log: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def run_measured(command: list[str], log: Path, limit: float | None = None) -> Run:
    """Run ``command`` in its own process group, sampling its tree's memory every 50 ms; kill the group after ``limit`` s."""
    with open(log, "wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        memory = TreeMemory(child.pid)
        timed_out = False
        while child.poll() is None:
            memory.sample()
            if limit is not None and time.perf_counter() - start > limit:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                timed_out = True
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
    return Run(elapsed, child.returncode, timed_out, memory, log)


# --- work done in child processes: a build, or one query's runs ------------------------------------


def child(spec_file: Path) -> None:
    """In a child process: do the task of the spec (``build`` or ``query``), writing its figures to ``spec["result"]``."""
    spec = json.loads(spec_file.read_text())
    {"build": child_build, "query": child_query}[spec["task"]](spec)


def child_build(spec: dict[str, Any]) -> None:
    """Run kg.pipeline.build as the spec says; record wall time, stage timings and progress messages."""
    start = time.perf_counter()
    from kg.build import pipeline

    imported = time.perf_counter() - start
    accepted = inspect.signature(pipeline.build).parameters
    timings: dict[str, float] = {}
    wanted = {"jobs": spec["jobs"], "incremental": spec["incremental"], "timings": timings}
    options = {name: value for name, value in wanted.items() if name in accepted}
    messages: list[str] = []
    start = time.perf_counter()
    _summary, issues = pipeline.build(Path(spec["data"]), Path(spec["out"]), Path(spec["reports"]), messages.append, **options)
    wall = time.perf_counter() - start
    result = {"build_seconds": wall, "import_seconds": imported, "timings": timings, "messages": messages, "issues": len(issues)}
    Path(spec["result"]).write_text(json.dumps(result, indent=2) + "\n")


def child_query(spec: dict[str, Any]) -> None:
    """One warm-up run of a library query, then the timed runs; the figures are saved after every run."""
    from kg.api import KnowledgeGraph

    graph = KnowledgeGraph.open(Path(spec["out"]), build=False)
    figures: dict[str, Any] = {"rows": None, "warmup": None, "times": []}
    for index in range(spec["runs"] + 1):
        start = time.perf_counter()
        rows = len(graph.run(spec["query"], **spec["params"]).rows)
        elapsed = time.perf_counter() - start
        if index == 0:
            figures.update(rows=rows, warmup=elapsed)
        else:
            figures["times"].append(elapsed)
        Path(spec["result"]).write_text(json.dumps(figures))


def run_child(work: Path, label: str, spec: dict[str, Any], limit: float | None = None) -> tuple[Run, dict[str, Any] | None]:
    """Run a child task; its figures (as far as it got), or None if it wrote none."""
    spec = {**spec, "result": str(work / f"{label}.json")}
    Path(spec["result"]).unlink(missing_ok=True)
    spec_file = work / f"{label}-spec.json"
    spec_file.write_text(json.dumps(spec))
    run = run_measured([sys.executable, str(Path(__file__).resolve()), "--child", str(spec_file)], work / f"{label}.log", limit)
    result = Path(spec["result"])
    return run, json.loads(result.read_text()) if result.is_file() else None


def build_supports(name: str) -> bool:
    from kg.build import pipeline

    return name in inspect.signature(pipeline.build).parameters


def kg_build(work: Path, data: Path, reports: Path, out: Path, jobs: int, incremental: bool, label: str) -> tuple[Run, dict[str, Any] | None]:
    """Build in a child process; the figures the child wrote, or None if the build failed (its log tail is printed)."""
    spec = {"task": "build", "data": str(data), "reports": str(reports), "out": str(out), "jobs": jobs, "incremental": incremental}
    run, result = run_child(work, label, spec)
    if not run.ok:
        say(f"{label} build failed (exit {run.returncode}; log {run.log}):\n{run.log_tail()}")
        return run, None
    return run, result


# --- corpus, sizes on disk ---------------------------------------------------------------------------


def corpus(corpus_dir: Path, size: int) -> Path:
    """The folder with data/ and reports/ of N synthetic cases; made with kg synth unless complete already."""
    folder = corpus_dir / str(size)
    data = folder / "data"
    if data.is_dir() and len(list(data.glob("*.yaml"))) == size and len(list((folder / "reports").glob("*.txt"))) == size:
        say(f"[N={size}] corpus: reusing {folder}")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "--quiet", "synth", "--cases", str(size), "--seed", str(SEED), "--out", str(folder / "corpus")], check=True
    )
    for part in ("data", "reports"):
        os.replace(folder / "corpus" / part, folder / part)
    (folder / "corpus").rmdir()
    say(f"[N={size}] corpus: kg synth --cases {size} --seed {SEED}: {time.perf_counter() - start:.1f} s")
    return folder


def disk_usage(folder: Path) -> int:
    """Bytes allocated on disk below ``folder`` (as du counts them: each inode once)."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if path.is_file() and (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total


# --- query latency -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Latency:
    """One query's timed runs (ms) within the time limit; the warm-up alone if no timed run finished."""

    times_ms: tuple[float, ...]
    rows: int | None
    runs: int
    """Timed runs asked for."""
    warmup_only: bool
    limit: float

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else math.inf

    @property
    def p95_ms(self) -> float:
        return percentile(list(self.times_ms), 0.95) if self.times_ms else math.inf

    def cell(self) -> str:
        if self.rows is None:
            return f"> {self.limit:g} s (warm-up not finished)"
        text = f"{self.median_ms:.1f} / {self.p95_ms:.1f} ({self.rows})"
        if self.warmup_only:
            return f"{text} [warm-up only: limit {self.limit:g} s]"
        if len(self.times_ms) < self.runs:
            return f"{text} [{len(self.times_ms)} of {self.runs} runs: limit {self.limit:g} s]"
        return text


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def required_params(out: Path) -> dict[str, dict[str, str]]:
    """Values for the parameters without default: an IRI parameter gets a fact of the built graph, others the example's value."""
    from kg.api import KnowledgeGraph

    graph = KnowledgeGraph.open(out, build=False)
    fact = graph.sparql("SELECT ?fact WHERE { ?fact cck:hasEvidence ?e } ORDER BY ?fact LIMIT 1").rows[0]["fact"]
    values: dict[str, dict[str, str]] = {}
    for query in graph.list_queries():
        for param in query.params:
            if param.required:
                value = fact if param.kind == "iri" else query.example_params()[param.name]
                values.setdefault(query.name, {})[param.name] = value
    return values


def query_latency(work: Path, out: Path, args: argparse.Namespace, params: dict[str, dict[str, str]], size: int) -> dict[str, Latency]:
    """Each library query in a child process of its own, ended after ``--query-limit`` seconds."""
    from kg.query.library import load_queries

    found = {}
    for name in sorted(load_queries()):
        spec = {"task": "query", "out": str(out), "query": name, "params": params.get(name, {}), "runs": args.query_runs}
        run, figures = run_child(work, "query", spec, args.query_limit)
        if not run.ok and not run.timed_out:
            raise SystemExit(f"[N={size}] query {name} failed (exit {run.returncode}):\n{run.log_tail()}")
        figures = figures or {"rows": None, "warmup": None, "times": []}
        times = figures["times"] or ([figures["warmup"]] if figures["warmup"] is not None else [])
        latency = Latency(tuple(1000 * t for t in times), figures["rows"], args.query_runs, not figures["times"], args.query_limit)
        found[name] = latency
        say(f"[N={size}] query {name}: median / p95 ms (rows): {latency.cell()}")
    return found


# --- incremental rebuild -------------------------------------------------------------------------------


_AGE = re.compile(r"(\n  age:\n    value: )(\d+)")


def edited_copy(data: Path, copy: Path) -> str:
    """A copy of the data folder (hard links) in which one record's patient is a year older; return that record's name."""
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    for path in sorted(data.glob("*.yaml")):
        os.link(path, copy / path.name)
    for path in sorted(data.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = _AGE.search(text)
        if found:
            age = int(found.group(2))
            older = age + 1 if age < 100 else age - 1
            changed = text[: found.start(2)] + str(older) + text[found.end(2) :]
            target = copy / path.name
            target.unlink()  # a new file: the corpus's record is left as it is
            target.write_text(changed, encoding="utf-8")
            return path.name
    raise SystemExit(f"{data}: no record with a patient age to change")


@dataclass(frozen=True)
class Incremental:
    run: Run
    result: dict[str, Any] | None
    record: str
    store_bytes: int

    def text(self, inside: bool = False) -> str:
        if self.result is None:
            return f"failed (exit {self.run.returncode})"
        return seconds(self.result["build_seconds"] if inside else self.run.seconds)


def incremental_rebuild(work: Path, folder: Path, out: Path, jobs: int, size: int) -> Incremental | None:
    if not build_supports("incremental"):
        say(f"[N={size}] incremental rebuild: n/a (kg.pipeline.build has no `incremental`)")
        return None
    copy = work / "data-edited"
    record = edited_copy(folder / "data", copy)
    try:
        run, result = kg_build(work, copy, folder / "reports", out, jobs, True, "incremental")
    finally:
        shutil.rmtree(copy, ignore_errors=True)  # the corpus record was never touched
    if result is None:
        return Incremental(run, None, record, 0)
    found = Incremental(run, result, record, disk_usage(out / "store"))
    say(
        f"[N={size}] incremental rebuild ({record}: age changed): {run.seconds:.2f} s "
        f"(build() {result['build_seconds']:.2f} s); {'; '.join(m for m in result['messages'] if 'unchanged' in m)}; "
        f"store now {found.store_bytes / MIB:.1f} MiB on disk"
    )
    for stage, spent in result["timings"].items():
        say(f"[N={size}]   incremental stage {stage}: {spent:.2f} s")
    return found


# --- naive pipeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Naive:
    run: Run
    figures: dict[str, Any]
    limit: float

    @property
    def build_seconds(self) -> float | None:
        """Seconds of the naive build (setup, read, validate, serialize), or None if it did not get through them."""
        done = self.figures.get("stages", {})
        if not all(stage in done for stage in _NAIVE_BUILD):
            return None
        return sum(done[stage] for stage in _NAIVE_BUILD)

    @property
    def queries_text(self) -> str:
        ran = self.figures.get("queries", {})
        total = self.figures.get("queries_total")
        stopped = self.figures.get("stopped_query")
        cut = f"; `{stopped['name']}` stopped after {stopped['seconds']:.0f} s" if stopped else ""
        if not ran:
            return f"none finished{cut}"
        return f"{len(ran)} of {total or '?'} in {sum(q['seconds'] for q in ran.values()):.1f} s{cut}"


def naive(work: Path, folder: Path, params: dict[str, dict[str, str]], args: argparse.Namespace, size: int) -> Naive:
    result, nquads = work / "naive.json", work / "naive.nq"
    result.unlink(missing_ok=True)
    limit = args.limit
    command = [
        sys.executable,
        str(HERE / "naive.py"),
        "--data",
        str(folder / "data"),
        "--reports",
        str(folder / "reports"),
        "--result",
        str(result),
        "--nquads",
        str(nquads),
        "--params",
        json.dumps(params),
        "--query-budget",
        str(args.naive_query_budget),
    ]
    run = run_measured(command, work / "naive.log", limit)
    nquads.unlink(missing_ok=True)
    figures = json.loads(result.read_text()) if result.is_file() else {"stages": {}}
    outcome = Naive(run, figures, limit)
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in figures.get("stages", {}).items())
    if outcome.build_seconds is not None:
        say(
            f"[N={size}] naive pipeline: build {outcome.build_seconds:.2f} s, queries {outcome.queries_text} "
            f"(whole run {run.seconds:.2f} s{', stopped at the limit' if run.timed_out else ''}: {stages}); "
            f"peak RSS sum {run.memory.peak_rss_sum / MIB:.0f} MiB"
        )
    elif run.timed_out:
        say(f"[N={size}] naive pipeline: did not finish within {limit:.0f} s (finished: {stages or 'nothing'})")
    else:
        say(f"[N={size}] naive pipeline failed (exit {run.returncode}):\n{run.log_tail()}")
    return outcome


# --- one size ------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    build: Run
    build_result: dict[str, Any]
    store_bytes: int
    nquads_bytes: int
    summary: dict[str, Any]
    """summary.json of the clean build."""
    queries: dict[str, Latency] = field(default_factory=dict)
    incremental: Incremental | None = None
    naive: Naive | None = None

    @property
    def quads(self) -> int:
        return int(self.summary["quads_in_store"])


def bench_size(args: argparse.Namespace, size: int, run_naive: bool) -> SizeResult:
    folder = corpus(args.corpus_dir, size)
    work = folder / "bench"
    out = work / "out"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    run, result = kg_build(work, folder / "data", folder / "reports", out, args.jobs, False, "clean")
    if result is None:
        raise SystemExit(f"[N={size}] the clean build failed: no figures for this size")
    summary = json.loads((out / "summary.json").read_text())
    nquads = out / "graph.nq"  # written only by `kg build --graph-files` since issue 15
    found = SizeResult(size, run, result, disk_usage(out / "store"), nquads.stat().st_size if nquads.is_file() else 0, summary)
    say(f"[N={size}] clean build: {run.seconds:.2f} s (build() {result['build_seconds']:.2f} s, imports {result['import_seconds']:.2f} s)")
    for stage, spent in result["timings"].items():
        say(f"[N={size}]   stage {stage}: {spent:.2f} s")
    memory = run.memory
    say(
        f"[N={size}] peak memory: RSS sum {memory.peak_rss_sum / MIB:.0f} MiB, largest process {memory.peak_rss_single / MIB:.0f} MiB, "
        f"PSS sum {memory.peak_pss_sum / MIB:.0f} MiB"
    )
    say(f"[N={size}] store {found.store_bytes / MIB:.1f} MiB on disk, graph.nq {found.nquads_bytes / MIB:.1f} MiB, {found.quads} quads")
    params = required_params(out)
    found.queries = query_latency(work, out, args, params, size)
    found.incremental = incremental_rebuild(work, folder, out, args.jobs, size)
    if run_naive:
        found.naive = naive(work, folder, params, args, size)
    else:
        say(f"[N={size}] naive pipeline: not run (it did not finish at a smaller size)")
    return found


# --- the report ------------------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    def meminfo() -> str:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) * 1024 / GIB:.1f} GiB"
        return "unknown"

    def cpu_model() -> str:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
        return platform.processor() or "unknown"

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return [
        ("cores (os.cpu_count())", str(os.cpu_count())),
        ("memory", meminfo()),
        ("CPU", cpu_model()),
        ("Python", platform.python_version()),
        *((name, package(name)) for name in ("pyoxigraph", "rdflib", "pyshacl", "calcinosis-kg")),
    ]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(row) + " |" for row in rows), ""]


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def mib(value: int) -> str:
    return f"{value / MIB:.0f} MiB"


def size_table(found: SizeResult) -> list[str]:
    run, memory = found.build, found.build.memory
    rows = [
        ["wall, whole child process (clean build)", seconds(run.seconds)],
        ["wall, inside kg.pipeline.build()", seconds(found.build_result["build_seconds"])],
        ["imports in the child", seconds(found.build_result["import_seconds"])],
    ]
    rows += [[f"stage `{stage}`", seconds(value)] for stage, value in found.build_result["timings"].items()]
    rows += [
        ["peak memory, sum of VmRSS over the process tree", mib(memory.peak_rss_sum)],
        ["peak memory, largest single process VmRSS", mib(memory.peak_rss_single)],
        ["peak memory, sum of Pss over the process tree", mib(memory.peak_pss_sum)],
        ["store on disk (du of out/store)", f"{found.store_bytes / MIB:.1f} MiB"],
        ["graph.nq", f"{found.nquads_bytes / MIB:.1f} MiB"],
        ["quads in the store (summary.json)", str(found.quads)],
        ["incremental rebuild, one record changed (whole child process)", found.incremental.text() if found.incremental else "n/a"],
        ["incremental rebuild, inside kg.pipeline.build()", found.incremental.text(inside=True) if found.incremental else "n/a"],
        [
            "store on disk after the incremental rebuild",
            f"{found.incremental.store_bytes / MIB:.1f} MiB" if found.incremental and found.incremental.result else "n/a",
        ],
    ]
    return [f"### N = {found.size} cases", "", *table(["measure", "value"], rows)]


def query_table(results: list[SizeResult]) -> list[str]:
    names = sorted({name for found in results for name in found.queries})
    rows = []
    for name in names:
        cells = []
        for found in results:
            latency = found.queries.get(name)
            cells.append(latency.cell() if latency else "n/a")
        rows.append([f"`{name}`", *cells])
    return table(["query", *(f"N = {found.size}" for found in results)], rows)


_NAIVE_BUILD = ["setup", "read", "validate", "serialize"]


def naive_table(results: list[SizeResult]) -> list[str]:
    stages = [*_NAIVE_BUILD, "naive build"]
    rows = []
    for found in results:
        outcome = found.naive
        if outcome is None:
            rows.append([str(found.size), *["-"] * len(stages), "-", "-", "not run: its build did not finish at a smaller size"])
            continue
        done = outcome.figures.get("stages", {})
        if outcome.build_seconds is not None:
            found_by_naive = ", ".join(f"{n} {k}" for k, n in sorted(outcome.figures["results"].items())) or "none"
            result = (
                f"build finished; SHACL results: {found_by_naive} "
                f"(kg build: {found.summary['violations']} violations, {found.summary['warnings']} warnings)"
            )
        elif outcome.run.timed_out:
            cut = next((stage for stage in _NAIVE_BUILD if stage not in done), "the end")
            result = f"build did not finish within {outcome.limit:.0f} s (stopped in {cut})"
        else:
            result = f"failed (exit {outcome.run.returncode})"
        cells = [seconds(done.get(stage)) if stage in done else "-" for stage in _NAIVE_BUILD]
        rows.append([str(found.size), *cells, seconds(outcome.build_seconds), outcome.queries_text, mib(outcome.run.memory.peak_rss_sum), result])
    return table(["N", *stages, "queries run (rdflib)", "peak RSS sum", "result"], rows)


def naive_query_table(results: list[SizeResult]) -> list[str]:
    """Each query once with rdflib's engine in the naive run, beside the kg median, where both ran."""
    measured = [found for found in results if found.naive and found.naive.figures.get("queries")]
    if not measured:
        return []
    names = sorted({name for found in measured for name in found.naive.figures["queries"]})
    rows = []
    for name in names:
        cells = []
        for found in measured:
            naive_run = found.naive.figures["queries"].get(name)
            latency = found.queries.get(name)
            kg_ms = f"{latency.median_ms:.1f} ms" if latency and math.isfinite(latency.median_ms) else "n/a"
            cells.append(f"{naive_run['seconds'] * 1000:.0f} ms / {kg_ms}" if naive_run else f"not run / {kg_ms}")
        rows.append([f"`{name}`", *cells])
    return [
        "Each query once in the naive run (rdflib) / median of kg (pyoxigraph store):",
        "",
        *table(["query", *(f"N = {found.size}" for found in measured)], rows),
    ]


def naive_totals(results: list[SizeResult]) -> dict[int, tuple[float, bool] | None]:
    """Seconds of the naive build by size; flagged True, a lower bound.

    A bound is the time limit, where the naive build did not finish or was not
    tried after it did not finish on a smaller corpus (corpora of one seed
    extend each other, so a larger one is at least as much work).
    """
    totals: dict[int, tuple[float, bool] | None] = {}
    bound = None
    for found in results:
        outcome = found.naive
        if outcome is not None and outcome.build_seconds is not None:
            totals[found.size] = (outcome.build_seconds, False)
        elif outcome is not None and outcome.run.timed_out:
            bound = outcome.limit
            totals[found.size] = (bound, True)
        else:
            totals[found.size] = (bound, True) if outcome is None and bound is not None else None
    return totals


def naive_ratio(found: SizeResult, totals: dict[int, tuple[float, bool] | None]) -> str | None:
    """Naive build / kg build (whole child process), as text: "> x" where the naive time is a lower bound."""
    total = totals.get(found.size)
    if total is None:
        return None
    return f"{'> ' if total[1] else ''}{total[0] / found.build.seconds:.1f}x"


def ratio_table(results: list[SizeResult]) -> list[str]:
    totals = naive_totals(results)
    rows = []
    for found in results:
        total = totals[found.size]
        naive_seconds = "-" if total is None else (f"> {total[0]:.0f} s" if total[1] else seconds(total[0]))
        rows.append([str(found.size), seconds(found.build.seconds), naive_seconds, naive_ratio(found, totals) or "-"])
    return [
        *table(["N", "kg build", "naive build", "naive build / kg build"], rows),
        'A "> " figure is a lower bound: the naive build did not finish within the limit at that size or at a smaller one. '
        "The kg build also reasons and loads the store; the naive build does neither.",
        "",
    ]


def scaling_lines(results: list[SizeResult]) -> list[str]:
    lines = []
    for small, large in itertools.pairwise(results):
        ratio = large.build.seconds / small.build.seconds
        lines.append(f"- t({large.size}) / t({small.size}) of the kg build: {ratio:.2f} (sizes {large.size / small.size:.3g}x apart)")
    return [*lines, ""] if lines else ["- one size only: no scaling figure", ""]


def targets(results: list[SizeResult]) -> list[str]:
    """The targets with what was measured: met, not met, or n/a where a size was not run."""
    by_size = {found.size: found for found in results}
    big, small = by_size.get(10000), by_size.get(1000)
    rows: list[list[str]] = []

    def row(target: str, value: float | None, text: str, limit: float, at_least: bool = False, bound: bool = False) -> None:
        if value is None:
            rows.append([target, "not measured", "n/a"])
            return
        met = value >= limit if at_least else value <= limit
        status = "met" if met else ("unknown: the naive time is only a lower bound" if bound else "not met")
        rows.append([target, text, status])

    if big:
        memory = big.build.memory
        row("10k build <= 120 s", big.build.seconds, seconds(big.build.seconds), 120)
        row(
            "10k build <= 2 GiB (peak VmRSS sum)",
            memory.peak_rss_sum / GIB,
            f"{memory.peak_rss_sum / GIB:.2f} GiB (Pss sum {memory.peak_pss_sum / GIB:.2f} GiB)",
            2,
        )
    else:
        row("10k build <= 120 s", None, "", 120)
        row("10k build <= 2 GiB (peak VmRSS sum)", None, "", 2)
    row("1k build <= 15 s", small.build.seconds if small else None, seconds(small.build.seconds if small else None), 15)
    scaling = big.build.seconds / small.build.seconds if big and small else None
    row("t(10k) / t(1k) <= 11", scaling, f"{scaling or 0:.2f}", 11)
    slowest = max(big.queries.items(), key=lambda item: item[1].median_ms) if big and big.queries else None
    if big and slowest:
        over = sum(1 for latency in big.queries.values() if latency.median_ms > 100)
        median = f"{slowest[1].median_ms:.1f} ms" if math.isfinite(slowest[1].median_ms) else slowest[1].cell()
        row(
            "each query median <= 100 ms at 10k",
            slowest[1].median_ms,
            f"slowest `{slowest[0]}`: {median}; {over} of {len(big.queries)} over 100 ms",
            100,
        )
    else:
        row("each query median <= 100 ms at 10k", None, "", 100)
    incremental = big.incremental.run.seconds if big and big.incremental and big.incremental.result else None
    row("incremental one-record rebuild at 10k <= 5 s", incremental, seconds(incremental), 5)
    naive_1k = naive_totals(results).get(1000)
    if small and naive_1k:
        row(
            ">= 20x faster than naive at 1k",
            naive_1k[0] / small.build.seconds,
            naive_ratio(small, naive_totals(results)) or "",
            20,
            at_least=True,
            bound=naive_1k[1],
        )
    else:
        row(">= 20x faster than naive at 1k", None, "", 20)
    return table(["target", "measured", "status"], rows)


_INTRO = (
    "Synthetic corpora (`kg synth --cases N --seed {seed}`), built with {jobs} build process(es). "
    "Times are wall-clock seconds of the whole child process (Python start and imports included) unless said otherwise; "
    "stage timings are as kg.pipeline.build reports them (`cpu_*`: CPU seconds summed over the build processes)."
)
_QUERIES = (
    "Every query of the library (queries/*.rq) through kg.api.KnowledgeGraph with its default parameters "
    "(a required IRI parameter gets the first fact of the graph that has evidence): "
    "one warm-up run, then {runs} timed runs, in a child process per query that is ended after {limit:g} s "
    "(then the runs finished by that time count). Cells: median / p95 in ms (rows returned)."
)
_NAIVE = (
    "bench/naive.py: records read one by one (kg.records.read_records, evidence checked), every case graph "
    "(kg.rdf.record_graph) and the ontology in ONE rdflib Dataset, ONE pySHACL run over the union "
    "(ontology as ont_graph), N-Quads serialized with rdflib: the naive build. Then the queries once each with rdflib's SPARQL engine "
    "until {budget:g} s are spent. **It does no OWL reasoning**, so it is a lower bound of what the naive approach costs. "
    "Time limit {limit:g} s for the whole run; sizes above the first one where the naive build does not finish are not tried."
)


def report(args: argparse.Namespace, results: list[SizeResult]) -> str:
    command = (
        f"python bench/build.py --sizes {' '.join(map(str, args.sizes))} --jobs {args.jobs} --limit {args.limit:g} "
        f"--naive-query-budget {args.naive_query_budget:g} "
        f"--query-runs {args.query_runs} --query-limit {args.query_limit:g} --corpus-dir {args.corpus_dir} --out {args.out}"
    )
    lines = [
        "# Benchmarks: kg build",
        "",
        _INTRO.format(seed=SEED, jobs=args.jobs),
        "",
        "## Machine",
        "",
        *table(["what", "value"], [list(pair) for pair in machine()]),
        "## Command",
        "",
        "```",
        command,
        "```",
        "",
        "## kg build",
        "",
        *(line for found in results for line in size_table(found)),
        "## Query latency",
        "",
        _QUERIES.format(runs=args.query_runs, limit=args.query_limit),
        "",
        *query_table(results),
        "## Naive pipeline",
        "",
        _NAIVE.format(limit=args.limit, budget=args.naive_query_budget),
        "",
        *naive_table(results),
        *naive_query_table(results),
        "### Ratios",
        "",
        *ratio_table(results),
        *scaling_lines(results),
        "## Targets",
        "",
        *targets(results),
        "## Notes",
        "",
        "(notes by the lead)",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build processes (default: os.cpu_count())")
    parser.add_argument("--limit", type=float, default=600, help="seconds allowed to the naive pipeline per size")
    parser.add_argument("--naive-query-budget", type=float, default=120, help="seconds after which the naive run starts no further query")
    parser.add_argument("--query-runs", type=int, default=20, help="timed runs per query, after one warm-up run")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/kg-bench"), help="where corpora and builds are kept")
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"), help="the Markdown report to write")
    parser.add_argument("--query-limit", type=float, default=60, help="seconds allowed to one query's warm-up and timed runs")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    say(f"machine: {', '.join(f'{what} {value}' for what, value in machine())}")
    if not build_supports("jobs"):
        say("kg.pipeline.build has no `jobs`: --jobs is not passed on")
    results, run_naive = [], True
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for size in sorted(args.sizes):
        found = bench_size(args, size, run_naive)
        run_naive = found.naive is not None and found.naive.build_seconds is not None
        results.append(found)
        args.out.write_text(report(args, results), encoding="utf-8")
        say(f"[N={size}] wrote {args.out}")


if __name__ == "__main__":
    main()
