"""`kg serve` from the command line: prints its URL, answers, and stops on Ctrl-C with exit 130."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..conftest import TESTS, run_kg
from .conftest import fetch


@contextmanager
def _serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS.parent), os.environ.get("PYTHONPATH", "")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=TESTS.parent,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)


def test_serve_prints_its_url_answers_and_stops_on_ctrl_c(seed_build: Path, seed_reports: Path) -> None:
    with _serving("--build", str(seed_build), "--reports", str(seed_reports), "--port", "0", "--timeout", "5") as (process, url):
        assert url.startswith("http://127.0.0.1:") and url.endswith("/"), url
        assert int(url.rsplit(":", 1)[1].rstrip("/")) > 0
        reply = fetch(url + "sparql?query=ASK%7B%3Fs%20cck%3ArecordId%20%22bender-2024%22%7D")
        assert reply.status == 200 and reply.json() == {"head": {}, "boolean": True}
        assert "<mark>" in fetch(url + "cases/bender-2024").text
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert "SPARQL endpoint " + url + "sparql" in err


def test_quiet_prints_only_the_url(seed_build: Path) -> None:
    with _serving("-q", "--build", str(seed_build), "--port", "0") as (process, url):
        assert fetch(url).status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert url.startswith("http://127.0.0.1:") and out == ""
    assert err.strip() == "interrupted"


def test_a_missing_build_is_exit_2(tmp_path: Path) -> None:
    result = run_kg("serve", "--build", str(tmp_path / "nothing"), "--port", "0")
    assert result.returncode == 2
    assert "no SPARQL store found" in result.stderr and "Traceback" not in result.stderr


def test_a_port_in_use_is_exit_2(seed_build: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_kg("serve", "--build", str(seed_build), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1:" in result.stderr and "Traceback" not in result.stderr
