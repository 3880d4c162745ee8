"""A light scan of SPARQL text: what lies outside comments, IRIs and string literals.

Enough to find the first group of a query (where a VALUES hint goes), the
query form (SELECT, ASK, ... or an update), and keywords such as SERVICE,
without a full parser: a comment, an IRI or a string can never be mistaken
for query text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["code_segments", "first_group", "keywords", "UPDATE_KEYWORDS", "QUERY_FORMS"]

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WORD = re.compile(r"(?<![\w?$:.\-])[A-Za-z]+(?![\w:])")

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def code_segments(text: str) -> Iterator[tuple[int, str]]:
    """The pieces of ``text`` outside comments, IRIs and string literals, with their start offsets."""
    i, n, start = 0, len(text), 0
    while i < n:
        c = text[i]
        skip_to = -1
        if c == "#":
            end = text.find("\n", i)
            skip_to = n if end < 0 else end
        elif c == "<" and _IRI.match(text, i):
            skip_to = text.index(">", i) + 1
        elif c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            skip_to = min(n, j + len(quote))
        if skip_to >= 0:
            if i > start:
                yield start, text[start:i]
            i = start = skip_to
        else:
            i += 1
    if start < n:
        yield start, text[start:]


def first_group(text: str) -> int:
    """The index of the first ``{`` outside comments, IRIs and string literals, or -1."""
    for offset, piece in code_segments(text):
        at = piece.find("{")
        if at >= 0:
            return offset + at
    return -1


def keywords(text: str) -> list[str]:
    """The bare words of the query text in order, upper-cased (not variables, prefixed names, IRIs or strings)."""
    return [match.group(0).upper() for _, piece in code_segments(text) for match in _WORD.finditer(piece)]
