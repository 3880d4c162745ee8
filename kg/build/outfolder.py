"""The output folder of a build: only an earlier build is ever replaced, one build at a time, atomically.

- A build marks its folder with :data:`BUILD_MARKER`. A build refuses to
  replace an existing folder that holds anything but an earlier build (a
  folder of records, a checkout, a user's files), so no option can delete
  what the project did not write.
- A lock file beside the folder (``.<name>.lock``, left in place) keeps a
  second build out while one runs; the second one stops at once with a clear
  message.
- The new outputs are written into a sibling folder and exchanged with the old
  ones in one atomic step (``renameat2`` with ``RENAME_EXCHANGE`` on Linux;
  elsewhere two renames, and the next build puts the old folder back if it
  was stopped between them). A failed or interrupted build leaves the previous
  outputs as they were: same files, same contents, same modification times.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.errors import OutputFolderError
from kg.files import apply_user_mode
from kg.layout import BUILD_MARKER

__all__ = ["BUILD_MARKER", "is_build", "output_lock", "new_staging_folder", "mark_build", "swap_in", "recover", "remove_staging_folders"]


_LEGACY_FILES = ("summary.json", "cache/manifest.json", "store")
"""What a build folder of a version before the marker holds (all of them)."""


def is_build(folder: Path) -> bool:
    """True if ``folder`` holds the outputs of a build (marked, or of an earlier version of the project)."""
    if (folder / BUILD_MARKER).is_file():
        return True
    return all((folder / name).exists() for name in _LEGACY_FILES)


def _check_replaceable(out_dir: Path) -> None:
    if not out_dir.exists() and not out_dir.is_symlink():
        return
    if not out_dir.is_dir() or out_dir.is_symlink():
        raise OutputFolderError(f"{out_dir}: exists and is not a folder; choose another --out")
    if any(out_dir.iterdir()) and not is_build(out_dir):
        raise OutputFolderError(
            f"{out_dir}: the folder holds files that are not the outputs of an earlier `kg build` "
            f"(no {BUILD_MARKER} marker); a build replaces its output folder as a whole, so choose "
            "a new or empty folder for --out"
        )


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the build lock of ``out_dir`` and check that it may be replaced; yield the resolved folder."""
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputFolderError(f"{out_dir}: cannot create the output folder: {ancestor} is a file")
            break
    _check_replaceable(out_dir)  # before anything is created beside a folder that is refused
    try:
        parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(parent / f".{out_dir.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputFolderError(f"{out_dir}: cannot create the output folder: {exc.strerror or exc}") from None
    try:
        _lock(handle, out_dir)
        recover(out_dir)
        _check_replaceable(out_dir)
        yield out_dir
    finally:
        os.close(handle)


def _lock(handle: int, out_dir: Path) -> None:
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputFolderError(f"{out_dir}: another `kg build` is writing to this folder; wait for it to finish, or choose another --out") from None


def new_staging_folder(out_dir: Path) -> Path:
    """A new empty sibling folder to write the outputs into, with the permissions the user's umask gives."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputFolderError(f"{out_dir.parent}: cannot write here: {exc.strerror or exc}") from None
    apply_user_mode(tmp)
    return tmp


def mark_build(folder: Path, version: str) -> None:
    """Write the marker that lets a later build replace this folder."""
    marker = {"program": "calcinosis-kg", "version": version}
    (folder / BUILD_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def swap_in(tmp: Path, out_dir: Path) -> None:
    """Put the finished outputs in ``tmp`` in place of ``out_dir`` and remove the old ones."""
    if out_dir.exists() and _exchange(tmp, out_dir):
        shutil.rmtree(tmp)
        return
    old = out_dir.parent / f".{out_dir.name}.previous"
    if out_dir.exists():
        if old.exists():
            shutil.rmtree(old)
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old.exists():
        shutil.rmtree(old)


def recover(out_dir: Path) -> None:
    """Restore the previous outputs if a build was stopped between two renames, and remove stale staging folders."""
    old = out_dir.parent / f".{out_dir.name}.previous"
    if old.exists() and not out_dir.exists():
        os.replace(old, out_dir)
    remove_staging_folders(out_dir)


def remove_staging_folders(out_dir: Path) -> None:
    """Remove every staging folder of ``out_dir`` (the caller holds its lock: none belongs to a running build)."""
    for stale in out_dir.parent.glob(f".{out_dir.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's ``renameat2``; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
