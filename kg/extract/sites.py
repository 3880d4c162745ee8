"""Anatomic sites of the patient's lesions: attach each site mention to the lesion, calcinosis or procedure it belongs to.

In each patient sentence a site (a project site or an Uberon term) goes to:

- the same target as the site before it when only a list separates them
  ("on both hands and forearms, the thighs, the buttocks");
- the procedure named just before it ("excision of the thigh");
- the anchor it follows through a preposition, possibly after a few words
  without a comma ("nodules were found over both knees", "a plaque measuring
  3 x 2 cm appeared on the hand", "nodules on the outer aspect of both hips");
- the anchor right after it ("hand papules", "scrotal mass");
- else the nearest anchor in the sentence that is a term or a calcinosis
  word, in the same clause when there is one; with no anchor, a sentence
  saying where something was "located" gives the calcinosis its sites.

Anchors are calcinosis terms and words (calcification, calcified, deposit),
lesion terms (ulcers, and condition or finding terms written as a lesion
word: papules, nodules, plaques, swelling), other condition, finding, test
and procedure mentions, and plain lesion words (mass, nodule, lesion,
wound, ...). A site of a calcinosis anchor, of a lesion term or of a lesion
word becomes a site of the calcinosis diagnosis; lesion words create that
diagnosis only in a report that names calcinosis for the patient (or in its
title or keywords). A calcinosis left without a site takes the sites of the
patient's ulcers and lesions. Of the calcinosis sites only the most
specific of each part-of chain is kept, and tissue layers (skin, subcutis,
dermis) give way to body regions. Laterality comes from "left", "right",
"bilateral" or "both" just before the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import CALCINOSIS_TERMS, Draft
from .mentions import Mention
from .text import Sentence

__all__ = ["attach_sites", "prune_calcinosis_sites", "LESION_WORD"]

LESION_WORD = re.compile(
    r"\b(?:mass(?:es)?|nodules?|lesions?|deposits?|deposition|calcifications?|calcified|calcinosis|plaques?|papules?|tumou?rs?"
    r"|swellings?|wounds?|ulcers?|ulcerations?|patch(?:es)?|lumps?|bumps?|eruptions?)\b",
    re.IGNORECASE,
)
"""Words for a lesion: where they stand, the sites around them are the lesion's."""
_CALCINOSIS_WORD = re.compile(r"\b(?:deposits?|deposition|calcifications?|calcified|calcinosis)\b", re.IGNORECASE)
_PREPOSITION_GAP = re.compile(
    r"\s*(?:[\w.×-]+\s+){0,10}?(?:of|in|at|on|over|around|involving|overlying|near|along|across|beneath|under|within|adjacent\s+to|from|to"
    r"|affecting|covering|including)\s+(?:(?:the|a|an|both|her|his|their|each|either|one|all)\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}(?:aspects?|sides?|surfaces?|parts?|portions?|regions?|areas?|borders?|edges?|skin|dorsum|back|front|tips?|base|palm|sole)\s+(?:of|over)\s+(?:(?:the|both|her|his)\s+)?)?"
    r"(?:(?:left|right|bilateral|upper|lower|medial|lateral|anterior|posterior|inner|outer|dorsal|ventral|distal|proximal|palmar|plantar)\s+)*$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(
    r"^\s*(?:,|\band\b|\bor\b|\bas well as\b|(?:,\s*)?(?:extending|spreading|reaching|down|up)?\s*(?:to|into|as far as)\b)"
    r"\s*(?:and\s+)?(?:(?:the|both|her|his|a|an)\s+)?"
    r"(?:(?:left|right|bilateral|upper|lower|distal|proximal|medial|lateral|anterior|posterior)\s+)*$",
    re.IGNORECASE,
)
_ROUTE = re.compile(r"\b(?:by|via|per)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
"""Before a site named as a route ("given by vein", "taken by mouth"): not where a lesion is."""
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|without|absence\s+of|free\s+of)\b[^.;]{0,40}$", re.IGNORECASE)
_ADJACENT_GAP = re.compile(r"^\s*(?:[\w-]+\s+){0,2}$")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|which)\b|\)\s*,")
_LOCATED = re.compile(r"\b(?:located|situated|distributed|locali[sz]ed|found|present|seen|involving|involved|affected)\b", re.IGNORECASE)
_LATERALITY = re.compile(r"\b(left|right|bilateral|both)\s+(?:(?!and\b|or\b)[\w-]+\s+)?$", re.I)
_LAYER = re.compile(
    r"\b(?:tissue|dermis|epidermis|subcutis|hypodermis|fascia|layer|membrane|muscle|skin|fat|vessel|arteriole|artery|vein|venule"
    r"|capillary|nerve|gland)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Anchor:
    """Something a site can belong to: ``kind`` is calcinosis, lesion (a lesion term: its fact and the calcinosis),
    word (a lesion word: the calcinosis), or the branch of another mention."""

    start: int
    end: int
    kind: str
    mention: Mention | None


def _anchors(draft: Draft, sentence: Sentence, mentions: list[Mention]) -> list[Anchor]:
    anchors: list[Anchor] = []
    for m in mentions:
        if m.branch == "AnatomicSite":
            continue
        if m.term in CALCINOSIS_TERMS or draft.is_calcinosis(m):
            kind = "calcinosis"
        elif draft.view.is_a(m.term, "Ulcer") or (m.branch in ("Condition", "ClinicalFinding") and LESION_WORD.search(draft.masked, m.start, m.end)):
            kind = "lesion"
        else:
            kind = m.branch
        anchors.append(Anchor(m.start, m.end, kind, m))
    for match in LESION_WORD.finditer(draft.masked, sentence.start, sentence.end):
        if not any(a.start <= match.start() < a.end for a in anchors):
            kind = "calcinosis" if _CALCINOSIS_WORD.fullmatch(match.group()) else "word"
            anchors.append(Anchor(match.start(), match.end(), kind, None))
    return anchors


def _target(draft: Draft, site: Mention, anchors: list[Anchor]) -> Anchor | None:
    text = draft.masked
    before = [a for a in anchors if a.end <= site.start and a.kind == "Procedure" and site.start - a.end <= 25]
    if before:
        return max(before, key=lambda a: a.end)
    preceding = [a for a in anchors if a.end <= site.start]
    if preceding:
        head = max(preceding, key=lambda a: a.end)
        gap = _PREPOSITION_GAP.match(text, head.end, site.start)
        if gap and gap.end() == site.start:
            return head
    following = [a for a in anchors if a.start >= site.end]
    if following:
        nxt = min(following, key=lambda a: a.start)
        if _ADJACENT_GAP.match(text[site.end : nxt.start]) and nxt.start - site.end <= 20:
            return nxt
    candidates = [a for a in anchors if a.kind != "word"]
    if not candidates:
        return None
    same_clause = [a for a in candidates if not _CLAUSE_BREAK.search(text, min(a.end, site.end), max(a.start, site.start))]
    return min(same_clause or candidates, key=lambda a: a.start - site.end if a.start >= site.end else site.start - a.end)


def _laterality(draft: Draft, site: Mention) -> str | None:
    match = _LATERALITY.search(draft.masked, max(site.sentence.start, site.start - 30), site.start)
    if not match:
        return None
    word = match.group(1).lower()
    return "bilateral" if word in ("bilateral", "both") else word


def _to_calcinosis(draft: Draft, site: Mention, side: str | None, first: Mention) -> None:
    if draft.calcinosis is None and not draft.calcinosis_named:
        return
    fact = draft.calcinosis_fact("lesion word with an anatomic site", first)
    fact.sites.setdefault(site.term, side)
    fact.mentions.append(site)


def _assign(draft: Draft, site: Mention, target: Anchor, has_calcinosis: bool) -> None:
    side = _laterality(draft, site)
    if target.kind in ("calcinosis", "word") or (target.kind == "lesion" and (has_calcinosis or draft.calcinosis_named)):
        _to_calcinosis(draft, site, side, target.mention or site)
    if target.mention is not None and target.kind != "calcinosis":
        fact = draft.fact_for(target.mention)
        if fact is not None and fact.type in ("diagnosis", "finding", "test", "procedure"):
            fact.sites.setdefault(site.term, side)


def attach_sites(draft: Draft, patient: list[Mention]) -> None:
    """Attach the site mentions of patient sentences to their facts (see the module docstring)."""
    by_sentence: dict[Sentence, list[Mention]] = {}
    for m in patient:
        by_sentence.setdefault(m.sentence, []).append(m)
    for sentence, mentions in sorted(by_sentence.items(), key=lambda item: item[0].start):
        anchors = _anchors(draft, sentence, mentions)
        has_calcinosis = any(a.kind == "calcinosis" for a in anchors)
        sites = [
            m
            for m in mentions
            if m.branch == "AnatomicSite" and m.status != "absent" and not _ROUTE.search(draft.masked, max(sentence.start, m.start - 12), m.start)
        ]
        previous: tuple[Mention, Anchor] | None = None
        imaged: list[tuple[Mention, Anchor]] = []
        for site in sites:
            draft.site_labels[site.term] = site.label
            if previous is not None and _LIST_GAP.match(draft.masked[previous[0].end : site.start]):
                target: Anchor | None = previous[1]
            elif site.kind == "adjective" and not any(0 <= a.start - site.end <= 15 for a in anchors):
                continue
            else:
                target = _target(draft, site, anchors) if anchors else None
            if target is None:
                if _LOCATED.search(draft.masked, sentence.start, sentence.end):
                    target = Anchor(site.start, site.end, "word", None)  # "They were located on both hands"
                else:
                    continue
            _assign(draft, site, target, has_calcinosis)
            previous = (site, target)
            if target.mention is not None and draft.view.is_a(target.mention.term, "ImagingProcedure"):
                imaged.append((site, target))
        _sites_from_imaging(draft, sentence, anchors, imaged)
    _sites_from_lesions(draft)


def _sites_from_imaging(draft: Draft, sentence: Sentence, anchors: list[Anchor], imaged: list[tuple[Mention, Anchor]]) -> None:
    """Sites of an imaging study that finds calcification in the same sentence are the calcinosis's too.

    ("Radiographs of the hands and the knees revealed calcifications": the
    sites went to the radiograph, the calcification has none of its own.)
    """
    if not imaged:
        return
    after = max(site.end for site, _ in imaged)
    found = [
        a
        for a in anchors
        if a.kind == "calcinosis" and a.start >= after and not _NEGATED_BEFORE.search(draft.masked, max(sentence.start, a.start - 60), a.start)
    ]
    if not found:
        return
    for site, _ in imaged:
        _to_calcinosis(draft, site, _laterality(draft, site), found[0].mention or site)


def _sites_from_lesions(draft: Draft) -> None:
    """A calcinosis without a site takes the sites of the patient's ulcers, wounds and lesions."""
    calcinosis = draft.calcinosis
    if calcinosis is None or calcinosis.sites:
        return
    for fact in draft.facts.values():
        lesion = any(LESION_WORD.search(draft.masked, m.start, m.end) for m in fact.mentions if m.branch != "AnatomicSite")
        if (
            fact is not calcinosis
            and fact.type in ("diagnosis", "finding")
            and fact.status != "absent"
            and (lesion or draft.view.is_a(fact.term, "Ulcer"))
        ):
            for site, side in fact.sites.items():
                calcinosis.sites.setdefault(site, side)


def prune_calcinosis_sites(draft: Draft) -> None:
    """Keep the most specific site of each part-of chain; body regions over tissue layers."""
    if draft.calcinosis is None:
        return
    sites = draft.calcinosis.sites
    part_of = draft.view.part_of
    for site in list(sites):
        if any(site in part_of.get(other, ()) for other in sites if other != site):
            sites.pop(site)

    def regional(site: str) -> bool:
        if ":" in site:
            return not _LAYER.search(draft.site_labels.get(site, ""))
        return draft.view.is_regional(site)

    if any(regional(s) for s in sites):
        for site in [s for s in sites if not regional(s)]:
            sites.pop(site)
