"""Small wording helpers the section writers share: capitals, articles, lists, slugs and printed typos."""

from __future__ import annotations

import random
import re

__all__ = ["slug", "cap", "an", "and_list", "misspell"]


def slug(name: str) -> str:
    """A local name as an id part (``SkinUlcer`` -> ``skin-ulcer``)."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name).lower()


def cap(text: str) -> str:
    """The text with its first character in upper case."""
    return text[:1].upper() + text[1:]


def an(text: str) -> str:
    """The text after the indefinite article that fits it (``an ulcer``, ``a nodule``)."""
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"


def and_list(items: list[str]) -> str:
    """Items joined as prose: ``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def misspell(label: str, rng: random.Random) -> str:
    """Swap two inner letters of the label's longest word (a printed typo)."""
    words = label.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return label + "e"
    at = rng.randint(1, len(word) - 3)
    if word[at] == word[at + 1]:
        word = word[:at] + word[at + 1 :]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[longest] = word
    return " ".join(words)
