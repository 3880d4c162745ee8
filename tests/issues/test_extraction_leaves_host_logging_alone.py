"""The extractor changed process-wide state: library logger levels, a global warnings filter, and it removed
every loguru sink of the host program.

It now quiets spaCy and medspaCy only while it runs, and restores what it changed.
"""

from __future__ import annotations

import logging
import warnings

from kg.extract import Extractor

from ..conftest import FIXTURE_REPORTS


def test_a_host_programs_logging_and_warnings_are_left_as_they_were() -> None:
    from loguru import logger as loguru_logger

    sink: list[str] = []
    sink_id = loguru_logger.add(sink.append, level="INFO")
    spacy_logger = logging.getLogger("spacy")
    spacy_logger.setLevel(logging.INFO)
    filters = list(warnings.filters)
    try:
        extractor = Extractor()
        extractor.extract((FIXTURE_REPORTS / "mini-001.txt").read_text(encoding="utf-8"), "mini-001.txt", "mini-001")
        assert warnings.filters == filters
        assert spacy_logger.level == logging.INFO and spacy_logger.propagate
        loguru_logger.info("the host still logs")
        assert any("the host still logs" in line for line in sink)
    finally:
        loguru_logger.remove(sink_id)
        spacy_logger.setLevel(logging.NOTSET)
