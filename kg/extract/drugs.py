"""Drug status, route and response, and procedure and test status, from sentence cues (pure).

Each function reads the sentence that holds a mention and returns a value and
the name of the rule that fired, so the draft can say why it proposes it.
"""

from __future__ import annotations

import re

__all__ = ["drug_status", "drug_route", "response", "procedure_status", "test_result"]

_SWITCH = re.compile(r"\b(changed|switched|converted|transitioned|broadened|escalated|de-?escalated)\b(\s+back)?\s+to\b", re.I)
_CONTRA = re.compile(
    r"contraindicat|could not (?:be )?(?:given|used|receive|tolerate)|not (?:a )?candidate for|(?:options|therapy|treatment)s? (?:were|was) limited|avoided",
    re.I,
)
_HELD = re.compile(r"\b(held|withheld|paused|interrupted|suspended|on hold)\b", re.I)
_STOPPED = re.compile(r"\b(stopped|discontinued|ceased|withdrawn|tapered off|tapered and stopped)\b", re.I)
_HISTORY = re.compile(r"\b(previously|prior|history|had been|formerly|past|earlier|before (?:admission|presentation))\b", re.I)
_ROUTES = (
    (re.compile(r"\bintralesional(?:ly)?\b", re.I), "intralesional"),
    (re.compile(r"\b(?:intravenous(?:ly)?|IV|i\.v\.)\b"), "intravenous"),
    (re.compile(r"\b(?:topical(?:ly)?|cream|ointment|paste)\b", re.I), "topical"),
    (re.compile(r"\b(?:oral(?:ly)?|by mouth|tablets?|p\.o\.)\b", re.I), "oral"),
    (re.compile(r"\bsubcutaneous(?:ly)?\b", re.I), "subcutaneous"),
)
_RESPONSES = (
    (
        re.compile(
            r"\b(?:no|without|minimal|little) (?:improvement|response|effect|benefit|change)|did not (?:improve|respond|help|resolve)|despite|persisted|unchanged|ineffective|failed to",
            re.I,
        ),
        "no_response",
    ),
    (
        re.compile(
            r"\brefractory\b|\b(?:treatment|therapy|drug|immunosuppression)[- ]resistant\b|\bresistant to (?:treatment|therapy)|\bfailed\b", re.I
        ),
        "refractory",
    ),
    (re.compile(r"\brecur(?:red|rence)|relapse", re.I), "recurred"),
    (re.compile(r"\b(?:resolved|resolution|disappear(?:ed|ance)|cleared|complete (?:response|healing)|healed)\b", re.I), "resolved"),
    (re.compile(r"\bpartial(?:ly)? (?:response|improvement|resolution|regression)", re.I), "partial"),
    (
        re.compile(
            r"\b(?:improve(?:d|ment)|regress(?:ed|ion)|reduc(?:ed|tion)|decrease(?:d)?|soften(?:ed|ing)|shr(?:ank|unk)|successful(?:ly)?|good response|excellent response|responded)\b",
            re.I,
        ),
        "improved",
    ),
)
_PRECLUDED = re.compile(
    r"\b(precluded|preclude|not possible|could not be (?:performed|placed|done)|was not feasible|deferred|declined|refused)\b", re.I
)
_PLANNED = re.compile(r"\b(planned|scheduled|will undergo|was offered|is awaiting|referred for)\b", re.I)
_RESULTS = (
    (re.compile(r"\b(?:elevated|raised|high|increased)\b", re.I), "elevated"),
    (re.compile(r"\b(?:low|decreased|reduced)\b", re.I), "decreased"),
    (re.compile(r"\b(?:within normal limits|normal|unremarkable)\b", re.I), "normal"),
    (re.compile(r"\bnegative\b", re.I), "negative"),
    (re.compile(r"\b(?:positive|grew|isolated)\b", re.I), "positive"),
    (re.compile(r"\b(?:showed|shows|revealed|demonstrated|confirmed)\b", re.I), "abnormal"),
)


def drug_status(sentence: str, offset: int, historical: bool) -> tuple[str, str]:
    """Status of the drug mentioned at ``offset`` (relative to the sentence)."""
    switch = _SWITCH.search(sentence)
    if switch:
        return ("switched", "switch cue before the drug") if offset < switch.start() else ("given", "switch target")
    if _CONTRA.search(sentence):
        return "contraindicated", "contraindication cue"
    if _HELD.search(sentence):
        return "held", "held cue"
    if _STOPPED.search(sentence):
        return "stopped", "stopped cue"
    if historical or _HISTORY.search(sentence):
        return "historical", "history cue"
    return "given", "drug named in a patient sentence"


def drug_route(sentence: str, start: int, end: int) -> str | None:
    """The route named within 30 characters of the drug."""
    window = sentence[max(0, start - 30) : end + 30]
    for pattern, route in _ROUTES:
        if pattern.search(window):
            return route
    return None


def response(sentence: str) -> str | None:
    for pattern, value in _RESPONSES:
        if pattern.search(sentence):
            return value
    return None


def procedure_status(sentence: str) -> tuple[str, str]:
    if _PRECLUDED.search(sentence):
        return "precluded", "precluded cue"
    if _PLANNED.search(sentence):
        return "planned", "planned cue"
    return "performed", "procedure named in a patient sentence"


def test_result(sentence: str) -> str | None:
    for pattern, value in _RESULTS:
        if pattern.search(sentence):
            return value
    return None
