"""What a build keeps for the next one: per-case chunk files and a manifest of what they were built from.

A case's **key** is a hash of the record file's bytes and of the build key;
the **build key** hashes everything else a case's output depends on: the
ontology and shapes files, the package version and whether (and from where)
report texts were read. Chunk files are named by key, so an unchanged record
of an unchanged ontology finds its chunks under the same name. The report text
a cached case was checked against is hashed too, and must still match.

The cache lives in the build's output folder (``cache/``) and moves with it
when a build swaps its outputs in.

A build whose records name standard terms also keeps which standard ids
HermiT classified (with the digest of the reference terms they came from) and
which ones the cases used. Imports only add classes below the project's
branches, so the classification of a set of ids, cut down to a subset, is the
classification of that subset: a later build that imports no new id reuses it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson
from rdflib import URIRef

from kg.build.case import CaseResult, CaseStats
from kg.build.reason import superclasses_from_table
from kg.build.shacl.issues import Issue

__all__ = [
    "CACHE_DIR",
    "MANIFEST",
    "Imports",
    "Manifest",
    "reusable_superclasses",
    "result_from_json",
    "result_to_json",
    "build_key",
    "case_key",
    "file_sha256",
]

CACHE_DIR = "cache"
"""The cache folder inside a build's output folder."""
MANIFEST = "cache/manifest.json"
"""The manifest: build key, HermiT's classification, and one entry per built case."""

_FORMAT = 5
"""Version of the manifest layout; another value means a clean build."""
_RACY_NS = 2_000_000_000
"""How long before a build began a file's mtime must lie for its stamp to be trusted (coarse file-system clocks: 2 s)."""


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_key(files: Iterable[Path], *extra: str) -> str:
    """Hash the named files (by name and content) and the extra strings."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for value in extra:
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


def case_key(build: str, record_bytes: bytes) -> str:
    return hashlib.sha256(build.encode() + b"\0" + record_bytes).hexdigest()[:40]


def result_to_json(result: CaseResult) -> dict[str, Any]:
    """A built case as the manifest keeps it (the record file by name: the data folder may move).

    The same as ``dataclasses.asdict`` but shallow (its fields are plain
    values, tuples and flat dataclasses), which is ten times faster on 10,000
    cases. A case read from the previous manifest gives back the entry it was
    read from, with its file name and stamps updated (the only fields a plan
    changes).
    """
    file = os.path.basename(result.file)  # os.path: ten times cheaper than Path for 10,000 cases
    if result.entry is not None:
        return {**result.entry, "file": file, "stamp": result.stamp, "report_stamp": result.report_stamp}
    data = dict(vars(result))
    del data["entry"]
    data["file"] = file
    stats = dict(vars(result.stats))
    stats["facts_by_type"] = dict(stats["facts_by_type"])
    stats["terms_used"] = list(stats["terms_used"])
    data["stats"] = stats
    data["issues"] = [dict(vars(issue)) for issue in result.issues]
    return data


def result_from_json(data: dict[str, Any], folder: Path) -> CaseResult:
    stats = dict(data["stats"])
    stats["terms_used"] = tuple(stats["terms_used"])
    stamps = {name: tuple(data[name]) if data.get(name) else None for name in ("stamp", "report_stamp")}
    return CaseResult(
        **{
            **data,
            **stamps,
            "file": os.path.join(folder, data["file"]),
            "stats": CaseStats(**stats),
            "issues": tuple(Issue(**i) for i in data["issues"]),
            "entry": data,
        }
    )


@dataclass(frozen=True)
class Imports:
    """The standard ids of a build: those HermiT's classification covers and those the cases used."""

    digest: str = ""
    """The sha256 of the reference terms file the imports were made from."""
    classified: tuple[str, ...] = ()
    used: tuple[str, ...] = ()


def reusable_superclasses(previous: Manifest | None, ids: tuple[str, ...], digest: str) -> dict[URIRef, frozenset[URIRef]] | None:
    """The previous classification cut down to the project's classes and the imports of ``ids``, if it covers them; else None."""
    if previous is None:
        return None
    known = previous.imports
    if ids and (known.digest != digest or not set(ids) <= set(known.classified)):
        return None
    table = superclasses_from_table(previous.superclasses)
    if not known.classified:
        return table
    from kg.vocab import curie_for, import_closure, load_terms

    keep = set(import_closure(ids, load_terms())) if ids else set()
    standard = {cls: curie_for(str(cls)) for cls in table}
    return {cls: ancestors for cls, ancestors in table.items() if standard[cls] is None or standard[cls] in keep}


@dataclass(frozen=True)
class Manifest:
    """What a finished build was built from."""

    build_key: str
    superclasses: dict[str, list[str]]
    ontology_quads: tuple[int, int]
    """Quads of the ontology chunk: the ontology as asserted, and what HermiT adds."""
    cases: dict[str, CaseResult]
    """By record file name."""
    imports: Imports = field(default_factory=Imports)
    """The standard ids classified and used (none for records that name project terms only)."""
    started_ns: int = 0
    """When the build that wrote it began reading files (ns since the epoch): see :func:`Manifest.trusts`."""

    def trusts(self, cached: tuple[int, int] | None, now: tuple[int, int] | None) -> bool:
        """Whether a file whose stamp is ``now`` holds what it held when a case was built from it (stamp ``cached``).

        The size and mtime must be unchanged, and the mtime must lie a margin
        before that build began: a file written in the same clock tick as it
        was read could change again without changing its mtime (the rule git
        applies to "racily clean" index entries).
        """
        return cached is not None and cached == now and now[1] < self.started_ns - _RACY_NS

    def write(self, path: Path) -> None:
        data = {
            "format": _FORMAT,
            "build_key": self.build_key,
            "superclasses": self.superclasses,
            "ontology_quads": list(self.ontology_quads),
            "started_ns": self.started_ns,
            "cases": [result_to_json(case) for _, case in sorted(self.cases.items())],
        }
        if self.imports.classified:
            data["imports"] = asdict(self.imports)
        path.write_bytes(orjson.dumps(data) + b"\n")  # orjson: ten times faster than json for 10,000 cases

    @classmethod
    def read(cls, out_dir: Path, data_dir: Path) -> Manifest | None:
        """The manifest of the build in ``out_dir``, or None when there is none that can be trusted."""
        path = out_dir / MANIFEST
        try:
            data = orjson.loads(path.read_bytes())
            if data.get("format") != _FORMAT:
                return None
            cases = (result_from_json(entry, data_dir) for entry in data["cases"])
            imports = data.get("imports", {})
            return cls(
                build_key=data["build_key"],
                superclasses=data["superclasses"],
                ontology_quads=(int(data["ontology_quads"][0]), int(data["ontology_quads"][1])),
                cases={os.path.basename(case.file): case for case in cases},
                imports=Imports(str(imports.get("digest", "")), tuple(imports.get("classified", ())), tuple(imports.get("used", ()))),
                started_ns=int(data["started_ns"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
