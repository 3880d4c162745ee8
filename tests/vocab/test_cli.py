"""``kg vocab``'s entry point: options, summary, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import EXIT_INPUT
from kg.vocab import main
from kg.vocab.sources import WORDFREQ


def test_a_tampered_wheel_in_the_cache_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / WORDFREQ.wheel.filename).write_bytes(b"not the pinned wheel")
    assert main(["build", "--out", str(tmp_path / "out"), "--cache", str(cache)]) == EXIT_INPUT
    assert "sha256" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_build_is_the_only_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
