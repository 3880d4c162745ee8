"""Draws from a case's random stream that every part of the generator shares.

Each case has one :class:`random.Random`; its output depends on the exact order
of draws, so these helpers keep the calls that the corpus format was made with.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["case_rng", "pick", "sample"]

T = TypeVar("T")


def case_rng(seed: int, index: int) -> random.Random:
    """The random stream of case ``index`` of the corpus of ``seed`` (independent of the corpus size)."""
    return random.Random(f"{seed}:{index}")


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """One item of a non-empty sequence."""
    return seq[rng.randrange(len(seq))]


def sample(rng: random.Random, seq: Sequence[T], k: int) -> list[T]:
    """Up to ``k`` distinct items of a sequence, in drawn order."""
    return rng.sample(list(seq), min(k, len(seq)))
