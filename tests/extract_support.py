"""Shared helpers of the extraction tests: one pipeline per test session, drafts cached."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.extract import Extractor, read_report
from kg.model import Record
from kg.records import parse_record
from kg.terms import TermIndex

from .conftest import TESTS

EXTRACTION = TESTS / "extraction"
OWN_REPORTS = EXTRACTION / "reports"
OWN_RECORDS = EXTRACTION / "records"
SEEDS = {"bender-2024": "000_b36f31f2d423490e.txt", "mahipathy-2020": "001_68c6de51fb8b6a26.txt"}
DATA = TESTS.parent / "data"


@lru_cache(maxsize=1)
def terms() -> TermIndex:
    return TermIndex.load()


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(terms())


@lru_cache(maxsize=None)
def draft(report: Path, record_id: str) -> dict:
    return extractor().extract(read_report(report), report.name, record_id)


def as_record(data: dict) -> Record:
    return parse_record(data, "draft")
