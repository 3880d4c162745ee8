"""Reader of cellxgene-ontology-guide's ontology files (``<ONTOLOGY>-ontology-<version>.json.zst``).

Each file is one JSON object keyed by CURIE, with ``label``, ``synonyms``
(untyped: the exact/related scope is not kept), ``description``,
``deprecated`` and ``ancestors``: the whole ancestor closure over ``is_a`` and
``part_of``, each with its distance. Distance 1 are the direct parents.
"""

from __future__ import annotations

import json

from ..model import Synonym, Term

__all__ = ["read"]


def read(data: bytes, source: str) -> tuple[list[Term], str]:
    """Every term of the file; the version is in the file name, not the file, so it is returned empty."""
    table = json.loads(data)
    terms = []
    for curie, entry in table.items():
        ancestors = entry.get("ancestors") or {}
        terms.append(
            Term(
                id=curie,
                label=entry.get("label", ""),
                source=source,
                synonyms=tuple(Synonym(text, "synonym") for text in entry.get("synonyms") or ()),
                parents=tuple(sorted(a for a, distance in ancestors.items() if distance == 1)),
                ancestors=frozenset(ancestors),
                definition=entry.get("description", "") or "",
                obsolete=bool(entry.get("deprecated")),
            )
        )
    return terms, ""
