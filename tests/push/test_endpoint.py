"""The endpoint URL of `kg push`: http(s) only, no secrets in it, one request target per graph, redirects on the same server only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from kg.errors import ExportError
from kg.push import Endpoint

from ..conftest import run_kg


@pytest.mark.parametrize(
    "url, reason",
    [
        ("ftp://example.org/store", "only http:// and https:// URLs can be pushed to (ftp: given)"),
        ("file:///tmp/store", "only http:// and https:// URLs can be pushed to (file: given)"),
        ("example.org/store", "only http:// and https:// URLs can be pushed to (no scheme given)"),
        ("http:///store", "the URL names no host"),
        ("http://alice:pw@example.org/store", "put the user name in --user and the password in KG_PUSH_PASSWORD"),
        ("http://example.org/store#graphs", "a graph store URL has no #fragment"),
        ("http://example.org:99999/store", "not a valid URL"),
    ],
)
def test_unusable_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(ExportError) as error:
        Endpoint.parse(url)
    assert reason in str(error.value)
    assert "alice:pw" not in str(error.value)


def test_the_cli_refuses_a_non_http_url_in_one_line(seed_build: Path) -> None:
    result = run_kg("push", "--endpoint", "file:///etc/passwd", "--build", str(seed_build))
    assert result.returncode == 2
    assert result.stderr == "error: --endpoint 'file:///etc/passwd': only http:// and https:// URLs can be pushed to (file: given)\n"


@pytest.mark.parametrize(
    "url, path",
    [
        ("http://localhost:7878/store", "/store?graph="),
        ("https://example.org/repositories/kg/rdf-graphs/service", "/repositories/kg/rdf-graphs/service?graph="),
        ("http://example.org/service?auth=x", "/service?auth=x&graph="),
        ("http://example.org", "/?graph="),
    ],
)
def test_the_graph_goes_percent_encoded_in_the_graph_parameter(url: str, path: str) -> None:
    graph = "https://w3id.org/calcinosis-kg/data/graph/a&b#c d"
    target = Endpoint.parse(url).target(graph)
    assert target.startswith(path)
    assert parse_qs(urlsplit(target).query)["graph"] == [graph]


def test_default_ports_and_ipv6() -> None:
    assert (Endpoint.parse("https://example.org/x").port, Endpoint.parse("http://example.org/x").port) == (443, 80)
    endpoint = Endpoint.parse("http://[::1]:7878/store")
    assert (endpoint.host, endpoint.origin, endpoint.is_loopback) == ("::1", "http://[::1]:7878", True)
    assert not Endpoint.parse("http://db.example.org/store").is_loopback
    assert Endpoint.parse("https://db.example.org/store").url_of("/store?graph=g") == "https://db.example.org/store?graph=g"


@pytest.mark.parametrize(
    "location, followed",
    [
        ("/other/store?graph=g", "/other/store?graph=g"),
        ("http://localhost:7878/other", "/other"),
        ("other", "/other"),
        ("http://localhost:7879/store", None),
        ("https://localhost:7878/store", None),
        ("http://127.0.0.1:7878/store", None),
    ],
)
def test_redirects_stay_on_the_same_server(location: str, followed: str | None) -> None:
    assert Endpoint.parse("http://localhost:7878/store").redirect_target("/store?graph=g", location) == followed
