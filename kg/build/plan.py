"""Which records a build must build, which it can take from the previous build's cache, and which standard terms it imports.

Standard ids (``MONDO:0005015``, see :mod:`kg.vocab`) are found cheaply, before
any record is parsed: a cached case names its ids in its results (the standard
terms it used), a record to build is scanned for ids in its raw bytes. The scan
may find more than the record uses (an id in a curator's note); the import made
from the scan is a superset of what the cases need, and the build's outputs
keep only the terms used (see :mod:`kg.build.pipeline`). The case key of a record
that writes standard ids includes the digest of the reference terms, so a new
vocabulary release rebuilds exactly those records.

A record whose file and report text have the size and mtime the previous
build saw is reused without reading either (as make and git do, with git's
guard against files changed in the clock tick they were read in); a file
touched without a change is read and hashed, and still reused if its bytes
are the same. ``kg build --no-incremental`` rebuilds everything.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.build.cache import Manifest, case_key, file_sha256
from kg.build.case import CaseJob, CaseResult
from kg.build.chunks import case_chunk_names
from kg.errors import InputError, RecordError
from kg.files import file_stamp
from kg.namespaces import CCK
from kg.ontology.terms import TermIndex
from kg.records.checks import is_standard_name, term_uses, unknown_term_message
from kg.records.evidence import MAX_REPORT_BYTES
from kg.records.reader import parse_record
from kg.records.yamlio import MAX_RECORD_BYTES, load_yaml

__all__ = ["Plan", "plan_build", "standard_ids_named", "standard_ids_used"]

_PROJECT = str(CCK)
_STANDARD_PREFIX = re.compile(rb"HP:|MONDO:|UBERON:|DRUGBANK:|ICD9CM:")
"""A standard id's prefix: a record without one names no standard term (one pass over its bytes)."""


@dataclass(frozen=True)
class Plan:
    """The records to build, the cached results to reuse, and the standard ids they may name."""

    jobs: list[CaseJob]
    reused: list[CaseResult]
    standard_ids: frozenset[str] = frozenset()
    """The ids the reused cases used and the ids written anywhere in the records to build."""


def plan_build(files: list[Path], key: str, previous: Manifest | None, reports_dir: Path | None, old_chunks: Path) -> Plan:
    """Split the records into those to build and those whose previous results still hold.

    A record file and report text whose size and mtime are those the previous
    build saw (:meth:`Manifest.trusts`) are taken as unchanged without being
    read; any other is read and hashed.
    """
    jobs, reused = [], []
    candidates: set[str] = set()
    for path in files:
        stamp = _checked_stamp(path)
        cached = previous.cases.get(path.name) if previous else None
        if cached is not None and previous is not None and _unchanged_by_stamp(previous, cached, stamp, reports_dir, old_chunks):
            reused.append(_moved(cached, path))
            continue
        data = _read_bytes(path)
        written = _scan(data)
        vocabulary = _vocabulary_digest() if written else ""
        case = case_key(f"{key}+{vocabulary}" if vocabulary else key, data)
        report_stamp = file_stamp(reports_dir / cached.report_file) if cached and reports_dir and cached.report_file else None
        if cached is not None and cached.key == case and _report_unchanged(cached, reports_dir) and _chunks_present(old_chunks, case):
            reused.append(dataclasses.replace(cached, file=str(path), stamp=stamp, report_stamp=report_stamp))
        else:
            jobs.append(CaseJob(path=path, key=case, stamp=stamp, vocabulary=vocabulary))
            candidates |= written
    return Plan(jobs=jobs, reused=reused, standard_ids=frozenset(candidates | standard_ids_used(reused)))


def _unchanged_by_stamp(previous: Manifest, cached: CaseResult, stamp: tuple[int, int], reports_dir: Path | None, old_chunks: Path) -> bool:
    """Whether the stamps alone show the record and its report text unchanged (and its vocabulary and chunks still there)."""
    if not previous.trusts(cached.stamp, stamp):
        return False
    if cached.vocabulary and cached.vocabulary != _vocabulary_digest():
        return False
    if reports_dir is None or cached.report_file is None:
        if reports_dir is not None or cached.report_file is not None:
            return False
    elif not previous.trusts(cached.report_stamp, file_stamp(reports_dir / cached.report_file)):
        return False
    return _chunks_present(old_chunks, cached.key)


def standard_ids_used(cases: list[CaseResult]) -> set[str]:
    """The standard ids of the imported terms the cases name (a term mapped to a project term is not one)."""
    terms = {term for term in set().union(*(case.stats.terms_used for case in cases)) if not term.startswith(_PROJECT)}
    if not terms:
        return set()
    from kg.vocab.curies import curie_for

    found = (curie_for(term) for term in terms)
    return {curie for curie in found if curie is not None}


def standard_ids_named(files: list[Path], terms: TermIndex) -> dict[str, int]:
    """The standard ids the records name in their term fields, to import (not those mapped to project terms).

    Returns each id (sorted) with the number of records naming it. Each record
    with an id in its text is read and parsed (its form, not its other
    cross-field checks); an unknown standard id is a
    :class:`~kg.errors.RecordError` naming the file, the record and the field.
    """
    records: Counter[str] = Counter()
    for path in files:
        if not _scan(_read_bytes(path)):
            continue
        record = parse_record(load_yaml(path), str(path))
        named: set[str] = set()
        for use in term_uses(record):
            if not is_standard_name(use.name):
                continue
            if terms.resolve(use.name) is None:
                raise RecordError(str(path), record.id, use.field, unknown_term_message(use.name))
            named.add(use.name)
        records.update(named)
    return {curie: records[curie] for curie in terms.imported_ids(records)}


def _scan(data: bytes) -> set[str]:
    """The standard ids written in a record file's bytes (kg.vocab is imported only for a file that may hold one)."""
    if _STANDARD_PREFIX.search(data) is None:
        return set()
    from kg.vocab.curies import scan_ids

    return scan_ids(data)


def _chunks_present(chunk_dir: Path, key: str) -> bool:
    folder = str(chunk_dir)
    return all(os.path.isfile(os.path.join(folder, name)) for name in case_chunk_names(key))


def _vocabulary_digest() -> str:
    """The reference terms' digest, part of the case key of a record that writes standard ids."""
    from kg.vocab.terms import terms_digest

    return terms_digest()


def _checked_stamp(path: Path) -> tuple[int, int]:
    """The record file's size and mtime; an oversized file is refused before it is read."""
    try:
        found = path.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the record: {exc.strerror}") from None
    if found.st_size > MAX_RECORD_BYTES:
        raise RecordError(str(path), None, None, f"file is too large ({found.st_size} bytes; the limit is {MAX_RECORD_BYTES})")
    return found.st_size, found.st_mtime_ns


def _read_bytes(path: Path) -> bytes:
    """The record file's bytes, for its cache key; an oversized file is refused before it is read."""
    _checked_stamp(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the record: {exc.strerror}") from None


def _report_unchanged(cached: CaseResult, reports_dir: Path | None) -> bool:
    if reports_dir is None or cached.report_file is None:
        return reports_dir is None
    path = reports_dir / cached.report_file
    if not path.is_file() or path.stat().st_size > MAX_REPORT_BYTES:
        return False  # rebuilt, and the reader says what is wrong with it
    return file_sha256(path) == cached.report_sha256


def _moved(result: CaseResult, path: Path) -> CaseResult:
    return dataclasses.replace(result, file=str(path))
