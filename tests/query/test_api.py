"""The Python query helper: opening (and building) the graph, term parameters, safe binding."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from kg import api
from kg.api import KnowledgeGraph
from kg.errors import QueryError
from kg.ontology.lookup import TermLookup
from kg.ontology.terms import TermIndex

from ..iris import BENDER, term


@pytest.fixture(scope="session")
def graph(seed_build: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(seed_build, build=False)


def test_list_queries_with_descriptions_and_parameters(graph: KnowledgeGraph) -> None:
    listed = {q.name: q for q in graph.list_queries()}
    assert "calcinosis-sites" in listed
    region = listed["calcinosis-sites"].param("region")
    assert region is not None and region.kind == "term" and region.default == "cck:AnatomicSite" and not region.required
    assert listed["evidence"].param("fact").required


@pytest.mark.parametrize(
    "name", ["posterior thigh", "Posterior  Thigh", "cck:PosteriorThigh", "PosteriorThigh", term("PosteriorThigh"), f"<{term('PosteriorThigh')}>"]
)
def test_terms_by_label_curie_iri_or_local_name(graph: KnowledgeGraph, name: str) -> None:
    assert graph.resolve(name) == term("PosteriorThigh")


def test_terms_by_synonym_abbreviation_and_value_sets(graph: KnowledgeGraph) -> None:
    assert graph.resolve("scleroderma") == term("SystemicSclerosis")
    assert graph.resolve("dcSSc") == term("DiffuseCutaneousSystemicSclerosis")
    assert graph.resolve("ruled out") == term("Absent")
    assert graph.resolve("female") == term("Female")


def test_unknown_term_is_a_clear_error(graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"unknown term 'posterior thig'.*did you mean 'posterior thigh'"):
        graph.query("calcinosis-sites", region="posterior thig")
    with pytest.raises(QueryError, match="unknown term"):
        graph.resolve("cck:NoSuchTerm")


def test_ambiguous_label_is_a_clear_error() -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from kg.namespaces import CCK

    g = Graph()
    for name in ("Knee", "KneeJoint"):
        g.add((CCK[name], RDF.type, OWL.Class))
        g.add((CCK[name], RDFS.label, Literal(name.lower())))
        g.add((CCK[name], SKOS.altLabel, Literal("genu")))
    lookup = TermLookup(TermIndex(g))
    with pytest.raises(QueryError, match=r"ambiguous term 'genu'.*cck:Knee .*cck:KneeJoint"):
        lookup.resolve("genu")
    assert str(lookup.resolve("knee")) == str(CCK["Knee"])  # a label beats a synonym


def test_rows_as_dicts_with_python_values(graph: KnowledgeGraph) -> None:
    rows = graph.query("patients", sex="cck:Female")
    assert {(r["case"], r["age"], r["sex_label"]) for r in rows} == {("bender-2024", 52, "female"), ("mahipathy-2020", 15, "female")}
    assert all(isinstance(r["age"], int) for r in rows)
    assert graph.query("organisms-and-antibiotics")[0]["directed"] in (True, False)


def test_missing_and_unknown_parameters(graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="needs the parameter 'fact'"):
        graph.query("evidence")
    with pytest.raises(QueryError, match="has no parameter colour"):
        graph.query("patients", colour="blue")
    with pytest.raises(QueryError, match="unknown query 'no-such-query'"):
        graph.query("no-such-query")
    with pytest.raises(QueryError, match="is not a number"):
        graph.query("patients", min_age="old")
    with pytest.raises(QueryError, match="is not an integer"):
        graph.query("comorbidity-frequency", min_cases="1.5")
    with pytest.raises(QueryError, match="not an IRI"):
        graph.query("evidence", fact="not an iri")


INJECTIONS = ['x" } ; DROP ALL ; #', "x' } } UNION { ?s ?p ?o } #", "lower limb> } ; CLEAR DEFAULT ; #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_term_parameter_cannot_inject_sparql(graph: KnowledgeGraph, value: str) -> None:
    """A term parameter is looked up in the ontology: text that is not a term's name never reaches the query."""
    with pytest.raises(QueryError, match="unknown term"):
        graph.query("calcinosis-sites", region=value)


@pytest.mark.parametrize("value", [*INJECTIONS, 'bender-2024" } UNION { ?fact ?p ?o } #', "}{"])
def test_literal_parameter_is_matched_as_a_literal(graph: KnowledgeGraph, value: str) -> None:
    """Query text in a string parameter is compared as a string: it selects nothing and changes no other part."""
    assert len(graph.query("procedure-timeline", case="bender-2024")) == 14
    assert graph.query("procedure-timeline", case=value) == []
    with pytest.raises(QueryError, match="is not one of"):
        graph.query("outcomes", kind=value)


def test_iri_parameter_cannot_inject_sparql(graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="not an IRI"):
        graph.query("evidence", fact="cckd:x> } ; DROP ALL ; #")
    assert graph.query("evidence", fact=f"{BENDER}/fact/drug-heparin")


def test_adhoc_sparql_with_predeclared_prefixes(graph: KnowledgeGraph) -> None:
    result = graph.sparql("SELECT ?fact WHERE { ?fact cck:assertionStatus cck:Absent } ORDER BY ?fact")
    assert result.columns == ("fact",)
    assert [r["fact"] for r in result.rows] == [f"{BENDER}/fact/dx-artocc-absent", f"{BENDER}/fact/dx-dvt-absent"]
    assert graph.sparql("ASK { ?p a cck:Patient }").rows == ({"result": True},)
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        graph.sparql("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError, match=r"updates \(DROP\) are not allowed"):
        graph.sparql("DROP ALL")


def test_run_a_query_file_of_your_own(graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text(
        "# title: Drugs of a case\n# description: Drug labels of one case.\n# param: case (string) a case id\n"
        "PREFIX cck: <https://w3id.org/calcinosis-kg/ontology/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?case ?drug WHERE { ?f cck:drug/rdfs:label ?drug ; cck:statedIn/cck:recordId ?case } ORDER BY ?drug\n",
        encoding="utf-8",
    )
    assert [r["drug"] for r in graph.run_file(path, case="mahipathy-2020").rows] == ["itopride", "mycophenolate mofetil"]
    with pytest.raises(QueryError, match="not found"):
        graph.run_file(tmp_path / "missing.rq")


def test_dataframe(graph: KnowledgeGraph) -> None:
    frame = graph.dataframe("patients")
    assert list(frame.columns) == list(graph.run("patients").columns)
    assert sorted(frame["age"].tolist()) == [15, 52]


def test_dataframe_without_pandas_gives_an_install_hint(graph: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(QueryError, match=r"pip install .*calcinosis-kg\[pandas\]"):
        graph.dataframe("patients")


def test_networkx_projection_is_delegated_lazily(graph: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    fake = types.ModuleType("kg.exports.projection")
    fake.to_networkx = lambda *args, **kwargs: calls.append((args, kwargs)) or "G"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.exports.projection", fake)
    assert graph.to_networkx() == "G"
    assert calls == [((graph.store,), {})]


def test_networkx_projection_of_the_seed_graph(graph: KnowledgeGraph) -> None:
    projected = graph.to_networkx()
    assert projected.number_of_nodes() > 0 and projected.number_of_edges() > 0


def test_open_builds_when_missing_or_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_build: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    record = data / "case.yaml"
    record.write_text("record: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    built = []

    def fake_build(data_dir: Path, out_dir: Path, reports: Path | None) -> None:
        built.append(data_dir)
        out_dir.mkdir(exist_ok=True)
        (out_dir / "store").mkdir(exist_ok=True)
        (out_dir / "summary.json").write_text("{}", encoding="utf-8")

    import kg.build

    monkeypatch.setattr(kg.build, "build", fake_build)
    monkeypatch.setattr(api, "open_store", lambda out_dir, *_layout: object())
    KnowledgeGraph.open(out, data_dir=data)
    assert built == [data]  # missing: built
    KnowledgeGraph.open(out, data_dir=data)
    assert built == [data]  # fresh: not rebuilt
    later = (out / "summary.json").stat().st_mtime + 10
    os.utime(record, (later, later))
    KnowledgeGraph.open(out, data_dir=data)
    assert built == [data, data]  # a record newer than the build: rebuilt
    assert api.is_stale(seed_build, [record])
    assert not api.is_stale(seed_build, [])


def test_open_without_a_build_is_a_clear_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="run `kg build` first"):
        KnowledgeGraph.open(tmp_path / "nothing", build=False)
