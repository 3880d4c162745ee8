"""The state a case is written into, passed explicitly to every section writer.

A :class:`CaseBuilder` holds the case's random stream (continued from the
plan), the draft text, the facts and claims made so far, the ontology terms
already used, and the source issues still to be placed. Section writers add a
fact and the sentence that states it through :meth:`CaseBuilder.fact` and
:meth:`CaseBuilder.say`; the record is made from the builder at the end.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kg.synth import draw
from kg.synth.text import Draft
from kg.synth.vocab import TermChoice, Vocabulary
from kg.synth.words import slug

__all__ = ["CaseBuilder", "offset"]

T = TypeVar("T")


def offset(value: int, unit: str, anchor: str) -> dict[str, Any]:
    """A timing relative to another fact (``{offset: {value: 3, unit: day, from: proc-x}}``)."""
    return {"offset": {"value": value, "unit": unit, "from": anchor}}


@dataclass
class CaseBuilder:
    """Draft text, facts and claims of one case, with its random stream and the terms it has used."""

    rng: random.Random
    vocabulary: Vocabulary
    issues: set[str]
    """Source issues of the plan not yet placed; a writer that places one discards it."""
    draft: Draft = field(default_factory=Draft)
    facts: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    """Local names of the terms facts were made of (``unused`` draws from the others)."""
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pick(self, seq: Sequence[T]) -> T:
        """One item of a sequence, from the case's stream."""
        return draw.pick(self.rng, seq)

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        """Up to ``k`` distinct items of a sequence, from the case's stream."""
        return draw.sample(self.rng, seq, k)

    def unused(self, role: str, k: int = 1) -> list[TermChoice]:
        """Up to ``k`` terms of a role that no fact uses yet."""
        return self.sample([c for c in self.vocabulary[role] if c.name not in self.used], k)

    def add(self, fact: dict[str, Any]) -> str:
        """Add a fact as given (its id must be new); returns the id."""
        if fact["id"] in self._by_id:
            raise ValueError(f"duplicate fact id {fact['id']}")
        self.facts.append(fact)
        self._by_id[fact["id"]] = fact
        return str(fact["id"])

    def fact(self, prefix: str, term: TermChoice | None, kind: str, **fields: Any) -> str:
        """Add a fact of ``kind`` with a new id made of ``prefix`` and the term; empty fields are left out."""
        fid = self._new_id(prefix, slug(term.name) if term else fields.get("outcome", kind))
        self.add({"id": fid, "type": kind, **{k: v for k, v in fields.items() if v not in (None, [], ())}})
        if term is not None:
            self.used.add(term.name)
        return fid

    def _new_id(self, prefix: str, part: str) -> str:
        base = f"{prefix}-{part}"
        candidate, n = base, 2
        while candidate in self._by_id:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def get(self, fid: str) -> dict[str, Any]:
        """The fact with this id (a live dict: later sections may add to it)."""
        return self._by_id[fid]

    def annotate(self, fid: str, issue: str, note: str) -> None:
        """Mark a fact with a source issue and the note that explains it."""
        fact = self.get(fid)
        fact["note"] = note
        fact["source_issue"] = issue

    def label_of(self, fid: str) -> str:
        """The label of the term a fact is about."""
        fact = self.get(fid)
        name = fact.get("drug") or fact.get("procedure") or fact.get("test") or fact.get("condition") or fact.get("finding") or fact.get("organism")
        for pool in self.vocabulary.roles.values():
            for choice in pool:
                if choice.name == name:
                    return choice.label
        return self.vocabulary.term(str(name)).label

    def say(self, text: str, *targets: str) -> None:
        """A sentence of the case section stating these facts."""
        self.draft.say("case", text, *targets)

    def paragraph(self) -> None:
        """Start a new paragraph of the case section."""
        self.draft.paragraph("case")
