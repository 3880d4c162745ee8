"""Tracebacks with exit 1 (the code for "validation failed") for Java missing, `--out` under a file,
an unwritable export destination and Ctrl-C.

Every way a command can end now has a documented exit code and one line: 2
for bad input, usage or environment; 3 for an internal error (with a hint to
rerun with -v for the traceback); 130 for an interruption.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.build
from kg.cli import main

from ..conftest import FIXTURE_DATA, TESTS, run_kg


def test_java_missing_is_one_line_exit_2(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    result = run_kg("build", "--data", str(FIXTURE_DATA), "--out", str(tmp_path / "out"), env={"PATH": str(bin_dir)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: the HermiT reasoner needs Java, and java was not found on the PATH; install a Java runtime (11 or newer, e.g. Debian's default-jre-headless)"
    ]


def test_an_export_destination_that_cannot_be_written_is_exit_2(seed_build: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    result = run_kg("export", "--format", "gexf", "--build", str(seed_build), "--out", str(tmp_path / "afile" / "graph.gexf"))
    assert result.returncode == 2
    assert "cannot write the export" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_internal_error_is_exit_3_with_a_hint(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(kg.build, "build", broken)
    for args, traceback_shown in ((["build"], False), (["-v", "build"], True)):
        with pytest.raises(SystemExit) as stop:
            main([*args, "--data", str(FIXTURE_DATA), "--out", str(tmp_path / "out")])
        assert stop.value.code == 3
        err = capsys.readouterr().err
        assert "internal error: ZeroDivisionError: simulated bug (a bug in kg; rerun with -v to see the traceback)" in err
        assert ("Traceback" in err) == traceback_shown


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ctrl_c_during_a_build_is_exit_130_without_tracebacks(tmp_path: Path) -> None:
    from kg.synth import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60, seed=5)
    out = tmp_path / "out"
    kg.build.build(corpus / "data", out, corpus / "reports")
    before = _tree(out)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            "--data",
            str(corpus / "data"),
            "--reports",
            str(corpus / "reports"),
            "--out",
            str(out),
            "--no-incremental",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=TESTS.parent,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.building-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "interrupted"
    assert _tree(out) == before
    assert not list(tmp_path.glob(".out.building-*")), "the interrupted build removes its staging folder"
