"""Assertion status: extra ConText rules for case-report prose.

medspaCy's default ConText rules cover "negative for", "no evidence of",
"without", "ruled out", "history" and more. Case reports add phrasings such as
"concerns for", "was suspected", "negative work-up for", and relatives
("her mother", "his sister") whose conditions are not the patient's.
"""

from __future__ import annotations

__all__ = ["extra_rules", "EXTRA_RULES"]

EXTRA_RULES: tuple[tuple, ...] = (
    # (literal, category, direction[, max_scope in tokens])
    ("concern for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concerns for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("concerning for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspicion of", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspicious for", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("suspected", "POSSIBLE_EXISTENCE", "BIDIRECTIONAL"),
    ("presumed", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("probable", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("differential diagnosis", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("differential diagnoses", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("to exclude", "POSSIBLE_EXISTENCE", "FORWARD"),
    ("negative workup for", "NEGATED_EXISTENCE", "FORWARD"),
    ("negative work-up for", "NEGATED_EXISTENCE", "FORWARD"),
    ("no signs of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no sign of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no features of", "NEGATED_EXISTENCE", "FORWARD"),
    ("absence of", "NEGATED_EXISTENCE", "FORWARD"),
    ("was excluded", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were excluded", "NEGATED_EXISTENCE", "BACKWARD"),
    ("was absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("were absent", "NEGATED_EXISTENCE", "BACKWARD"),
    ("unremarkable", "NEGATED_EXISTENCE", "BACKWARD"),
    ("denied", "NEGATED_EXISTENCE", "FORWARD"),
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
    ("mother had", "FAMILY", "FORWARD"),
    ("mother has", "FAMILY", "FORWARD"),
    ("mother with", "FAMILY", "FORWARD"),
    ("mother was diagnosed with", "FAMILY", "FORWARD"),
    ("mother 's", "FAMILY", "FORWARD"),
    ("father had", "FAMILY", "FORWARD"),
    ("father has", "FAMILY", "FORWARD"),
    ("father with", "FAMILY", "FORWARD"),
    ("father was diagnosed with", "FAMILY", "FORWARD"),
    ("father 's", "FAMILY", "FORWARD"),
    ("sister had", "FAMILY", "FORWARD"),
    ("sister has", "FAMILY", "FORWARD"),
    ("sister with", "FAMILY", "FORWARD"),
    ("sister was diagnosed with", "FAMILY", "FORWARD"),
    ("sister 's", "FAMILY", "FORWARD"),
    ("brother had", "FAMILY", "FORWARD"),
    ("brother has", "FAMILY", "FORWARD"),
    ("brother with", "FAMILY", "FORWARD"),
    ("brother was diagnosed with", "FAMILY", "FORWARD"),
    ("brother 's", "FAMILY", "FORWARD"),
    ("sibling had", "FAMILY", "FORWARD"),
    ("sibling has", "FAMILY", "FORWARD"),
    ("sibling with", "FAMILY", "FORWARD"),
    ("sibling was diagnosed with", "FAMILY", "FORWARD"),
    ("sibling 's", "FAMILY", "FORWARD"),
    ("family history", "FAMILY", "FORWARD", None),
    ("previously", "HISTORICAL", "BIDIRECTIONAL"),
    # a new noun phrase after a conjunction ends the scope of a modifier ("negative work-up for DVT, and a mass ...")
    ("and a", "TERMINATE", "TERMINATE"),
    ("and an", "TERMINATE", "TERMINATE"),
    ("and the", "TERMINATE", "TERMINATE"),
    ("but", "TERMINATE", "TERMINATE"),
    (";", "TERMINATE", "TERMINATE"),
    ("in the past", "HISTORICAL", "BIDIRECTIONAL"),
)


def extra_rules():  # type: ignore[no-untyped-def]
    """The rules as medspaCy ``ConTextRule`` objects (imports medspaCy)."""
    from medspacy.context import ConTextRule

    rules = []
    for literal, category, direction, *scope in EXTRA_RULES:
        rules.append(ConTextRule(literal, category, direction=direction, max_scope=scope[0] if scope else None))
    return rules
