"""Record ids for drafts: what a report's file name becomes."""

from __future__ import annotations

import re

__all__ = ["record_id_for"]


def record_id_for(name: str) -> str:
    """A valid record id from a file stem (lower case, hyphens)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "draft"
