"""Evidence in its report text: the sentence around a span, read from the user's folder of report texts.

The project stores no report prose: a fact's evidence is a file name, the
sha256 of that file and character offsets ``[start, end)``. The web view reads
the file from the folder given to ``kg serve --reports``, checks its sha256,
and cuts out the sentence (or sentences) around the span, with the span
itself to be highlighted.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EvidenceError
from kg.records.evidence import read_report_text

__all__ = ["Excerpt", "ReportTexts", "sentence_bounds"]

CONTEXT = 300
"""At most this many characters of context on either side of a span."""
_CACHED = 32
"""Report texts kept in memory."""
_BOUNDARY = re.compile(r"[.!?]+(?=\s)|\n")


@dataclass(frozen=True)
class Excerpt:
    """The text around a span: ``before`` + ``marked`` + ``after`` is one stretch of the report."""

    before: str
    marked: str
    after: str


def sentence_bounds(text: str, start: int, end: int, limit: int = CONTEXT) -> tuple[int, int]:
    """The start and end of the sentence(s) holding ``text[start:end]``, at most ``limit`` characters beyond the span."""
    low = max(0, start - limit)
    begin = low
    for match in _BOUNDARY.finditer(text, low, start):
        begin = match.end()
    while begin < start and text[begin].isspace():
        begin += 1
    high = min(len(text), end + limit)
    found = _BOUNDARY.search(text, max(start, end - 1), high)
    finish = high if found is None else (found.start() if found.group() == "\n" else found.end())
    return begin, max(finish, end)


class ReportTexts:
    """The report texts of a folder, read on demand, checked against their sha256, a few kept in memory."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._texts: OrderedDict[str, str | EvidenceError] = OrderedDict()
        self._lock = threading.Lock()

    def problem(self, file: str, sha256: str) -> str | None:
        """Why the text named ``file`` cannot show evidence (missing, changed, ...), or None when it can."""
        found = self._text(file, sha256)
        return str(found) if isinstance(found, EvidenceError) else None

    def excerpt(self, file: str, sha256: str, start: int, end: int) -> Excerpt | None:
        """The sentence around ``[start, end)`` in the text named ``file``, or None when the text is unavailable."""
        found = self._text(file, sha256)
        if isinstance(found, EvidenceError) or not 0 <= start <= end <= len(found):
            return None
        begin, finish = sentence_bounds(found, start, end)
        low, high = max(0, start - CONTEXT), min(len(found), end + CONTEXT)
        cut_before = low > 0 and _BOUNDARY.search(found, low, start) is None
        cut_after = finish == high < len(found) and _BOUNDARY.search(found, max(start, end - 1), high) is None
        before = ("… " if cut_before else "") + found[begin:start]
        after = found[end:finish] + (" …" if cut_after else "")
        return Excerpt(before, found[start:end], after)

    def _text(self, file: str, sha256: str) -> str | EvidenceError:
        key = f"{file}\0{sha256}"
        with self._lock:
            if key in self._texts:
                self._texts.move_to_end(key)
                return self._texts[key]
        found = self._read(file, sha256)
        with self._lock:
            self._texts[key] = found
            while len(self._texts) > _CACHED:
                self._texts.popitem(last=False)
        return found

    def _read(self, file: str, sha256: str) -> str | EvidenceError:
        if self.folder is None:
            return EvidenceError(file, None, None, "no folder of report texts was given (kg serve --reports DIR or KG_REPORTS_DIR)")
        if not file or file != Path(file).name or file.startswith(".") or "\\" in file:
            return EvidenceError(file, None, None, "not a plain file name; report texts are read only from the reports folder")
        try:
            report = read_report_text(self.folder / file)
        except EvidenceError as exc:
            return EvidenceError(file, None, None, f"cannot be read from {self.folder}: {exc.message.split(': ')[-1]}")
        if report.sha256 != sha256:
            return EvidenceError(file, None, None, f"in {self.folder} has changed since the build (its sha256 differs); the offsets may not fit it")
        return report.text
