"""Shared helpers of the extraction tests: one pipeline per test session, drafts cached."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from kg.extract import Extractor, read_report
from kg.ontology.terms import TermIndex
from kg.records.model import Record
from kg.records.reader import parse_record

from .conftest import TESTS

EXTRACTION = TESTS / "extraction"
OWN_REPORTS = EXTRACTION / "reports"
OWN_RECORDS = EXTRACTION / "records"
CORPUS = TESTS / "corpus"
CORPUS_PARTS = {"tune": CORPUS, "holdout": CORPUS / "holdout"}
"""The real-report corpus: the part extraction rules were tuned on, and the part held back from tuning."""
SEEDS = {"bender-2024": "000_b36f31f2d423490e.txt", "mahipathy-2020": "001_68c6de51fb8b6a26.txt"}
DATA = TESTS.parent / "data"


@lru_cache(maxsize=1)
def terms() -> TermIndex:
    return TermIndex.load()


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(terms())


@cache
def draft(report: Path, record_id: str) -> dict:
    return extractor().extract(read_report(report), report.name, record_id)


def as_record(data: dict) -> Record:
    return parse_record(data, "draft")


def corpus_reports(part: str) -> list[Path]:
    """The report texts of one corpus part, sorted."""
    return sorted((CORPUS_PARTS[part] / "reports").glob("*.txt"))
