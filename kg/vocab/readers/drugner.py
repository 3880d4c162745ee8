"""Reader of drug-named-entity-recognition's dictionary (``drug_ner_dictionary.pkl.bz2``).

The file is a pickle of three dicts: variant -> canonical names, canonical
name -> data (``name``, ``drugbank_id``, ``mesh_id`` ...), variant -> ``is_brand``.
It is read with an unpickler that refuses every global, so the file can build
plain containers and nothing else. Only canonical entries with a DrugBank id
are returned; their variants (lower-cased in the file) become synonyms, brand
names with kind ``brand``.
"""

from __future__ import annotations

import io
import pickle
from collections import defaultdict
from typing import Any

from ..errors import SourceError
from ..model import Synonym, Term

__all__ = ["read", "safe_unpickle"]


class _NoGlobals(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: the dictionary should hold plain data only")


def safe_unpickle(data: bytes) -> Any:
    """Unpickle plain containers (dict, list, str, numbers); any class or function reference is an error."""
    try:
        return _NoGlobals(io.BytesIO(data)).load()
    except pickle.UnpicklingError as exc:
        raise SourceError(f"drug dictionary: {exc}") from exc


def read(data: bytes, source: str) -> tuple[list[Term], str]:
    """The DrugBank drugs of the dictionary; the file states no DrugBank release, so the version is empty."""
    table = safe_unpickle(data)
    try:
        variants: dict[str, list[str]] = table["drug_variant_to_canonical"]
        canonical: dict[str, dict[str, Any]] = table["drug_canonical_to_data"]
        variant_data: dict[str, dict[str, Any]] = table["drug_variant_to_variant_data"]
    except (KeyError, TypeError) as exc:
        raise SourceError(f"drug dictionary: unexpected layout ({exc})") from exc
    names: dict[str, set[str]] = defaultdict(set)
    for variant, canon_names in variants.items():
        for canon in canon_names:
            names[canon].add(variant)
    terms = []
    for canon, entry in canonical.items():
        drugbank = entry.get("drugbank_id")
        if not drugbank:
            continue
        label = entry.get("name") or canon
        texts = names.get(canon, set()) | set(entry.get("synonyms") or ())
        synonyms = tuple(
            Synonym(text, "brand" if variant_data.get(text, {}).get("is_brand") else "synonym")
            for text in sorted(texts)
            if text.lower() != label.lower()
        )
        terms.append(Term(id=f"DRUGBANK:{drugbank}", label=label, source=source, synonyms=synonyms))
    return terms, ""
