"""Words that tell a patient's story from general statements about a condition (pure regular expressions).

- :data:`INTRO_CUE`: the patient is introduced or named: an age ("a
  62-year-old", "a man aged 46", "a girl of 6 years"; not "on average 51
  years old"), "the patient", "this infant"; :data:`STRONG_CUE` adds "our
  case" and "we present/describe/report".
- :data:`PRONOUN`: third-person singular pronouns (she, he, her, his, him).
- :data:`NARRATIVE`: verbs of a case history in the past tense (words in
  -ed, was, were, had, underwent, showed, ...).
- :data:`GENERAL`: marks of general statements: the present tense of
  definitions, hedges, frequency words, literature ("is", "are", "can",
  "usually", "reported", "cases", "studies").

:func:`paragraph_kind` sorts a paragraph into ``patient``, ``narrative``,
``general``, ``legend`` or ``metadata``; :func:`is_patient_sentence` says whether a sentence
of a background section (abstract, introduction, discussion) speaks of the
patient.
"""

from __future__ import annotations

import re

from .headings import LEGEND

__all__ = ["INTRO_CUE", "STRONG_CUE", "PRONOUN", "NARRATIVE", "GENERAL", "NOT_RECEIVED", "paragraph_kind", "is_patient_sentence", "is_narrative"]

_PERSON = r"(?:man|woman|boy|girl|lady|gentleman|male|female|infant|baby|neonate|newborn|child|toddler|adolescent|patient|teenager)"
INTRO_CUE = re.compile(
    r"(?<!average )(?<!mean )(?<!median )\b\d{1,3}(?:\.\d)?[\s\-–]+(?:years?|yrs?|months?|weeks?|days?)[\s\-–]+old\b"
    rf"|\b{_PERSON}\s+(?:aged|of)\s+\d{{1,3}}\b|\baged\s+\d{{1,3}}\s+(?:years?|months?|weeks?|days?)\b"
    r"|\b(?:this|our|the present|the index|the|index)\s+patient\b|\bpatient's\b|\bPatient\s*:"
    rf"|\b(?:this|our)\s+{_PERSON}\b|\bthe\s+{_PERSON}\b(?!\s+(?:may|can|should|might|is|are)\b)",
    re.IGNORECASE,
)
"""The patient introduced or named: an age, "the patient", "this infant"."""
STRONG_CUE = re.compile(
    INTRO_CUE.pattern
    + r"|\b(?:this|our)\s+case\b(?!\s+(?:series|reports))|\bth(?:is|ese)\s+(?:nodules?|lesions?|masse?s?|deposits?|calcifications?|wounds?|ulcers?)\b"
    r"|\bwe\s+(?:present|report|describe|share|here\s+(?:present|report|describe))\b|\bhere,?\s+we\b"
    r"|\b(?:in|of)\s+(?:our|this|the present|the current)\s+case\b|\bthis\s+(?:case\s+(?:report|study)|report)\s+(?:describes|sets\s+out|presents)\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"\b(?:she|he|her|his|him|herself|himself)\b", re.IGNORECASE)
NARRATIVE = re.compile(
    r"\b[a-z]{3,}ed\b|\b(?:was|were|had|did|underwent|presented|developed|received|showed|revealed|demonstrated|disclosed|confirmed|admitted|treated|"
    r"noted|found|performed|started|given|prescribed|diagnosed|referred|complained|reported\s+(?:no|that)|denied|improved|resolved|"
    r"healed|excised|removed|biopsied|obtained|measured|examined|seen|appeared|began|stopped|continued|died)\b",
    re.IGNORECASE,
)
GENERAL = re.compile(
    r"\b(?:is|are|can|may|might|should|usually|often|commonly|typically|generally|frequently|rarely|mostly|uncommon|rare|known|"
    r"literature|studies|study|series|cases|patients|people|authors|classified|classification|divided|split|defined|definition|"
    r"include|includes|characteri[sz]ed|incidence|prevalence|reported\s+in|have\s+been|has\s+been|option|options|recommended)\b",
    re.IGNORECASE,
)
NOT_RECEIVED = re.compile(
    r"\bnone (?:of|was|were)\b|\bneither\b|\bdid not (?:receive|need|require|get)\b|\bwas not (?:used|given|needed|necessary)\b"
    r"|\bwere not (?:used|given|needed|necessary)\b|\bnot (?:needed|necessary|required) (?:here|in (?:this|our))",
    re.IGNORECASE,
)
"""A sentence that names treatments the patient did not get ("none of which our patient received")."""


METADATA = re.compile(
    r"^\s*(?:received|revised|accepted|published|correspondence|requests?\s+for\s+reprints|reprints?|address|e-?mail|copyright|©|doi"
    r"|funding|conflicts?\s+of\s+interest|acknowledge?ments?)\b",
    re.IGNORECASE,
)
AFFILIATION = re.compile(r"\b(?:University|Department|Hospital|School|Institute|Faculty|College|Centre|Center)\b")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def paragraph_kind(text: str) -> str:
    """``legend`` (a figure caption), ``metadata`` (dates, addresses), ``patient`` (the patient is
    introduced), ``narrative`` (a past-tense story, or a pronoun or "we describe" in prose that is not
    mostly general), or ``general`` (statements about the condition)."""
    if LEGEND.match(text):
        return "legend"
    if METADATA.match(text) or (AFFILIATION.search(text) and not NARRATIVE.search(text)):
        return "metadata"
    if INTRO_CUE.search(text):
        return "patient"
    story, general = _count(NARRATIVE, text), _count(GENERAL, text)
    if (PRONOUN.search(text) or STRONG_CUE.search(text)) and story >= general:
        return "narrative"
    return "narrative" if story > general else "general"


def is_narrative(sentence: str) -> bool:
    """A sentence that continues a case history: a past-tense verb, and no mark of a general statement."""
    return bool(NARRATIVE.search(sentence)) and not GENERAL.search(sentence)


def is_patient_sentence(sentence: str) -> bool:
    """A sentence that names the patient (an explicit cue or a pronoun) and lists nothing the patient did not get."""
    if not (PRONOUN.search(sentence) or STRONG_CUE.search(sentence)):
        return False
    return not NOT_RECEIVED.search(sentence)
