"""Patient facts from the mentions of patient sentences; each rule is named in the draft note of the fact it proposes.

- conditions and findings: terms of the Condition and ClinicalFinding
  branches (project terms, or standard ids from the second pass), status from
  ConText; a term is dropped when a more specific project term of the same
  kind is also proposed (systemic sclerosis under diffuse cutaneous systemic
  sclerosis; a drug class under one of its drugs).
- calcinosis: one primary calcinosis cutis diagnosis (see :mod:`.sites` and
  :mod:`.subtype` for its sites, size and subtype).
- drugs: status from cues (switched/changed to, held, stopped,
  contraindicated, history), route and response from the sentence.
- procedures: therapeutic procedures (performed, precluded or planned) in
  order of first mention; diagnostic procedures become tests with a result.
  A standard procedure (ICD-9-CM) is a procedure.
- mentions attributed to a relative (ConText FAMILY) are left out, with a note.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .drugs import drug_route, drug_status, procedure_status, response, test_result
from .mentions import Mention
from .sections import SectionSpan
from .termview import TermView
from .text import Sentence

__all__ = ["Fact", "Draft", "collect_facts", "finish_facts", "CALCINOSIS_TERMS", "CONFIDENCE"]

CALCINOSIS_TERMS = frozenset({"CalcinosisCutis", "SoftTissueCalcification", "SubcutaneousNodule"})
CONFIDENCE = {"case": 0.8, "figure_legends": 0.75, "abstract": 0.7, "conclusion": 0.6, "discussion": 0.6, "introduction": 0.6}
_NO_FACT = ("absent", "contraindicated", "precluded")
_WORKUP = re.compile(r"\s*(?:work-?up|screen(?:ing)?|testing|panel|evaluation|assessment)\b", re.IGNORECASE)
_CALCINOSIS_WORD = re.compile(r"\bcalcinos[ie]s|\bcalcif(?:ication|ications|ied)\b|\bcalciphylaxis\b|\bcalcium\s+deposit", re.IGNORECASE)


@dataclass
class Fact:
    """A proposed fact: its key, type, term and status, the rule that proposed it, and its mentions."""

    key: tuple[Any, ...]
    type: str
    term: str
    status: str | None
    rule: str
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    sites: dict[str, str | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    """One text being drafted: the text, its sections and sentences, the mentions, and the facts proposed so far."""

    text: str
    masked: str
    sections: list[SectionSpan]
    sentences: list[Sentence]
    mentions: list[Mention]
    patient: dict[Sentence, bool]
    view: TermView
    facts: dict[tuple[Any, ...], Fact] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    calcinosis: Fact | None = None
    site_labels: dict[str, str] = field(default_factory=dict)

    def section(self, offset: int) -> str:
        """The name of the section holding ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sections[index].end:
            return self.sections[index].name
        return "front_matter"

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.masked[sentence.start : sentence.end]

    def is_calcinosis(self, m: Mention) -> bool:
        return m.branch == "Condition" and (m.term == "CalcinosisCutis" or self.view.is_a(m.term, "CalcinosisCutis"))

    def add(self, key: tuple[Any, ...], type_: str, term: str, status: str | None, rule: str, mention: Mention) -> Fact:
        fact = self.facts.get(key)
        confidence = CONFIDENCE.get(self.section(mention.start), 0.5) - (0.1 if mention.standard else 0.0)
        if fact is None:
            fact = self.facts[key] = Fact(key, type_, term, status, rule, confidence)
        fact.confidence = max(fact.confidence, confidence)
        fact.mentions.append(mention)
        return fact

    def calcinosis_fact(self, rule: str, mention: Mention) -> Fact:
        if self.calcinosis is None:
            self.calcinosis = self.add(("dx", "CalcinosisCutis"), "diagnosis", "CalcinosisCutis", "present", rule, mention)
        return self.calcinosis

    @cached_property
    def calcinosis_named(self) -> bool:
        """The report names calcinosis (or calcification, calciphylaxis) for the patient, in its title or in its keywords:
        only then do lesion words with a site make a calcinosis diagnosis."""
        for sentence in self.sentences:
            where = self.section(sentence.start)
            telling = self.patient.get(sentence) or where == "keywords" or (where == "front_matter" and sentence.start <= 600)
            if telling and _CALCINOSIS_WORD.search(self.masked, sentence.start, sentence.end):
                return True
        return False

    def fact_for(self, m: Mention) -> Fact | None:
        if self.is_calcinosis(m):
            return self.calcinosis
        return next((fact for fact in self.facts.values() if m in fact.mentions), None)

    def patient_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if self.patient.get(m.sentence, False)]


def _how(m: Mention) -> str:
    if m.standard:
        return f"{m.source} {m.kind} match ({m.label})"
    return f"{m.kind} match" + (" (abbreviation defined in the text)" if m.kind == "defined-abbreviation" else "")


def _fact_from(draft: Draft, m: Mention) -> None:
    if m.term in draft.view.generic or m.branch == "AnatomicSite":
        return
    sentence = draft.sentence_text(m.sentence)
    rel = m.start - m.sentence.start
    how = _how(m)
    if draft.is_calcinosis(m):
        if m.status != "absent":
            draft.calcinosis_fact(f"calcinosis mention, {how}", m)
    elif m.branch in ("Condition", "ClinicalFinding"):
        if _WORKUP.match(draft.masked, m.end):
            return  # "a hypercoagulability work-up": the topic of a test, not a diagnosis
        type_ = "diagnosis" if m.branch == "Condition" else "finding"
        if m.term == "SoftTissueCalcification" and m.status != "absent":
            draft.calcinosis_fact("calcification finding in a patient sentence", m)
        draft.add((type_, m.term, m.status), type_, m.term, m.status, f"{how}, ConText {m.status}", m)
    elif m.branch == "Drug":
        if m.negated:
            return
        status, rule = drug_status(sentence, rel, m.historical)
        fact = draft.add(("drug", m.term, status), "drug", m.term, status, f"{how}, {rule}", m)
        route = drug_route(sentence, rel, m.end - m.sentence.start)
        if route and "route" not in fact.extra:
            fact.extra["route"] = route
        value = response(sentence)
        if value and "response" not in fact.extra and status != "contraindicated":
            fact.extra["response"] = value
            fact.extra["response_sentence"] = m.sentence
    elif m.branch == "Procedure":
        if draft.view.is_a(m.term, "DiagnosticProcedure"):
            result = test_result(sentence[rel:]) or test_result(sentence)
            if m.negated and result not in ("negative", "normal"):
                return  # "was not assessed by ultrasound": not done
            fact = draft.add(("test", m.term), "test", m.term, None, how, m)
            if result and "result" not in fact.extra:
                fact.extra["result"] = result
        elif not m.negated:
            status, rule = procedure_status(sentence)
            draft.add(("proc", m.term, status), "procedure", m.term, status, f"{how}, {rule}", m)
    elif m.branch == "Organism":
        draft.add(("org", m.term, m.status), "organism", m.term, m.status, f"{how}, ConText {m.status}", m)


def _drop_general(draft: Draft) -> None:
    """Drop a fact when a more specific project term of the same type is also proposed (its mentions and sites move there)."""
    kept = list(draft.facts.values())
    for fact in kept:
        if fact.type not in ("diagnosis", "finding", "drug", "procedure", "test") or fact.status in _NO_FACT or ":" in fact.term:
            continue
        for other in kept:
            if other is fact or other.type != fact.type or other.status in _NO_FACT or fact.key not in draft.facts:
                continue
            if fact.term in draft.view.ancestors(other.term):
                other.mentions.extend(fact.mentions)
                for site, side in fact.sites.items():
                    other.sites.setdefault(site, side)
                draft.facts.pop(fact.key, None)
                break


def collect_facts(draft: Draft) -> list[Mention]:
    """Propose the facts of the patient mentions; returns those mentions (for the site and size rules)."""
    patient = draft.patient_mentions()
    for mention in patient:
        if mention.family:
            draft.notes.append(
                f"not the patient's (family member): {mention.term} at {draft.section(mention.start)} [{mention.start}, {mention.end}]"
            )
            continue
        _fact_from(draft, mention)
    return [m for m in patient if not m.family]


def finish_facts(draft: Draft) -> None:
    """After sites are attached: drop facts made redundant by a more specific term."""
    _drop_general(draft)
