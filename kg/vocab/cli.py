"""``kg vocab``: the command-line entry the project CLI delegates to.

Thin: parse options, call :func:`kg.vocab.build.build_vocab`, print a summary,
map errors to the exit codes of :mod:`kg.errors`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import EXIT_OK, KGError
from .build import BuildReport, build_vocab
from .constants import DATA, default_cache_dir

__all__ = ["main", "summary"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg vocab", description="Standard vocabularies (HPO, Mondo, Uberon, DrugBank, ICD-9-CM), offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the reference lexicon, terms and provenance from the pinned wheels")
    build.add_argument("--out", type=str, default=str(DATA), help="output folder (default: the package's data folder)")
    build.add_argument("--cache", type=str, default=None, help="folder for the downloaded wheels (default: ~/.cache/calcinosis-kg/vocab-wheels)")
    return parser


def summary(report: BuildReport) -> str:
    """A few lines on what a build wrote."""
    lines = [f"wrote {report.out}:"]
    lines += [f"  {name}: {size / 1e6:.2f} MB" for name, size in sorted(report.sizes.items())]
    for build in report.sources:
        dropped = sum(build.dropped.values())
        lines.append(
            f"  {build.source.key} {build.version}: {len(build.placed)} terms kept of {build.read}, "
            f"{len(build.rows)} lexicon rows, {dropped} texts filtered"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg vocab ARGS``; returns the exit code (0, or 2 for bad input or a source that cannot be read)."""
    from pathlib import Path

    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        report = build_vocab(Path(args.out), Path(args.cache) if args.cache else default_cache_dir())
    except KGError as exc:
        print(f"kg vocab: {exc}", file=sys.stderr)
        return exc.exit_code
    print(summary(report))
    return EXIT_OK
