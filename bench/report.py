"""BENCHMARKS.md from the figures of bench/scale.py: tables, targets met or not, and the notes kept from the last edit.

The notes (everything from the ``## Notes`` heading on) are written by hand
after a run; a new run keeps the notes of the file it replaces.
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

MIB = 1024 * 1024
GIB = 1024 * MIB
NOTES = "## Notes"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows), ""]


def _ms(found: dict[str, Any]) -> float | None:
    return statistics.median(found["times"]) * 1000 if found.get("times") else None


def _cell(found: dict[str, Any] | None) -> str:
    if found is None:
        return "-"
    median = _ms(found)
    if median is None:
        return "did not finish" + (" (time limit)" if found.get("timed_out") else "")
    text = f"{median:.1f} ms ({found['rows']} rows)"
    if found["mode"] in ("full", "sparql"):
        text += f", {found['rows'] / (median / 1000):,.0f} rows/s"
    if found.get("warmup_only"):
        text += " [warm-up run only: time limit]"
    elif found.get("timed_out"):
        text += f" [{len(found['times'])} timed runs: time limit]"
    return text


def _by(results: dict[str, Any], mode: str) -> dict[str, dict[str, Any]]:
    return {f["query"]: f for f in results.values() if f["mode"] == mode}


def build_lines(found: dict[str, Any]) -> list[str]:
    size, build, floor = found["size"], found["build"], found["floor"] or {}
    timings = build["result"]["timings"]
    rows = [
        ["wall, whole child process (clean build)", f"{build['seconds']:.2f} s"],
        ["wall, inside kg.build.build()", f"{build['result']['build_seconds']:.2f} s"],
    ]
    for stage, spent in timings.items():
        per_case = f" ({1000 * spent / size:.1f} ms per case)" if stage.startswith("cpu_") or stage in ("load", "tables") else ""
        rows.append([f"stage `{stage}`", f"{spent:.2f} s{per_case}"])
    rows += [
        ["peak memory, sum of VmRSS over the process tree", f"{build['peak_rss'] / MIB:.0f} MiB"],
        ["peak memory, sum of Pss over the process tree", f"{build['peak_pss'] / MIB:.0f} MiB"],
        ["quads in the store", str(found["summary"]["quads_in_store"])],
        ["store on disk", f"{found['store_bytes'] / MIB:.1f} MiB"],
        ["tables.sqlite (precomputed listing rows)", f"{found['tables_bytes'] / MIB:.1f} MiB"],
        ["cache/ (chunks and manifest)", f"{found['chunks_bytes'] / MIB:.1f} MiB"],
        ["floor: `kg export --format nq` from the chunks", f"{floor.get('export_seconds', 0):.2f} s ({floor.get('nquads_bytes', 0) / MIB:.0f} MiB)"],
        ["floor: pyoxigraph bulk load of that graph.nq into a new on-disk store (with optimize)", f"{floor.get('disk_seconds', 0):.2f} s"],
        ["floor: the same into an in-memory store", f"{floor.get('memory_seconds', 0):.2f} s"],
    ]
    incremental = found.get("incremental")
    if incremental:
        rows.append(["incremental rebuild, one record changed (whole child process)", f"{incremental['seconds']:.2f} s"])
        rows += [[f"incremental stage `{stage}`", f"{spent:.2f} s"] for stage, spent in incremental["timings"].items()]
    return [f"### N = {size}", "", *_table(["measure", "value"], rows)]


def query_lines(results: list[dict[str, Any]]) -> list[str]:
    lines = ["### Listings (precomputed rows; SPARQL on the on-disk store beside them where run)", ""]
    header = ["query"]
    for found in results:
        header += [f"first page, N={found['size']}", f"whole listing, N={found['size']}"]
        if any(f["mode"] == "sparql" for f in found["queries"].values()):
            header.append(f"SPARQL on disk, N={found['size']}")
    names = sorted({f["query"] for found in results for f in found["queries"].values() if f["mode"] == "page"})
    rows = []
    for name in names:
        cells = [f"`{name}`"]
        for found in results:
            cells += [_cell(_by(found["queries"], "page").get(name)), _cell(_by(found["queries"], "full").get(name))]
            if any(f["mode"] == "sparql" for f in found["queries"].values()):
                cells.append(_cell(_by(found["queries"], "sparql").get(name)))
        rows.append(cells)
    lines += _table(header, rows)
    lines += ["### Parameterised and aggregate queries (median of the timed runs; where the rows came from)", ""]
    labels = sorted({label for found in results for label, f in found["queries"].items() if f["mode"] == "answer"})
    header = ["query (parameters)", *(f"N={found['size']} on disk" for found in results)]
    memory = [found for found in results if found.get("memory_queries")]
    header += [f"N={found['size']} in memory" for found in memory]
    rows = []
    for label in labels:
        cells = [f"`{label}`"]
        for found in results:
            f = found["queries"].get(label)
            cells.append(f"{_cell(f)} [{f.get('source', '?')}]" if f else "-")
        for found in memory:
            f = found["memory_queries"].get(label)
            same = f and found["queries"].get(label, {}).get("digest") == f.get("digest")
            cells.append(f"{_cell(f)}{'' if same else ' ROWS DIFFER'}" if f else "-")
        rows.append(cells)
    lines += _table(header, rows)
    for found in memory:
        opened = statistics.median(f["open_seconds"] for f in found["memory_queries"].values() if "open_seconds" in f)
        lines += [
            f"In-memory layout at N={found['size']}: opening (loading the chunks) takes {opened:.2f} s (median over the query processes); "
            "rows equal to the on-disk layout's unless marked.",
            "",
        ]
    return lines


def target_lines(results: list[dict[str, Any]]) -> list[str]:
    by_size = {found["size"]: found for found in results}
    big, small = by_size.get(10000), by_size.get(1000)
    rows: list[list[str]] = []

    def row(target: str, measured: str, met: bool | None) -> None:
        rows.append([target, measured, "n/a" if met is None else ("met" if met else "not met")])

    if big:
        answers = {label: f for label, f in big["queries"].items() if f["mode"] == "answer"}
        slow = max(answers.items(), key=lambda item: _ms(item[1]) or float("inf"))
        worst = _ms(slow[1])
        row("10k: every parameterised/aggregate query median <= 100 ms", f"slowest `{slow[0]}`: {_cell(slow[1])}", worst is not None and worst <= 100)
        pages = _by(big["queries"], "page")
        slow_page = max(pages.items(), key=lambda item: _ms(item[1]) or float("inf"))
        row(
            "10k: every listing's first page (100 rows) <= 100 ms",
            f"slowest `{slow_page[0]}`: {_cell(slow_page[1])}",
            (_ms(slow_page[1]) or 1e9) <= 100,
        )
        fulls = _by(big["queries"], "full")
        rates = {name: f["rows"] / (_ms(f) / 1000) for name, f in fulls.items() if _ms(f)}
        low = min(rates.items(), key=lambda item: item[1]) if rates else None
        row(
            "10k: whole listings >= 200k rows/s",
            f"slowest `{low[0]}`: {low[1]:,.0f} rows/s" if low else "not measured",
            bool(low) and len(rates) == len(fulls) and low[1] >= 200_000,
        )  # type: ignore[index]
        floor = big["floor"]["disk_seconds"] if big.get("floor") else None
        row(
            "10k: clean build <= 2x the bulk-load floor of the same run",
            f"{big['build']['seconds']:.1f} s against 2 x {floor:.1f} s" if floor else "floor not measured",
            floor is not None and big["build"]["seconds"] <= 2 * floor,
        )
        incremental = big.get("incremental")
        row(
            "10k: one-record incremental rebuild <= 5 s",
            f"{incremental['seconds']:.2f} s" if incremental else "not measured",
            incremental is not None and incremental["seconds"] <= 5,
        )
        row(
            "10k: build peak memory <= 2 GiB",
            f"{big['build']['peak_rss'] / GIB:.2f} GiB (VmRSS sum; Pss sum {big['build']['peak_pss'] / GIB:.2f})",
            big["build"]["peak_rss"] <= 2 * GIB,
        )
    if big and small:
        ratio = big["build"]["seconds"] / small["build"]["seconds"]
        row("time(10k) / time(1k) of the clean build <= 11", f"{ratio:.2f}", ratio <= 11)
    return _table(["target", "measured", "status"], rows)


def write_report(args: argparse.Namespace, results: list[dict[str, Any]], machine: list[tuple[str, str]]) -> None:
    notes = ""
    if args.out.is_file():
        text = args.out.read_text(encoding="utf-8")
        if NOTES in text:
            notes = text[text.index(NOTES) :]
    command = (
        f"python bench/scale.py --sizes {' '.join(map(str, args.sizes))} --jobs {args.jobs} --runs {args.runs} "
        f"--full-runs {args.full_runs} --query-limit {args.query_limit:g} --sparql-sizes {' '.join(map(str, args.sparql_sizes))} "
        f"--memory-sizes {' '.join(map(str, args.memory_sizes))} --corpus-dir {args.corpus_dir} --out {args.out}"
        + (f" --raw {args.raw}" if args.raw else "")
        + (f" --resume {args.resume}" if getattr(args, "resume", None) else "")
    )
    lines = [
        "# Benchmarks: kg build and the library queries at scale",
        "",
        f"Synthetic corpora (`kg synth --cases N --seed 7`), {args.jobs} build processes. Written by bench/scale.py; "
        "every figure below is measured in the run of the command shown (times: wall-clock seconds of a child process unless "
        "said otherwise; `cpu_*` stages: seconds summed over the build processes).",
        "",
        "## Machine",
        "",
        *_table(["what", "value"], [list(pair) for pair in machine]),
        "## Command",
        "",
        "```",
        command,
        "```",
        "",
        "## Build",
        "",
        *(line for found in results for line in build_lines(found)),
        "## Queries",
        "",
        *query_lines(results),
        "## Targets",
        "",
        *target_lines(results),
        notes or f"{NOTES}\n\n(written after the run)\n",
    ]
    args.out.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
