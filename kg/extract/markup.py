"""Mask the Markdown/HTML markup of a converted report without moving any character.

The extractor reads a copy of the text in which markup characters (``**``,
``\\*``, ``#`` heading marks, ``<sup>`` tags and citation superscripts) are
replaced by spaces. The copy has exactly the same length, so every offset found
in it is an offset into the original report text.
"""

from __future__ import annotations

import re

__all__ = ["mask_markup"]

_CITATION_SUP = re.compile(r"<sup>[\d,\s\-–]+</sup>")
_TAG = re.compile(r"</?(?:sup|sub|i|b|em|strong|span|br)\s*/?>", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\((?:https?|mailto):[^)]*\)")
_MARKS = re.compile(r"\\\*|\*+|\\_|(?m:^#+(?=\s))|\\(?=[\[\]()_.-])")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_markup(text: str) -> str:
    """Return ``text`` with markup replaced by spaces (same length, same newlines)."""
    masked = _CITATION_SUP.sub(_blank, text)
    masked = _TAG.sub(_blank, masked)
    masked = _LINK_TARGET.sub(_blank, masked)
    masked = _MARKS.sub(_blank, masked)
    assert len(masked) == len(text)
    return masked
