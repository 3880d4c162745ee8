"""Read the built terms file and provenance: the standard terms that imports are made from.

``terms.jsonl.gz`` holds one JSON object per kept term, ``id`` first, then
label, branch, source, parents, synonyms as ``[text, kind]`` pairs and
definition, texts verbatim from the source. An import needs a few dozen of
its 75,000 terms, so :class:`TermTable` indexes the lines by id and parses a
line only when its term is asked for.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .constants import DATA, PROVENANCE_FILE, TERMS_FILE
from .errors import LexiconError
from .hierarchy import Placed
from .model import Synonym, Term

__all__ = ["TermTable", "parse_term", "read_terms", "load_terms", "terms_digest", "read_provenance", "load_provenance"]

_ID_START = len('{"id":"')


def parse_term(line: str) -> Placed:
    """One line of the terms file as a placed term."""
    data = json.loads(line)
    term = Term(
        id=data["id"],
        label=data["label"],
        source=data["source"],
        synonyms=tuple(Synonym(text, kind) for text, kind in data["synonyms"]),
        parents=tuple(data["parents"]),
        definition=data.get("definition", ""),
    )
    return Placed(term, data["branch"])


class TermTable(Mapping[str, Placed]):
    """Id -> placed term, over the lines of a terms file; each line is parsed on first access."""

    def __init__(self, lines: Mapping[str, str]) -> None:
        self._lines = lines
        self._parse = lru_cache(maxsize=None)(self._parse_line)

    def _parse_line(self, term_id: str) -> Placed:
        try:
            return parse_term(self._lines[term_id])
        except (ValueError, KeyError, TypeError) as exc:
            raise LexiconError(f"terms file: the line of {term_id} cannot be read: {exc}") from exc

    def __getitem__(self, term_id: str) -> Placed:
        if term_id not in self._lines:
            raise KeyError(term_id)
        return self._parse(term_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._lines


def read_terms(path: Path) -> TermTable:
    """Index a ``terms.jsonl.gz`` file by id."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the terms file: {exc}") from exc
    lines: dict[str, str] = {}
    for line in text.split("\n"):
        if not line:
            continue
        if not line.startswith('{"id":"'):
            raise LexiconError(f"{path}: a line does not start with its id: {line[:80]!r}")
        lines[line[_ID_START : line.index('"', _ID_START)]] = line
    return TermTable(lines)


@lru_cache(maxsize=4)
def _load_terms(path: str) -> TermTable:
    return read_terms(Path(path))


def load_terms(path: Path | None = None) -> TermTable:
    """The terms at ``path`` (default: the shipped ones), indexed once per process and path."""
    target = (path or DATA / TERMS_FILE).resolve()
    if not target.is_file():
        raise LexiconError(f"no terms file at {target}: run `kg vocab build`")
    return _load_terms(str(target))


@lru_cache(maxsize=4)
def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the terms file: {exc.strerror}") from exc


def terms_digest(path: Path | None = None) -> str:
    """The sha256 of the terms file at ``path`` (default: the shipped one): what imports made from it depend on."""
    return _digest(str((path or DATA / TERMS_FILE).resolve()))


def read_provenance(path: Path) -> dict[str, Any]:
    """Parse a ``provenance.json`` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"{path}: cannot read the provenance file: {exc}") from exc
    if not isinstance(data, dict) or "sources" not in data:
        raise LexiconError(f"{path}: not a provenance file (no 'sources')")
    return data


def load_provenance(path: Path | None = None) -> dict[str, Any]:
    """The provenance at ``path`` (default: the shipped one)."""
    return read_provenance(path or DATA / PROVENANCE_FILE)
