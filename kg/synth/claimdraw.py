"""Draw one background claim from a row of the claims table (:mod:`kg.synth.claims`)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from kg.synth.claims import ClaimRow, Draw, Every, Lookup, Number, Phrase, Pick, Pool, Sample, Shuffled
from kg.synth.draw import pick, sample
from kg.synth.vocab import TermChoice, Vocabulary
from kg.synth.words import and_list, cap

__all__ = ["Terms", "DrawnClaim", "draw_claim"]


@dataclass(frozen=True)
class Terms:
    """Several drawn terms, as templates use them: ``{x.labels}``, ``{x.count}``, ``{x[0].label}``."""

    items: tuple[TermChoice, ...]

    def __getitem__(self, index: int) -> TermChoice:
        return self.items[index]

    @property
    def labels(self) -> str:
        return and_list([t.label for t in self.items])

    @property
    def count(self) -> int:
        return len(self.items)


Value = TermChoice | Terms | int | str


@dataclass(frozen=True)
class DrawnClaim:
    """A claim with its terms, value, sentence and summary filled in."""

    kind: str
    subject: list[str]
    object: list[str]
    value: dict[str, Any] | None
    sentence: str
    summary: str


def draw_claim(row: ClaimRow, rng: random.Random, vocabulary: Vocabulary) -> DrawnClaim:
    """Make the row's draws in order, then pick its sentence (only when it has alternatives)."""
    values: dict[str, Value] = {}
    for name, spec in row.draws.items():
        values[name] = _draw(spec, values, rng, vocabulary)
    sentence = row.sentences[0] if len(row.sentences) == 1 else pick(rng, row.sentences)
    value = {key: _value(v, values) for key, v in row.value.items()} if row.value else None
    return DrawnClaim(
        row.kind, _names(row.subject, values), _names(row.object, values), value, cap(sentence.format(**values)), cap(row.summary.format(**values))
    )


def _draw(spec: Draw, values: dict[str, Value], rng: random.Random, vocabulary: Vocabulary) -> Value:
    match spec:
        case Pick(pool, only):
            terms = _pool(pool, vocabulary)
            return pick(rng, [t for t in terms if t.name in only] or terms)
        case Sample(pool, k):
            count = k if isinstance(k, int) else rng.randint(*k)
            return Terms(tuple(sample(rng, _pool(pool, vocabulary), count)))
        case Shuffled(pool):
            terms = _pool(pool, vocabulary)
            rng.shuffle(terms)
            return Terms(tuple(terms))
        case Every(pool):
            return Terms(tuple(_pool(pool, vocabulary)))
        case Number(low, high, above):
            return (_int(values[above]) if above else 0) + rng.randint(low, high)
        case Phrase(options):
            return pick(rng, options)
        case Lookup(key, table, default):
            term = values[key]
            assert isinstance(term, TermChoice)
            return table.get(term.name, default)
    raise TypeError(f"not a claim draw: {spec!r}")


def _pool(pool: Pool, vocabulary: Vocabulary) -> list[TermChoice]:
    """The terms of a pool, in order: ``@role`` expands to the role's terms."""
    terms: list[TermChoice] = []
    for item in pool:
        terms.extend(vocabulary[item[1:]] if item.startswith("@") else (vocabulary.term(item),))
    return terms


def _names(refs: tuple[str, ...], values: dict[str, Value]) -> list[str]:
    """Term names: ``$x`` is the term (or terms) drawn as ``x``, anything else a term name."""
    names: list[str] = []
    for ref in refs:
        found = values[ref[1:]] if ref.startswith("$") else ref
        if isinstance(found, Terms):
            names.extend(t.name for t in found.items)
        elif isinstance(found, TermChoice):
            names.append(found.name)
        elif isinstance(found, str) and not ref.startswith("$"):
            names.append(found)
        else:
            raise TypeError(f"{ref} is not a term")
    return names


def _value(template: Any, values: dict[str, Value]) -> Any:
    return values[template[1:]] if isinstance(template, str) and template.startswith("$") else template


def _int(value: Value) -> int:
    assert isinstance(value, int)
    return value
