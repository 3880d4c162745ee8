"""ConText assertion status: the pure-Python implementation agrees with medspaCy's ConText, and the extra rules work."""

from __future__ import annotations

import pytest

from kg.extract.context import EXTRA_RULES, load_rules
from kg.extract.text import split_sentences, tokenize

# (sentence, target phrase, expected flags)
CASES: list[tuple[str, str, set[str]]] = [
    ("There was no evidence of sepsis.", "sepsis", {"negated"}),
    ("A duplex scan was negative for deep vein thrombosis.", "deep vein thrombosis", {"negated"}),
    ("Osteomyelitis was a concern, so a radiograph was obtained.", "Osteomyelitis", {"possible"}),
    ("Cellulitis was initially suspected, but cultures were negative.", "Cellulitis", {"possible"}),
    ("She had a history of alcoholic hepatitis.", "alcoholic hepatitis", {"historical"}),
    ("Her mother has hypothyroidism.", "hypothyroidism", {"family"}),
    ("He denied Raynaud phenomenon.", "Raynaud phenomenon", {"negated"}),
    ("Dermatomyositis was ruled out because muscle enzymes were normal.", "Dermatomyositis", {"negated"}),
    ("The skin was warm but there was no fluctuance.", "fluctuance", {"negated"}),
    ("The skin was warm but there was no fluctuance.", "skin", set()),
    ("He had hypertension but no history of connective tissue disease.", "hypertension", set()),
    ("He had hypertension but no history of connective tissue disease.", "connective tissue disease", {"negated"}),
    ("The wound did not respond to negative pressure wound therapy.", "negative pressure wound therapy", set()),
    ("According to her mother, some of the pustules had burst.", "pustules", set()),
    ("His parents reported an ischemic injury of his right foot.", "ischemic injury", set()),
    ("We describe a child with juvenile dermatomyositis.", "juvenile dermatomyositis", set()),
    ("A man with CRI of unknown cause, not yet on dialysis, was referred.", "dialysis", {"negated"}),
    ("A woman with no relevant past medical history came to our service with ulceration.", "ulceration", set()),
    ("Antibiotics were not given.", "Antibiotics", {"negated"}),
    ("She was managed with wound care; antibiotics were not given.", "wound care", set()),
    ("He had never injured his scrotum.", "injured", {"negated"}),
]


def _flags(sentence: str, phrase: str) -> set[str]:
    tokens = tokenize(sentence)
    start = sentence.index(phrase)
    first = next(i for i, t in enumerate(tokens) if t.start == start)
    last = next(i for i, t in enumerate(tokens) if t.end == start + len(phrase)) + 1
    (only,) = load_rules().statuses(tokens, 0, len(tokens), [(first, last)])
    return only


@pytest.mark.parametrize(("sentence", "phrase", "expected"), CASES)
def test_statuses(sentence: str, phrase: str, expected: set[str]) -> None:
    assert _flags(sentence, phrase) == expected


def test_scopes_end_at_the_sentence_and_at_a_terminating_word() -> None:
    text = "There was no fever. Sepsis was diagnosed, but the cultures were negative for MRSA."
    tokens = tokenize(text)
    rules = load_rules()
    _, (_, c, d) = split_sentences(text, tokens)
    sepsis = next(i for i, t in enumerate(tokens) if t.text == "Sepsis")
    mrsa = next(i for i, t in enumerate(tokens) if t.text == "MRSA")
    assert rules.statuses(tokens, c, d, [(sepsis, sepsis + 1), (mrsa, mrsa + 1)]) == [set(), {"negated"}]


def test_the_same_statuses_as_medspacys_context() -> None:
    """The reference: medspaCy's ConText component, with the same rules, over spaCy tokens."""
    import medspacy.context as context_module
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    context = context_module.ConText(nlp, rules="default")
    context.add([context_module.ConTextRule(literal, category, direction=direction) for literal, category, direction in EXTRA_RULES])
    names = {
        "is_negated": "negated",
        "is_uncertain": "possible",
        "is_historical": "historical",
        "is_family": "family",
        "is_hypothetical": "hypothetical",
    }
    disagreements = []
    for sentence, phrase, _ in CASES:
        doc = nlp(sentence)
        start = sentence.index(phrase)
        span = doc.char_span(start, start + len(phrase), label="CONDITION")
        assert span is not None, phrase
        doc.ents = (span,)
        context(doc)
        theirs = {name for attribute, name in names.items() if getattr(doc.ents[0]._, attribute)}
        ours = _flags(sentence, phrase)
        if theirs != ours:
            disagreements.append(f"{sentence!r} / {phrase!r}: medspaCy {sorted(theirs)}, ours {sorted(ours)}")
    assert not disagreements, "\n".join(disagreements)
