"""One reader per source format, chosen by the ``reader`` name of a :class:`~kg.vocab.sources.Source`.

Each reader takes the decompressed bytes of the data file and returns the
terms (:class:`~kg.vocab.model.Term`) verbatim, plus the data version the file
states (empty when it states none).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Term
from . import cellxgene, drugner, gnuhealth, obo

__all__ = ["READERS", "Reader"]

Reader = Callable[[bytes, str], tuple[list[Term], str]]
"""``read(data, source_key) -> (terms, stated data version)``."""

READERS: dict[str, Reader] = {
    "obo": obo.read,
    "cellxgene": cellxgene.read,
    "drugner": drugner.read,
    "gnuhealth": gnuhealth.read,
}
