"""File-system helpers the build and the exports share."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["user_mode", "apply_user_mode", "file_stamp"]


def user_mode(base: int) -> int:
    """``base`` (0o666 for files, 0o777 for folders) with the user's umask applied, as ``open`` and ``mkdir`` do."""
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


def apply_user_mode(path: Path) -> None:
    """Give a file or folder made by ``tempfile`` (0600 or 0700) the permissions a plain ``open``/``mkdir`` would."""
    path.chmod(user_mode(0o777 if path.is_dir() else 0o666))


def file_stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time in nanoseconds (None when it cannot be read)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns
