"""Detect report prose copied into project files: shared runs of nine words."""

from __future__ import annotations

import re
from pathlib import Path

RUN = 9


def _runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def report_runs(reports: Path) -> set[str]:
    """Every run of nine words of the report texts in a folder."""
    runs: set[str] = set()
    for report in reports.glob("*.txt"):
        runs |= _runs(report.read_text(encoding="utf-8"))
    return runs


def copied_runs(text: str, reports: set[str]) -> list[str]:
    """The runs of ``text`` that also stand in a report, a few at most."""
    return sorted(_runs(text) & reports)[:3]
