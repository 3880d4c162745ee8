"""Assertion status by the ConText algorithm: medspaCy's rule set, applied sentence by sentence over our tokens.

ConText (Harkema et al. 2009, as medspaCy implements it) finds *modifier*
phrases ("no", "negative for", "history of", "suspected") in a sentence; each
modifier covers a scope (forward to the end of the sentence, backward to its
start, or both), cut short by a TERMINATE phrase ("but", "however") or by a
later modifier of the same category; a target concept inside the scope takes
the modifier's category, unless the two overlap.

The rules are medspaCy's default English rules (``context_rules.json``,
installed with medspaCy, derived from the original ConText lexicon) plus
:data:`EXTRA_RULES` for case-report prose. Each rule's token pattern (lower
case, alternatives, optional tokens) is expanded into literal token tuples and
looked up in a dict, so the algorithm runs in pure Python without building a
spaCy document; ``tests/extract/test_context.py`` checks that it assigns the
same statuses as medspaCy's own ``ConText`` component.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kg.errors import KGError

from .text import Token, tokenize

__all__ = ["Rule", "Modifier", "ConTextRules", "EXTRA_RULES", "CATEGORIES", "load_rules", "default_rules_path", "context_form", "ContextError"]

CATEGORIES: dict[str, str] = {
    "NEGATED_EXISTENCE": "negated",
    "POSSIBLE_EXISTENCE": "possible",
    "HISTORICAL": "historical",
    "HYPOTHETICAL": "hypothetical",
    "FAMILY": "family",
}
"""ConText categories and the status flag each sets on a target."""

EXTRA_RULES: tuple[tuple[str, str, str], ...] = (
    # (phrase, category, direction): case-report phrasings the default rules lack
    ("concern for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concerns for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concerning for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspicion of", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspected", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL"),
    ("presumed", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("probable", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("differential diagnosis", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("differential diagnoses", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("negative workup for", "NEGATED_EXISTENCE", "FORWARD"),
    ("negative work-up for", "NEGATED_EXISTENCE", "FORWARD"),
    ("no signs of", "NEGATED_EXISTENCE", "FORWARD"),
    ("not yet", "NEGATED_EXISTENCE", "FORWARD"),
    # "was negative for X": longer than the default "was negative" (backward), which would otherwise win the overlap
    *((f"{verb} negative for", "NEGATED_EXISTENCE", "FORWARD") for verb in ("was", "were", "is", "are")),
    ("never", "NEGATED_EXISTENCE", "FORWARD"),
    ("no sign of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no features of", "NEGATED_EXISTENCE", "FORWARD"),
    ("was excluded", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were excluded", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("unremarkable", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was ruled out", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were ruled out", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was not given", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were not given", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was not required", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were not required", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was not needed", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were not needed", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was not performed", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was a concern", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("was considered", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("were considered", "POSSIBLE_EXISTENCE", "BACKWARD"),
    ("previously", "HISTORICAL", "BIDIRECTIONAL"),
    ("in the past", "HISTORICAL", "BIDIRECTIONAL"),
    # a relative's condition is not the patient's
    *(
        (f"{who} {verb}", "FAMILY", "FORWARD")
        for who in ("mother", "father", "sister", "brother", "sibling")
        for verb in ("had", "has", "with", "was diagnosed with")
    ),
    ("family history", "FAMILY", "FORWARD"),
    # the verb of the presenting complaint ends the scope of what precedes it
    # ("with no relevant past history came to our service with ulceration")
    *((verb, "TERMINATE", "TERMINATE") for verb in ("presented", "came", "was admitted", "was referred", "attended")),
    # phrases that contain a trigger word but assert nothing (the longer phrase wins over the trigger inside it)
    *(
        (phrase, "PSEUDO", "PSEUDO")
        for phrase in (
            "did not respond to",
            "failed to respond to",
            "not responded to",
            "no response to",
            "did not improve with",
            "no longer",
            "not only",
            "no change in",
        )
    ),
    # the patient as a child, and relatives who only tell the story, are not family history
    *((f"{article} {who}", "PSEUDO", "PSEUDO") for article in ("a", "the", "this", "our") for who in ("child", "son", "daughter")),
    *((f"according to {whose} {who}", "PSEUDO", "PSEUDO") for whose in ("his", "her", "the") for who in ("mother", "father", "parents", "family")),
    *(
        (f"{whose} {who} {verb}", "PSEUDO", "PSEUDO")
        for whose in ("his", "her", "the")
        for who in ("mother", "father", "parents")
        for verb in ("reported", "noted", "said", "stated", "recalled", "described", "noticed", "brought")
    ),
    # a new noun phrase after a conjunction ends the scope of a modifier ("negative work-up for DVT, and a mass ...")
    ("and a", "TERMINATE", "TERMINATE"),
    ("and an", "TERMINATE", "TERMINATE"),
    ("and the", "TERMINATE", "TERMINATE"),
    ("but", "TERMINATE", "TERMINATE"),
    (";", "TERMINATE", "TERMINATE"),
)


class ContextError(KGError):
    """The ConText rule set cannot be read."""


@dataclass(frozen=True)
class Rule:
    """One ConText rule: its phrase, category, direction and optional maximum scope in tokens."""

    literal: str
    category: str
    direction: str
    max_scope: int | None = None


@dataclass
class Modifier:
    """A rule matched at tokens ``[start, end)`` of a sentence, with its scope ``[scope_start, scope_end)``."""

    rule: Rule
    start: int
    end: int
    scope_start: int = 0
    scope_end: int = 0

    def set_scope(self, first: int, last: int) -> None:
        """The default scope within the sentence ``[first, last)``, as the rule's direction and max scope give it."""
        limit = self.rule.max_scope
        direction = self.rule.direction
        if direction == "FORWARD":
            self.scope_start, self.scope_end = self.end, last
            if limit is not None and self.scope_end - self.scope_start > limit:
                self.scope_end = self.end + limit
        elif direction == "BACKWARD":
            self.scope_start, self.scope_end = first, self.start
            if limit is not None and self.scope_end - self.scope_start > limit:
                self.scope_start = self.start - limit
        else:
            self.scope_start, self.scope_end = first, last
            if limit is not None:
                self.scope_start = max(self.scope_start, self.start - limit)
                self.scope_end = min(self.scope_end, self.end + limit)

    def limit_scope(self, other: Modifier) -> None:
        """Cut this scope at ``other`` when it terminates this modifier or shares its category."""
        if not _overlaps((self.scope_start, self.scope_end), (other.scope_start, other.scope_end)):
            return
        if self.rule.direction == "TERMINATE":
            return
        if other.rule.direction != "TERMINATE" and other.rule.category != self.rule.category:
            return
        if self.rule.direction in ("FORWARD", "BIDIRECTIONAL") and other.start > self.start:
            self.scope_end = min(self.scope_end, other.start)
        if self.rule.direction in ("BACKWARD", "BIDIRECTIONAL") and other.start < self.start:
            self.scope_start = max(self.scope_start, other.end)

    def modifies(self, start: int, end: int) -> bool:
        """True when the target at tokens ``[start, end)`` takes this modifier's category."""
        if _overlaps((self.start, self.end), (start, end)) or self.rule.direction in ("TERMINATE", "PSEUDO"):
            return False
        return _overlaps((self.scope_start, self.scope_end), (start, end))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """medspaCy's overlap test (``b`` starts or ends inside ``a``), kept as is so that statuses agree."""
    return a[0] <= b[0] < a[1] or a[0] < b[1] <= a[1]


@lru_cache(maxsize=100_000)
def context_form(token: str) -> str:
    """How a token is compared with rule phrases: lower case, without a possessive ending."""
    lower = token.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") and len(lower) > 2 else lower


@dataclass(frozen=True)
class ConTextRules:
    """Rule phrases as token tuples (in :func:`context_form`), and the longest phrase per first token."""

    phrases: dict[tuple[str, ...], tuple[Rule, ...]]
    longest: dict[str, int] = field(default_factory=dict)

    def modifiers(self, tokens: Sequence[Token], first: int, last: int, forms: Sequence[str] | None = None) -> list[Modifier]:
        """The modifiers of the sentence ``tokens[first:last]``, overlaps pruned, scopes set and limited
        (``forms``: :func:`context_form` of every token of the text, when the caller has them)."""
        forms = forms[first:last] if forms is not None else [context_form(t.text) for t in tokens[first:last]]
        longest = self.longest
        found: list[tuple[Rule, int, int]] = []
        for i in [i for i, form in enumerate(forms) if form in longest]:
            for size in range(1, min(longest[forms[i]], len(forms) - i) + 1):
                for rule in self.phrases.get(tuple(forms[i : i + size]), ()):
                    found.append((rule, first + i, first + i + size))
        kept = [Modifier(rule, start, end) for rule, start, end in _prune(found)]
        for modifier in kept:
            modifier.set_scope(first, last)
        for i, one in enumerate(kept):
            for other in kept[i + 1 :]:
                one.limit_scope(other)
                other.limit_scope(one)
        return kept

    def statuses(
        self, tokens: Sequence[Token], first: int, last: int, targets: Iterable[tuple[int, int]], forms: Sequence[str] | None = None
    ) -> list[set[str]]:
        """For each target ``[start, end)`` (token indices) of the sentence, the status flags it takes."""
        modifiers = self.modifiers(tokens, first, last, forms)
        if not modifiers:
            return [set() for _ in targets]
        return [{CATEGORIES[m.rule.category] for m in modifiers if m.rule.category in CATEGORIES and m.modifies(s, e)} for s, e in targets]


def _prune(matches: list[tuple[Rule, int, int]]) -> list[tuple[Rule, int, int]]:
    """Of overlapping matches keep the longer one (medspaCy's pairwise pruning, repeated until stable)."""
    while True:
        pending = sorted(matches, key=lambda m: (m[1], m[2]))
        if not pending:
            return pending
        kept: list[tuple[Rule, int, int]] = []
        current = pending.pop(0)
        while True:
            if not pending:
                kept.append(current)
                break
            following = pending.pop(0)
            if _overlaps((current[1], current[2]), (following[1], following[2])):
                kept.append(max(current, following, key=lambda m: m[2] - m[1]))
                if not pending:
                    break
                current = pending.pop(0)
            else:
                kept.append(current)
                current = following
        if len(kept) == len(matches):
            return kept
        matches = kept


def _expand(pattern: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Every token tuple a medspaCy token pattern of ``LOWER`` values (with ``IN`` and ``OP: ?``) matches."""
    choices: list[list[tuple[str, ...]]] = []
    for spec in pattern:
        value = spec.get("LOWER", spec.get("TEXT"))
        values = value["IN"] if isinstance(value, dict) else [value]
        options = [tuple(context_form(t.text) for t in tokenize(str(v))) for v in values]
        if spec.get("OP") == "?":
            options.append(())
        choices.append(options)
    return [tuple(w for part in combo for w in part) for combo in itertools.product(*choices)]


def default_rules_path() -> Path:
    """medspaCy's default English rule file (found without importing medspaCy or spaCy)."""
    spec = find_spec("medspacy")
    if spec is None or not spec.submodule_search_locations:
        raise ContextError("assertion status needs medspaCy's ConText rules; install them with: pip install 'calcinosis-kg[extract]'")
    return Path(next(iter(spec.submodule_search_locations))).parent / "resources" / "en" / "context_rules.json"


def _read_default_rules(path: Path) -> list[tuple[Rule, list[tuple[str, ...]]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["context_rules"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContextError(f"{path}: cannot read medspaCy's ConText rules: {exc}") from None
    out = []
    for item in data:
        rule = Rule(item["literal"], item["category"].upper(), item.get("direction", "BIDIRECTIONAL").upper(), item.get("max_scope"))
        keys = _expand(item["pattern"]) if item.get("pattern") else [tuple(context_form(t.text) for t in tokenize(rule.literal))]
        out.append((rule, keys))
    return out


def load_rules(path: Path | None = None) -> ConTextRules:
    """medspaCy's default rules (or the rule file at ``path``) and :data:`EXTRA_RULES`, keyed by token tuples."""
    pairs = _read_default_rules(path or default_rules_path())
    for literal, category, direction in EXTRA_RULES:
        pairs.append((Rule(literal, category, direction), [tuple(context_form(t.text) for t in tokenize(literal))]))
    phrases: dict[tuple[str, ...], tuple[Rule, ...]] = {}
    for rule, keys in pairs:
        for key in keys:
            if key and rule not in phrases.get(key, ()):
                phrases[key] = (*phrases.get(key, ()), rule)
    longest: dict[str, int] = {}
    for key in phrases:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return ConTextRules(phrases, longest)
