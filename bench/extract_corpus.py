"""Extraction quality on the real-report corpus: kg extract, then kg evaluate, per corpus part.

For each part (``tune``: tests/corpus/reports + records, the part extraction
rules were tuned on; ``holdout``: tests/corpus/holdout, kept out of tuning) it
drafts every report with the extractor (as ``kg extract`` does, timing each
draft), writes the drafts to a temporary folder, scores them with
``kg evaluate --format json`` against the curated records, and prints:

- per-category precision, recall and F1, micro-averaged over the part;
- per-report F1 of the target categories;
- malformed evidence spans (outside the text, ``end <= start``, or outside the
  section they name) and drafts the record reader refuses;
- discussion-only drugs attached to the patient: drugs a draft proposes as
  given that the curated record does not give the patient, and that the
  curated record names in a background claim or that the draft found only in
  the introduction, discussion or conclusion;
- throughput: drafts per second of CPU time; the pipeline is loaded once.

``--markdown FILE`` writes the same figures as a markdown section for
BENCHMARKS-extraction.md. Prints figures; not a test. Run:
``python bench/extract_corpus.py [--part tune|holdout|both] [--errors] [--markdown FILE]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
PARTS = {"tune": CORPUS, "holdout": CORPUS / "holdout"}
TARGETS = ("conditions", "sites", "drugs_given", "procedures_tests")
SHOWN = ("conditions", "findings", "subtype", "sites", "drugs_given", "procedures", "tests", "procedures_tests", "negated_findings", "demographics")
BACKGROUND = {"introduction", "discussion", "conclusion"}


@dataclass
class PartResult:
    name: str
    reports: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    scores: dict[str, Any] = field(default_factory=dict)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    discussion_drugs: list[str] = field(default_factory=list)


def _spans(node: Any, path: str = "") -> list[tuple[str, str | None, list[int]]]:
    """Every (path, section, span) under ``node``: evidence spans and the title span."""
    found: list[tuple[str, str | None, list[int]]] = []
    if isinstance(node, dict):
        if isinstance(node.get("span"), list):
            found.append((path, node.get("section"), node["span"]))
        for key, value in node.items():
            if key != "span":
                found.extend(_spans(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_spans(value, f"{path}[{index}]"))
    return found


def malformed_spans(draft: dict[str, Any], length: int) -> list[str]:
    """Descriptions of the spans of a draft that are not ``0 <= start < end <= length`` inside their section."""
    sections = {s["name"]: s["span"] for s in draft.get("sections", [])}
    bad = []
    for path, section, span in _spans({k: v for k, v in draft.items() if k != "sections"}):
        start, end = [*span, None, None][:2]
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length
        if ok and section is not None:
            bounds = sections.get(section)
            ok = bounds is not None and bounds[0] <= start and end <= bounds[1]
        if not ok:
            bad.append(f"{draft['id']}: {path} {section} {span}")
    return bad


def _drafts(extractor: Any, part: PartResult, reports: list[Path], out: Path) -> dict[str, dict[str, Any]]:
    from kg.extract import read_report
    from kg.extract.ids import record_id_for
    from kg.records.yamlio import dump_record

    drafts: dict[str, dict[str, Any]] = {}
    for report in reports:
        text = read_report(report)
        rid = record_id_for(report.stem)
        cpu, wall = time.process_time(), time.perf_counter()
        draft = extractor.extract(text, report.name, rid)
        part.cpu_s += time.process_time() - cpu
        part.wall_s += time.perf_counter() - wall
        (out / f"{rid}.yaml").write_text(dump_record(draft), encoding="utf-8")
        drafts[rid] = draft
        part.malformed.extend(malformed_spans(draft, len(text)))
    part.reports = len(reports)
    return drafts


def _check_readable(part: PartResult, out: Path) -> None:
    from kg.errors import KGError
    from kg.ontology.terms import TermIndex
    from kg.records.reader import read_record

    terms = TermIndex.load()
    for path in sorted(out.glob("*.yaml")):
        try:
            read_record(path, terms)
        except KGError as exc:
            part.unreadable.append(f"{path.stem}: {str(exc).splitlines()[0][:200]}")
            path.unlink()  # kg evaluate refuses a folder with a bad record; this report goes unscored (listed)


def _discussion_drugs(part: PartResult, drafts: dict[str, dict[str, Any]], records: Path) -> None:
    import yaml

    for rid, draft in drafts.items():
        curated = yaml.safe_load((records / f"{rid}.yaml").read_text(encoding="utf-8"))
        given = {f["drug"] for f in curated.get("facts", []) if f.get("type") == "drug"}
        claimed = {o for c in curated.get("claims", []) for o in c.get("object", [])}
        sections = [(s["name"], s["span"]) for s in curated.get("sections", [])]
        for fact in draft.get("facts", []):
            if fact.get("type") != "drug" or fact.get("status") == "contraindicated" or fact["drug"] in given:
                continue
            where = {name for e in fact.get("evidence", []) for name, (s, t) in sections if s <= e["span"][0] < t}
            if fact["drug"] in claimed or (where and where <= BACKGROUND):
                part.discussion_drugs.append(f"{rid}: {fact['drug']} ({', '.join(sorted(where)) or 'no section'})")


def _evaluate(drafts: Path, records: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    result = subprocess.run(
        [sys.executable, "-m", "kg", "-q", "evaluate", str(drafts), str(records), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"kg evaluate failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def run_part(extractor: Any, name: str) -> PartResult:
    folder = PARTS[name]
    part = PartResult(name)
    reports = sorted((folder / "reports").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix=f"kg-extract-{name}-") as tmp:
        out = Path(tmp)
        drafts = _drafts(extractor, part, reports, out)
        _check_readable(part, out)
        data = _evaluate(out, folder / "records")
        part.scores, part.pairs = data["total"], data["pairs"]
        _discussion_drugs(part, drafts, folder / "records")
    return part


def _table(part: PartResult) -> list[str]:
    lines = ["| category | tp | fp | fn | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name in SHOWN:
        s = part.scores.get(name)
        if s:
            mark = " (target)" if name in TARGETS else ""
            lines.append(f"| {name}{mark} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    return lines


def _per_report(part: PartResult) -> list[str]:
    shown = (*TARGETS, "demographics")
    lines = ["| report | " + " | ".join(shown) + " |", "|---|" + "---:|" * len(shown)]
    for pair in part.pairs:
        cells = [f"{pair['scores'][c]['f1']:.2f}" for c in shown]
        lines.append(f"| {pair['record']} | " + " | ".join(cells) + " |")
    return lines


def _summary(part: PartResult) -> list[str]:
    rate = part.reports / part.cpu_s if part.cpu_s else 0.0
    return [
        f"- reports: {part.reports} ({part.reports - len(part.unreadable)} scored); malformed evidence spans: {len(part.malformed)}; drafts the record reader refuses: {len(part.unreadable)}",
        f"- discussion-only drugs attached to the patient: {len(part.discussion_drugs)}"
        + (f" ({'; '.join(part.discussion_drugs)})" if part.discussion_drugs else ""),
        f"- throughput: {rate:.1f} reports/s of CPU time ({part.cpu_s / max(part.reports, 1) * 1000:.0f} ms per report, "
        f"wall {part.wall_s / max(part.reports, 1) * 1000:.0f} ms)",
    ]


def markdown(parts: list[PartResult], load_s: float) -> str:
    lines = [
        "## Extraction on real reports (`bench/extract_corpus.py`)",
        "",
        f"One extractor drafts every report (pipeline load {load_s:.2f} s CPU, once); `kg evaluate` scores the drafts.",
        "",
    ]
    for part in parts:
        lines += [f"### {part.name} part ({part.reports} reports), micro-averaged", "", *_table(part), "", *_summary(part), ""]
        lines += ["Per-report F1:", "", *_per_report(part), ""]
    return "\n".join(lines)


def _print_errors(part: PartResult) -> None:
    for pair in part.pairs:
        for name in SHOWN:
            s = pair["scores"][name]
            if s["false_positives"] or s["false_negatives"]:
                print(f"  {pair['record']:16} {name:17} extra={s['false_positives']} missing={s['false_negatives']}")
    for line in part.malformed + part.unreadable:
        print(f"  ! {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part", choices=("tune", "holdout", "both"), default="both", help="corpus part(s) to score (holdout: only once the extractor is final)"
    )
    parser.add_argument("--errors", action="store_true", help="list the extra and missing items of every report")
    parser.add_argument("--markdown", type=Path, help="write the figures as a markdown section to this file")
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from kg.extract import Extractor

    names = ("tune", "holdout") if args.part == "both" else (args.part,)
    started = time.process_time()
    extractor = Extractor()
    load_s = time.process_time() - started
    parts = [run_part(extractor, name) for name in names]
    for part in parts:
        if args.errors:
            print(f"== {part.name}: errors per report")
            _print_errors(part)
    text = markdown(parts, load_s)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
