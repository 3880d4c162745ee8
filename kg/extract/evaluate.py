"""Compare an extracted (draft) record with a curated one: precision, recall and F1 per category.

Pure functions. Each category is a set of items taken from a record; an
extracted item is correct when the curated record has the same item (ontology
terms compared by local name, a standard id that a project term cross-references
counting as that term, as the build reads it; statuses as defined below). Categories:

- ``conditions``: Condition-branch terms of diagnosis and finding facts whose
  status is present, possible or historical (not absent).
- ``findings``: ClinicalFinding-branch terms (signs, symptoms, abnormal
  results such as ``HP:`` phenotypes) of diagnosis and finding facts whose
  status is not absent.
- ``subtype``: subtype terms of calcinosis cutis diagnoses (status not absent).
- ``sites``: site terms of calcinosis cutis diagnoses (status not absent);
  laterality is not compared.
- ``drugs_given``: drug terms of drug facts whose status is not
  ``contraindicated`` (given, continued, held, stopped, switched, historical, or
  no status).
- ``procedures``: therapeutic procedure terms (Procedure branch, not under
  ``DiagnosticProcedure``) of procedure and test facts, and terms outside the
  Procedure branch of procedure facts.
- ``tests``: diagnostic procedure terms (under ``DiagnosticProcedure``) of
  procedure and test facts, and terms outside the Procedure branch of test
  facts. A term is sorted by its branch, not by the fact type, because
  curators record a skin biopsy as a ``procedure`` in one record and as a
  ``test`` in another.
- ``procedures_tests``: the union of the two (the procedures and tests of the
  patient, however recorded).

Procedure facts count when their status is ``performed`` or not stated
(precluded and planned procedures excluded); test facts always count.
- ``negated_findings``: terms of diagnosis and finding facts with status ``absent``.
- ``demographics``: ``age=<value> <unit>`` and ``sex=<value>`` of the patient.

Precision is 1 when nothing was extracted and nothing was expected, 0 when
nothing was extracted but something was expected; recall likewise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from rdflib import URIRef

from kg.namespaces import CCK
from kg.ontology.terms import TermIndex
from kg.records.model import Diagnosis, DrugExposure, Finding, ProcedureEvent, Record, Test

__all__ = ["CATEGORIES", "Score", "PairResult", "category_items", "score", "evaluate_pair", "total", "format_table", "to_json"]

CATEGORIES: tuple[str, ...] = (
    "conditions",
    "findings",
    "subtype",
    "sites",
    "drugs_given",
    "procedures",
    "tests",
    "procedures_tests",
    "negated_findings",
    "demographics",
)


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class PairResult:
    record_id: str
    scores: dict[str, Score]


_CCK = str(CCK)


def _concept(name: str, mapped: Mapping[str, URIRef]) -> str:
    """A term as compared: its local name; a standard id that a project term cross-references counts as that term."""
    local = name[4:] if name.startswith("cck:") else name
    iri = mapped.get(local)
    return local if iri is None else iri[len(_CCK) :]


def category_items(record: Record, terms: TermIndex) -> dict[str, set[str]]:
    """The items of every category in one record."""
    items: dict[str, set[str]] = {name: set() for name in CATEGORIES}
    mapped = terms.mapped_ids

    def _local(name: str) -> str:
        return _concept(name, mapped)

    for fact in record.facts:
        if isinstance(fact, (Diagnosis, Finding)):
            term = _local(fact.condition if isinstance(fact, Diagnosis) else fact.finding)
            if fact.status == "absent":
                items["negated_findings"].add(term)
                continue
            if terms.in_branch(term, "Condition"):
                items["conditions"].add(term)
            elif terms.in_branch(term, "ClinicalFinding"):
                items["findings"].add(term)
            if isinstance(fact, Diagnosis) and terms.in_branch(term, "CalcinosisCutis"):
                if fact.subtype:
                    items["subtype"].add(_local(fact.subtype))
                items["sites"].update(_local(s.site) for s in fact.sites)
        elif isinstance(fact, DrugExposure):
            if fact.status != "contraindicated":
                items["drugs_given"].add(_local(fact.drug))
        elif isinstance(fact, ProcedureEvent):
            if fact.status in (None, "performed"):
                items[_procedure_kind(_local(fact.procedure), "procedures", terms)].add(_local(fact.procedure))
        elif isinstance(fact, Test):
            items[_procedure_kind(_local(fact.test), "tests", terms)].add(_local(fact.test))
    items["procedures_tests"] = items["procedures"] | items["tests"]
    if record.patient.age is not None:
        items["demographics"].add(f"age={record.patient.age.value:g} {record.patient.age.unit}")
    if record.patient.sex is not None:
        items["demographics"].add(f"sex={record.patient.sex.value}")
    return items


def _procedure_kind(term: str, fact_kind: str, terms: TermIndex) -> str:
    """``tests`` for a diagnostic procedure, ``procedures`` for another procedure, else the fact's own kind."""
    if terms.in_branch(term, "DiagnosticProcedure"):
        return "tests"
    if terms.in_branch(term, "Procedure"):
        return "procedures"
    return fact_kind


def score(extracted: set[str], curated: set[str]) -> Score:
    return Score(
        tp=len(extracted & curated),
        fp=len(extracted - curated),
        fn=len(curated - extracted),
        false_positives=tuple(sorted(extracted - curated)),
        false_negatives=tuple(sorted(curated - extracted)),
    )


def evaluate_pair(extracted: Record, curated: Record, terms: TermIndex) -> PairResult:
    got, want = category_items(extracted, terms), category_items(curated, terms)
    return PairResult(curated.id, {name: score(got[name], want[name]) for name in CATEGORIES})


def total(results: Iterable[PairResult]) -> dict[str, Score]:
    """Micro-averaged scores over several pairs (counts summed)."""
    sums: dict[str, Score] = {name: Score(0, 0, 0) for name in CATEGORIES}
    for result in results:
        for name, s in result.scores.items():
            t = sums[name]
            sums[name] = Score(t.tp + s.tp, t.fp + s.fp, t.fn + s.fn)
    return sums


def format_table(results: list[PairResult], show_errors: bool = False) -> str:
    """A plain-text table: one block per pair, plus the micro-average when there are several."""
    lines = []
    header = f"{'record':24} {'category':18} {'tp':>3} {'fp':>3} {'fn':>3} {'prec':>5} {'rec':>5} {'f1':>5}"
    lines.append(header)
    lines.append("-" * len(header))
    blocks = [(r.record_id, r.scores) for r in results]
    if len(results) > 1:
        blocks.append(("ALL (micro)", total(results)))
    for record_id, scores in blocks:
        for name in CATEGORIES:
            s = scores[name]
            lines.append(f"{record_id:24} {name:18} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>5.2f} {s.recall:>5.2f} {s.f1:>5.2f}")
            if show_errors and (s.false_positives or s.false_negatives):
                if s.false_positives:
                    lines.append(f"{'':24}   extra:   {', '.join(s.false_positives)}")
                if s.false_negatives:
                    lines.append(f"{'':24}   missing: {', '.join(s.false_negatives)}")
    return "\n".join(lines) + "\n"


def _score_dict(s: Score) -> dict[str, object]:
    data = asdict(s)
    data.update(precision=round(s.precision, 4), recall=round(s.recall, 4), f1=round(s.f1, 4))
    data["false_positives"] = list(s.false_positives)
    data["false_negatives"] = list(s.false_negatives)
    return data


def to_json(results: list[PairResult]) -> str:
    data = {
        "categories": list(CATEGORIES),
        "pairs": [{"record": r.record_id, "scores": {n: _score_dict(s) for n, s in r.scores.items()}} for r in results],
        "total": {n: _score_dict(s) for n, s in total(results).items()},
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"
