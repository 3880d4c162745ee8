"""Running case builds: batches of records, in this process or in a pool of forked build processes.

A forked process gets the build context through the pool's initializer and
keeps one :class:`~kg.build.case.CaseBuilder` for its life; only the batches
(paths and keys) travel to it, and only counts, issues and terms used come back.

The objects that live through the build (the ontology graph, term index,
shapes, the builder's tables: about 100,000 of them) are moved out of the
garbage collector's sight with :func:`gc.freeze` once they are made; its
full passes, every few cases, then look only at the objects of the cases
at hand. Unfrozen, they took 8-11 ms of a case's 55-70 ms.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from kg.build.case import BuildContext, CaseBuilder, CaseJob, CaseResult
from kg.build.timing import Stopwatch
from kg.errors import InputError

__all__ = ["BATCH", "default_jobs", "process_count", "run_jobs"]

BATCH = 8
"""Cases per batch: one SHACL run covers a batch, and a batch is the unit of work of a build process."""


def default_jobs() -> int:
    """Build processes by default: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def process_count(jobs: int | None, cases: int) -> int:
    """How many build processes ``cases`` records get when ``jobs`` are asked for (no more than there are batches)."""
    wanted = default_jobs() if jobs is None else jobs
    if wanted < 1:
        raise InputError(f"--jobs must be at least 1, not {wanted}")
    return max(1, min(wanted, -(-cases // BATCH)))


def run_jobs(context: BuildContext, jobs: list[CaseJob], wanted: int | None, clock: Stopwatch) -> Iterator[CaseResult]:
    """Build the jobs in batches, in this process or in a pool of forked processes, yielding results in order."""
    processes = process_count(wanted, len(jobs))
    size = BATCH if processes == 1 else max(1, min(BATCH, -(-len(jobs) // (processes * 4))))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    if processes == 1 or "fork" not in multiprocessing.get_all_start_methods():
        builder = CaseBuilder(context)
        with _frozen():
            for batch in batches:
                yield from builder.run(batch, clock.add_cpu)
        return
    with _frozen(), multiprocessing.get_context("fork").Pool(processes, initializer=_start_worker, initargs=(context,)) as pool:
        for results, spent in pool.imap(_run_batch, batches):
            for stage, seconds in spent.items():
                clock.add_cpu(stage, seconds)
            yield from results


@contextmanager
def _frozen() -> Iterator[None]:
    """Keep the objects made so far out of the garbage collector's passes until the block ends (forked processes
    inherit the frozen set); what is garbage already is collected first, not kept."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_builder: CaseBuilder | None = None
"""The case builder of a build process, set by the pool's initializer in that process only."""


def _start_worker(context: BuildContext) -> None:
    """Set up a build process: Ctrl-C goes to the main process only (which stops the pool), and one case builder."""
    global _builder
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _builder = CaseBuilder(context)
    gc.freeze()  # the builder's own tables live as long as the process


def _run_batch(batch: Sequence[CaseJob]) -> tuple[list[CaseResult], dict[str, float]]:
    """A build process's task: one batch, with the seconds it spent per stage."""
    spent: dict[str, float] = {}

    def add(stage: str, seconds: float) -> None:
        spent[stage] = spent.get(stage, 0.0) + seconds

    if _builder is None:
        raise RuntimeError("a build process runs batches only after the pool's initializer")
    return _builder.run(batch, add), dict(spent)
