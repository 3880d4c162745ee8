"""Which terms of a source are kept, under which project branch, with which parents.

Pure functions over the terms a reader returned. A term is kept when it is not
obsolete, is a root of the source or descends from one, and descends from no
excluded subtree. Parents outside the kept set are dropped, so that every
ancestor chain ends at a kept root.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .model import Term
from .sources import Source

__all__ = ["Placed", "ancestor_closure", "select_terms"]


@dataclass(frozen=True)
class Placed:
    """A kept term and the project branch it falls under."""

    term: Term
    branch: str


def ancestor_closure(parents: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """Every term's ancestors (itself excluded) from the direct-parent map; cycles are tolerated."""
    closure: dict[str, frozenset[str]] = {}
    for start in parents:
        if start in closure:
            continue
        stack: list[tuple[str, list[str]]] = [(start, list(parents.get(start, ())))]
        on_path = {start}
        while stack:
            node, todo = stack[-1]
            while todo and (todo[-1] in closure or todo[-1] in on_path):
                todo.pop()
            if todo:
                child = todo.pop()
                on_path.add(child)
                stack.append((child, list(parents.get(child, ()))))
                continue
            stack.pop()
            on_path.discard(node)
            found: set[str] = set()
            for parent in parents.get(node, ()):
                found.add(parent)
                found |= closure.get(parent, frozenset())
            found.discard(node)
            closure[node] = frozenset(found)
    return closure


def select_terms(terms: Iterable[Term], source: Source) -> list[Placed]:
    """The kept terms of ``source``, sorted by id, each with its branch and its parents restricted to kept terms."""
    live = {t.id: t for t in terms if not t.obsolete and t.id.startswith(source.prefix + ":")}
    if not source.roots:
        return [Placed(t, source.branch) for _, t in sorted(live.items())]
    if all(t.ancestors for t in live.values() if t.parents):
        ancestors = {i: t.ancestors for i, t in live.items()}
    else:
        ancestors = ancestor_closure({i: t.parents for i, t in live.items()})
    excluded = set(source.excluded)
    kept: dict[str, str] = {}
    for term_id in live:
        lineage = ancestors.get(term_id, frozenset()) | {term_id}
        if lineage & excluded:
            continue
        branch = next((b for r, b in source.roots if r in lineage), None)
        if branch is not None:
            kept[term_id] = branch
    placed = []
    for term_id in sorted(kept):
        term = live[term_id]
        parents = tuple(p for p in term.parents if p in kept)
        placed.append(Placed(replace(term, parents=parents, ancestors=frozenset()), kept[term_id]))
    return placed
