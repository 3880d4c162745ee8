"""HTTP content negotiation: pick the media type a client prefers among those the server offers (RFC 9110, section 12.5.1)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["parse_accept", "choose"]


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights; no header means ``*/*``."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for item in header.split(","):
        parts = [part.strip() for part in item.split(";")]
        media = parts[0].lower()
        if "/" not in media:
            continue
        weight = 1.0
        for part in parts[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(1.0, max(0.0, float(value)))
                except ValueError:
                    weight = 0.0
        ranges.append((media, weight))
    return ranges


def _weight(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The weight of the most specific range that matches ``offer`` (0 when none does)."""
    kind = offer.split("/", 1)[0]
    best, specificity = 0.0, -1
    for media, weight in ranges:
        if media == offer:
            level = 2
        elif media == f"{kind}/*":
            level = 1
        elif media == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = weight, level
    return best


def choose(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client weighs highest (ties go to the earlier offer), or None when it accepts none."""
    ranges = parse_accept(header)
    best, best_weight = None, 0.0
    for offer in offers:
        weight = _weight(offer, ranges)
        if weight > best_weight:
            best, best_weight = offer, weight
    return best
