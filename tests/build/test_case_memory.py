"""A build process keeps nothing of the cases it has built: its garbage-collected objects do not grow case after case.

Objects kept per case (a cache of each case's IRI nodes did this) make every
full pass of the garbage collector longer as the build goes on, so that a
build of 10,000 cases cost more per case than one of 1,000.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kg.build.case import BuildContext, CaseBuilder, CaseJob
from kg.build.pipeline import _Imports, _ontology_inferred
from kg.build.reason import classify
from kg.build.shacl.compiler import compile_shapes
from kg.build.shacl.shapes import load_shapes
from kg.build.tables import table_queries
from kg.build.timing import Stopwatch
from kg.build.workers import BATCH, run_jobs
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex
from kg.resources import shapes_dir
from kg.synth import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("memory-corpus")
    write_corpus(folder, 48, seed=11)
    return folder


def _tracked() -> int:
    gc.collect()
    return len(gc.get_objects())


def _context(corpus: Path, chunk_dir: Path) -> BuildContext:
    terms = TermIndex.load()
    model = classify(terms.graph)
    return BuildContext(
        terms=terms,
        shapes=compile_shapes(load_shapes(shapes_dir())),
        model=model,
        reports_dir=corpus / "reports",
        chunk_dir=chunk_dir,
        tables=table_queries(lambda name: str(TermLookup(terms).resolve(name))),
        ontology_inferred=_ontology_inferred(terms, _Imports(), model),
    )


def _jobs(corpus: Path) -> list[CaseJob]:
    return [CaseJob(path, path.stem) for path in sorted((corpus / "data").glob("*.yaml"))]


def test_building_more_cases_leaves_no_more_objects_behind(corpus: Path, tmp_path: Path) -> None:
    builder = CaseBuilder(_context(corpus, tmp_path))
    jobs = _jobs(corpus)
    batches = [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
    builder.run(batches[0])  # the first batch fills the caches of terms every case shares
    before = _tracked()
    for batch in batches[1:]:
        builder.run(batch)
    grown = _tracked() - before
    assert grown < 10 * (len(jobs) - BATCH), f"{grown} more tracked objects after {len(jobs) - BATCH} more cases"


@pytest.mark.parametrize("processes", [1, 2])
def test_the_objects_frozen_for_a_build_are_handed_back_to_the_collector(corpus: Path, tmp_path: Path, processes: int) -> None:
    frozen = gc.get_freeze_count()
    built = list(run_jobs(_context(corpus, tmp_path), _jobs(corpus)[: BATCH * 2], processes, Stopwatch({})))
    assert len(built) == BATCH * 2
    assert gc.get_freeze_count() == frozen
