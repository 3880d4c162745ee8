"""A failed build touched the previous outputs, and a build stopped between its two renames lost the cache.

A failed or interrupted build must leave the previous output folder exactly
as it was (files, contents, sizes, modification times). The swap of a new
build is one atomic exchange where the system has one; where it takes two
renames, a stop between them leaves ``.<out>.previous``, which queries read
and the next build puts back before it plans, so its cache is still used.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import RecordError
from kg.query.graph import KnowledgeGraph
from kg.synth import write_corpus


def _tree(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus", 12, seed=3)
    return tmp_path / "corpus"


def test_a_build_that_fails_midway_changes_nothing_in_the_previous_outputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus / "data", out, corpus / "reports")
    before = _tree(out)
    last = sorted((corpus / "data").glob("*.yaml"))[-1]
    last.write_text(last.read_text(encoding="utf-8") + "bogus_field: 1\n", encoding="utf-8")
    for incremental in (True, False):
        with pytest.raises(RecordError, match="bogus_field"):
            build(corpus / "data", out, corpus / "reports", incremental=incremental)
        assert _tree(out) == before


def test_a_stop_between_the_renames_loses_neither_queries_nor_the_cache(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus / "data", out, corpus / "reports")
    os.replace(out, tmp_path / ".out.previous")  # the state between the two renames of a swap
    rows = KnowledgeGraph.open(out).query("patients")
    assert len(rows) == 12
    messages: list[str] = []
    build(corpus / "data", out, corpus / "reports", messages.append)
    assert any(m.startswith("12 record(s): 12 unchanged, 0 to build") for m in messages), messages
    assert not (tmp_path / ".out.previous").exists()


def test_swapping_in_a_new_build_keeps_no_second_copy(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus / "data", out, corpus / "reports")
    build(corpus / "data", out, corpus / "reports", incremental=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "corpus", "out"]
    shutil.rmtree(out)
