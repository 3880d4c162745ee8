"""Turn mentions into a draft case record (record format v1) for a curator.

Rules, each named in the ``note`` of the fact it proposes:

- patient sentences: every sentence of the case section (figure legends
  included); in the abstract, introduction, discussion and conclusion only
  sentences that refer to the patient ("this patient", "our case", "we
  present", "she", "her", an age such as "52-year-old"). Drugs and procedures of
  the other sentences are background: they become draft ``claims``.
- conditions and findings: ontology terms of the Condition and ClinicalFinding
  branches, status from ConText; a term is dropped when a more specific term of
  the same kind is also proposed (systemic sclerosis under diffuse cutaneous
  systemic sclerosis; a drug class under one of its drugs).
- calcinosis: one primary calcinosis cutis diagnosis; its subtype from subtype
  words in patient sentences, the keywords, the title or the conclusion, else
  from associated conditions (connective tissue disease -> dystrophic, kidney
  failure or hyperphosphataemia -> metastatic, extravasation or calcium
  gluconate -> iatrogenic); its sites are the anatomic sites nearest to a
  calcinosis or lesion word (calcification, deposit, nodule, mass, lesion, or an
  ulcer in the same sentence), the most specific of each part-of chain kept;
  its size the size statement following such a word.
- drugs: status from cues (switched/changed to, held, stopped,
  contraindicated, history), route and response from the sentence.
- procedures: therapeutic procedures (status performed, precluded or planned)
  in order of first mention; diagnostic procedures become tests with a result.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef
from rdflib.namespace import OWL, RDFS

from ..namespaces import CCK
from ..terms import TermIndex
from .candidates import find_candidates
from .demographics import find_age, find_sex
from .drugs import drug_route, drug_status, procedure_status, response, test_result
from .nlp import Mention, Sentence
from .sections import SectionSpan, section_at
from .sizes import find_sizes

__all__ = ["assemble", "PATIENT_CUE", "LESION_WORD"]

PATIENT_CUE = re.compile(
    r"\b(?:this|our|the present|the index|the) patient\b|\bpatient's\b|\b(?:she|he|her|his)\b|\bwe (?:present|report|describe)\b"
    r"|\bhere,? we\b|\b(?:in )?(?:our|this|the present|the current) case\b|\bthis (?:report|case report) describes\b"
    r"|\b\d{1,3}[\s\-–]+(?:year|month|week|day)s?[\s\-–]+old\b|\bthis (?:nodule|lesion|mass|deposit)s?\b",
    re.IGNORECASE,
)
LESION_WORD = re.compile(r"\b(?:mass(?:es)?|nodules?|lesions?|deposits?|deposition|calcifications?|calcified|plaques?|papules?|tumou?rs?)\b", re.IGNORECASE)
_NOT_RECEIVED = re.compile(
    r"\bnone (?:of|was|were)\b|\bneither\b|\bdid not (?:receive|need|require|get)\b|\bwas not (?:used|given|needed|necessary)\b"
    r"|\bwere not (?:used|given|needed|necessary)\b|\bnot (?:needed|necessary|required) (?:here|in (?:this|our))",
    re.IGNORECASE,
)
_SUBTYPE_WORDS = (
    ("DystrophicCalcinosisCutis", re.compile(r"\bdystrophic\b", re.I)),
    ("MetastaticCalcinosisCutis", re.compile(r"\bmetastatic\b", re.I)),
    ("IdiopathicCalcinosisCutis", re.compile(r"\bidiopathic\b", re.I)),
    ("IatrogenicCalcinosisCutis", re.compile(r"\biatrogenic\b", re.I)),
    ("Calciphylaxis", re.compile(r"\bcalciphylaxis\b|\bcalcific uraemic|\bcalcific uremic", re.I)),
)
_NOT_THIS = re.compile(r"\b(?:unlike|rather than|other than|instead of|not|nor|excluding|differentiated from)\b[^.;]{0,40}$", re.I)
_CALCINOSIS_TERMS = {"CalcinosisCutis", "SoftTissueCalcification", "SubcutaneousNodule"}
_PREPOSITION_GAP = re.compile(
    r"\s*(?:(?:of|in|at|on|over|around|involving|overlying|near|along|adjacent to|emerging at|located (?:in|at|on)|affecting)\s+)"
    r"(?:(?:the|a|an|both|her|his|their)\s+)?(?:(?:left|right|bilateral)\s+)?",
    re.IGNORECASE,
)
_LATERALITY = re.compile(r"\b(left|right|bilateral|both)\s+(?:(?!and\b|or\b)[\w-]+\s+)?$", re.I)
_BACKGROUND_SECTIONS = {"abstract", "introduction", "discussion", "conclusion"}
_PATIENT_SECTIONS = {"case", "figure_legends"}
_CONFIDENCE = {"case": 0.8, "figure_legends": 0.75, "abstract": 0.7, "conclusion": 0.6, "discussion": 0.6, "introduction": 0.6}


@dataclass
class _Fact:
    key: tuple
    type: str
    term: str
    status: str | None
    rule: str
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    sites: dict[str, str | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


class _Assembler:
    def __init__(self, text: str, masked: str, sections: list[SectionSpan], mentions: list[Mention], sentences: list[Sentence],
                 defined: dict[str, str], terms: TermIndex, generic: frozenset[str]) -> None:
        self.text, self.masked, self.sections, self.mentions = text, masked, sections, mentions
        self.sentences, self.defined, self.terms, self.generic = sentences, defined, terms, generic
        self.notes: list[str] = []
        self.facts: dict[tuple, _Fact] = {}
        self.part_of = _part_of_closure(terms)
        self.patient_sentence = {s: self._is_patient(s) for s in sentences}
        self.calcinosis: _Fact | None = None

    # -- helpers ---------------------------------------------------------
    def section(self, offset: int) -> str:
        found = section_at(self.sections, offset)
        return found.name if found else "front_matter"

    def _is_patient(self, sentence: Sentence) -> bool:
        name = self.section(sentence.start)
        if name in _PATIENT_SECTIONS:
            return True
        if name in _BACKGROUND_SECTIONS:
            if _NOT_RECEIVED.search(self.masked, sentence.start, sentence.end):
                return False  # "options include X and Y, none of which our patient received"
            return bool(PATIENT_CUE.search(self.masked, sentence.start, sentence.end))
        return False

    def sentence_text(self, sentence: Sentence) -> str:
        return self.masked[sentence.start : sentence.end]

    def is_a(self, term: str, ancestor: str) -> bool:
        found = self.terms.resolve(term)
        return found is not None and found.is_a(CCK[ancestor])

    def evidence(self, mentions: list[Mention]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[tuple[int, int]] = set()
        ordered = sorted(mentions, key=lambda m: (self.section(m.start) not in _PATIENT_SECTIONS, m.start))
        for mention in ordered:
            span = self.clip(mention.sentence.start, mention.sentence.end)
            if span not in seen:
                seen.add(span)
                out.append({"section": self.section(span[0]), "span": list(span)})
            if len(out) == 4:
                break
        return out

    def clip(self, start: int, end: int) -> tuple[int, int]:
        section = section_at(self.sections, start)
        if section:
            end = min(end, section.end)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def add(self, key: tuple, type_: str, term: str, status: str | None, rule: str, mention: Mention) -> _Fact:
        fact = self.facts.get(key)
        confidence = _CONFIDENCE.get(self.section(mention.start), 0.5)
        if fact is None:
            fact = self.facts[key] = _Fact(key, type_, term, status, rule, confidence)
        fact.confidence = max(fact.confidence, confidence)
        fact.mentions.append(mention)
        return fact

    # -- rules -----------------------------------------------------------
    def run(self) -> None:
        patient = [m for m in self.mentions if self.patient_sentence.get(m.sentence, False)]
        for mention in patient:
            if mention.family:
                self.notes.append(f"not the patient's (family member): {mention.term} at {self.section(mention.start)} [{mention.start}, {mention.end}]")
                continue
            self.fact_from(mention)
        self.attach_sites(patient)
        self.drop_general()
        self.subtype_and_size(patient)

    def fact_from(self, m: Mention) -> None:
        if m.term in self.generic or m.branch == "AnatomicSite":
            return
        sentence = self.sentence_text(m.sentence)
        rel = m.start - m.sentence.start
        how = f"{m.kind} match" + (" (abbreviation defined in the text)" if m.kind == "defined-abbreviation" else "")
        if m.branch == "Condition" and (m.term == "CalcinosisCutis" or self.is_a(m.term, "CalcinosisCutis")):
            if m.status == "absent":
                return
            self.calcinosis = self.add(("dx", "CalcinosisCutis"), "diagnosis", "CalcinosisCutis", "present", f"calcinosis mention, {how}", m)
        elif m.branch in ("Condition", "ClinicalFinding"):
            type_ = "diagnosis" if m.branch == "Condition" else "finding"
            if m.term == "SoftTissueCalcification":
                self.calcinosis_anchor(m)
            self.add((type_, m.term, m.status), type_, m.term, m.status, f"{how}, ConText {m.status}", m)
        elif m.branch == "Drug":
            if m.negated:
                return
            status, rule = drug_status(sentence, rel, m.historical)
            fact = self.add(("drug", m.term, status), "drug", m.term, status, f"{how}, {rule}", m)
            route = drug_route(sentence, rel, m.end - m.sentence.start)
            if route and "route" not in fact.extra:
                fact.extra["route"] = route
            value = response(sentence)
            if value and "response" not in fact.extra and status not in ("contraindicated",):
                fact.extra["response"] = value
                fact.extra["response_sentence"] = m.sentence
        elif m.branch == "Procedure":
            if self.is_a(m.term, "DiagnosticProcedure"):
                fact = self.add(("test", m.term), "test", m.term, None, how, m)
                result = "negative" if m.negated else test_result(sentence[rel:] or sentence) or test_result(sentence)
                if result and "result" not in fact.extra:
                    fact.extra["result"] = result
            elif not m.negated:
                status, rule = procedure_status(sentence)
                self.add(("proc", m.term, status), "procedure", m.term, status, f"{how}, {rule}", m)
        elif m.branch == "Organism":
            self.add(("org", m.term, m.status), "organism", m.term, m.status, f"{how}, ConText {m.status}", m)

    def calcinosis_anchor(self, m: Mention) -> None:
        if self.calcinosis is None:
            self.calcinosis = self.add(("dx", "CalcinosisCutis"), "diagnosis", "CalcinosisCutis", "present", "calcification finding in a patient sentence", m)

    def fact_for(self, m: Mention) -> _Fact | None:
        if m.branch == "Condition" and (m.term == "CalcinosisCutis" or self.is_a(m.term, "CalcinosisCutis")):
            return self.calcinosis
        for fact in self.facts.values():
            if m in fact.mentions:
                return fact
        return None

    def attach_sites(self, patient: list[Mention]) -> None:
        by_sentence: dict[Sentence, list[Mention]] = {}
        for m in patient:
            by_sentence.setdefault(m.sentence, []).append(m)
        for sentence, mentions in by_sentence.items():
            anchors: list[tuple[int, int, str, Mention | None]] = []  # start, end, kind, mention
            for m in mentions:
                if m.branch == "AnatomicSite":
                    continue
                kind = "calcinosis" if (m.term in _CALCINOSIS_TERMS or self.is_a(m.term, "CalcinosisCutis")) else ("lesion" if self.is_a(m.term, "Ulcer") else m.branch)
                anchors.append((m.start, m.end, kind, m))
            for match in LESION_WORD.finditer(self.masked, sentence.start, sentence.end):
                if not any(a[0] <= match.start() < a[1] for a in anchors):
                    anchors.append((match.start(), match.end(), "calcinosis", None))
            if not anchors:
                continue
            has_calcinosis = any(a[2] == "calcinosis" for a in anchors)
            for site in (m for m in mentions if m.branch == "AnatomicSite"):
                if site.kind == "adjective" and not any(0 <= a[0] - site.end <= 15 for a in anchors):
                    continue
                before = [a for a in anchors if a[1] <= site.start and a[2] == "Procedure" and site.start - a[1] <= 25]
                preceding = [a for a in anchors if a[1] <= site.start]
                head = max(preceding, key=lambda a: a[1]) if preceding else None
                if before:
                    target = max(before, key=lambda a: a[1])
                elif head is not None and _PREPOSITION_GAP.match(self.masked, head[1], site.start) and _PREPOSITION_GAP.match(self.masked, head[1], site.start).end() == site.start:
                    target = head
                else:
                    target = min(anchors, key=lambda a: (a[0] - site.end if a[0] >= site.end else site.start - a[1]))
                laterality = self._laterality(site)
                if target[2] == "calcinosis" or (target[2] == "lesion" and has_calcinosis):
                    if self.calcinosis is None:
                        first = target[3] or site
                        self.calcinosis = self.add(("dx", "CalcinosisCutis"), "diagnosis", "CalcinosisCutis", "present", "lesion word with an anatomic site", first)
                    self.calcinosis.sites.setdefault(site.term, laterality)
                    self.calcinosis.mentions.append(site)
                if target[3] is not None and target[2] != "calcinosis":
                    fact = self.fact_for(target[3])
                    if fact is not None and fact.type in ("diagnosis", "finding", "test", "procedure"):
                        fact.sites.setdefault(site.term, laterality)

    def _laterality(self, site: Mention) -> str | None:
        match = _LATERALITY.search(self.masked, max(site.sentence.start, site.start - 30), site.start)
        if not match:
            return None
        word = match.group(1).lower()
        return "bilateral" if word in ("bilateral", "both") else word

    def drop_general(self) -> None:
        kept = list(self.facts.values())
        for fact in kept:
            if fact.type not in ("diagnosis", "finding", "drug", "procedure") or fact.status in ("absent", "contraindicated", "precluded"):
                continue
            term = self.terms.resolve(fact.term)
            if term is None:
                continue
            for other in kept:
                if other is fact or other.type != fact.type or other.status in ("absent", "contraindicated", "precluded"):
                    continue
                other_term = self.terms.resolve(other.term)
                if other_term is not None and term.iri in other_term.ancestors:
                    other.mentions.extend(fact.mentions)
                    for site, side in fact.sites.items():
                        other.sites.setdefault(site, side)
                    self.facts.pop(fact.key, None)
                    break
        if self.calcinosis is not None:
            sites = self.calcinosis.sites
            for site in list(sites):
                if any(site in self.part_of.get(other, ()) for other in sites if other != site):
                    sites.pop(site)
            # tissue layers (skin, soft tissue, subcutis: no part-of parent) give way to body regions
            def regional(site: str) -> bool:
                return bool(self.part_of.get(site, set()) - {"AnatomicSite", "Term"})

            if any(regional(s) for s in sites):
                for site in [s for s in sites if not regional(s)]:
                    sites.pop(site)

    def subtype_and_size(self, patient: list[Mention]) -> None:
        if self.calcinosis is None:
            return
        scores: dict[str, float] = {}
        for sentence in self.sentences:
            name = self.section(sentence.start)
            weight = 3.0 if self.patient_sentence[sentence] and name in _PATIENT_SECTIONS else 2.0 if name in ("keywords", "front_matter") else 1.5 if self.patient_sentence[sentence] else 1.0 if name == "conclusion" else 0.0
            if name == "front_matter" and sentence.start > 600:
                weight = 0.0
            if not weight:
                continue
            text = self.sentence_text(sentence)
            hits = [(term, match) for term, pattern in _SUBTYPE_WORDS for match in pattern.finditer(text) if not _NOT_THIS.search(text[: match.start()])]
            if len({t for t, _ in hits}) >= 3:  # a list of the subtypes is taxonomy, not this case
                continue
            for term, _ in hits:
                scores[term] = scores.get(term, 0.0) + weight
        if scores:
            best = max(sorted(scores), key=lambda t: scores[t])
            self.calcinosis.extra["subtype"] = best
            self.calcinosis.rule += f"; subtype from subtype words (score {scores[best]:g})"
        else:
            subtype = self._subtype_from_conditions()
            if subtype:
                self.calcinosis.extra["subtype"] = subtype
                self.calcinosis.rule += "; subtype inferred from associated conditions"
                self.calcinosis.confidence = min(self.calcinosis.confidence, 0.5)
            else:
                self.notes.append("REVIEW: no calcinosis subtype found; the build needs one (set subtype on the calcinosis diagnosis)")
        if not self.calcinosis.sites:
            self.notes.append("REVIEW: no site found for the calcinosis diagnosis; the build needs at least one")
        # sizes: a size statement belongs to the nearest lesion or condition word before it
        for sentence in {m.sentence for m in patient}:
            for size in find_sizes(self.masked, sentence.start, sentence.end):
                before = [m for m in patient if m.sentence == sentence and m.end <= size.start and m.branch in ("Condition", "ClinicalFinding")]
                words = [w for w in LESION_WORD.finditer(self.masked, sentence.start, size.start)]
                nearest_mention = max(before, key=lambda m: m.end) if before else None
                nearest_word = words[-1].end() if words else -1
                target = self.calcinosis
                if nearest_mention is not None and nearest_mention.end > nearest_word:
                    fact = self.fact_for(nearest_mention)
                    if fact is not None and fact.type in ("diagnosis", "finding"):
                        target = fact
                elif nearest_word < 0:
                    continue
                if "size" not in target.extra:
                    target.extra["size"] = {"dimensions": list(size.dimensions), "unit": size.unit}
                    target.extra["size_span"] = (sentence.start, sentence.end)

    def _subtype_from_conditions(self) -> str | None:
        present = {f.term for f in self.facts.values() if f.status != "absent"}
        if any(self.is_a(t, "AutoimmuneConnectiveTissueDisease") or t in ("SystemicSclerosis", "Dermatomyositis", "JuvenileDermatomyositis", "SystemicLupusErythematosus") for t in present):
            return "DystrophicCalcinosisCutis"
        if present & {"Extravasation", "CalciumGluconate"}:
            return "IatrogenicCalcinosisCutis"
        if present & {"RenalFailure", "ChronicKidneyDisease", "Hyperphosphatemia", "Hypercalcemia"}:
            return "MetastaticCalcinosisCutis"
        return None


def _part_of_closure(terms: TermIndex) -> dict[str, set[str]]:
    """For each anatomic site, every site it is part of or a kind of (transitively)."""
    graph = terms.graph
    parents: dict[str, set[str]] = {}
    for term in terms.terms.values():
        if terms.branch_of(term) != "AnatomicSite":
            continue
        ups = {str(a).rsplit("/", 1)[-1] for a in term.ancestors}
        for restriction in graph.objects(term.iri, RDFS.subClassOf):
            if not isinstance(restriction, URIRef) and graph.value(restriction, OWL.onProperty) == CCK.partOf:
                target = graph.value(restriction, OWL.someValuesFrom)
                if target is not None:
                    ups.add(str(target).rsplit("/", 1)[-1])
        parents[term.local_name] = ups
    closure: dict[str, set[str]] = {}
    for name in parents:
        seen: set[str] = set()
        stack = list(parents[name])
        while stack:
            up = stack.pop()
            if up not in seen:
                seen.add(up)
                stack.extend(parents.get(up, ()))
        closure[name] = seen
    return closure


def _slug(term: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", term).lower().replace("--", "-")


_PREFIX = {"diagnosis": "dx", "finding": "find", "test": "test", "drug": "drug", "procedure": "proc", "organism": "org"}


def assemble(text: str, masked: str, sections: list[SectionSpan], mentions: list[Mention], sentences: list[Sentence],
             defined: dict[str, str], terms: TermIndex, generic: frozenset[str], report_file: str, record_id: str) -> dict[str, Any]:
    """The draft record as a plain mapping, ready to dump as YAML."""
    work = _Assembler(text, masked, sections, mentions, sentences, defined, terms, generic)
    work.run()
    record: dict[str, Any] = {
        "record": 1,
        "id": record_id,
        "report": {"file": report_file, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "length": len(text)},
        "sections": [{"name": s.name, "span": [s.start, s.end]} for s in sections],
        "publication": _publication(work),
        "patient": _patient(work),
        "facts": [],
    }
    ids: dict[int, str] = {}
    used: set[str] = set()
    ordered = sorted(work.facts.values(), key=lambda f: (f is not work.calcinosis, min(m.start for m in f.mentions)))
    for fact in ordered:
        base = f"{_PREFIX[fact.type]}-{_slug(fact.term)}" + (f"-{fact.status}" if fact.type in ("diagnosis", "finding") and fact.status not in ("present", None) else "")
        fid, n = base, 2
        while fid in used:
            fid, n = f"{base}-{n}", n + 1
        used.add(fid)
        ids[id(fact)] = fid
    order = 0
    for fact in ordered:
        item: dict[str, Any] = {"id": ids[id(fact)], "type": fact.type}
        if fact.type == "diagnosis":
            item["condition"] = fact.term
            item["status"] = fact.status
            if fact is work.calcinosis:
                if "subtype" in fact.extra:
                    item["subtype"] = fact.extra["subtype"]
                item["category"] = "primary"
            else:
                item["category"] = "suspected" if fact.status == "possible" else "comorbidity"
        elif fact.type == "finding":
            item["finding"] = fact.term
            item["status"] = fact.status
        elif fact.type == "test":
            item["test"] = fact.term
            if "result" in fact.extra:
                item["result"] = fact.extra["result"]
        elif fact.type == "drug":
            item["drug"] = fact.term
            item["status"] = fact.status
            if "route" in fact.extra:
                item["route"] = fact.extra["route"]
            if "response" in fact.extra:
                item["response"] = fact.extra["response"]
                if work.calcinosis is not None and work.calcinosis is not fact:
                    sentence: Sentence = fact.extra["response_sentence"]
                    if any(m.sentence == sentence for m in work.calcinosis.mentions) or LESION_WORD.search(masked, sentence.start, sentence.end):
                        item["response_for"] = [ids[id(work.calcinosis)]]
        elif fact.type == "procedure":
            item["procedure"] = fact.term
            item["status"] = fact.status
            if fact.status == "performed":
                order += 1
                item["order"] = order
        elif fact.type == "organism":
            item["organism"] = fact.term
            item["status"] = fact.status
        if fact.sites and fact.type in ("diagnosis", "finding", "test", "procedure"):
            item["sites"] = [{"site": s, **({"laterality": side} if side else {})} for s, side in fact.sites.items()]
        if "size" in fact.extra and fact.type in ("diagnosis", "finding"):
            item["size"] = fact.extra["size"]
        item["evidence"] = work.evidence(fact.mentions)
        item["note"] = f"draft: rule {fact.rule}, confidence {fact.confidence:.1f}"
        record["facts"].append(item)
    claims = _claims(work)
    if claims:
        record["claims"] = claims
    covered = [(m.start, m.end) for m in mentions]
    candidate_notes = []
    for section in sections:
        if section.name in ("front_matter", "references", "citation", "declarations", "keywords"):
            continue
        for candidate in find_candidates(masked, covered, section.start, section.end):
            candidate_notes.append(f"candidate term ({candidate.kind}, {candidate.rule}): {candidate.text} at {section.name} [{candidate.start}, {candidate.end}]; not in the ontology")
    seen_notes: list[str] = []
    for note in [
        "draft: proposed by kg extract; every fact carries a draft note (rule and confidence); review each, then delete the draft notes",
        *(f"draft: abbreviation defined in the text: {a} = {t}" for a, t in sorted(defined.items())),
        *work.notes,
        *candidate_notes,
    ]:
        if note not in seen_notes:
            seen_notes.append(note)
    record["notes"] = seen_notes
    return record


def _publication(work: _Assembler) -> dict[str, Any]:
    pub: dict[str, Any] = {}
    title = re.search(r"(?m)^#[ \t]+(\S[^\n]*)$", work.text)
    front = next((s for s in work.sections if s.name == "front_matter"), None)
    if title and front and title.end(1) <= front.end:
        pub["title"] = {"span": [title.start(1), title.end(1)]}
        pub["evidence"] = [{"section": "front_matter", "span": [title.start(1), title.end(1)]}]
    keywords = next((s for s in work.sections if s.name == "keywords"), None)
    if keywords:
        body = work.masked[keywords.start : keywords.end]
        _, _, after = body.partition(":")
        words = [w.strip(" .\n") for w in re.split(r"[;,]", after) if w.strip(" .\n")]
        if words:
            pub["keywords"] = words
            start, end = work.clip(keywords.start, keywords.end)
            pub.setdefault("evidence", []).append({"section": "keywords", "span": [start, end]})
    pub["note"] = "draft: only the title and keywords are proposed; add authors, journal, year, DOI and dates as printed"
    return pub


def _patient(work: _Assembler) -> dict[str, Any]:
    patient: dict[str, Any] = {}
    order = [s for name in ("case", "abstract", "introduction") for s in work.sections if s.name == name]
    for section in order:
        age = find_age(work.masked, section.start, section.end)
        if age:
            sex = find_sex(work.masked, section.start, section.end, near=age.end)
            patient["age"] = {"value": age.value, "unit": age.unit, "evidence": [{"section": section.name, "span": [age.start, (sex.end if sex and sex.start - age.end <= 60 else age.end)]}]}
            if sex:
                patient["sex"] = {"value": sex.value, "evidence": [{"section": section.name, "span": [sex.start if sex.start < age.start else age.start, max(sex.end, age.end)]}]}
            break
    if "sex" not in patient:
        for section in order:
            sex = find_sex(work.masked, section.start, section.end)
            if sex:
                patient["sex"] = {"value": sex.value, "evidence": [{"section": section.name, "span": [sex.start, sex.end]}]}
                break
    if "age" not in patient:
        work.notes.append("REVIEW: no age found; the build needs the patient's age")
    if "sex" not in patient:
        work.notes.append("REVIEW: no sex found; the build needs the patient's sex")
    return patient


def _claims(work: _Assembler) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    by_sentence: dict[Sentence, list[Mention]] = {}
    for m in work.mentions:
        if not work.patient_sentence.get(m.sentence) and work.section(m.start) in _BACKGROUND_SECTIONS:
            by_sentence.setdefault(m.sentence, []).append(m)
    for sentence in sorted(by_sentence, key=lambda s: s.start):
        mentions = by_sentence[sentence]
        treatments = [m.term for m in mentions if m.term not in work.generic and (m.branch == "Drug" or (m.branch == "Procedure" and not work.is_a(m.term, "DiagnosticProcedure")))]
        subjects = [m.term for m in mentions if m.term == "CalcinosisCutis" or work.is_a(m.term, "CalcinosisCutis")]
        conditions = [m.term for m in mentions if m.branch == "Condition" and m.term not in subjects and m.term not in work.generic]
        if treatments:
            kind, objects = "treatment_option", treatments
        elif subjects and conditions:
            kind, objects = "association", conditions
        else:
            continue
        objects = list(dict.fromkeys(objects))
        subject = list(dict.fromkeys(subjects)) or ["CalcinosisCutis"]
        section = work.section(sentence.start)
        summary = f"draft: {kind.replace('_', ' ')} named in the {section}: " + ", ".join(objects)
        span = work.clip(sentence.start, sentence.end)
        claims.append({
            "id": f"claim-{len(claims) + 1}",
            "kind": kind,
            "subject": subject,
            "object": objects,
            "summary": summary[:300],
            "evidence": [{"section": section, "span": list(span)}],
            "note": "draft: background statement (no reference to the patient); not a patient fact",
        })
    return claims
