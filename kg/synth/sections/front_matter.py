"""Front matter: title, authors, affiliation, dates, citation line and keywords."""

from __future__ import annotations

from kg.synth.plan import CasePlan
from kg.synth.text import Draft
from kg.synth.words import an, cap

__all__ = ["write_front_matter"]


def write_front_matter(plan: CasePlan, draft: Draft) -> None:
    """Write the lines before the abstract and the keyword line (no draws: all comes from the plan)."""
    pub = plan.publication
    draft.say("front_matter", title(plan), "@title", "@pub")
    draft.say("front_matter", ", ".join(pub.authors), "@pub")
    draft.say("front_matter", pub.affiliation)
    dates = f"Received: {pub.received.isoformat()}; Accepted: {pub.accepted.isoformat()}; Published: {pub.published.isoformat()}"
    draft.say("front_matter", dates, "@pub")
    draft.say("front_matter", f"{pub.journal}. {plan.pub_year};{pub.volume}({pub.issue}):{pub.pages}. doi: {pub.doi}", "@pub")
    prefix = "Keywords: "
    line = prefix + "; ".join(plan.keywords)
    draft.say("keywords", line, parts=(("@keywords", len(prefix), len(line)),))


def title(plan: CasePlan) -> str:
    """The report title."""
    driver = plan.systemic_driver
    with_driver = f" with {driver.label}" if driver else ""
    patient = an(f"{plan.patient.age}-year-old {plan.patient.person}")
    return f"{cap(plan.subtype.label)} of the {plan.main_site.words} in {patient}{with_driver}: a synthetic case"
