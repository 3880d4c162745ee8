"""Fixtures of the push tests: a real Oxigraph server on loopback, and the seed build's triples per named graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from .servers import Oxigraph, oxigraph_server


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    """One ``oxigraph serve`` per test module; tests clear it first."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db") as server:
        yield server


@pytest.fixture(scope="session")
def seed_counts(store: ox.Store) -> dict[str, int]:
    """Triples per named graph in the seed build's store."""
    return dict(Counter(quad.graph_name.value for quad in store if isinstance(quad.graph_name, ox.NamedNode)))
