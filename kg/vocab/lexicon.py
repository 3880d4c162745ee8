"""The reference lexicon at run time: load it once, find the longest matches in a token sequence.

The lexicon (``lexicon.tsv.gz``, built by :mod:`kg.vocab.build`) becomes two
dicts keyed by token tuples: normalised tokens (:func:`~kg.vocab.normalize.norm_token`)
for labels and synonyms, tokens as written for abbreviations (so ``AIDS`` does
not match ``aids``). Matching walks the tokens left to right; at each position
it tries the longest phrase first, bounded by the longest key that starts with
that token, and takes the longest match found, so matches never overlap and
``end stage renal disease`` wins over ``renal disease``.

Meant as a second pass after the project's own ontology: the caller removes
(or ignores) the spans the curated lexicon already matched. Candidates of one
span are ordered by kind (label, exact synonym, abbreviation, ...), then by
source (HP, MONDO, UBERON, DRUGBANK, ICD9CM), then by id.
"""

from __future__ import annotations

import gc
import gzip
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .constants import DATA, LEXICON_FILE
from .errors import LexiconError
from .model import KINDS
from .normalize import Token, norm_token, normalize_text, tokenize, word_tokens

__all__ = ["Candidate", "Match", "Lexicon", "read_lexicon", "load_lexicon", "default_lexicon_path"]

_HEADER = "text\tid\tkind\tlabel\tbranch\tsource\tversion"
_RANK = {kind: i for i, kind in enumerate(KINDS)}

Key = tuple[str, ...]
Entry = tuple[str, str]
"""(id, kind): one row of the lexicon under its key."""
TermInfo = tuple[str, str, str, str]
"""(label, branch, source, version) of one id."""


class Candidate(NamedTuple):
    """A standard term that a matched text may name, and the kind of text that matched."""

    id: str
    label: str
    branch: str
    source: str
    kind: str
    version: str


@dataclass(frozen=True)
class Match:
    """A matched span ``[start, end)`` of the text, its words as written, and the terms it may name."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Lexicon:
    """Keys to (id, kind) entries, term information per id, and the longest key per first token."""

    folded: dict[Key, tuple[Entry, ...]]
    exact: dict[Key, tuple[Entry, ...]]
    terms: dict[str, TermInfo]
    folded_span: dict[str, int]
    exact_span: dict[str, int]

    def __len__(self) -> int:
        """Number of keys."""
        return len(self.folded) + len(self.exact)

    def candidates(self, entries: Sequence[Entry]) -> tuple[Candidate, ...]:
        """Candidates for (id, kind) entries."""
        return tuple(Candidate(i, *self.terms[i][:3], kind, self.terms[i][3]) for i, kind in entries)

    def term(self, term_id: str) -> Candidate | None:
        """The label, branch, source and version of a matchable id (kind ``label``), or None."""
        info = self.terms.get(term_id)
        return Candidate(term_id, *info[:3], "label", info[3]) if info else None

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        """The candidates of a whole text (normalised, or as written for an abbreviation)."""
        written = tuple(t.text for t in word_tokens(tokenize(text)))
        return self.candidates(_merge(self.folded.get(normalize_text(text), ()), self.exact.get(written, ())))

    def match(self, tokens: Sequence[Token]) -> list[Match]:
        """Non-overlapping longest matches over tokens as written (with their character offsets).

        Pass tokens in their written case: abbreviations only match in capitals.
        ``Match.text`` is the matched words joined by spaces.
        """
        words = word_tokens(list(tokens))
        written = [t.text for t in words]
        normal = [norm_token(w) for w in written]
        found: list[Match] = []
        i, n = 0, len(words)
        while i < n:
            size, entries = _longest(self.folded, self.folded_span, normal, i, 0)
            longer, exact = _longest(self.exact, self.exact_span, written, i, size - 1 if size else 0)
            if longer > size:
                size, entries = longer, exact
            elif exact:
                entries = _merge(entries, exact)
            if size:
                first, last = words[i], words[i + size - 1]
                found.append(Match(first.start, last.end, " ".join(written[i : i + size]), self.candidates(entries)))
                i += size
            else:
                i += 1
        return found

    def match_text(self, text: str) -> list[Match]:
        """:meth:`match` over :func:`~kg.vocab.normalize.tokenize`'s tokens; ``Match.text`` is the span of ``text``."""
        return [Match(m.start, m.end, text[m.start : m.end], m.candidates) for m in self.match(tokenize(text))]


def _longest(table: dict[Key, tuple[Entry, ...]], span: dict[str, int], words: list[str], i: int, floor: int) -> tuple[int, tuple[Entry, ...]]:
    """The longest key of ``table`` starting at ``words[i]`` and longer than ``floor`` tokens."""
    bound = min(span.get(words[i], 0), len(words) - i)
    for size in range(bound, floor, -1):
        entries = table.get(tuple(words[i : i + size]))
        if entries:
            return size, entries
    return 0, ()


def _merge(first: tuple[Entry, ...], second: tuple[Entry, ...]) -> tuple[Entry, ...]:
    if not second:
        return first
    seen = {i for i, _ in first}
    return first + tuple(e for e in second if e[0] not in seen)


def _ordered(table: dict[Key, tuple[Entry, ...]], terms: dict[str, TermInfo], sources: dict[str, int]) -> None:
    """Order the entries of keys with several candidates: kind, then source, then id."""
    for key, entries in table.items():
        if len(entries) > 1:
            table[key] = tuple(sorted(entries, key=lambda e: (_RANK.get(e[1], 99), sources.get(terms[e[0]][2], 99), e[0])))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of tuples are made (none form cycles),
    and restore it as it was; this roughly halves the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_lexicon(path: Path) -> Lexicon:
    """Parse a ``lexicon.tsv.gz`` file."""
    with _collector_paused():
        return _read_lexicon(path)


def _read_lexicon(path: Path) -> Lexicon:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the lexicon: {exc}") from exc
    lines = text.split("\n")
    if lines[0] != _HEADER:
        raise LexiconError(f"{path}: not a lexicon file (header {lines[0][:80]!r})")
    folded: dict[Key, tuple[Entry, ...]] = {}
    exact: dict[Key, tuple[Entry, ...]] = {}
    terms: dict[str, TermInfo] = {}
    sources: dict[str, int] = {}
    try:
        for line in lines[1:]:
            if not line:
                continue
            key, term_id, kind, label, branch, source, version = line.split("\t")
            if term_id not in terms:
                terms[term_id] = (label, branch, source, version)
                if source not in sources:
                    sources[source] = len(sources)
            table = exact if kind == "abbreviation" else folded
            words = tuple(key.split(" "))
            table[words] = (*table.get(words, ()), (term_id, kind))
    except ValueError:
        raise LexiconError(f"{path}: a row does not have 7 tab-separated fields: {line[:120]!r}") from None
    _add_salt_names(folded, terms)
    _ordered(folded, terms, sources)
    _ordered(exact, terms, sources)
    return Lexicon(folded, exact, terms, _spans(folded), _spans(exact))


def _add_salt_names(folded: dict[Key, tuple[Entry, ...]], terms: dict[str, TermInfo]) -> None:
    """Give each bisphosphonate written as an acid ("alendronic acid") its salt name ("alendronate").

    DrugBank names these drugs by the acid; reports name them by the salt,
    and they are a main treatment of calcinosis. A salt name some term
    already has keeps its own entries.
    """
    for key, entries in list(folded.items()):
        if len(key) == 2 and key[1] == "acid" and key[0].endswith("dronic"):
            salt = (key[0][: -len("ic")] + "ate",)
            drugs = tuple(entry for entry in entries if terms[entry[0]][1] == "Drug")
            if drugs and salt not in folded:
                folded[salt] = tuple((term_id, "synonym") for term_id, _ in drugs)


def _spans(table: dict[Key, tuple[Entry, ...]]) -> dict[str, int]:
    spans: dict[str, int] = {}
    for key in table:
        if len(key) > spans.get(key[0], 0):
            spans[key[0]] = len(key)
    return spans


def default_lexicon_path() -> Path:
    """The lexicon shipped in the package."""
    return DATA / LEXICON_FILE


@lru_cache(maxsize=4)
def _load(path: str) -> Lexicon:
    return read_lexicon(Path(path))


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the shipped one), parsed once per process and path."""
    target = (path or default_lexicon_path()).resolve()
    if not target.is_file():
        raise LexiconError(f"no lexicon at {target}: run `kg vocab build`")
    return _load(str(target))
