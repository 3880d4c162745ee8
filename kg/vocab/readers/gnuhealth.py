"""Reader of GNU Health's ICD-9-CM procedure list (Tryton XML data, ``icd9procs.xml``).

Each ``<record model="gnuhealth.procedure">`` holds a ``name`` (the code, e.g.
``86.22``) and a ``description`` (the code title). Only leaf codes are listed,
so the terms have no parents.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..errors import SourceError
from ..model import Term

__all__ = ["read"]


def read(data: bytes, source: str) -> tuple[list[Term], str]:
    """Every procedure code with its title; the file states no ICD-9-CM edition, so the version is empty."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(f"ICD-9-CM procedure file: {exc}") from exc
    terms = []
    for record in root.iter("record"):
        if record.get("model") != "gnuhealth.procedure":
            continue
        fields = {f.get("name"): (f.text or "").strip() for f in record.findall("field")}
        code, title = fields.get("name", ""), fields.get("description", "")
        if code and title:
            terms.append(Term(id=f"{source}:{code}", label=title, source=source))
    return terms, ""
