"""Operations: staged surgery with culture, wound care, vacuum dressing and closure; procedures get their order."""

from __future__ import annotations

from dataclasses import dataclass

from kg.synth.builder import CaseBuilder, offset
from kg.synth.plan import CasePlan
from kg.synth.sections.diagnosis import Diagnosis
from kg.synth.sections.infection import Infection
from kg.synth.words import cap, misspell

__all__ = ["Operations", "write_operations"]


@dataclass(frozen=True)
class Operations:
    """Facts of the surgery that later sections refer to."""

    anchor: str
    """The first operation, which later timings count from."""
    closure: str
    organisms: tuple[str, ...]


def write_operations(plan: CasePlan, b: CaseBuilder, diagnosis: Diagnosis, infection: Infection | None, comorbid: tuple[str, ...]) -> Operations:
    """Write the surgical course, number the procedures in order, and mention an alternative treatment."""
    anchor = _first_operation(plan, b, diagnosis.dx, infection)
    organisms = _culture(b, anchor, infection) if infection else ()
    procedures = [diagnosis.consult, anchor, *_wound_care(b, anchor)]
    second, day = _second_operation(plan, b, diagnosis.dx, anchor)
    procedures += [second, *_vacuum_and_closure(plan, b, anchor, second, day)]
    closure = procedures[-1]
    if b.rng.random() < 0.6:
        procedures.append(_suture_removal(b, closure))
    if infection:
        procedures.insert(1, infection.line)
    for order, pid in enumerate(procedures, start=1):
        b.get(pid)["order"] = order
    _alternative(b, diagnosis.dx, comorbid)
    b.paragraph()
    return Operations(anchor, closure, organisms)


def _first_operation(plan: CasePlan, b: CaseBuilder, dx: str, infection: Infection | None) -> str:
    op = b.pick(b.vocabulary["operation"])
    site = plan.main_site
    anchor = b.fact(
        "proc",
        op,
        "procedure",
        procedure=op.name,
        status="performed",
        sites=[site.entry],
        indication=[dx] + ([infection.infection] if infection else []),
    )
    day = b.rng.randint(1, 6)
    b.say(
        b.pick(
            (
                f"On hospital day {day}, {op.label} of the {site.words} was carried out in theatre.",
                f"{cap(op.label)} of the {site.words} took place on day {day} of the stay.",
            )
        ),
        anchor,
    )
    return anchor


def _culture(b: CaseBuilder, anchor: str, infection: Infection) -> tuple[str, ...]:
    """A wound culture grows one or two organisms; the antibiotic is switched; the plan's misspelling goes here."""
    term = b.vocabulary.term("WoundCulture")
    culture = b.fact("test", term, "test", test=term.name, result="positive", timing=offset(0, "day", anchor))
    b.say("Tissue from the wound was sent for culture during the operation.", culture)
    organisms = []
    for org in b.sample(b.vocabulary["organism"], b.rng.randint(1, 2)):
        oid = b.fact("org", org, "organism", organism=org.name, status="present", found_by=[culture])
        printed = org.label
        if "misspelling" in b.issues:
            b.issues.discard("misspelling")
            printed = misspell(org.label, b.rng)
            b.annotate(oid, "misspelling", f'Printed as "{printed}"; read as {org.label}.')
        b.say(b.pick((f"The culture grew {printed}.", f"{cap(printed)} was isolated from the sample.")), oid)
        organisms.append(oid)
    second = infection.second_antibiotic
    given = b.fact(
        "drug",
        second,
        "drug",
        drug=second.name,
        status="given",
        route="intravenous",
        indication=[infection.infection],
        response=b.pick(("resolved", "improved")),
        response_for=[infection.infection],
    )
    first = b.get(infection.first_antibiotic)
    first["switched_to"] = given
    first["reason"] = list(organisms)
    b.say(f"Guided by the culture, the antibiotic was changed to {second.label}, and the infection settled.", infection.first_antibiotic, given)
    return tuple(organisms)


def _wound_care(b: CaseBuilder, anchor: str) -> list[str]:
    """Wound care in the same session and dressings from the next day."""
    procedures = []
    for care in b.sample(b.vocabulary["wound_care"], b.rng.randint(1, 2)):
        pid = b.fact("proc", care, "procedure", procedure=care.name, status="performed", timing=offset(0, "day", anchor))
        b.say(f"{cap(care.label)} followed in the same session.", pid)
        procedures.append(pid)
    dressing = b.pick(b.vocabulary["dressing"])
    pid = b.fact("proc", dressing, "procedure", procedure=dressing.name, status="performed", timing=offset(1, "day", anchor))
    b.say(f"From the next day, {dressing.label} was used on the wound.", pid)
    return [*procedures, pid]


def _second_operation(plan: CasePlan, b: CaseBuilder, dx: str, anchor: str) -> tuple[str, int]:
    """The second operation (and the residual deposit it removes); returns its id and its day after the first."""
    day = b.rng.randint(3, 10)
    op = b.pick(b.vocabulary["operation"])
    site = plan.main_site
    second = b.fact(
        "proc",
        op,
        "procedure",
        procedure=op.name,
        status="performed",
        sites=[site.entry],
        indication=[dx],
        timing=offset(day, "day", anchor),
        outcome=b.pick(("improved", "resolved", "partial")),
    )
    b.say(f"A second operation, {op.label}, was done {day} days after the first.", second)
    calc = b.vocabulary["calcification"][0]
    size = {"dimensions": [round(max(0.5, plan.size[0] * b.rng.uniform(0.3, 0.9)), 1)], "unit": "cm"}
    residual = b.fact(
        "find", calc, "finding", finding=calc.name, status="present", sites=[site.entry], size=size, qualifiers=["residual"], found_by=[second]
    )
    b.say(f"At that operation, about {size['dimensions'][0]:g} cm of residual calcified tissue was found and removed.", residual)
    return second, day


def _vacuum_and_closure(plan: CasePlan, b: CaseBuilder, anchor: str, second: str, day: int) -> list[str]:
    """Two vacuum dressings, then closure of the defect (the last procedure returned)."""
    npwt = b.vocabulary.term("NegativePressureWoundTherapy")
    first = b.fact("proc", npwt, "procedure", procedure=npwt.name, status="performed", timing=offset(day, "day", anchor))
    b.say("A vacuum dressing was applied at the end of the second procedure.", first)
    change = b.rng.randint(2, 4)
    changed = b.fact("proc", npwt, "procedure", procedure=npwt.name, status="performed", timing=offset(change, "day", second))
    b.say(f"The vacuum device was changed on postoperative day {change}.", changed)
    term = b.pick(b.vocabulary["closure"])
    close_day = change + b.rng.randint(3, 12)
    closure = b.fact(
        "proc",
        term,
        "procedure",
        procedure=term.name,
        status="performed",
        sites=[plan.main_site.entry],
        timing=offset(close_day, "day", second),
        outcome=b.pick(("improved", "resolved")),
    )
    b.say(
        b.pick(
            (
                f"The defect was finally covered by {term.label} on postoperative day {close_day}.",
                f"{cap(term.label)} closed the wound {close_day} days after the second operation.",
            )
        ),
        closure,
    )
    return [first, changed, closure]


def _suture_removal(b: CaseBuilder, closure: str) -> str:
    term = b.vocabulary.term("SutureRemoval")
    gap = b.rng.randint(8, 14)
    pid = b.fact("proc", term, "procedure", procedure=term.name, status="performed", timing=offset(gap, "day", closure))
    b.say(f"Sutures came out {gap} days after the closure.", pid)
    return pid


def _alternative(b: CaseBuilder, dx: str, comorbid: tuple[str, ...]) -> None:
    """Lithotripsy or laser: ruled out by the first other condition, or planned for what remains."""
    alt = b.pick(b.vocabulary["alternative"])
    status = b.pick(("precluded", "planned"))
    reasons = list(comorbid[:1]) or [dx]
    aid = b.fact("proc", alt, "procedure", procedure=alt.name, status=status, indication=[dx], reason=reasons if status == "precluded" else None)
    if status == "precluded":
        b.say(f"{cap(alt.label)} was discussed but judged unsuitable because of {b.label_of(reasons[0])}.", aid)
    else:
        b.say(f"{cap(alt.label)} is planned for any smaller deposits that remain.", aid)
