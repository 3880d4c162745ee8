"""The vocabulary package's errors, placed in the package-wide hierarchy of :mod:`kg.errors`."""

from __future__ import annotations

from ..errors import InputError

__all__ = ["VocabError", "SourceError", "LexiconError", "UnknownStandardTerm"]


class VocabError(InputError):
    """Base class of the errors of :mod:`kg.vocab` (exit 2)."""


class SourceError(VocabError):
    """A pinned source cannot be fetched, does not match its sha256, or lacks its data file."""


class LexiconError(VocabError):
    """The built lexicon, terms or provenance file is missing or cannot be parsed."""


class UnknownStandardTerm(VocabError):
    """A standard id (``HP:...``, ``MONDO:...``) that is not in the built terms file."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        super().__init__("unknown standard term(s): " + ", ".join(ids))

    def __reduce__(self) -> tuple[type, tuple[list[str]]]:
        return type(self), (self.ids,)
