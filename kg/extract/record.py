"""The draft record (record format v1) as a plain mapping: facts with ids and evidence, patient, publication, notes.

Every fact carries evidence (the sentences of its first mentions, case
sentences first, cut to their section) and a note "draft: rule ...,
confidence ..."; the notes list the abbreviations the text defines, the
REVIEW points a curator must settle, mentions of relatives, and candidate
terms: standard-vocabulary terms that became no fact (with the proposed id)
and words shaped like a drug, condition or procedure name that neither the
ontology nor the vocabularies know.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .candidates import find_candidates
from .claims import clip, draft_claims
from .demographics import find_ages, find_sex
from .facts import Draft, Fact
from .mentions import Mention
from .patient import PATIENT_SECTIONS
from .sites import LESION_WORD

__all__ = ["build_record"]

_PREFIX = {"diagnosis": "dx", "finding": "find", "test": "test", "drug": "drug", "procedure": "proc", "organism": "org"}
_NO_CANDIDATES = ("front_matter", "references", "citation", "declarations", "keywords")


def _evidence(draft: Draft, mentions: list[Mention]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for mention in sorted(mentions, key=lambda m: (draft.section(m.start) not in PATIENT_SECTIONS, m.start)):
        span = clip(draft, mention.sentence.start, mention.sentence.end)
        if span[1] > span[0] and span not in seen:
            seen.add(span)
            out.append({"section": draft.section(span[0]), "span": list(span)})
        if len(out) == 4:
            break
    return out


def _slug(fact: Fact) -> str:
    mention = next((m for m in fact.mentions if m.term == fact.term and m.label), None)
    name = mention.label if mention is not None else re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", fact.term)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "term"


def _fact_ids(draft: Draft, ordered: list[Fact]) -> dict[int, str]:
    ids: dict[int, str] = {}
    used: set[str] = set()
    for fact in ordered:
        suffix = f"-{fact.status}" if fact.type in ("diagnosis", "finding") and fact.status not in ("present", None) else ""
        base = f"{_PREFIX[fact.type]}-{_slug(fact)}{suffix}"
        fid, n = base, 2
        while fid in used:
            fid, n = f"{base}-{n}", n + 1
        used.add(fid)
        ids[id(fact)] = fid
    return ids


def _item(draft: Draft, fact: Fact, ids: dict[int, str], order: list[int], evidence: list[dict[str, Any]]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ids[id(fact)], "type": fact.type}
    if fact.type == "diagnosis":
        item.update(condition=fact.term, status=fact.status)
        if fact is draft.calcinosis:
            if "subtype" in fact.extra:
                item["subtype"] = fact.extra["subtype"]
            item["category"] = "primary"
        else:
            item["category"] = "suspected" if fact.status == "possible" else "comorbidity"
    elif fact.type == "finding":
        item.update(finding=fact.term, status=fact.status)
    elif fact.type == "test":
        item["test"] = fact.term
        if "result" in fact.extra:
            item["result"] = fact.extra["result"]
    elif fact.type == "drug":
        item.update(drug=fact.term, status=fact.status)
        if "route" in fact.extra:
            item["route"] = fact.extra["route"]
        if "response" in fact.extra:
            item["response"] = fact.extra["response"]
            sentence = fact.extra["response_sentence"]
            calcinosis = draft.calcinosis
            if (
                calcinosis is not None
                and calcinosis is not fact
                and (any(m.sentence == sentence for m in calcinosis.mentions) or LESION_WORD.search(draft.masked, sentence.start, sentence.end))
            ):
                item["response_for"] = [ids[id(calcinosis)]]
    elif fact.type == "procedure":
        item.update(procedure=fact.term, status=fact.status)
        if fact.status == "performed":
            order[0] += 1
            item["order"] = order[0]
    elif fact.type == "organism":
        item.update(organism=fact.term, status=fact.status)
    if fact.sites and fact.type in ("diagnosis", "finding", "test", "procedure"):
        item["sites"] = [{"site": s, **({"laterality": side} if side else {})} for s, side in fact.sites.items()]
    if "size" in fact.extra and fact.type in ("diagnosis", "finding"):
        item["size"] = fact.extra["size"]
    item["evidence"] = evidence
    item["note"] = f"draft: rule {fact.rule}, confidence {fact.confidence:.1f}"
    return item


def _publication(draft: Draft) -> dict[str, Any]:
    pub: dict[str, Any] = {}
    front = next((s for s in draft.sections if s.name == "front_matter"), None)
    title = re.search(r"(?m)^#[ \t]+(\S[^\n]*)$", draft.text)
    if title and front and title.end(1) <= front.end:
        pub["title"] = {"span": [title.start(1), title.end(1)]}
        pub["evidence"] = [{"section": "front_matter", "span": [title.start(1), title.end(1)]}]
    keywords = next((s for s in draft.sections if s.name == "keywords"), None)
    if keywords:
        body = draft.masked[keywords.start : keywords.end]
        _, colon, after = body.partition(":")
        if not colon:
            after = body.split("\n", 1)[1] if "\n" in body else ""
        words = [w.strip(" .\n") for w in re.split(r"[;,\n]", after) if w.strip(" .\n")]
        start, end = clip(draft, keywords.start, keywords.end)
        if words and end > start:
            pub["keywords"] = words[:20]
            pub.setdefault("evidence", []).append({"section": "keywords", "span": [start, end]})
    pub["note"] = "draft: only the title and keywords are proposed; add authors, journal, year, DOI and dates as printed"
    return pub


def _patient(draft: Draft) -> dict[str, Any]:
    patient: dict[str, Any] = {}
    order = sorted(
        draft.sections,
        key=lambda s: (
            ("case", "abstract", "introduction", "discussion", "conclusion").index(s.name)
            if s.name in ("case", "abstract", "introduction", "discussion", "conclusion")
            else 9
        ),
    )
    for section in order:
        if section.name not in ("case", "abstract", "introduction", "discussion", "conclusion"):
            continue
        for age in find_ages(draft.masked, section.start, section.end):
            sentence = next((s for s in draft.sentences if s.start <= age.start < s.end), None)
            if section.name != "case" and not (sentence and draft.patient.get(sentence)):
                continue
            sex = find_sex(draft.masked, section.start, section.end, near=(age.start, age.end))
            close = sex is not None and sentence is not None and sentence.start <= sex.start < sentence.end
            start, end = (min(age.start, sex.start), max(age.end, sex.end)) if close and sex else (age.start, age.end)
            patient["age"] = {"value": age.value, "unit": age.unit, "evidence": [{"section": section.name, "span": [start, end]}]}
            if sex is not None:
                sex_span = [start, end] if close else [sex.start, sex.end]
                patient["sex"] = {"value": sex.value, "evidence": [{"section": section.name, "span": sex_span}]}
            break
        if "age" in patient:
            break
    if "sex" not in patient:
        for section in (s for s in order if s.name in ("case", "abstract", "introduction")):
            sex = find_sex(draft.masked, section.start, section.end)
            if sex:
                patient["sex"] = {"value": sex.value, "evidence": [{"section": section.name, "span": [sex.start, sex.end]}]}
                break
    if "age" not in patient:
        draft.notes.append("REVIEW: no age found; the build needs the patient's age")
    if "sex" not in patient:
        draft.notes.append("REVIEW: no sex found; the build needs the patient's sex")
    return patient


def _candidate_notes(draft: Draft, used: set[str], covered: list[tuple[int, int]]) -> list[str]:
    notes: list[str] = []
    seen: set[str] = set()
    for m in draft.mentions:
        where = draft.section(m.start)
        if not m.standard or m.term in used or m.term in seen or where in _NO_CANDIDATES:
            continue
        seen.add(m.term)
        also = f"; also {', '.join(m.alternatives[:3])}" if m.alternatives else ""
        notes.append(
            f"candidate term ({m.source} {m.kind}, {m.branch}): {draft.text[m.start : m.end]} at {where} [{m.start}, {m.end}]; "
            f"proposed {m.term} ({m.label}){also}"
        )
    for section in draft.sections:
        if section.name in _NO_CANDIDATES:
            continue
        for candidate in find_candidates(draft.masked, covered, section.start, section.end):
            notes.append(
                f"candidate term ({candidate.kind}, {candidate.rule}): {candidate.text} at {section.name} "
                f"[{candidate.start}, {candidate.end}]; in neither the ontology nor the standard vocabularies"
            )
    return notes


def build_record(draft: Draft, defined: dict[str, str], report_file: str, record_id: str) -> dict[str, Any]:
    """The draft record of a finished :class:`~.facts.Draft`."""
    record: dict[str, Any] = {
        "record": 1,
        "id": record_id,
        "report": {"file": report_file, "sha256": hashlib.sha256(draft.text.encode("utf-8")).hexdigest(), "length": len(draft.text)},
        "sections": [{"name": s.name, "span": [s.start, s.end]} for s in draft.sections],
        "publication": _publication(draft),
        "patient": _patient(draft),
        "facts": [],
    }
    ordered = sorted(draft.facts.values(), key=lambda f: (f is not draft.calcinosis, min(m.start for m in f.mentions)))
    evidence = {id(f): _evidence(draft, f.mentions) for f in ordered}
    ordered = [f for f in ordered if evidence[id(f)]]
    ids = _fact_ids(draft, ordered)
    order = [0]
    record["facts"] = [_item(draft, fact, ids, order, evidence[id(fact)]) for fact in ordered]
    if not record["facts"]:
        draft.notes.append("REVIEW: no patient fact was found; the record needs at least one (check the case section)")
    claims = draft_claims(draft)
    if claims:
        record["claims"] = claims
    used = {f.term for f in draft.facts.values()} | {s for f in draft.facts.values() for s in f.sites}
    covered = [(m.start, m.end) for m in draft.mentions]
    notes = [
        "draft: proposed by kg extract; every fact carries a draft note (rule and confidence); review each, then delete the draft notes",
        *(f"draft: abbreviation defined in the text: {a} = {t}" for a, t in sorted(defined.items())),
        *draft.notes,
        *_candidate_notes(draft, used, covered),
    ]
    record["notes"] = list(dict.fromkeys(notes))
    return record
