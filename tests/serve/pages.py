"""Reading the served HTML in tests: tags with their attributes, headings, visible text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    """The elements of one page in document order, its headings and its text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    rows: dict[str, int] = field(default_factory=dict)

    def count_rows(self, table_id: str) -> int:
        """Rows in the body of the table with this id."""
        return self.rows.get(table_id, 0)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.chunks: list[str] = []
        self.heading: tuple[str, list[str]] | None = None
        self.table: str | None = None
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, values))
        if tag in ("h1", "h2", "h3"):
            self.heading = (tag, [])
        if tag == "table":
            self.table = values.get("id", "")
        if tag == "tbody":
            self.in_body = True
        if tag == "tr" and self.in_body and self.table is not None:
            self.page.rows[self.table] = self.page.rows.get(self.table, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self.heading:
            self.page.headings.append((self.heading[0], " ".join("".join(self.heading[1]).split())))
            self.heading = None
        if tag == "tbody":
            self.in_body = False
        if tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self.heading:
            self.heading[1].append(data)


def parse_page(text: str) -> Page:
    """The page's elements, headings, table row counts and text (whitespace collapsed)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.page.text = " ".join("".join(reader.chunks).split())
    return reader.page
