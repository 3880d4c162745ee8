"""``kg synth``: write a synthetic corpus of case records and report texts (thin command)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.support import Console, console_options, run_or_exit

__all__ = ["synth"]


@click.command("synth")
@click.option("--cases", "count", type=int, required=True, help="Number of synthetic cases to write (at least 1).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed; the same seed and count give identical files.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Output folder; records go to OUT/data, report texts to OUT/reports. Must be empty or new.",
)
@click.option("--force", is_flag=True, help="Write into a non-empty folder, replacing its earlier synth-* files.")
@console_options
def synth(console: Console, count: int, seed: int, out_dir: Path, force: bool) -> None:
    """Write synthetic case records (record format v1) with their report texts.

    Case i depends only on the seed and i, so a larger corpus extends a smaller
    one. Build the result with: kg build --data OUT/data --reports OUT/reports
    """
    from kg.synth import write_corpus

    with console.progress("cases", total=count if count > 0 else None) as advance:
        summary = run_or_exit(lambda: write_corpus(out_dir, count, seed, force=force, progress=lambda _done, _total: advance(1)))
    console.info(f"Wrote {summary.cases} synthetic case(s) (seed {summary.seed}): {summary.facts} patient facts, {summary.claims} claims.")
    console.info(f"  records: {summary.data_dir}")
    console.info(f"  reports: {summary.reports_dir}")
    console.info(f"Build them with: kg build --data {summary.data_dir} --reports {summary.reports_dir}")
