"""Incremental builds trust a record's size and mtime: unchanged stamps are not read, others are hashed, racy ones too."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from kg.build import build, plan
from kg.resources import bundled_data_dir

HOUR = 3600 * 10**9


def _copy_with_mtime(source: Path, target: Path, mtime_ns: int) -> list[Path]:
    shutil.copytree(source, target)
    files = sorted(target.glob("*.yaml"))
    for path in files:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return files


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files the plan reads from now on."""
    read: list[str] = []
    real = plan._read_bytes

    def spy(path: Path) -> bytes:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(plan, "_read_bytes", spy)
    return read


def _planned(data: Path, out: Path, reports: Path) -> str:
    messages: list[str] = []
    build(data, out, reports, messages.append)
    return next(m for m in messages if " to build" in m)


def test_records_with_the_stamps_the_last_build_saw_are_reused_unread(seed_reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(seed_reports, reports)
    for text in reports.iterdir():
        os.utime(text, ns=(time.time_ns() - HOUR, time.time_ns() - HOUR))
    data, out = tmp_path / "data", tmp_path / "out"
    files = _copy_with_mtime(bundled_data_dir(), data, time.time_ns() - HOUR)
    build(data, out, reports)
    read = _reads(monkeypatch)

    assert _planned(data, out, reports).startswith(f"{len(files)} record(s): {len(files)} unchanged, 0 to build")
    assert read == []

    touched = time.time_ns() - HOUR // 2
    os.utime(files[0], ns=(touched, touched))
    assert _planned(data, out, reports).startswith(f"{len(files)} record(s): {len(files)} unchanged, 0 to build")
    assert read == [files[0].name], "a touched record is hashed, and reused when its bytes are the same"

    read.clear()
    assert _planned(data, out, reports).startswith(f"{len(files)} record(s): {len(files)} unchanged, 0 to build")
    assert read == [], "the touched record's new stamp is trusted from then on"


def test_a_same_size_change_in_the_racy_window_is_rebuilt(seed_reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose mtime is not well before the last build began may have changed unseen: it is hashed."""
    data, out = tmp_path / "data", tmp_path / "out"
    racy = time.time_ns() + HOUR  # never before the build began
    files = _copy_with_mtime(bundled_data_dir(), data, racy)
    build(data, out, seed_reports)
    text = files[1].read_text(encoding="utf-8")
    before, after = _same_size_age_change(text)  # the same size, another age: only the bytes tell
    files[1].write_text(text.replace(before, after, 1), encoding="utf-8")
    os.utime(files[1], ns=(racy, racy))
    read = _reads(monkeypatch)
    assert _planned(data, out, seed_reports).startswith(f"{len(files)} record(s): {len(files) - 1} unchanged, 1 to build")
    assert sorted(read) == sorted(path.name for path in files)


def _same_size_age_change(text: str) -> tuple[str, str]:
    """An ``age: value: N`` line and the same line with another number of as many digits."""
    match = re.search(r"\n  age:\n    value: (\d+)", text)
    assert match, "the seed records state the patient's age"
    digits = match.group(1)
    other = str((int(digits) + 1) % 10 ** len(digits)).zfill(len(digits))
    return match.group(0), match.group(0).replace(digits, other)
