"""Background: the claims of the introduction, discussion and conclusion, with their citations.

Claims come from the table in :mod:`kg.synth.claims`; this module chooses how
many, cites every reference at least once, splits them over the sections and
places the sentences about the patient among them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.synth.builder import CaseBuilder
from kg.synth.claimdraw import DrawnClaim, draw_claim
from kg.synth.claims import CLAIMS, ClaimRow
from kg.synth.plan import CasePlan

__all__ = ["Story", "write_background"]

_MAX_ATTEMPTS = 400


@dataclass(frozen=True)
class Story:
    """Facts of the case that the discussion and conclusion mention."""

    dx: str
    anchor: str
    failed: tuple[str, ...]
    infection: str | None
    organisms: tuple[str, ...]


def write_background(plan: CasePlan, b: CaseBuilder, story: Story) -> None:
    """Write 25 to 40 distinct claims over introduction, discussion and conclusion."""
    claims = _draw_claims(b, b.rng.randint(25, 40))
    cites = _citations(b, len(claims), len(plan.references))
    n_intro = round(len(claims) * b.rng.uniform(0.35, 0.45))
    n_concl = b.rng.randint(1, 3)
    for i, (cid, claim) in enumerate(claims):
        section = "introduction" if i < n_intro else ("conclusion" if i >= len(claims) - n_concl else "discussion")
        text = f"{claim.sentence[:-1]} [{', '.join(map(str, cites[i]))}]." if i in cites else claim.sentence
        b.draft.say(section, text, cid)
        if i == n_intro - 1:
            b.draft.say("introduction", f"We report a case of {plan.subtype.label} treated in our unit.", story.dx)
        b.claims.append(_claim_entry(cid, claim, cites.get(i)))
        if i == n_intro + 3:
            _patient_in_discussion(b, story)
    b.draft.say("conclusion", "Our patient needed staged surgery, and close follow-up remains advisable.", story.anchor)


def _draw_claims(b: CaseBuilder, count: int) -> list[tuple[str, DrawnClaim]]:
    """Claims from the table in shuffled rounds, skipping repeated sentences; each with its id."""
    sentences: set[str] = set()
    claims: list[tuple[str, DrawnClaim]] = []
    queue: list[ClaimRow] = []
    attempts = 0
    while len(claims) < count and attempts < _MAX_ATTEMPTS:
        attempts += 1
        if not queue:
            queue = list(CLAIMS)
            b.rng.shuffle(queue)
        claim = draw_claim(queue.pop(), b.rng, b.vocabulary)
        if claim.sentence in sentences:
            continue
        sentences.add(claim.sentence)
        claims.append((f"claim-{len(claims) + 1:02d}-{claim.kind.replace('_', '-')}", claim))
    return claims


def _citations(b: CaseBuilder, count: int, refs: int) -> dict[int, list[int]]:
    """Reference numbers per cited claim: about four claims in five cite, and every reference is cited."""
    cited = [i for i in range(count) if b.rng.random() < 0.8]
    if len(cited) < refs:
        cited = sorted(set(cited) | set(b.sample([i for i in range(count) if i not in cited], refs - len(cited))))
    order = list(cited)
    b.rng.shuffle(order)
    cites: dict[int, list[int]] = {}
    for number, i in enumerate(order, start=1):
        first = {number if number <= refs else b.rng.randint(1, refs)}
        cites[i] = sorted(first | ({b.rng.randint(1, refs)} if b.rng.random() < 0.25 else set()))
    return cites


def _claim_entry(cid: str, claim: DrawnClaim, cites: list[int] | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": cid, "kind": claim.kind, "subject": claim.subject}
    if claim.object:
        entry["object"] = claim.object
    if claim.value:
        entry["value"] = claim.value
    if cites is not None:
        entry["cites"] = cites
    entry["summary"] = claim.summary
    return entry


def _patient_in_discussion(b: CaseBuilder, story: Story) -> None:
    """A paragraph of the discussion about the patient: failed drugs and the infection."""
    say = b.draft.say
    b.draft.paragraph("discussion")
    for fid in story.failed:
        say("discussion", f"In our patient, {b.label_of(fid)} had failed before referral.", fid)
    if story.organisms:
        say("discussion", "Infection of the wound complicated the course, as it often does when deposits ulcerate.", story.infection or story.dx)
    b.draft.paragraph("discussion")
