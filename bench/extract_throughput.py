"""Extraction throughput: reports per second on one core for a ~2,000-word report.

Builds one 2,000-word report from the evaluation reports in tests/extraction
(their sections repeated in order, so the text keeps the shape of a case
report), warms the pipeline up, then times repeated extractions in batches
pinned to one core. Reports CPU time (``time.process_time``: what one core
spends, less sensitive to other processes on a shared machine than the wall
clock) as the best and median batch, and the wall clock beside it.
Prints figures; not a test. Run: python bench/extract_throughput.py [--runs N] [--batches B]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_report(words: int = 2000) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "extraction" / "reports").glob("*.txt"))]
    parts = {"abstract": [], "introduction": [], "case": [], "discussion": []}
    head = texts[0].split("## Abstract")[0]
    for text in texts:
        for name, heading in (
            ("abstract", "## Abstract"),
            ("introduction", "## Introduction"),
            ("case", "## Case report"),
            ("discussion", "## Discussion"),
        ):
            body = text.split(heading, 1)[1].split("\n## ", 1)[0]
            parts[name].append(body.split("**Keywords:**")[0])
    report = head
    while len(report.split()) < words:
        for name, heading in (
            ("abstract", "## Abstract"),
            ("introduction", "## Introduction"),
            ("case", "## Case report"),
            ("discussion", "## Discussion"),
        ):
            report += f"\n{heading}\n" + "".join(parts[name])
    return " ".join(report.split(" ")[: words + 50])


def _batches(extractor: object, text: str, runs: int, batches: int) -> tuple[list[float], list[float]]:
    """CPU and wall seconds per report of each batch of ``runs`` extractions."""
    cpu, wall = [], []
    for _ in range(batches):
        c, w = time.process_time(), time.perf_counter()
        for _ in range(runs):
            extractor.extract(text, "bench.txt", "bench")  # type: ignore[attr-defined]
        cpu.append((time.process_time() - c) / runs)
        wall.append((time.perf_counter() - w) / runs)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="extractions per batch")
    parser.add_argument("--batches", type=int, default=7)
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from kg.extract import Extractor

    cpu_start, wall_start = time.process_time(), time.perf_counter()
    extractor = Extractor()
    load_cpu, load_wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    text = make_report()
    record = extractor.extract(text, "bench.txt", "bench")  # warm-up
    cpu, wall = _batches(extractor, text, args.runs, args.batches)
    best, median = min(cpu), statistics.median(cpu)
    print(f"report: {len(text.split())} words, {len(text)} characters; draft: {len(record['facts'])} facts, {len(record.get('claims', []))} claims")
    print(f"pipeline load (ontology, reference lexicon, ConText rules): {load_cpu:.2f} s CPU, {load_wall:.2f} s wall")
    print(
        f"extraction: {best * 1000:.0f} ms CPU per report at best, {median * 1000:.0f} ms median "
        f"({args.batches} batches of {args.runs}); wall median {statistics.median(wall) * 1000:.0f} ms"
    )
    print(f"throughput: {1 / best:.1f} reports/s on one core at best, {1 / median:.1f} reports/s median")


if __name__ == "__main__":
    main()
