"""Extraction throughput: reports per second on one core for a ~2,000-word report.

Builds one 2,000-word report from the evaluation reports in tests/extraction
(their sections repeated in order, so the text keeps the shape of a case
report), warms the pipeline up, then times repeated extractions.
Prints figures; not a test. Run: python bench/extract_throughput.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_report(words: int = 2000) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "extraction" / "reports").glob("*.txt"))]
    parts = {"abstract": [], "introduction": [], "case": [], "discussion": []}
    head = texts[0].split("## Abstract")[0]
    for text in texts:
        for name, heading in (("abstract", "## Abstract"), ("introduction", "## Introduction"), ("case", "## Case report"), ("discussion", "## Discussion")):
            body = text.split(heading, 1)[1].split("\n## ", 1)[0]
            parts[name].append(body.split("**Keywords:**")[0])
    report = head
    while len(report.split()) < words:
        for name, heading in (("abstract", "## Abstract"), ("introduction", "## Introduction"), ("case", "## Case report"), ("discussion", "## Discussion")):
            report += f"\n{heading}\n" + "".join(parts[name])
    return " ".join(report.split(" ")[: words + 50])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    from kg.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor()
    load = time.perf_counter() - started
    text = make_report()
    extractor.extract(text, "bench.txt", "bench")  # warm-up
    started = time.perf_counter()
    for _ in range(args.runs):
        record = extractor.extract(text, "bench.txt", "bench")
    elapsed = time.perf_counter() - started
    print(f"report: {len(text.split())} words, {len(text)} characters; draft: {len(record['facts'])} facts, {len(record.get('claims', []))} claims")
    print(f"pipeline load (ontology + spaCy/medspaCy rules): {load:.2f} s")
    print(f"extraction: {elapsed / args.runs * 1000:.0f} ms per report, {args.runs / elapsed:.2f} reports/s on one core ({args.runs} runs)")


if __name__ == "__main__":
    main()
