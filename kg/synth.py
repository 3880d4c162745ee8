"""Synthetic corpora: case records (record format v1) with the report texts they point into.

:func:`generate_case` composes one case from ontology terms: a report text in
sections of short template sentences, and a record whose every fact, claim,
reference and bibliographic field has evidence offsets into that text (so the
sha256 and spans are real). A case depends only on the seed and its index, so
case 3 is the same in a corpus of 5 or of 1,000. :func:`write_corpus` writes
``DIR/data/<id>.yaml`` and ``DIR/reports/<id>.txt`` for ``kg build``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .synth_text import Draft, Layout, assemble
from .synth_vocab import CITIES, DEPARTMENTS, FIRST_NAMES, JOURNALS, SURNAMES, TermChoice, Vocabulary
from .terms import TermIndex

__all__ = ["SYNTH_PREFIX", "SynthCase", "CorpusSummary", "case_id", "generate_case", "dump_record", "write_corpus"]

SYNTH_PREFIX = "synth-"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SynthCase:
    """One synthetic case: its record (as YAML-ready data) and its report text."""

    id: str
    record: dict[str, Any]
    text: str

    @property
    def report_file(self) -> str:
        return f"{self.id}.txt"


@dataclass(frozen=True)
class CorpusSummary:
    """What :func:`write_corpus` wrote."""

    cases: int
    seed: int
    data_dir: Path
    reports_dir: Path
    facts: int
    claims: int


def case_id(index: int) -> str:
    """The record id of the case with this index (``synth-000042``)."""
    return f"{SYNTH_PREFIX}{index:06d}"


def generate_case(index: int, seed: int, vocabulary: Vocabulary) -> SynthCase:
    """Compose case ``index`` of the corpus of ``seed``; the same inputs give the same case."""
    return _Case(index, seed, vocabulary).build()


# ---------------------------------------------------------------------------
# small text helpers

def _slug(name: str) -> str:
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name).lower()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _an(text: str) -> str:
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _misspell(label: str, rng: random.Random) -> str:
    """Swap two inner letters of the label's longest word (a printed typo)."""
    words = label.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return label + "e"
    at = rng.randint(1, len(word) - 3)
    if word[at] == word[at + 1]:
        word = word[:at] + word[at + 1 :]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[longest] = word
    return " ".join(words)


_ISSUES = ("misspelling", "implausible_date", "size_mismatch", "missing_negation", "destination_mismatch")
_RULE_OUT = {
    "DeepVeinThrombosis": ("DuplexUltrasound", "venous"),
    "ArterialOcclusion": ("DopplerUltrasound", "arterial"),
    "Osteomyelitis": ("MagneticResonanceImaging", ""),
    "Fracture": ("Radiograph", ""),
    "JointDislocation": ("Radiograph", ""),
}
_MIDLINE = {"Chin", "Face", "NasalSill", "Nose", "SacralRegion", "Trunk", "Thorax"}


class _Case:
    """The generator of one case: plans facts and writes the sentences that state them."""

    def __init__(self, index: int, seed: int, vocabulary: Vocabulary) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.id = case_id(index)
        self.v = vocabulary
        self.draft = Draft()
        self.facts: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.used: set[str] = set()

    # -- plumbing ------------------------------------------------------------

    def pick(self, seq: Any) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def sample(self, seq: Any, k: int) -> list[Any]:
        return self.rng.sample(list(seq), min(k, len(seq)))

    def new_id(self, prefix: str, slug: str) -> str:
        base = f"{prefix}-{slug}"
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def fact(self, prefix: str, term: TermChoice | None, kind: str, **fields: Any) -> str:
        fid = self.new_id(prefix, _slug(term.name) if term else fields.get("outcome", kind))
        self.facts.append({"id": fid, "type": kind, **{k: v for k, v in fields.items() if v not in (None, [], ())}})
        if term is not None:
            self.used.add(term.name)
        return fid

    def get(self, fid: str) -> dict[str, Any]:
        return next(f for f in self.facts if f["id"] == fid)

    def annotate(self, fid: str, issue: str, note: str) -> None:
        fact = self.get(fid)
        fact["note"] = note
        fact["source_issue"] = issue

    def say(self, text: str, *targets: str) -> None:
        self.draft.say("case", text, *targets)

    def unused(self, role: str, k: int = 1) -> list[TermChoice]:
        pool = [c for c in self.v[role] if c.name not in self.used]
        return self.sample(pool, k)

    def site(self, choice: TermChoice, side: str | None = None) -> tuple[dict[str, Any], str]:
        """A site entry and its words, with a side for paired sites."""
        if choice.name in _MIDLINE or choice.name not in {c.name for c in self.v["paired_site"]}:
            return {"site": choice.name}, choice.label
        side = side or self.pick(("left", "right", "left", "right", "bilateral"))
        words = f"{choice.label} on both sides" if side == "bilateral" else f"{side} {choice.label}"
        return {"site": choice.name, "laterality": side}, words

    # -- the case ------------------------------------------------------------

    def build(self) -> SynthCase:
        r = self.rng
        self.target = r.randint(36, 77)
        self.issues = set(self.sample(_ISSUES, max(1, round(self.target * r.uniform(0.02, 0.05)))))
        self.plan_patient()
        self.front_matter()
        self.history()
        self.presentation()
        self.workup()
        self.calcinosis()
        self.infection()
        self.operations()
        self.medicines()
        self.outcomes()
        self.pad()
        self.abstract()
        self.background()
        self.figures()
        self.declarations()
        layout = assemble(self.draft)
        return SynthCase(self.id, self.record(layout), layout.text)

    def plan_patient(self) -> None:
        r = self.rng
        self.female = r.random() < 0.68
        self.she, self.her = ("she", "her") if self.female else ("he", "his")
        self.person = "woman" if self.female else "man"
        weights = {"DystrophicCalcinosisCutis": 45, "MetastaticCalcinosisCutis": 15, "Calciphylaxis": 14,
                   "IatrogenicCalcinosisCutis": 12, "IdiopathicCalcinosisCutis": 14}
        subtypes = list(self.v["subtype"])
        self.subtype = r.choices(subtypes, [weights.get(c.name, 10) for c in subtypes])[0]
        juvenile = self.subtype.name == "DystrophicCalcinosisCutis" and r.random() < 0.15
        if juvenile:
            self.driver: TermChoice | None = self.pick(self.v["juvenile"])
            self.age = r.randint(7, 17)
            self.person = "girl" if self.female else "boy"
        else:
            self.age = r.randint(24, 86)
            if self.subtype.name == "DystrophicCalcinosisCutis":
                self.driver = self.pick(self.v["autoimmune"])
            elif self.subtype.name in ("MetastaticCalcinosisCutis", "Calciphylaxis"):
                self.driver = self.pick(self.v["renal"])
            elif self.subtype.name == "IatrogenicCalcinosisCutis":
                self.driver = self.pick(self.v["extravasation"])
            else:
                self.driver = None
        self.pub_year = r.randint(2012, 2024)
        sites = self.sample(self.v["skin_site"], r.choices((1, 2, 3, 4), (35, 35, 20, 10))[0])
        self.sites = [self.site(s) for s in sites]
        self.main_site = self.sites[0]
        dims = sorted((round(r.uniform(0.5, 9.0), 1) for _ in range(r.randint(1, 3))), reverse=True)
        self.size = {"dimensions": [int(d) if d == int(d) else d for d in dims], "unit": "cm"}

    # -- front matter and references -------------------------------------------

    def front_matter(self) -> None:
        r = self.rng
        d = self.draft
        with_driver = f" with {self.driver.label}" if self.driver and self.driver.name != "Extravasation" else ""
        title = f"{_cap(self.subtype.label)} of the {self.main_site[1]} in {_an(f'{self.age}-year-old {self.person}')}{with_driver}: a synthetic case"
        d.say("front_matter", title, "@title", "@pub")
        self.authors = [f"{self.pick(FIRST_NAMES)} {self.pick(SURNAMES)}" for _ in range(r.randint(2, 6))]
        d.say("front_matter", ", ".join(self.authors), "@pub")
        d.say("front_matter", f"{self.pick(DEPARTMENTS)}, {self.pick(CITIES)} General Hospital")
        received = _date(self.pub_year - (1 if r.random() < 0.3 else 0), r)
        accepted = received + _days(r.randint(21, 150))
        published = accepted + _days(r.randint(7, 60))
        self.dates = (received, accepted, published)
        d.say("front_matter", f"Received: {received.isoformat()}; Accepted: {accepted.isoformat()}; Published: {published.isoformat()}", "@pub")
        self.journal = self.pick(JOURNALS)
        self.volume, self.issue = str(r.randint(3, 60)), str(r.randint(1, 12))
        first = r.randint(10, 900)
        self.pages = f"{first}-{first + r.randint(2, 9)}"
        self.doi = f"10.5555/synth.{self.pub_year}.{r.randint(1000, 99999)}"
        d.say("front_matter", f"{self.journal}. {self.pub_year};{self.volume}({self.issue}):{self.pages}. doi: {self.doi}", "@pub")
        self.keywords = ["calcinosis cutis", self.subtype.label] + ([self.driver.label] if self.driver else []) + ["case report"]
        prefix = "Keywords: "
        line = prefix + "; ".join(self.keywords)
        d.say("keywords", line, parts=(("@keywords", len(prefix), len(line)),))
        self.references = self.reference_list(r.randint(5, 20))

    def reference_list(self, count: int) -> list[dict[str, Any]]:
        r = self.rng
        refs = []
        topics = ["calcinosis cutis", "dystrophic calcification", "calciphylaxis", "soft tissue calcification",
                  f"calcinosis in {self.driver.label}" if self.driver else "cutaneous calcinosis"]
        designs = ["a retrospective review of {n} patients", "a systematic review", "a single-centre cohort of {n} cases",
                   "lessons from {n} consecutive cases", "a narrative review", "results of a pilot study in {n} adults"]
        treatments = [c.label for c in self.v["calcinosis_drug"]] + ["surgical excision", "shock wave therapy"]
        for number in range(1, count + 1):
            topic = self.pick(topics)
            design = self.pick(designs).format(n=r.randint(8, 220))
            title = self.pick((
                f"{_cap(topic)}: {design}",
                f"{_cap(self.pick(treatments))} for {topic}: {design}",
                f"Imaging of {topic} in adults: {design}",
                f"Risk factors and course of {topic}",
                f"Managing {topic} in clinical practice",
            ))
            authors = [f"{self.pick(SURNAMES)} {self.pick('ABCDEFGHJKLMNPRSTW')}{self.pick(('', 'A', 'J', 'M', 'K'))}" for _ in range(r.randint(1, 4))]
            year = r.randint(1990, self.pub_year - 1)
            journal = self.pick(JOURNALS)
            volume, first = str(r.randint(1, 90)), r.randint(1, 1500)
            pages = f"{first}-{first + r.randint(3, 14)}"
            doi = f"10.5555/ref.{year}.{r.randint(100, 9999)}" if r.random() < 0.7 else None
            head = f"{number}. {', '.join(authors)}. "
            line = f"{head}{title}. {journal}. {year};{volume}:{pages}." + (f" doi: {doi}" if doi else "")
            self.draft.say("references", line, f"@ref:{number}", parts=((f"@reftitle:{number}", len(head), len(head) + len(title)),))
            ref: dict[str, Any] = {"number": number, "authors": authors, "year": year, "journal": journal, "volume": volume, "pages": pages}
            if doi:
                ref["doi"] = doi
            if r.random() < 0.06:
                ref["note"] = "The printed year and volume do not belong together for this journal; kept as printed."
                ref["source_issue"] = "citation_error"
            refs.append(ref)
        return refs

    # -- the case section ----------------------------------------------------------

    def history(self) -> None:
        r = self.rng
        she, her = self.she, self.her
        self.pain = self.fact("find", self.v["pain"][0], "finding", finding="Pain", status="present",
                              sites=[self.main_site[0]], qualifiers=[self.pick(("worsening", "constant", "throbbing", "intermittent"))],
                              timing={"duration": {"value": r.randint(2, 21), "unit": "day"}})
        duration = self.get(self.pain)["timing"]["duration"]["value"]
        self.say(f"A {self.age}-year-old {self.person} came to our clinic with {duration} days of {self.get(self.pain)['qualifiers'][0]} pain in the {self.main_site[1]}.",
                 "@age", "@sex", self.pain)
        self.comorbid: list[str] = []
        self.driver_id: str | None = None
        if self.driver is not None and self.driver.name != "Extravasation":
            years = r.randint(2, 25) if self.age > 30 else r.randint(1, max(1, self.age - 4))
            self.driver_id = self.fact("dx", self.driver, "diagnosis", condition=self.driver.name, status="present",
                                       category="comorbidity", severity=self.pick((None, "moderate", "severe")),
                                       timing={"duration": {"value": years, "unit": "year"}})
            self.say(self.pick((
                f"{_cap(self.driver.label)} had been diagnosed {years} years before this visit.",
                f"{_cap(her)} background included {self.driver.label}, known for {years} years.",
                f"For {years} years {she} had lived with {self.driver.label}.",
            )), self.driver_id)
        elif self.driver is not None:
            self.driver_id = self.fact("dx", self.driver, "diagnosis", condition=self.driver.name, status="historical",
                                       category="comorbidity", sites=[self.main_site[0]])
            drug = self.v.term("CalciumGluconate")
            self.extravasation_drug = self.fact("drug", drug, "drug", drug=drug.name, status="historical", route="intravenous")
            self.say(f"Some weeks earlier, an infusion of {drug.label} into the {self.main_site[1]} had leaked into the tissue.",
                     self.driver_id, self.extravasation_drug)
        self.paragraph()
        extra = self.unused("comorbidity", r.randint(3, 7))
        if self.subtype.name in ("MetastaticCalcinosisCutis", "Calciphylaxis"):
            extra += self.unused("mineral", 1)
        if r.random() < 0.5:
            extra += self.unused("renal", 1) if self.driver_id is None or self.subtype.name == "DystrophicCalcinosisCutis" else []
        grouped: list[tuple[str, str]] = []
        for cond in extra:
            historical = r.random() < 0.25
            fields: dict[str, Any] = {"condition": cond.name, "status": "historical" if historical else "present", "category": "comorbidity"}
            if historical:
                year = self.pub_year - r.randint(2, min(15, max(2, self.age - 1)))
                if "implausible_date" in self.issues:
                    self.issues.discard("implausible_date")
                    year = self.pub_year - self.age - r.randint(2, 6)
                    fid = self.fact("dx", cond, "diagnosis", **fields, timing={"date": str(year)})
                    self.annotate(fid, "implausible_value", f"Dated {year} as printed, which falls before the patient was born; kept as printed.")
                else:
                    fid = self.fact("dx", cond, "diagnosis", **fields, timing={"date": str(year)})
                self.say(self.pick((f"{_cap(cond.label)} had been recorded in {year}.", f"In {year} {she} was treated for {cond.label}.")), fid)
            else:
                fid = self.fact("dx", cond, "diagnosis", **fields)
                grouped.append((fid, cond.label))
            self.comorbid.append(fid)
        if grouped:
            words = _and([label for _, label in grouped])
            self.say(self.pick((f"Other known conditions were {words}.", f"{_cap(her)} medical history also listed {words}.",
                                f"{_cap(she)} was also followed for {words}.")), *[fid for fid, _ in grouped])
        self.old_drugs()

    def old_drugs(self) -> None:
        r = self.rng
        she, her = self.she, self.her
        self.immuno: str | None = None
        autoimmune = {c.name for c in (*self.v["autoimmune"], *self.v["juvenile"])}
        if self.driver_id and self.driver and self.driver.name in autoimmune:
            drugs = self.unused("immunosuppressant", r.randint(1, 2))
            for n, drug in enumerate(drugs):
                if n == 0:
                    self.immuno = self.fact("drug", drug, "drug", drug=drug.name, status="continued", indication=[self.driver_id])
                    self.say(f"{_cap(she)} was taking {drug.label} for the {self.driver.label}.", self.immuno)
                else:
                    fid = self.fact("drug", drug, "drug", drug=drug.name, status="historical", indication=[self.driver_id])
                    self.say(f"An earlier course of {drug.label} had been given for the same disease.", fid)
        self.failed: list[str] = []
        for drug in self.unused("calcinosis_drug", r.randint(1, 3)):
            fid = self.fact("drug", drug, "drug", drug=drug.name, status="historical",
                            response=self.pick(("refractory", "no_response", "partial")), response_for=["dx-calcinosis"])
            self.say(self.pick((f"Previous treatment with {drug.label} had not stopped the deposits from growing.",
                                f"A trial of {drug.label} in the past brought little change to the lesions.",
                                f"{_cap(her)} lesions had persisted despite {drug.label} given elsewhere.")), fid)
            self.failed.append(fid)
        self.paragraph()

    def paragraph(self) -> None:
        self.draft.paragraph("case")

    def presentation(self) -> None:
        r = self.rng
        she = self.she
        self.exam = self.fact("test", self.v.term("PhysicalExamination"), "test", test="PhysicalExamination", result="abnormal")
        self.say(self.pick(("On examination the affected area was clearly abnormal.", "The physical examination revealed several abnormal signs.")), self.exam)
        self.vitals = self.fact("test", self.v.term("PhysicalExamination"), "test", test="PhysicalExamination", result="normal")
        stable = self.fact("find", self.v["stable"][0], "finding", finding="HemodynamicStability", status="present", found_by=[self.vitals])
        self.say(self.pick(("Vital signs were normal and the circulation was stable.", f"{_cap(she)} had normal vital signs and was haemodynamically stable.")), self.vitals, stable)
        self.negated = r.randint(2, 4)
        self.ruled_out_count = r.randint(1, min(2, self.negated))
        absent_signs = self.sample(self.v["absent_sign"], self.negated - self.ruled_out_count)
        self.used.update(c.name for c in absent_signs)
        self.signs: list[str] = []
        for sign in self.unused("sign", r.randint(5, 8)):
            site, words = self.sites[r.randrange(len(self.sites))]
            qualifier = self.pick(("mild", "marked", "tender", "firm", "localized", "diffuse", "scant"))
            fid = self.fact("find", sign, "finding", finding=sign.name, status="present", sites=[site], qualifiers=[qualifier], found_by=[self.exam])
            if "missing_negation" in self.issues and sign.name in {"PurulentDischarge", "WoundDrainage", "Fluctuance", "SubcutaneousCrepitus"}:
                self.issues.discard("missing_negation")
                self.say(f"The skin over the {words} was intact and dry, with {qualifier} {sign.label} at the margin.", fid)
                self.annotate(fid, "missing_negation", "Stated as present in a sentence that otherwise describes intact, dry skin; a dropped negation is likely. Kept as printed.")
            else:
                self.say(self.pick((f"There was {qualifier} {sign.label} over the {words}.", f"{_cap(qualifier)} {sign.label} was found at the {words}.",
                                    f"The {words} showed {qualifier} {sign.label}.")), fid)
            self.signs.append(fid)
        nodule = self.v.term("SubcutaneousNodule")
        self.nodules = self.fact("find", nodule, "finding", finding=nodule.name, status="present",
                                 sites=[s for s, _ in self.sites], qualifiers=["hard", self.pick(("white", "chalky", "yellowish", "gritty"))], found_by=[self.exam])
        self.say(f"Hard {self.get(self.nodules)['qualifiers'][1]} nodules could be felt under the skin of the {_and([w for _, w in self.sites])}.", self.nodules)
        for sign in absent_signs:
            fid = self.fact("find", sign, "finding", finding=sign.name, status="absent", found_by=[self.exam])
            self.say(self.pick((f"No {sign.label} was present.", f"There was no {sign.label}.", f"{_cap(sign.label)} was absent.")), fid)
        if self.driver and self.driver.name != "Extravasation" and r.random() < 0.6:
            antibody = self.pick(self.v["antibody"])
            fid = self.fact("find", antibody, "finding", finding=antibody.name, status="present", timing={"date": str(self.pub_year - r.randint(1, 8))})
            self.say(f"Earlier serology had been reported as {antibody.label}.", fid)
        self.paragraph()
        self.suspected: list[tuple[str, TermChoice]] = []
        self.anticoag: str | None = None
        for cond in self.unused("suspected", self.ruled_out_count):
            fid = self.fact("dx", cond, "diagnosis", condition=cond.name, status="possible", category="suspected")
            self.suspected.append((fid, cond))
        if self.suspected:
            self.say(self.pick(("The admitting team first considered {x}.", "Initial concerns were {x}.", "The first working diagnoses included {x}.")).format(
                x=_and([c.label for _, c in self.suspected])), *[fid for fid, _ in self.suspected])
            dvt = [fid for fid, c in self.suspected if c.name in ("DeepVeinThrombosis", "ArterialOcclusion")]
            if dvt:
                drug = self.pick(self.v["anticoagulant"])
                self.anticoag = self.fact("drug", drug, "drug", drug=drug.name, status="stopped", route=self.pick(("intravenous", "subcutaneous")), indication=dvt)
                self.say(f"{_cap(drug.label)} was started while the vessels were assessed.", self.anticoag)

    def workup(self) -> None:
        r = self.rng
        self.labs: list[str] = []
        mineral_high = self.subtype.name in ("MetastaticCalcinosisCutis", "Calciphylaxis")
        for test in self.sample(self.v["lab"], r.randint(4, 6)):
            if test.name in ("SerumCalciumTest", "SerumPhosphorusTest"):
                result = "elevated" if mineral_high and r.random() < 0.7 else "normal"
            else:
                result = self.pick(("normal", "normal", "elevated", "abnormal" if test.name == "CompleteBloodCount" else "decreased"))
            fid = self.fact("test", test, "test", test=test.name, result=result)
            verb = {"normal": "was within the reference range", "elevated": "came back raised", "abnormal": "was abnormal", "decreased": "was low"}[result]
            self.say(self.pick((f"The {test.label} {verb}.", f"A {test.label} {verb}.")), fid)
            self.labs.append(fid)
            if test.name == "CompleteBloodCount" and result == "abnormal" and "Anemia" not in self.used:
                anemia = next((c for c in self.v["comorbidity"] if c.name == "Anemia"), None)
                if anemia:
                    a = self.fact("find", anemia, "finding", finding="Anemia", status="present", found_by=[fid])
                    self.say("The blood count showed anaemia.", a)
        self.paragraph()
        self.ruled_out: list[str] = []
        for possible, cond in self.suspected:
            test = self.v.term(_RULE_OUT[cond.name][0])
            kind = _RULE_OUT[cond.name][1]
            tid = self.fact("img", test, "test", test=test.name, result="negative" if kind else "normal", sites=[self.main_site[0]])
            absent = self.fact("dx", cond, "diagnosis", condition=cond.name, status="absent", found_by=[tid])
            self.say(self.pick((f"{_cap(_an(((kind + ' ') if kind else '') + test.label))} of the {self.main_site[1]} ruled out {cond.label}.",
                                f"{_cap(cond.label)} was excluded by {_an(test.label)} of the {self.main_site[1]}.")), tid, absent)
            self.ruled_out.append(absent)
            if cond.name == "ArterialOcclusion":
                pulse = self.v["pulse"][0]
                artery = self.pick(self.v["artery"])
                p = self.fact("find", pulse, "finding", finding=pulse.name, status="present", sites=[{"site": artery.name}], found_by=[tid])
                self.say(f"Flow signals were clear in the {artery.label}.", p)
        if self.anticoag:
            fact = self.get(self.anticoag)
            fact["reason"] = list(self.ruled_out)
            self.say(f"The {self.label_of(self.anticoag)} was then stopped.", self.anticoag)
        self.imaging: list[str] = []
        for test in self.sample(self.v["imaging"], r.randint(2, 3)):
            site, words = self.sites[r.randrange(len(self.sites))]
            tid = self.fact("img", test, "test", test=test.name, result="abnormal", sites=[site])
            calc = self.fact("find", self.v["calcification"][0], "finding", finding="SoftTissueCalcification", status="present",
                             sites=[site], qualifiers=[self.pick(("dense", "amorphous", "lobulated", "sheet-like", "punctate"))], found_by=[tid])
            self.say(self.pick((f"{_cap(_an(test.label))} of the {words} showed {self.get(calc)['qualifiers'][0]} calcified material in the soft tissue.",
                                f"On {test.label}, the {words} held {self.get(calc)['qualifiers'][0]} deposits of calcium density.")), tid, calc)
            self.imaging.append(tid)
        if self.driver and self.driver.name != "Extravasation" and r.random() < 0.5:
            echo = self.v.term("Echocardiography")
            valve = self.pick(self.v["valve"])
            if valve.name not in self.used:
                e = self.fact("img", echo, "test", test=echo.name, result="abnormal")
                dx = self.fact("dx", valve, "diagnosis", condition=valve.name, status="present", category="comorbidity", severity="mild", found_by=[e])
                self.say(f"Echocardiography showed mild {valve.label}.", e, dx)
                self.comorbid.append(dx)
        if self.driver and self.driver.name != "Extravasation" and r.random() < 0.5:
            hrct, spiro = self.v.term("HighResolutionComputedTomography"), self.v.term(self.pick(("Spirometry", "PulmonaryFunctionTest")))
            ild = self.v["lung"][0]
            if ild.name not in self.used:
                h = self.fact("img", hrct, "test", test=hrct.name, result="abnormal", sites=[{"site": "Lung", "laterality": "bilateral"}])
                s = self.fact("test", spiro, "test", test=spiro.name, result="abnormal")
                dx = self.fact("dx", ild, "diagnosis", condition=ild.name, status="present", category="comorbidity", found_by=[h, s])
                self.say(f"Chest {hrct.label} and {spiro.label} pointed to {ild.label}.", h, s, dx)
                self.comorbid.append(dx)
        self.paragraph()

    def label_of(self, fid: str) -> str:
        fact = self.get(fid)
        name = fact.get("drug") or fact.get("procedure") or fact.get("test") or fact.get("condition") or fact.get("finding") or fact.get("organism")
        for pool in self.v.roles.values():
            for c in pool:
                if c.name == name:
                    return c.label
        return self.v.term(name).label

    def calcinosis(self) -> None:
        r = self.rng
        size = self.size
        words = " x ".join(f"{d:g}" for d in size["dimensions"]) + " cm"
        self.dx = "dx-calcinosis"
        self.ids.add(self.dx)
        self.facts.append({"id": self.dx, "type": "diagnosis", "condition": "CalcinosisCutis", "subtype": self.subtype.name,
                           "status": "present", "category": "primary", "sites": [s for s, _ in self.sites], "size": size,
                           "found_by": [self.exam, *self.imaging],
                           **({"severity": self.pick(("mild", "moderate", "severe"))} if r.random() < 0.5 else {})})
        self.say(self.pick(("Taken together, the findings fit {x} of the {s}.", "A diagnosis of {x} involving the {s} was made.",
                            "We concluded that this was {x} affecting the {s}.")).format(x=self.subtype.label, s=_and([w for _, w in self.sites])), self.dx)
        self.say(self.pick((f"The largest deposit measured {words}.", f"The biggest mass was {words} in size.")), self.dx)
        consult = self.v.term("SpecialistConsultation")
        self.procs: list[str] = []
        self.consult = self.fact("proc", consult, "procedure", procedure=consult.name, status="performed", order=1, indication=[self.dx])
        self.say(f"{self.pick(('Rheumatology', 'Dermatology', 'Plastic surgery', 'Nephrology'))} colleagues were asked to review the case.", self.consult)
        self.procs.append(self.consult)
        self.paragraph()

    def infection(self) -> None:
        r = self.rng
        self.infect: str | None = None
        self.orgs: list[str] = []
        self.abx: list[str] = []
        if r.random() > 0.7:
            return
        cond = self.pick(self.v["infection"])
        self.infect = self.fact("dx", cond, "diagnosis", condition=cond.name, status="present", category="complication", sites=[self.main_site[0]])
        extra = [self.infect]
        if r.random() < 0.4 and not any(c.name == "Sepsis" for _, c in self.suspected):
            sepsis = self.v["sepsis"][0]
            extra.append(self.fact("dx", sepsis, "diagnosis", condition=sepsis.name, status="present", category="complication"))
        admitted = self.fact("out", None, "outcome", outcome="admitted", of=extra)
        self.say(f"{_cap(self.she)} was admitted with {_and([self.label_of(x) for x in extra])} at the {self.main_site[1]}.", admitted, *extra)
        if self.immuno:
            fact = self.get(self.immuno)
            fact["status"] = "held"
            fact["reason"] = [self.infect]
            self.say(f"The {self.label_of(self.immuno)} was paused because of the infection.", self.immuno)
        first, second = self.sample(self.v["antibiotic"], 2)
        a1 = self.fact("drug", first, "drug", drug=first.name, status="switched", route="intravenous", indication=[self.infect])
        self.abx = [a1]
        self.say(f"Empirical intravenous {first.label} was begun.", a1)
        line = self.pick(self.v["line"])
        self.line = self.fact("proc", line, "procedure", procedure=line.name, status="performed", indication=[a1])
        self.say(f"{_cap(_an(line.label))} secured venous access for the antibiotics.", self.line)
        self.second_abx = second

    def operations(self) -> None:
        r = self.rng
        op = self.pick(self.v["operation"])
        site, words = self.main_site
        self.anchor = self.fact("proc", op, "procedure", procedure=op.name, status="performed", sites=[site],
                                indication=[self.dx] + ([self.infect] if self.infect else []))
        anchor_day = r.randint(1, 6)
        self.say(self.pick((f"On hospital day {anchor_day}, {op.label} of the {words} was carried out in theatre.",
                            f"{_cap(op.label)} of the {words} took place on day {anchor_day} of the stay.")), self.anchor)
        self.procs.append(self.anchor)
        if self.infect:
            culture = self.v.term("WoundCulture")
            self.culture = self.fact("test", culture, "test", test=culture.name, result="positive", timing=_offset(0, "day", self.anchor))
            self.say("Tissue from the wound was sent for culture during the operation.", self.culture)
            for org in self.sample(self.v["organism"], r.randint(1, 2)):
                oid = self.fact("org", org, "organism", organism=org.name, status="present", found_by=[self.culture])
                printed = org.label
                if "misspelling" in self.issues:
                    self.issues.discard("misspelling")
                    printed = _misspell(org.label, r)
                    self.annotate(oid, "misspelling", f'Printed as "{printed}"; read as {org.label}.')
                self.say(self.pick((f"The culture grew {printed}.", f"{_cap(printed)} was isolated from the sample.")), oid)
                self.orgs.append(oid)
            a2 = self.fact("drug", self.second_abx, "drug", drug=self.second_abx.name, status="given", route="intravenous",
                           indication=[self.infect], response=self.pick(("resolved", "improved")), response_for=[self.infect])
            self.get(self.abx[0])["switched_to"] = a2
            self.get(self.abx[0])["reason"] = list(self.orgs)
            self.say(f"Guided by the culture, the antibiotic was changed to {self.second_abx.label}, and the infection settled.", self.abx[0], a2)
            self.abx.append(a2)
        for care in self.sample(self.v["wound_care"], r.randint(1, 2)):
            pid = self.fact("proc", care, "procedure", procedure=care.name, status="performed", timing=_offset(0, "day", self.anchor))
            self.say(f"{_cap(care.label)} followed in the same session.", pid)
            self.procs.append(pid)
        dressing = self.pick(self.v["dressing"])
        pid = self.fact("proc", dressing, "procedure", procedure=dressing.name, status="performed", timing=_offset(1, "day", self.anchor))
        self.say(f"From the next day, {dressing.label} was used on the wound.", pid)
        self.procs.append(pid)
        day = r.randint(3, 10)
        op2 = self.pick(self.v["operation"])
        self.second = self.fact("proc", op2, "procedure", procedure=op2.name, status="performed", sites=[site], indication=[self.dx],
                                timing=_offset(day, "day", self.anchor), outcome=self.pick(("improved", "resolved", "partial")))
        self.say(f"A second operation, {op2.label}, was done {day} days after the first.", self.second)
        self.procs.append(self.second)
        calc = self.v["calcification"][0]
        residual_size = {"dimensions": [round(max(0.5, self.size["dimensions"][0] * r.uniform(0.3, 0.9)), 1)], "unit": "cm"}
        residual = self.fact("find", calc, "finding", finding=calc.name, status="present", sites=[site], size=residual_size,
                             qualifiers=["residual"], found_by=[self.second])
        self.say(f"At that operation, about {residual_size['dimensions'][0]:g} cm of residual calcified tissue was found and removed.", residual)
        npwt = self.v.term("NegativePressureWoundTherapy")
        n1 = self.fact("proc", npwt, "procedure", procedure=npwt.name, status="performed", timing=_offset(day, "day", self.anchor))
        self.say("A vacuum dressing was applied at the end of the second procedure.", n1)
        self.procs.append(n1)
        change = r.randint(2, 4)
        n2 = self.fact("proc", npwt, "procedure", procedure=npwt.name, status="performed", timing=_offset(change, "day", self.second))
        self.say(f"The vacuum device was changed on postoperative day {change}.", n2)
        self.procs.append(n2)
        closure = self.pick(self.v["closure"])
        close_day = change + r.randint(3, 12)
        self.closure = self.fact("proc", closure, "procedure", procedure=closure.name, status="performed", sites=[site],
                                 timing=_offset(close_day, "day", self.second), outcome=self.pick(("improved", "resolved")))
        self.say(self.pick((f"The defect was finally covered by {closure.label} on postoperative day {close_day}.",
                            f"{_cap(closure.label)} closed the wound {close_day} days after the second operation.")), self.closure)
        self.procs.append(self.closure)
        if r.random() < 0.6:
            sr = self.v.term("SutureRemoval")
            gap = r.randint(8, 14)
            pid = self.fact("proc", sr, "procedure", procedure=sr.name, status="performed", timing=_offset(gap, "day", self.closure))
            self.say(f"Sutures came out {gap} days after the closure.", pid)
            self.procs.append(pid)
        if self.infect:
            self.procs.insert(1, self.line)
        for order, pid in enumerate(self.procs, start=1):
            self.get(pid)["order"] = order
        alt = self.pick(self.v["alternative"])
        status = self.pick(("precluded", "planned"))
        reasons = [x for x in self.comorbid[:1]] or [self.dx]
        aid = self.fact("proc", alt, "procedure", procedure=alt.name, status=status, indication=[self.dx], reason=reasons if status == "precluded" else None)
        if status == "precluded":
            self.say(f"{_cap(alt.label)} was discussed but judged unsuitable because of {self.label_of(reasons[0])}.", aid)
        else:
            self.say(f"{_cap(alt.label)} is planned for any smaller deposits that remain.", aid)
        self.paragraph()

    def medicines(self) -> None:
        r = self.rng
        analgesic = self.pick(self.v["analgesic"])
        a = self.fact("drug", analgesic, "drug", drug=analgesic.name, status="given", route=self.pick(("oral", "intravenous")),
                      indication=[self.pain], response="improved", response_for=[self.pain])
        self.say(f"Pain was controlled with {analgesic.label}.", a)
        options = self.unused("calcinosis_drug", 2)
        if options:
            drug = options[0]
            reason = next((f for f in self.comorbid if self.get(f)["condition"] in {c.name for c in self.v["renal"]}), None) or (self.comorbid[0] if self.comorbid else self.dx)
            cid = self.fact("drug", drug, "drug", drug=drug.name, status="contraindicated", reason=[reason])
            self.say(f"{_cap(drug.label)} was avoided because of {self.label_of(reason)}.", cid)
        if len(options) > 1:
            drug = options[1]
            topical = drug.name in {c.name for c in self.v["topical"]}
            gid = self.fact("drug", drug, "drug", drug=drug.name, status="given", route="topical" if topical else "oral",
                            indication=[self.dx], response=self.pick(("partial", "improved", "unknown")), response_for=[self.dx])
            self.say(f"{_cap(drug.label)} was started to limit new deposits.", gid)
        if not self.anticoag and r.random() < 0.6:
            drug = self.v.term("Heparin") if "Heparin" in self.v.named else self.pick(self.v["anticoagulant"])
            fid = self.fact("drug", drug, "drug", drug=drug.name, status="given", route="subcutaneous")
            self.say(f"Prophylactic {drug.label} was given after each operation.", fid)
        if r.random() < 0.5:
            drug = self.pick(self.v["topical"])
            if drug.name not in self.used:
                fid = self.fact("drug", drug, "drug", drug=drug.name, status="given", route="topical", indication=[self.dx])
                self.say(f"Topical {drug.label} was applied to the healing skin.", fid)
        if self.driver_id and r.random() < 0.5:
            for cond in self.comorbid:
                if self.get(cond)["condition"] == "EsophagealDysmotility":
                    drug = self.v.term("Itopride")
                    fid = self.fact("drug", drug, "drug", drug=drug.name, status="given", route="oral", indication=[cond])
                    self.say(f"{_cap(drug.label)} was added for the {self.label_of(cond)}.", fid)
                    break
        self.paragraph()

    def outcomes(self) -> None:
        r = self.rng
        destination = self.pick(("home", "home", "inpatient_rehabilitation", "outpatient_follow_up"))
        stay = r.randint(1, 5)
        discharge = self.fact("out", None, "outcome", outcome="discharged", destination=destination, of=[self.dx], timing=_offset(stay, "day", self.closure))
        words = {"home": "home", "inpatient_rehabilitation": "an inpatient rehabilitation unit", "outpatient_follow_up": "outpatient care"}[destination]
        if "destination_mismatch" in self.issues and destination != "outpatient_follow_up":
            self.issues.discard("destination_mismatch")
            self.say(f"{stay} days after the closure {self.she} was fit for clinic follow-up and was discharged to {words}.", discharge)
            self.annotate(discharge, "inconsistent_value", "The sentence says clinic follow-up and names another destination; both kept as printed.")
        else:
            self.say(f"{_cap(self.she)} went {'to ' if destination != 'home' else ''}{words} {stay} days after the closure.", discharge)
        months = r.randint(2, 18)
        kind = self.pick(("improved", "stable", "resolved", "recurrence"))
        follow = self.fact("out", None, "outcome", outcome="follow_up", of=[self.dx], timing=_offset(months, "month", self.anchor))
        self.say(f"{_cap(self.her)} review took place {months} months after the first operation.", follow)
        text = {"improved": "The treated area had improved.", "stable": "The remaining deposits were stable.",
                "resolved": "No deposits could be felt at the treated site.", "recurrence": "New hard nodules had appeared near the scar."}[kind]
        oid = self.fact("out", None, "outcome", outcome=kind, of=[self.dx], timing=_offset(months, "month", self.anchor))
        self.say(text, oid)
        self.final_outcome = kind
        if "size_mismatch" in self.issues or not any("source_issue" in f for f in self.facts):
            self.issues.discard("size_mismatch")
            self.abstract_size = [d + 1 for d in self.size["dimensions"]]
            self.annotate(self.dx, "inconsistent_value", "The abstract and the case text give different sizes for the largest deposit; the case text is recorded.")
        else:
            self.abstract_size = None
        self.paragraph()

    def pad(self) -> None:
        """Follow-up visits with examinations, findings and repeat tests, up to the planned number of facts."""
        r = self.rng
        weeks = 0
        while len(self.facts) < self.target:
            weeks += r.randint(2, 6)
            exam = self.fact("test", self.v.term("PhysicalExamination"), "test", test="PhysicalExamination", result=self.pick(("normal", "abnormal")),
                             timing=_offset(weeks, "week", self.closure))
            self.say(self.pick((f"At a visit {weeks} weeks after the closure, the wound was examined again.",
                                f"{_cap(self.she)} was seen in clinic in week {weeks} after the closure.",
                                f"The site was checked once more {weeks} weeks after the closure.")), exam)
            for _ in range(r.randint(2, 4)):
                if len(self.facts) >= self.target:
                    break
                self.follow_up_item(exam, weeks)
            self.paragraph()

    def follow_up_item(self, exam: str, weeks: int) -> None:
        r = self.rng
        choice = r.random()
        site, words = self.sites[r.randrange(len(self.sites))]
        spare = self.unused("comorbidity", 1)
        if choice < 0.1 and spare:
            cond = spare[0]
            fid = self.fact("dx", cond, "diagnosis", condition=cond.name, status="present", category="comorbidity", found_by=[exam])
            self.say(self.pick((f"{_cap(cond.label)} was newly recognised at that visit.", f"The visit also brought a diagnosis of {cond.label}.")), fid)
            self.comorbid.append(fid)
        elif choice < 0.65:
            sign = self.pick(self.v["sign"])
            qualifier = self.pick(("slight", "residual", "new", "improving", "faint"))
            fid = self.fact("find", sign, "finding", finding=sign.name, status="present", sites=[site], qualifiers=[qualifier], found_by=[exam])
            self.say(self.pick((f"{_cap(qualifier)} {sign.label} was noted at the {words}.", f"The {words} had {qualifier} {sign.label}.")), fid)
        elif choice < 0.9:
            test = self.pick(self.v["lab"])
            result = self.pick(("normal", "normal", "elevated", "decreased"))
            fid = self.fact("test", test, "test", test=test.name, result=result, timing=_offset(weeks, "week", self.closure))
            words = {"normal": "within range", "elevated": "high", "decreased": "low"}[result]
            self.say(self.pick((f"A repeat {test.label} on that day was {words}.", f"The {test.label} was repeated and read {words}.")), fid)
        else:
            test = self.pick(self.v["imaging"])
            result = self.pick(("normal", "abnormal"))
            fid = self.fact("img", test, "test", test=test.name, result=result, sites=[site], timing=_offset(weeks, "week", self.closure))
            seen = "showed no new calcification" if result == "normal" else "still showed some calcified material"
            self.say(f"Follow-up {test.label} of the {words} {seen}.", fid)

    # -- abstract, background claims, legends --------------------------------------

    def abstract(self) -> None:
        d = self.draft
        dims = self.abstract_size or self.size["dimensions"]
        d.say("abstract", f"We describe {_an(f'{self.age}-year-old {self.person}')} with {self.subtype.label} of the {_and([w for _, w in self.sites])}.", "@age", "@sex", self.dx)
        d.say("abstract", f"The largest mass measured {' x '.join(f'{x:g}' for x in dims)} cm.", self.dx)
        d.say("abstract", f"Treatment combined {self.label_of(self.anchor)} with {self.label_of(self.closure)}.", self.anchor, self.closure)
        d.say("abstract", {"improved": "The outcome was favourable.", "stable": "The disease remained stable.",
                           "resolved": "The treated lesions cleared.", "recurrence": "Some deposits came back later."}[self.final_outcome])

    def background(self) -> None:
        r = self.rng
        count = r.randint(25, 40)
        makers = _CLAIM_MAKERS
        texts: set[str] = set()
        claims: list[tuple[str, str, list[str], list[str], dict[str, Any] | None, str, str]] = []
        attempts = 0
        queue: list[Callable[[_Case], ClaimParts]] = []
        while len(claims) < count and attempts < 400:
            attempts += 1
            if not queue:
                queue = list(makers)
                r.shuffle(queue)
            kind, subject, obj, value, sentence, summary = queue.pop()(self)
            if sentence in texts:
                continue
            texts.add(sentence)
            claims.append((f"claim-{len(claims) + 1:02d}-{kind.replace('_', '-')}", kind, subject, obj, value, sentence, summary))
        refs = len(self.references)
        cited_index = [i for i in range(len(claims)) if r.random() < 0.8]
        if len(cited_index) < refs:
            cited_index = sorted(set(cited_index) | set(self.sample([i for i in range(len(claims)) if i not in cited_index], refs - len(cited_index))))
        cites: dict[int, list[int]] = {}
        order = list(cited_index)
        r.shuffle(order)
        for number, i in enumerate(order, start=1):
            cites[i] = sorted({number if number <= refs else r.randint(1, refs)} | ({r.randint(1, refs)} if r.random() < 0.25 else set()))
        n_intro = round(len(claims) * r.uniform(0.35, 0.45))
        n_concl = r.randint(1, 3)
        for i, (cid, kind, subject, obj, value, sentence, summary) in enumerate(claims):
            section = "introduction" if i < n_intro else ("conclusion" if i >= len(claims) - n_concl else "discussion")
            text = sentence
            if i in cites:
                text = f"{sentence[:-1]} [{', '.join(map(str, cites[i]))}]."
            self.draft.say(section, text, cid)
            if i == n_intro - 1:
                self.draft.say("introduction", f"We report a case of {self.subtype.label} treated in our unit.", self.dx)
            claim: dict[str, Any] = {"id": cid, "kind": kind, "subject": subject}
            if obj:
                claim["object"] = obj
            if value:
                claim["value"] = value
            if i in cites:
                claim["cites"] = cites[i]
            claim["summary"] = summary
            self.claims.append(claim)
            if i == n_intro + 3:
                self.discussion_patient()
        self.draft.say("conclusion", "Our patient needed staged surgery, and close follow-up remains advisable.", self.anchor)

    def discussion_patient(self) -> None:
        d = self.draft
        d.paragraph("discussion")
        for fid in self.failed:
            d.say("discussion", f"In our patient, {self.label_of(fid)} had failed before referral.", fid)
        if self.orgs:
            d.say("discussion", "Infection of the wound complicated the course, as it often does when deposits ulcerate.", self.infect or self.dx)
        d.paragraph("discussion")

    def figures(self) -> None:
        if self.rng.random() < 0.5:
            return
        tid = self.imaging[0]
        calc = next(f["id"] for f in self.facts if f.get("found_by") == [tid] and f["type"] == "finding")
        self.draft.say("figure_legends", f"Figure 1. {_cap(self.label_of(tid))} with calcified deposits in the soft tissue.", tid, calc)
        self.draft.say("figure_legends", f"Figure 2. The wound after {self.label_of(self.closure)}.", self.closure)

    def declarations(self) -> None:
        self.draft.say("declarations", "Conflicts of interest: none declared.")
        self.draft.say("declarations", "Funding: none. This report is synthetic and describes no real patient.")

    # -- the record ----------------------------------------------------------------

    def record(self, layout: Layout) -> dict[str, Any]:
        spans = layout.spans
        text_bytes = layout.text.encode("utf-8")

        def evidence(target: str) -> list[dict[str, Any]]:
            found = spans.get(target)
            if not found:
                raise AssertionError(f"{self.id}: nothing states {target}")
            ordered = sorted(found, key=lambda item: (item[0] != "case", item[1]))
            return [_Flow({"section": section, "span": _FlowList(list(span))}) for section, span in ordered]

        received, accepted, published = self.dates
        publication: dict[str, Any] = {
            "title": _Flow({"span": _FlowList(list(spans["@title"][0][1]))}),
            "authors": self.authors, "journal": self.journal, "year": self.pub_year, "volume": self.volume,
            "issue": self.issue, "pages": self.pages, "doi": self.doi, "received": received.isoformat(),
            "accepted": accepted.isoformat(), "published": published.isoformat(), "keywords": self.keywords,
            "evidence": evidence("@pub") + evidence("@keywords"),
        }
        references = []
        for ref in self.references:
            entry = {k: v for k, v in ref.items() if k not in ("note", "source_issue")}
            entry["title"] = _Flow({"span": _FlowList(list(spans[f"@reftitle:{ref['number']}"][0][1]))})
            entry["evidence"] = evidence(f"@ref:{ref['number']}")
            entry.update({k: ref[k] for k in ("note", "source_issue") if k in ref})
            references.append(entry)
        facts = [_with_evidence(fact, evidence(fact["id"])) for fact in self.facts]
        claims = [_with_evidence(claim, evidence(claim["id"])) for claim in self.claims]
        return {
            "record": 1,
            "id": self.id,
            "report": {"file": f"{self.id}.txt", "sha256": hashlib.sha256(text_bytes).hexdigest(), "length": len(layout.text)},
            "sections": [_Flow({"name": name, "span": _FlowList(list(span))}) for name, span in layout.sections],
            "publication": publication,
            "references": references,
            "patient": {
                "age": {"value": self.age, "unit": "year", "evidence": evidence("@age")},
                "sex": {"value": "female" if self.female else "male", "evidence": evidence("@sex")},
            },
            "facts": facts,
            "claims": claims,
            "notes": ["Synthetic record generated by kg synth; the report text is synthetic as well."],
        }


def _with_evidence(item: dict[str, Any], evidence: list[dict[str, Any]]) -> dict[str, Any]:
    body = {k: v for k, v in item.items() if k not in ("note", "source_issue")}
    body["evidence"] = evidence
    body.update({k: item[k] for k in ("note", "source_issue") if k in item})
    return body


def _offset(value: int, unit: str, anchor: str) -> dict[str, Any]:
    return {"offset": _Flow({"value": value, "unit": unit, "from": anchor})}


def _date(year: int, rng: random.Random) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 200))


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# ---------------------------------------------------------------------------
# background claims: each maker returns (kind, subject, object, value, sentence, summary)

ClaimParts = tuple[str, list[str], list[str], "dict[str, Any] | None", str, str]


def _c_classification(c: _Case) -> ClaimParts:
    subtypes = list(c.v["subtype"])
    c.rng.shuffle(subtypes)
    return ("classification", ["CalcinosisCutis"], [s.name for s in subtypes],
            None, f"Most authors sort calcinosis cutis into {len(subtypes)} groups: {_and([s.label for s in subtypes])}.",
            f"Calcinosis cutis has {len(subtypes)} recognised subtypes.")


def _c_prevalence_driver(c: _Case) -> ClaimParts:
    low = c.rng.randint(5, 30)
    high = low + c.rng.randint(5, 30)
    disease = c.pick(c.v["autoimmune"])
    return ("prevalence", ["CalcinosisCutis"], [disease.name], {"low": low, "high": high, "unit": "percent"},
            f"Deposits form at some point in roughly {low} to {high} percent of people living with {disease.label}.",
            f"{low}-{high}% of patients with {disease.label} develop calcinosis.")


def _c_prevalence_subtype(c: _Case) -> ClaimParts:
    sub = c.pick(c.v["subtype"])
    share = c.rng.randint(10, 70)
    return ("prevalence", [sub.name], [], {"value": share, "unit": "percent"},
            f"Among published series, {sub.label} makes up close to {share} percent of all cases.",
            f"{_cap(sub.label)} is about {share}% of reported cases.")


def _c_sites(c: _Case) -> ClaimParts:
    site = c.pick(c.v["skin_site"])
    share = c.rng.randint(15, 80)
    return ("site_distribution", ["CalcinosisCutis"], [site.name], {"value": share, "unit": "percent"},
            f"The {site.label} is involved in about {share} percent of reported patients.",
            f"About {share}% of cases involve the {site.label}.")


def _c_sites_pair(c: _Case) -> ClaimParts:
    a, b = c.sample(c.v["skin_site"], 2)
    sub = c.pick(c.v["subtype"])
    return ("site_distribution", [sub.name], [a.name, b.name], None,
            f"In {sub.label}, lesions favour the {a.label} and the {b.label}.",
            f"{_cap(sub.label)} favours the {a.label} and {b.label}.")


def _c_association(c: _Case) -> ClaimParts:
    sub = c.pick(c.v["subtype"])
    conds = c.sample(list(c.v["autoimmune"]) + list(c.v["renal"]), 2)
    return ("association", [sub.name], [x.name for x in conds], None,
            f"{_cap(sub.label)} is repeatedly described together with {_and([x.label for x in conds])}.",
            f"{_cap(sub.label)} is linked with {_and([x.label for x in conds])}.")


def _c_association_general(c: _Case) -> ClaimParts:
    return ("association", ["CalcinosisCutis"], ["AutoimmuneConnectiveTissueDisease", "KidneyDisease"], None,
            c.pick(("Connective tissue disease and kidney disease are the two settings where calcinosis turns up most.",
                    "Calcinosis is seen above all in autoimmune connective tissue disorders and in impaired kidney function.")),
            "Calcinosis is tied to autoimmune and kidney disease.")


def _c_risk(c: _Case) -> ClaimParts:
    disease = c.pick(c.v["autoimmune"])
    return ("risk_factor", ["CalcinosisCutis"], [disease.name], None,
            c.pick((f"The longer {disease.label} has lasted, the higher the chance of calcinosis.",
                    f"A long course of {disease.label} increases the likelihood of calcified deposits.")),
            f"Longer {disease.label} raises calcinosis risk.")


def _c_risk_mineral(c: _Case) -> ClaimParts:
    cond = c.pick(c.v["mineral"])
    sub = c.pick([s for s in c.v["subtype"] if s.name in ("MetastaticCalcinosisCutis", "Calciphylaxis")] or list(c.v["subtype"]))
    return ("risk_factor", [sub.name], [cond.name], None,
            f"A raised calcium-phosphate product, as in {cond.label}, drives {sub.label}.",
            f"{_cap(cond.label)} predisposes to {sub.label}.")


def _c_diagnosis_labs(c: _Case) -> ClaimParts:
    sub = c.pick(c.v["subtype"])
    return ("diagnosis", [sub.name], ["SerumCalciumTest", "SerumPhosphorusTest"], None,
            c.pick((f"Serum calcium and phosphate help separate {sub.label} from the other forms.",
                    f"Checking blood calcium and phosphate is part of the work-up when {sub.label} is suspected.")),
            f"Calcium and phosphate levels help identify {sub.label}.")


def _c_diagnosis_exam(c: _Case) -> ClaimParts:
    return ("diagnosis", ["CalcinosisCutis"], ["PhysicalExamination", "ImagingProcedure"], None,
            c.pick(("A careful examination often suggests the diagnosis, which imaging then confirms.",
                    "Firm nodules felt on examination raise the suspicion, and a scan settles it.")),
            "Examination suggests calcinosis; imaging confirms it.")


def _c_imaging(c: _Case) -> ClaimParts:
    test = c.pick([c.v.term(n) for n in ("Radiograph", "ComputedTomography", "Ultrasound", "MagneticResonanceImaging")])
    quality = c.pick(("is cheap and widely available", "shows the extent of deep deposits well", "maps deposits before surgery",
                      "can follow the size of deposits over time"))
    return ("imaging", ["CalcinosisCutis"], [test.name], None, f"For calcinosis, {test.label} {quality}.",
            f"{_cap(test.label)} {quality}.")


def _c_treatment_options(c: _Case) -> ClaimParts:
    drugs = c.sample(c.v["calcinosis_drug"], c.rng.randint(2, 4))
    sub = c.pick([c.v.term("CalcinosisCutis"), *c.v["subtype"]])
    return ("treatment_option", [sub.name], [d.name for d in drugs], None,
            f"Drugs tried for {sub.label} include {_and([d.label for d in drugs])}.",
            f"Drug options for {sub.label}: {_and([d.label for d in drugs])}.")


def _c_treatment_nondrug(c: _Case) -> ClaimParts:
    procs = [*c.v["alternative"], c.v.term("SurgicalExcision")]
    return ("treatment_option", ["CalcinosisCutis"], [p.name for p in procs], None,
            f"Non-drug options are {_and([p.label for p in procs])}.",
            "Non-drug treatments include lithotripsy, laser and excision.")


def _c_treatment_none(c: _Case) -> ClaimParts:
    return ("treatment_option", ["CalcinosisCutis"], [], None,
            c.pick(("No therapy has yet proven itself in controlled trials.", "There is still no agreed first-line treatment.",
                    "Guidelines for therapy do not exist so far.")),
            "There is no standard treatment.")


def _c_efficacy_surgery(c: _Case) -> ClaimParts:
    n = c.rng.randint(6, 90)
    share = c.rng.randint(40, 95)
    return ("treatment_efficacy", ["CalcinosisCutis"], ["SurgicalExcision"], {"value": share, "unit": "percent"},
            f"In one series of {n} operated patients, {share} percent were free of deposits afterwards.",
            f"Excision cleared deposits in {share}% of a surgical series.")


def _c_efficacy_drug(c: _Case) -> ClaimParts:
    drug = c.pick(c.v["calcinosis_drug"])
    n = c.rng.randint(3, 60)
    return ("treatment_efficacy", ["CalcinosisCutis"], [drug.name], {"value": n, "unit": "patients"},
            f"Benefit from {drug.label} has been reported in a group of {n} patients, though without controls.",
            f"{_cap(drug.label)} helped in an uncontrolled group of {n}.")


def _c_efficacy_range(c: _Case) -> ClaimParts:
    drug = c.pick(c.v["calcinosis_drug"])
    low = c.rng.randint(10, 50)
    high = low + c.rng.randint(5, 40)
    return ("treatment_efficacy", ["CalcinosisCutis"], [drug.name], {"low": low, "high": high, "unit": "percent"},
            f"Response rates to {drug.label} range between {low} and {high} percent across small studies.",
            f"{_cap(drug.label)} response {low}-{high}%.")


def _c_pathophysiology(c: _Case) -> ClaimParts:
    sub = c.pick(c.v["subtype"])
    mechanism = {
        "DystrophicCalcinosisCutis": "calcium settles in tissue that is already damaged while blood levels stay normal",
        "MetastaticCalcinosisCutis": "high blood calcium or phosphate pushes salts out into healthy tissue",
        "IatrogenicCalcinosisCutis": "a treatment such as a leaking calcium infusion leaves salts behind in the skin",
        "IdiopathicCalcinosisCutis": "deposits appear without tissue injury or a disturbed mineral balance",
        "Calciphylaxis": "calcified small vessels starve the overlying skin of blood",
    }.get(sub.name, "mineral salts build up in the tissue")
    return ("pathophysiology", [sub.name], [], None, f"In {sub.label}, {mechanism}.", f"Mechanism of {sub.label}.")


def _c_pathophysiology_general(c: _Case) -> ClaimParts:
    return ("pathophysiology", ["CalcinosisCutis"], ["Skin", "SubcutaneousTissue"], None,
            c.pick(("The condition consists of insoluble calcium salts lying in the dermis and the fat beneath it.",
                    "Calcium salts that cannot dissolve collect in the dermis and the subcutis.")),
            "Calcium salts deposit in skin and subcutis.")


def _c_natural_history(c: _Case) -> ClaimParts:
    years = c.rng.randint(2, 20)
    return ("natural_history", ["CalcinosisCutis"], ["SubcutaneousNodule"], {"value": years, "unit": "year"},
            f"Nodules may grow slowly for {years} years or more before they cause trouble.",
            f"Deposits can grow over {years} years or longer.")


def _c_natural_history_regress(c: _Case) -> ClaimParts:
    return ("natural_history", ["CalcinosisCutis"], [], None,
            c.pick(("Small deposits occasionally shrink on their own.", "Some lesions soften and discharge by themselves over months.")),
            "Deposits sometimes regress spontaneously.")


def _c_complication(c: _Case) -> ClaimParts:
    items = c.sample([c.v.term(n) for n in ("Pain", "SkinUlcer", "Infection", "ReducedMobility")], c.rng.randint(2, 4))
    return ("complication", ["CalcinosisCutis"], [x.name for x in items], None,
            f"Although benign, the deposits can lead to {_and([x.label for x in items])}.",
            f"Calcinosis can cause {_and([x.label for x in items])}.")


_CLAIM_MAKERS: tuple[Callable[[_Case], ClaimParts], ...] = (
    _c_classification, _c_prevalence_driver, _c_prevalence_subtype, _c_sites, _c_sites_pair, _c_association,
    _c_association_general, _c_risk, _c_risk_mineral, _c_diagnosis_labs, _c_diagnosis_exam, _c_imaging,
    _c_treatment_options, _c_treatment_nondrug, _c_treatment_none, _c_efficacy_surgery, _c_efficacy_drug,
    _c_efficacy_range, _c_pathophysiology, _c_pathophysiology_general, _c_natural_history,
    _c_natural_history_regress, _c_complication,
)


# ---------------------------------------------------------------------------
# writing

class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written in YAML flow style (``{section: case, span: [1, 2]}``)."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list written in YAML flow style."""


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Writes shared values out in full: records may not hold YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def dump_record(record: dict[str, Any]) -> str:
    """A record as YAML text, keys in format order, small mappings in flow style."""
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=False, width=120, default_flow_style=False)


def write_corpus(
    out_dir: Path,
    cases: int,
    seed: int,
    force: bool = False,
    progress: Progress | None = None,
    terms: TermIndex | None = None,
) -> CorpusSummary:
    """Write ``cases`` synthetic cases to ``out_dir/data`` and ``out_dir/reports``.

    Refuses a count below 1, and a non-empty ``out_dir`` unless ``force`` (then
    earlier synthetic files ``synth-*`` in ``data/`` and ``reports/`` are removed
    first; other files are left alone).
    """
    if isinstance(cases, bool) or not isinstance(cases, int) or cases < 1:
        raise InputError(f"--cases must be a whole number of at least 1 (got {cases!r})")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise InputError(f"{out_dir}: folder is not empty; choose an empty or new folder, or give --force to replace its synthetic files")
    vocabulary = Vocabulary.from_terms(terms or TermIndex.load())
    data_dir, reports_dir = out_dir / "data", out_dir / "reports"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        reports_dir.mkdir(parents=True, exist_ok=True)
        for stale in (*data_dir.glob(f"{SYNTH_PREFIX}*.yaml"), *reports_dir.glob(f"{SYNTH_PREFIX}*.txt")):
            stale.unlink()
        facts = claims = 0
        for index in range(1, cases + 1):
            case = generate_case(index, seed, vocabulary)
            (reports_dir / case.report_file).write_bytes(case.text.encode("utf-8"))
            (data_dir / f"{case.id}.yaml").write_text(dump_record(case.record), encoding="utf-8")
            facts += len(case.record["facts"])
            claims += len(case.record["claims"])
            if progress:
                progress(index, cases)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot write the corpus: {exc.strerror or exc}") from None
    return CorpusSummary(cases, seed, data_dir, reports_dir, facts, claims)
