"""A SHACL result as the build reports it: located in its record, item and field."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.namespaces import CCK, CCKD
from kg.records.fields import field_of_property

__all__ = ["Issue", "locate", "field_name", "short_value"]


@dataclass(frozen=True, order=True)
class Issue:
    """One SHACL result, located in the record it came from."""

    severity: str
    record: str
    item: str
    field: str
    message: str
    focus: str
    value: str = ""

    @property
    def kind(self) -> str:
        """What sort of issue this is, for counting: ``source issue <code>``, ``on field <field>``, or ``on the record``."""
        if self.message.startswith("source issue"):
            return f"source issue {self.value}"
        return f"on field {self.field}" if self.field else "on the record"

    def line(self) -> str:
        where = ": ".join(part for part in (f"record {self.record}" if self.record else "", self.item, self.field) if part)
        return f"{self.severity.upper()}: {where}: {self.message}"


def locate(focus: object) -> tuple[str, str]:
    """Map a focus node IRI (``cckd:<case>/fact/<id>/...``) to its record and item."""
    text = str(focus)
    if not text.startswith(str(CCKD)):
        return "", text
    parts = text[len(str(CCKD)) :].split("/")
    record, rest = parts[0], parts[1:]
    if len(rest) >= 2 and rest[0] in ("fact", "claim"):
        item = f"{rest[0]} {rest[1]}"
        if len(rest) > 2:
            item += " " + "/".join(rest[2:])
        return record, item
    return record, "/".join(rest) if rest else "publication"


def field_name(path: object) -> str:
    if isinstance(path, URIRef) and str(path).startswith(str(CCK)):
        return field_of_property(str(path)[len(str(CCK)) :])
    return ""


def short_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value)
    return str(value).rsplit("/", 1)[-1]
