"""The precomputed listing rows (tables.sqlite), paging and the store layouts: the same answers as SPARQL on the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build
from kg.cli.query import render, stream
from kg.errors import QueryError
from kg.query.graph import KnowledgeGraph
from kg.query.library import load_queries, parse_query_file
from kg.query.params import bind_params
from kg.query.store import choose_layout
from kg.synth import write_corpus

from ..conftest import run_kg

QUERIES = load_queries()
PARTITIONED = sorted(name for name, query in QUERIES.items() if query.partition == "case")


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 10, seed=5)
    out = folder / "out"
    build(folder / "data", out, folder / "reports", jobs=2)
    return out


def _by_sparql(graph: KnowledgeGraph, name: str, params: dict[str, str] | None = None) -> tuple[tuple[str, ...], list[dict[str, object]]]:
    query = QUERIES[name]
    found = graph._sparql(query.text, bind_params(query, params or {}, graph.resolve), name, None)
    return found.columns, list(found.rows)


def test_the_partitioned_queries_are_the_case_listings() -> None:
    assert len(PARTITIONED) >= 12
    for name in PARTITIONED:
        assert QUERIES[name].text.split("ORDER BY")[-1].split()[0] == "?case", name
    assert "comorbidity-frequency" not in PARTITIONED and "evidence" not in PARTITIONED


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_precomputed_rows_equal_sparql_on_the_store(which: str, seed_build: Path, synthetic_build: Path) -> None:
    graph = KnowledgeGraph.open(seed_build if which == "seed" else synthetic_build, timeout=None)
    assert graph.tables is not None
    listed = 0
    for name in PARTITIONED:
        found = graph.select(name)
        assert found.source == "tables", name
        rows = list(found.rows)
        assert (found.columns, rows) == _by_sparql(graph, name), name
        listed += len(rows)
    assert listed > 200


def test_a_case_parameter_reads_that_case_and_other_parameters_run_sparql(synthetic_build: Path) -> None:
    graph = KnowledgeGraph.open(synthetic_build, timeout=None)
    case = graph.query("patients")[3]["case"]
    one = graph.select("procedure-timeline", {"case": case})
    assert one.source == "tables"
    rows = list(one.rows)
    assert rows and {row["case"] for row in rows} == {case}
    assert rows == _by_sparql(graph, "procedure-timeline", {"case": case})[1]
    assert list(graph.select("procedure-timeline", {"case": "no-such-case"}).rows) == []
    other = graph.select("calcinosis-sites", {"region": "lower limb"})
    assert other.source == "sparql"
    assert list(other.rows) == _by_sparql(graph, "calcinosis-sites", {"region": "lower limb"})[1]


FACETED = sorted(name for name, query in QUERIES.items() if query.facets)


def _facet_values(graph: KnowledgeGraph, name: str, param: str) -> list[str]:
    """Values to try for a facet: every value that selects a row, and (for terms) every class above one of them."""
    assert graph.tables is not None
    found = graph.tables.facet_values(name, param)
    if QUERIES[name].facet(param).under:  # type: ignore[union-attr]
        terms = " ".join(f"<{value}>" for value in found)
        above = graph.sparql(f"SELECT DISTINCT ?up WHERE {{ ?t rdfs:subClassOf+ ?up . FILTER(isIRI(?up)) VALUES ?t {{ {terms} }} }}")
        found += [row["up"] for row in above.rows]
    return sorted(set(found))


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_facet_values_read_from_the_tables_equal_sparql(which: str, seed_build: Path, synthetic_build: Path) -> None:
    """Every facet of the library, with every value that occurs and every class above: the same rows as SPARQL."""
    graph = KnowledgeGraph.open(seed_build if which == "seed" else synthetic_build, timeout=None)
    assert FACETED and graph.tables is not None and graph.tables.faceted
    tried = answered = 0
    for name in FACETED:
        for facet in QUERIES[name].facets:
            for value in _facet_values(graph, name, facet.param):
                params = {facet.param: value}
                found = graph.select(name, params)
                rows = list(found.rows)
                assert rows == _by_sparql(graph, name, params)[1], (name, params)
                tried += 1
                answered += found.source == "tables"
                assert found.source == "tables" or facet.under, (name, params)
    assert tried > 20 and answered > tried / 2, (tried, answered)


def test_facets_combine_page_and_fall_back_to_sparql(synthetic_build: Path) -> None:
    graph = KnowledgeGraph.open(synthetic_build, timeout=None)
    kinds = {row["kind"] for row in graph.query("background-claims")}
    combined = 0
    for kind in sorted(kinds):
        params = {"kind": kind, "about": "systemic sclerosis"}
        found = graph.select("background-claims", params)
        assert found.source == "tables"
        rows = list(found.rows)
        assert rows == _by_sparql(graph, "background-claims", params)[1], params
        combined += len(rows)
        for offset, limit in ((0, 3), (2, 5), (len(rows), 4), (1, None)):
            assert (
                list(graph.select("background-claims", params, offset=offset, limit=limit).rows)
                == rows[offset : None if limit is None else offset + limit]
            )
    assert combined > 0
    outside = graph.select("drug-exposures", {"drug_class": "calcinosis cutis"})
    assert outside.source == "sparql" and list(outside.rows) == []


@pytest.mark.parametrize("name", ["background-claims", "comorbidity-frequency"])
def test_pages_are_slices_of_the_whole_listing(name: str, synthetic_build: Path) -> None:
    graph = KnowledgeGraph.open(synthetic_build, timeout=None)
    whole = list(graph.select(name).rows)
    assert len(whole) > 20
    for offset, limit in ((0, 7), (5, 30), (len(whole) - 3, 10), (len(whole), 5), (17, 0), (0, None), (11, None)):
        page = list(graph.select(name, offset=offset, limit=limit).rows)
        assert page == whole[offset : None if limit is None else offset + limit], (offset, limit)
    with pytest.raises(QueryError):
        graph.select(name, offset=-1)


def test_rows_of_another_query_text_are_not_used(synthetic_build: Path, tmp_path: Path) -> None:
    """A query file of one's own named like a library query, with another text, runs on the store."""
    text = QUERIES["patients"].text.replace("FILTER(?age >= ?min_age && ?age <= ?max_age)", "FILTER(?age >= ?min_age && ?age < 40)")
    path = tmp_path / "patients.rq"
    path.write_text(text, encoding="utf-8")
    graph = KnowledgeGraph.open(synthetic_build, timeout=None)
    mine = graph.select_query(parse_query_file(path))
    assert mine.source == "sparql"
    assert all(row["age"] < 40 for row in mine.rows)


def test_the_memory_layout_gives_the_same_rows_as_the_disk_layout(synthetic_build: Path) -> None:
    disk = KnowledgeGraph.open(synthetic_build, timeout=None, layout="disk")
    memory = KnowledgeGraph.open(synthetic_build, timeout=None, layout="memory")
    assert len(memory.store) == len(disk.store)
    for name, query in QUERIES.items():
        params = query.example_params() if any(p.required for p in query.params) else {}
        if name == "evidence":
            params = {"fact": disk.query("outcomes")[0]["fact"]}
        if "case" in params:
            params["case"] = disk.query("patients")[0]["case"]
        assert disk.run(name, **params) == memory.run(name, **params), name
        if name in PARTITIONED:
            assert disk._sparql(query.text, bind_params(query, params, disk.resolve), name, None) == memory._sparql(
                query.text, bind_params(query, params, memory.resolve), name, None
            ), name


def test_auto_layout_follows_the_memory_budget(synthetic_build: Path) -> None:
    assert choose_layout(synthetic_build, "auto", budget=10**12) == "memory"
    assert choose_layout(synthetic_build, "auto", budget=1000) == "disk"
    assert choose_layout(synthetic_build, "disk") == "disk"


def test_a_bad_partition_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("# title: t\n# description: d\n# partition: report\nSELECT ?case WHERE { ?r <x:y> ?case }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="partition"):
        parse_query_file(path)


def test_streamed_output_is_the_rendered_output() -> None:
    columns = ("case", "age", "note")
    rows = tuple({"case": f"c{i}", "age": i / 3 if i % 2 else i, "note": None if i % 3 else 'a "quoted", text'} for i in range(2500))
    for fmt in ("json", "csv", "tsv", "table"):
        assert "".join(stream(columns, iter(rows), fmt)) == render(columns, rows, fmt)
        assert "".join(stream(columns, iter(()), fmt)) == render(columns, (), fmt)


def test_cli_pages_with_limit_and_offset(synthetic_build: Path) -> None:
    whole = run_kg("query", "outcomes", "--build", str(synthetic_build), "--format", "json")
    assert whole.returncode == 0, whole.stderr
    rows = json.loads(whole.stdout)
    page = run_kg("query", "outcomes", "--build", str(synthetic_build), "--format", "json", "--offset", "4", "--limit", "6")
    assert page.returncode == 0, page.stderr
    assert json.loads(page.stdout) == rows[4:10]
    memory = run_kg("query", "outcomes", "--build", str(synthetic_build), "--format", "json", "--store", "memory", "--limit", "3")
    assert json.loads(memory.stdout) == rows[:3]
