"""``kg synth``: write a synthetic corpus of case records and report texts (thin command)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_support import run_or_exit

__all__ = ["synth"]


@click.command("synth")
@click.option("--cases", "count", type=int, required=True, help="Number of synthetic cases to write (at least 1).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed; the same seed and count give identical files.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Output folder; records go to OUT/data, report texts to OUT/reports. Must be empty or new.")
@click.option("--force", is_flag=True, help="Write into a non-empty folder, replacing its earlier synth-* files.")
@click.pass_obj
def synth(opts: dict[str, bool] | None, count: int, seed: int, out_dir: Path, force: bool) -> None:
    """Write synthetic case records (record format v1) with their report texts.

    Case i depends only on the seed and i, so a larger corpus extends a smaller
    one. Build the result with: kg build --data OUT/data --reports OUT/reports
    """
    from .synth import write_corpus

    opts = opts or {}
    step = max(1, count // 10)

    def progress(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            click.echo(f"... {done}/{total} cases", err=True)

    summary = run_or_exit(lambda: write_corpus(out_dir, count, seed, force=force, progress=progress if opts.get("verbose") else None))
    if opts.get("quiet"):
        return
    click.echo(f"Wrote {summary.cases} synthetic case(s) (seed {summary.seed}): {summary.facts} patient facts, {summary.claims} claims.")
    click.echo(f"  records: {summary.data_dir}")
    click.echo(f"  reports: {summary.reports_dir}")
    click.echo(f"Build them with: kg build --data {summary.data_dir} --reports {summary.reports_dir}")
