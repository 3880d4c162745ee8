"""Fixtures of the vocabulary tests: the shipped lexicon, terms and provenance, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.vocab import Lexicon, load_lexicon, load_provenance, load_terms
from kg.vocab.terms import TermTable
from kg.vocab.wordlists import Wordlists

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def data_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a test data file."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """A tab-separated test data file as rows."""
    return [line.split("\t") for line in data_lines(name)]


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def terms() -> TermTable:
    return load_terms()


@pytest.fixture(scope="session")
def provenance() -> dict:  # type: ignore[type-arg]
    return load_provenance()


@pytest.fixture()
def words() -> Wordlists:
    """Small word lists for filter tests, in the shape the build reads from spaCy and wordfreq."""
    return Wordlists(
        stop=frozenset({"was", "he", "she", "all", "can", "may", "the", "of", "and"}),
        zipf={"cold": 4.9, "men": 5.0, "cat": 4.5, "generic": 4.2, "water": 5.5, "juvenile": 3.6, "face": 5.2, "aids": 4.3},
    )
