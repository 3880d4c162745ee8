"""Every exporter against one contract, plus what each format promises (schema, headers, idempotent Cypher)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.errors import ExportError
from kg.exports import export, flatten, formats, get_exporter, registry
from kg.exports.cypher import literal
from kg.exports.neo4j_csv import COMMAND_FILE, read_neo4j_csv
from kg.exports.projection import labels_of, to_networkx
from kg.rdfterms import to_rdflib

from ..conftest import reports_dir, run_kg
from ..exports_support import AWKWARD, AWKWARD_NODE, with_awkward

SCHEMAS = reports_dir().parent / "schemas"
"""The official GEXF schemas, beside the seed report texts (../shared/schemas in a checkout)."""
PROPERTY_GRAPH = [name for name, exporter in registry().items() if exporter.input == "property-graph"]
RDF = [name for name, exporter in registry().items() if exporter.input == "rdf" and exporter.suffix]
"""The RDF file formats (the Phenopackets exporter reads the store too, but writes a folder of JSON)."""
CCK = "https://w3id.org/calcinosis-kg/ontology/"


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return with_awkward(to_networkx(store))


@pytest.fixture(scope="module")
def reference(store: ox.Store) -> Dataset:
    """The build's store as an rdflib Dataset, quad by quad (no exporter involved)."""
    dataset = Dataset()
    for quad in store:
        graph = dataset.graph(URIRef(quad.graph_name.value))
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return dataset


def destination(tmp_path: Path, name: str) -> Path:
    suffix = get_exporter(name).suffix
    return tmp_path / (f"export{suffix}" if suffix else "export")


def same_graph(read: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert set(read.nodes) == set(expected.nodes)
    assert set(read.edges(keys=True)) == set(expected.edges(keys=True))
    for node, data in expected.nodes(data=True):
        assert dict(read.nodes[node]) == dict(data), node
    for start, end, key, data in expected.edges(keys=True, data=True):
        assert dict(read.edges[start, end, key]) == dict(data), key


def test_the_registry_offers_every_format() -> None:
    assert {"neo4j", "cypher", "gexf", "graphml", "ttl", "nq", "jsonld"} <= set(formats())
    for name, exporter in registry().items():
        assert exporter.name == name and exporter.input in ("property-graph", "rdf") and exporter.description


@pytest.mark.parametrize("name", PROPERTY_GRAPH)
def test_property_graph_contract(name: str, graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    """All nodes and edges written, awkward name included; read back equal where the format can be read."""
    path = destination(tmp_path, name)
    result = export(name, graph, path)
    assert (result.nodes, result.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert all(file.exists() for file in result.files) and result.load
    read = get_exporter(name).read(path)
    if read is None:  # Cypher: every node id and edge key is in the script as a literal
        text = path.read_text(encoding="utf-8")
        assert all(literal(str(node)) in text for node in graph.nodes)
        assert all(literal(str(key)) in text for _, _, key in graph.edges(keys=True))
        assert literal(AWKWARD) in text
        return
    expected = graph if name == "neo4j" else flatten(graph)
    same_graph(read, expected)
    assert read.nodes[AWKWARD_NODE]["name"] == AWKWARD


@pytest.mark.parametrize("name", RDF)
def test_rdf_contract(name: str, store: ox.Store, seed_build: Path, reference: Dataset, tmp_path: Path) -> None:
    """Every quad written: the file parses with rdflib to the build's graphs (merged for Turtle)."""
    path = destination(tmp_path, name)
    result = export(name, seed_build, path)
    assert result.nodes == len(store)
    read = get_exporter(name).read(path)
    if isinstance(read, Dataset):
        graphs = {str(g.identifier): g for g in read.graphs() if len(g)}
        expected = {str(g.identifier): g for g in reference.graphs() if len(g)}
        assert set(graphs) == set(expected)
        assert all(isomorphic(graphs[iri], expected[iri]) for iri in expected)
    else:
        merged = Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            merged.add((s, p, o))
        assert isomorphic(read, merged)


@pytest.mark.parametrize("name", RDF)
def test_rdf_keeps_awkward_literals(name: str, tmp_path: Path) -> None:
    store = ox.Store()
    graph = ox.NamedNode("https://w3id.org/calcinosis-kg/data/graph/awkward")
    subject = ox.NamedNode(CCK + "AwkwardTestDrug")
    store.add(ox.Quad(subject, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(AWKWARD), graph))
    store.add(ox.Quad(subject, ox.NamedNode(CCK + "note"), ox.Literal(AWKWARD, language="en"), graph))
    path = destination(tmp_path, name)
    export(name, store, path)
    read = get_exporter(name).read(path)
    values = {
        (str(o), getattr(o, "language", None))
        for o in (
            read.objects() if isinstance(read, Graph) and not isinstance(read, Dataset) else (q[2] for q in read.quads((None, None, None, None)))
        )
    }
    assert values == {(AWKWARD, None), (AWKWARD, "en")}


def test_gexf_validates_against_the_official_schema(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    schema = SCHEMAS / "gexf-1.3" / "gexf.rng"
    assert schema.is_file(), f"GEXF schema not found at {schema}"
    path = tmp_path / "graph.gexf"
    export("gexf", graph, path)
    etree.RelaxNG(etree.parse(str(schema))).assertValid(etree.parse(str(path)))


def test_gexf_has_declared_types_colours_and_sizes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    export("gexf", graph, path)
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    root = etree.parse(str(path)).getroot()
    titles = {a.get("title"): a.get("type") for a in root.iterfind("g:graph/g:attributes[@class='node']/g:attribute", ns)}
    assert titles["type"] == "string" and titles["name"] == "string" and titles["negated"] == "boolean"
    colours: dict[str, set[str]] = {}
    sizes = {}
    for node in root.iterfind("g:graph/g:nodes/g:node", ns):
        colour = node.find("viz:color", ns)
        kind = graph.nodes[node.get("id")]["type"]
        colours.setdefault(kind, set()).add((colour.get("r"), colour.get("g"), colour.get("b")))
        sizes[node.get("id")] = float(node.find("viz:size", ns).get("value"))
    assert all(len(c) == 1 for c in colours.values()) and len({next(iter(c)) for c in colours.values()}) > 1
    busiest = max(graph.nodes, key=graph.degree)
    assert sizes[busiest] == max(sizes.values()) > min(sizes.values())


def test_neo4j_csv_headers_and_command(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    folder = tmp_path / "neo4j"
    result = export("neo4j", graph, folder)
    headers = {path.name: next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))) for path in folder.glob("*.csv")}
    assert {f"nodes_{data['type']}.csv" for _, data in graph.nodes(data=True)} | {
        f"relationships_{data['type']}.csv" for *_, data in graph.edges(data=True)
    } == set(headers)
    patient = headers["nodes_Patient.csv"]
    assert patient[:2] == ["id:ID(Case)", ":LABEL"] and "age:long" in patient and "name:string" in patient
    assert {"synonyms:string[]", "xrefs:string[]"} <= set(headers["nodes_Drug.csv"]) and headers["nodes_Drug.csv"][0] == "id:ID(Term)"
    assert "evidenceStarts:long[]" in headers["nodes_Diagnosis.csv"] and "negated:boolean" in headers["nodes_Diagnosis.csv"]
    assert headers["relationships_CONDITION.csv"][:4] == [":START_ID(Case)", ":END_ID(Term)", ":TYPE", "id:string"]
    command = (folder / COMMAND_FILE).read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in command and "--multiline-fields=true" in command
    assert all(f"--nodes={name}" in command or f"--relationships={name}" in command for name in headers)
    assert result.load.startswith("neo4j-admin database import full") and str(folder.resolve()) in result.load
    labels = next(
        row for row in csv.reader(io.StringIO((folder / "nodes_Drug.csv").read_text(encoding="utf-8"), newline="")) if row[0] == "cck:Heparin"
    )[1]
    assert set(re.split(r"[;|\x1f]", labels)) == set(labels_of("Drug"))


def test_neo4j_array_delimiter_is_chosen_or_refused(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("cck:A", type="Drug", name="a", synonyms=["plain", "b"])
    export("neo4j", graph, tmp_path / "plain")
    assert "--array-delimiter=;" in (tmp_path / "plain" / COMMAND_FILE).read_text(encoding="utf-8")
    graph.nodes["cck:A"]["synonyms"] = ["x;y", "z"]
    export("neo4j", graph, tmp_path / "semicolon")
    assert "--array-delimiter=|" in (tmp_path / "semicolon" / COMMAND_FILE).read_text(encoding="utf-8")
    assert read_neo4j_csv(tmp_path / "semicolon").nodes["cck:A"]["synonyms"] == ["x;y", "z"]
    graph.nodes["cck:A"]["synonyms"] = ["x;y", "z|w", "u\x1fv"]
    with pytest.raises(ExportError, match="delimiter"):
        export("neo4j", graph, tmp_path / "none")


def test_neo4j_refuses_a_foreign_folder(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export("neo4j", graph, tmp_path)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"
    export("neo4j", graph, tmp_path / "again")
    export("neo4j", graph, tmp_path / "again")  # a previous export is replaced


def test_cypher_is_constraints_then_idempotent_merges(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.cypher"
    export("cypher", graph, path)
    script = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("//"))
    statements = [s.strip() for s in re.split(r";\n", script) if s.strip()]
    kinds = ["constraint" if s.startswith("CREATE CONSTRAINT") else "unwind" for s in statements]
    assert kinds == sorted(kinds)  # every constraint before every UNWIND
    constrained = {re.search(r"FOR \(n:(\w+)\)", s).group(1) for s in statements if s.startswith("CREATE CONSTRAINT")}
    assert all("IF NOT EXISTS" in s and "REQUIRE n.id IS UNIQUE" in s for s in statements if s.startswith("CREATE CONSTRAINT"))
    assert constrained == {data["type"] for _, data in graph.nodes(data=True)}
    for statement in statements:
        if statement.startswith("UNWIND"):
            assert " AS row\n" in statement and "MERGE " in statement and "CREATE" not in statement.split("] AS row")[-1]
            merged = re.findall(r"MERGE \(n:(\w+) \{id: row\.id\}\)", statement) or re.findall(
                r"MERGE \(a\)-\[r:\w+ \{id: row\.id\}\]->\(b\)", statement
            )
            assert merged, statement[-200:]


def test_export_errors_are_named(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export("xlsx", graph, tmp_path / "x")
    with pytest.raises(ExportError, match="RDF store"):
        export("ttl", graph, tmp_path / "x.ttl")
    bad = nx.MultiDiGraph()
    bad.add_node("cck:A", type="Drug", name="a", weight=float("nan"))
    for name in PROPERTY_GRAPH:
        with pytest.raises(ExportError, match="non-finite"):
            export(name, bad, destination(tmp_path, name))


def test_cli_export_and_stats(seed_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    done = run_kg("export", "--format", "graphml", "--build", str(seed_build), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "Load it:" in done.stdout
    assert nx.read_graphml(out).number_of_nodes() > 0
    stats = run_kg("stats", "--build", str(seed_build), "--top", "3")
    assert stats.returncode == 0, stats.stderr
    assert "Patient" in stats.stdout and "HAS_CONDITION" in stats.stdout and "calcinosis cutis (cck:CalcinosisCutis" in stats.stdout
    missing = run_kg("export", "--format", "nq", "--build", str(tmp_path / "nothing"), "--out", str(tmp_path / "x.nq"))
    assert missing.returncode == 2 and "error:" in missing.stderr and "Traceback" not in missing.stderr
