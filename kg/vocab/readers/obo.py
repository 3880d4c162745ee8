"""Reader of OBO flat files (HPO's ``hp.obo``): terms with typed synonyms, definitions and ``is_a``."""

from __future__ import annotations

import re

from ..model import Synonym, Term

__all__ = ["read", "parse_synonym"]

_SYNONYM = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|BROAD|NARROW)(?:\s+([^\s\[]+))?\s*\[')
_DEF = re.compile(r'^"((?:[^"\\]|\\.)*)"')
_UNESCAPE = re.compile(r"\\(.)")
_SCOPES = {"EXACT": "exact", "RELATED": "related", "BROAD": "broad", "NARROW": "narrow"}


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def parse_synonym(value: str) -> Synonym | None:
    """``"Arterial hypertension" EXACT []`` -> Synonym; None for an obsolete synonym or an unreadable line.

    An EXACT synonym of type ``abbreviation`` has kind ``abbreviation``.
    """
    match = _SYNONYM.match(value)
    if match is None:
        return None
    text, scope, kind_type = match.groups()
    if kind_type == "obsolete_synonym":
        return None
    kind = "abbreviation" if kind_type == "abbreviation" and scope == "EXACT" else _SCOPES[scope]
    return Synonym(_unescape(text), kind)


def _term(tags: dict[str, list[str]], source: str) -> Term | None:
    ids = tags.get("id")
    if not ids:
        return None
    definition = _DEF.match(tags.get("def", [""])[0])
    synonyms = tuple(s for s in (parse_synonym(v) for v in tags.get("synonym", [])) if s is not None)
    return Term(
        id=ids[0],
        label=tags.get("name", [""])[0],
        source=source,
        synonyms=synonyms,
        parents=tuple(v.split("!")[0].strip() for v in tags.get("is_a", [])),
        definition=_unescape(definition.group(1)) if definition else "",
        obsolete=tags.get("is_obsolete", ["false"])[0] == "true",
    )


def read(data: bytes, source: str) -> tuple[list[Term], str]:
    """Every ``[Term]`` stanza, and the release date of ``data-version: hp/releases/2025-01-16``."""
    version = ""
    terms: list[Term] = []
    stanza: str | None = None
    tags: dict[str, list[str]] = {}
    for line in [*data.decode("utf-8").splitlines(), "[End]"]:
        if line.startswith("["):
            if stanza == "[Term]":
                term = _term(tags, source)
                if term is not None:
                    terms.append(term)
            stanza, tags = line.strip(), {}
            continue
        tag, sep, value = line.partition(": ")
        if not sep:
            continue
        if stanza is None and tag == "data-version":
            version = value.strip().rsplit("/", 1)[-1]
        elif stanza is not None:
            tags.setdefault(tag, []).append(value.strip())
    return terms, version
