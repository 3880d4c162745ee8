"""Standard ids as records write them: the exact syntax per prefix, an IRI back to its id, a scan of raw text.

A record names a standard term by its CURIE with the upper-case prefix of
:mod:`kg.vocab.sources` and the local-part syntax of that source
(``HP:0000822``, ``MONDO:0005015``, ``UBERON:0002101``, ``DRUGBANK:DB00682``,
``ICD9CM:86.22``). Pure functions over :data:`~kg.vocab.sources.SOURCES`; no
data file is read.
"""

from __future__ import annotations

import re

from .sources import SOURCES, Source

__all__ = ["STANDARD_ID", "is_standard_id", "source_of", "curie_for", "scan_ids"]

STANDARD_ID = re.compile("|".join(f"{re.escape(s.prefix)}:(?:{s.id_pattern})" for s in SOURCES))
"""Any standard id, in the exact syntax of its source (use ``fullmatch``)."""

_SCAN = re.compile(("(?<![A-Za-z0-9_:])(?:" + STANDARD_ID.pattern + r")(?![A-Za-z0-9_]|\.[0-9])").encode("ascii"))
"""A standard id standing on its own in raw text (not part of a longer id or word)."""


def is_standard_id(text: str) -> bool:
    """True if ``text`` is a standard id in the exact syntax of its source (``MONDO:0005015``; not ``MONDO:5015``)."""
    return STANDARD_ID.fullmatch(text) is not None


def source_of(curie: str) -> Source | None:
    """The source of a standard id written in its exact syntax, or None."""
    if not is_standard_id(curie):
        return None
    prefix = curie.split(":", 1)[0]
    return next(s for s in SOURCES if s.prefix == prefix)


def curie_for(iri: str) -> str | None:
    """The standard id of a standard term's IRI (the inverse of :func:`~kg.vocab.sources.iri_for`), or None."""
    for source in SOURCES:
        if iri.startswith(source.iri_base):
            curie = f"{source.prefix}:{iri[len(source.iri_base) :]}"
            if is_standard_id(curie):
                return curie
    return None


def scan_ids(data: bytes) -> set[str]:
    """Every standard id written in ``data`` (a record file's bytes), wherever it stands: a cheap superset of the ids used."""
    return {match.decode("ascii") for match in _SCAN.findall(data)}
