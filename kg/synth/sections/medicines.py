"""Medicines during the stay: pain relief, calcinosis drugs given or avoided, prophylaxis and extras."""

from __future__ import annotations

from kg.synth.builder import CaseBuilder
from kg.synth.plan import CasePlan
from kg.synth.words import cap

__all__ = ["write_medicines"]


def write_medicines(
    plan: CasePlan, b: CaseBuilder, pain: str, dx: str, comorbid: tuple[str, ...], anticoagulant: str | None, driver: str | None
) -> None:
    """Write the medicines paragraph of the case section."""
    analgesic = b.pick(b.vocabulary["analgesic"])
    fid = b.fact(
        "drug",
        analgesic,
        "drug",
        drug=analgesic.name,
        status="given",
        route=b.pick(("oral", "intravenous")),
        indication=[pain],
        response="improved",
        response_for=[pain],
    )
    b.say(f"Pain was controlled with {analgesic.label}.", fid)
    _calcinosis_drugs(b, dx, comorbid)
    if not anticoagulant and b.rng.random() < 0.6:
        drug = b.vocabulary.term("Heparin") if "Heparin" in b.vocabulary.named else b.pick(b.vocabulary["anticoagulant"])
        fid = b.fact("drug", drug, "drug", drug=drug.name, status="given", route="subcutaneous")
        b.say(f"Prophylactic {drug.label} was given after each operation.", fid)
    if b.rng.random() < 0.5:
        drug = b.pick(b.vocabulary["topical"])
        if drug.name not in b.used:
            fid = b.fact("drug", drug, "drug", drug=drug.name, status="given", route="topical", indication=[dx])
            b.say(f"Topical {drug.label} was applied to the healing skin.", fid)
    if driver and b.rng.random() < 0.5:
        _dysmotility_drug(b, comorbid)
    b.paragraph()


def _calcinosis_drugs(b: CaseBuilder, dx: str, comorbid: tuple[str, ...]) -> None:
    """Two untried calcinosis drugs: one avoided (kidneys first, else another condition), one given."""
    options = b.unused("calcinosis_drug", 2)
    if options:
        drug = options[0]
        renal = {c.name for c in b.vocabulary["renal"]}
        reason = next((f for f in comorbid if b.get(f)["condition"] in renal), None) or (comorbid[0] if comorbid else dx)
        fid = b.fact("drug", drug, "drug", drug=drug.name, status="contraindicated", reason=[reason])
        b.say(f"{cap(drug.label)} was avoided because of {b.label_of(reason)}.", fid)
    if len(options) > 1:
        drug = options[1]
        topical = drug.name in {c.name for c in b.vocabulary["topical"]}
        fid = b.fact(
            "drug",
            drug,
            "drug",
            drug=drug.name,
            status="given",
            route="topical" if topical else "oral",
            indication=[dx],
            response=b.pick(("partial", "improved", "unknown")),
            response_for=[dx],
        )
        b.say(f"{cap(drug.label)} was started to limit new deposits.", fid)


def _dysmotility_drug(b: CaseBuilder, comorbid: tuple[str, ...]) -> None:
    """A prokinetic for oesophageal dysmotility, when the patient has it."""
    for cond in comorbid:
        if b.get(cond)["condition"] == "EsophagealDysmotility":
            drug = b.vocabulary.term("Itopride")
            fid = b.fact("drug", drug, "drug", drug=drug.name, status="given", route="oral", indication=[cond])
            b.say(f"{cap(drug.label)} was added for the {b.label_of(cond)}.", fid)
            return
