"""Credentials for `kg push`: Basic and bearer from the environment, Digest answering the server's challenge."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ExportError
from kg.push import Credentials, PushOptions, push
from kg.push.auth import DigestChallenge, digest_response, parse_challenges

from ..conftest import run_kg
from .servers import Reply, Seen, scripted_store

OK: Reply = (204, {}, b"")
SECRET = "s3cret-Pa55"


def _push_cli(endpoint: str, build: Path, *options: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run_kg("push", "--endpoint", endpoint, "--build", str(build), "--backoff", "0.01", *options, env=env)
    return result.returncode, result.stdout + result.stderr


def test_basic_credentials_go_with_every_request(seed_build: Path) -> None:
    with scripted_store(lambda _r, _s: OK) as server:
        code, output = _push_cli(server.endpoint, seed_build, "--user", "alice", env={"KG_PUSH_PASSWORD": SECRET})
    assert code == 0, output
    expected = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert [request.headers.get("Authorization") for request in server.seen] == [expected] * 6
    assert SECRET not in output


def test_a_bearer_token_comes_from_the_environment(seed_build: Path) -> None:
    with scripted_store(lambda _r, _s: OK) as server:
        code, output = _push_cli(server.endpoint, seed_build, env={"KG_PUSH_TOKEN": "tok-123"})
    assert code == 0, output
    assert {request.headers.get("Authorization") for request in server.seen} == {"Bearer tok-123"}
    assert "tok-123" not in output


def test_a_user_without_a_password_is_an_error(seed_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    # In process: the runner's standard input is not a terminal, so nothing prompts for the password.
    result = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/store", "--build", str(seed_build), "--user", "alice"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --user alice: no password; set KG_PUSH_PASSWORD"


def test_a_user_and_a_token_are_one_too_many(seed_build: Path) -> None:
    code, output = _push_cli("http://127.0.0.1:9/store", seed_build, "--user", "alice", env={"KG_PUSH_PASSWORD": SECRET, "KG_PUSH_TOKEN": "tok"})
    assert code == 2 and "not both" in output


def test_401_is_not_retried_and_says_what_to_set(seed_build: Path) -> None:
    with scripted_store(lambda _r, _s: (401, {"WWW-Authenticate": 'Basic realm="graphs"'}, b"")) as server:
        code, output = _push_cli(server.endpoint, seed_build)
    assert code == 2 and len(server.seen) == 1
    assert "HTTP 401 Unauthorized (the server wants credentials: --user, or KG_PUSH_TOKEN)" in output


# RFC 2617 section 3.5 and RFC 7616 section 3.9.1 give these worked examples.
@pytest.mark.parametrize(
    "challenge, password, cnonce, expected",
    [
        (
            DigestChallenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth"),
            "Circle Of Life",
            "0a4f113b",
            "6629fae49393a05397450978507c4ef1",
        ),
        (
            DigestChallenge("http-auth@example.org", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", algorithm="MD5"),
            "Circle of Life",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            "8ca523f5e9506fed4657c9700eebdbec",
        ),
        (
            DigestChallenge("http-auth@example.org", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", algorithm="SHA-256"),
            "Circle of Life",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        ),
    ],
)
def test_digest_response_matches_the_rfc_examples(challenge: DigestChallenge, password: str, cnonce: str, expected: str) -> None:
    assert digest_response(challenge, "Mufasa", password, "GET", "/dir/index.html", 1, cnonce) == expected


def test_challenges_are_parsed_with_quotes_and_commas() -> None:
    parsed = parse_challenges(['Digest realm="a, b", nonce="n\\"1", qop="auth,auth-int", Basic realm="x"'])
    assert parsed == [("digest", {"realm": "a, b", "nonce": 'n"1', "qop": "auth,auth-int"}), ("basic", {"realm": "x"})]


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class _DigestServer:
    """Challenges a request without credentials, checks the answer with its own arithmetic, counts the nonce uses."""

    realm, nonce, opaque = "SPARQL", "6e1df3edb51389debbe9648a9edd9baa", "5ebe2294"

    def __init__(self) -> None:
        self.counts: list[int] = []

    def __call__(self, request: Seen, _seen: list[Seen]) -> Reply:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            challenge = f'Digest realm="{self.realm}", nonce="{self.nonce}", qop="auth", opaque="{self.opaque}", algorithm=MD5'
            return 401, {"WWW-Authenticate": challenge}, b""
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[len("Digest ") :]))
        ha1, ha2 = _md5(f"alice:{self.realm}:{SECRET}"), _md5(f"PUT:{request.path}")
        expected = _md5(f"{ha1}:{self.nonce}:{fields['nc']}:{fields['cnonce']}:auth:{ha2}")
        if fields["uri"] != request.path or fields["opaque"] != self.opaque or fields["response"] != expected:
            return 401, {}, b"wrong digest"
        self.counts.append(int(fields["nc"], 16))
        return OK


def test_digest_answers_one_challenge_and_reuses_the_nonce(seed_build: Path) -> None:
    checker = _DigestServer()
    with scripted_store(checker) as server:
        code, output = _push_cli(server.endpoint, seed_build, "--user", "alice", "--digest", env={"KG_PUSH_PASSWORD": SECRET})
    assert code == 0, output
    assert [request.headers.get("Authorization", "")[:6] for request in server.seen] == [""] + ["Digest"] * 6
    assert checker.counts == [1, 2, 3, 4, 5, 6]
    assert "0 requests retried" in output


def test_a_wrong_digest_password_fails_once_answered(seed_build: Path) -> None:
    with scripted_store(_DigestServer()) as server:
        options = PushOptions(server.endpoint, backoff=0, credentials=Credentials("alice", "wrong", digest=True))
        with pytest.raises(ExportError, match=r"HTTP 401 .*check --user and KG_PUSH_PASSWORD"):
            push(seed_build, options)
    assert len(server.seen) == 2  # the challenge, and one answer
