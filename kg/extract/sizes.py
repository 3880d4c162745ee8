"""Lesion sizes such as "17 x 8 x 4 cm", "3 × 3 × 2 cm", "2.5 cm" or "4 mm" (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SizeMatch", "find_sizes"]

_N = r"(\d+(?:[.,]\d+)?)"
_X = r"\s*(?:cm|mm)?\s*[x×X\*]\s*"
_SIZE = re.compile(rf"\b{_N}(?:{_X}{_N})?(?:{_X}{_N})?\s*(cm|mm)\b")


@dataclass(frozen=True)
class SizeMatch:
    dimensions: tuple[float, ...]
    unit: str
    start: int
    end: int


def _num(text: str) -> float:
    value = float(text.replace(",", "."))
    return int(value) if value == int(value) else value


def find_sizes(text: str, start: int = 0, end: int | None = None) -> list[SizeMatch]:
    """Every size statement in ``text[start:end]``."""
    out = []
    for match in _SIZE.finditer(text, start, len(text) if end is None else end):
        dims = tuple(_num(g) for g in match.groups()[:3] if g)
        if all(d > 0 for d in dims):
            out.append(SizeMatch(dims, match.group(4), match.start(), match.end()))
    return out
