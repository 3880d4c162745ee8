"""Read a small text file safely: one place for the checks every input file gets."""

from __future__ import annotations

from pathlib import Path

__all__ = ["TextFileProblem", "read_utf8"]


class TextFileProblem(Exception):
    """Why a file cannot be used as text; callers wrap it in their own error with file and field."""


def read_utf8(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """Return the bytes and the UTF-8 text of ``path``.

    Refuses a folder, a missing or unreadable file, one larger than ``max_bytes``
    (unread), a binary file (NUL bytes), invalid UTF-8, and an empty file.
    """
    try:
        if path.is_dir():
            raise TextFileProblem("is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise TextFileProblem(f"file is too large ({size} bytes; the limit is {max_bytes})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TextFileProblem("file not found") from None
    except OSError as exc:
        raise TextFileProblem(f"cannot read file: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise TextFileProblem("file is binary, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextFileProblem(f"file is not UTF-8 (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise TextFileProblem("file is empty")
    return raw, text
