"""Write a synthetic corpus: ``DIR/data/<id>.yaml`` records and ``DIR/reports/<id>.txt`` texts for ``kg build``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ontology.terms import TermIndex
from kg.records.yamlio import dump_record
from kg.synth.case import generate_case
from kg.synth.plan import SYNTH_PREFIX
from kg.synth.vocab import Vocabulary

__all__ = ["Progress", "CorpusSummary", "write_corpus"]

Progress = Callable[[int, int], None]
"""Called with (cases written, cases in all) after each case."""


@dataclass(frozen=True)
class CorpusSummary:
    """What :func:`write_corpus` wrote."""

    cases: int
    seed: int
    data_dir: Path
    reports_dir: Path
    facts: int
    claims: int


def write_corpus(
    out_dir: Path,
    cases: int,
    seed: int,
    force: bool = False,
    progress: Progress | None = None,
    terms: TermIndex | None = None,
) -> CorpusSummary:
    """Write ``cases`` synthetic cases to ``out_dir/data`` and ``out_dir/reports``.

    Refuses a count below 1, and a non-empty ``out_dir`` unless ``force`` (then
    earlier synthetic files ``synth-*`` in ``data/`` and ``reports/`` are removed
    first; other files are left alone).
    """
    _check(out_dir, cases, force)
    vocabulary = Vocabulary.from_terms(terms or TermIndex.load())
    data_dir, reports_dir = out_dir / "data", out_dir / "reports"
    try:
        _prepare(data_dir, reports_dir)
        facts = claims = 0
        for index in range(1, cases + 1):
            case = generate_case(index, seed, vocabulary)
            (reports_dir / case.report_file).write_bytes(case.text.encode("utf-8"))
            (data_dir / f"{case.id}.yaml").write_text(dump_record(case.record), encoding="utf-8")
            facts += len(case.record["facts"])
            claims += len(case.record["claims"])
            if progress:
                progress(index, cases)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot write the corpus: {exc.strerror or exc}") from None
    return CorpusSummary(cases, seed, data_dir, reports_dir, facts, claims)


def _check(out_dir: Path, cases: int, force: bool) -> None:
    if isinstance(cases, bool) or not isinstance(cases, int) or cases < 1:
        raise InputError(f"--cases must be a whole number of at least 1 (got {cases!r})")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise InputError(f"{out_dir}: folder is not empty; choose an empty or new folder, or give --force to replace its synthetic files")


def _prepare(data_dir: Path, reports_dir: Path) -> None:
    """Make the folders and remove earlier synthetic files from them."""
    data_dir.mkdir(parents=True, exist_ok=True)
    reports_dir.mkdir(parents=True, exist_ok=True)
    for stale in (*data_dir.glob(f"{SYNTH_PREFIX}*.yaml"), *reports_dir.glob(f"{SYNTH_PREFIX}*.txt")):
        stale.unlink()
