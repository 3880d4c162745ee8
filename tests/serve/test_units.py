"""Small parts of `kg serve`: content negotiation, the sentence around a span, reading report texts safely."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.serve.evidence import Excerpt, ReportTexts, sentence_bounds
from kg.serve.negotiate import choose
from kg.serve.sparql import RESULT_FORMATS

OFFERS = [*RESULT_FORMATS, "text/html"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("text/tab-separated-values, text/csv;q=0.5", "text/tab-separated-values"),
        ("text/csv;q=0.2, application/json;q=0.3", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("application/sparql-results+json,application/json,text/javascript,application/javascript", "application/sparql-results+json"),
        ("*/*;q=0.1, text/csv;q=0", "application/sparql-results+json"),
        ("image/png", None),
        ("text/csv;q=0", None),
        ("text/csv;q=nonsense", None),
    ],
)
def test_choose(accept: str | None, chosen: str | None) -> None:
    assert choose(accept, OFFERS) == chosen


TEXT = "# Title\n\nFirst sentence here. The patient had no fever. Third one!\nNext line, no stop"


def test_sentence_bounds_cut_at_sentence_ends_and_lines() -> None:
    start = TEXT.index("no fever")
    begin, end = sentence_bounds(TEXT, start, start + len("no fever"))
    assert TEXT[begin:end] == "The patient had no fever."
    start = TEXT.index("Third")
    assert TEXT[slice(*sentence_bounds(TEXT, start, start + 5))] == "Third one!"
    start = TEXT.index("no stop")
    assert TEXT[slice(*sentence_bounds(TEXT, start, start + 2))] == "Next line, no stop"
    start = TEXT.index("Title")
    assert TEXT[slice(*sentence_bounds(TEXT, start, start + 5))] == "# Title"


def test_a_span_ending_on_a_full_stop_keeps_its_sentence() -> None:
    start, end = TEXT.index("First"), TEXT.index("here.") + len("here.")
    assert TEXT[slice(*sentence_bounds(TEXT, start, end))] == "First sentence here."


def test_long_context_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    text = "word " * 200 + "TARGET " + "word " * 200
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    texts = ReportTexts(tmp_path)
    start = text.index("TARGET")
    excerpt = texts.excerpt("long.txt", hashlib.sha256(text.encode()).hexdigest(), start, start + 6)
    assert excerpt is not None and excerpt.marked == "TARGET"
    assert excerpt.before.startswith("… ") and excerpt.after.endswith(" …")
    assert len(excerpt.before) < 310 and len(excerpt.after) < 310


def test_report_texts_are_checked_before_use(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    (tmp_path.parent / "outside.txt").write_text(TEXT, encoding="utf-8")
    texts = ReportTexts(tmp_path)
    start = TEXT.index("no fever")
    assert texts.excerpt("a.txt", digest, start, start + 8) == Excerpt("The patient had ", "no fever", ".")
    assert texts.problem("a.txt", digest) is None
    assert "sha256 differs" in (texts.problem("a.txt", "0" * 64) or "")
    assert texts.excerpt("a.txt", "0" * 64, start, start + 8) is None
    assert "file not found" in (texts.problem("missing.txt", digest) or "")
    for name in ("../outside.txt", "/etc/hostname", ".hidden", "a\\b.txt", ""):
        assert "not a plain file name" in (texts.problem(name, digest) or ""), name
    assert texts.excerpt("a.txt", digest, 5, len(TEXT) + 1) is None  # offsets outside the text
    assert "no folder of report texts" in (ReportTexts(None).problem("a.txt", digest) or "")


def test_queries_wait_for_a_free_worker_then_give_up(store: object) -> None:
    from kg.serve.messages import HttpError
    from kg.serve.sparql import Endpoint

    endpoint = Endpoint(store, timeout=0.5, workers=1)  # type: ignore[arg-type]
    assert endpoint.answer("ASK {}", None).body == b'{"head":{},"boolean":true}'
    endpoint._slots.acquire()  # another query holds the only worker
    with pytest.raises(HttpError, match="the server is busy") as busy:
        endpoint.answer("ASK {}", None)
    assert busy.value.status == 503
    endpoint._slots.release()
    assert endpoint.answer("ASK {}", None).form == "ask"
