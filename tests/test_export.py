"""`kg export`: every RDF format parses in rdflib and Oxigraph and round-trips; tables and networks
open in the tools they are for, with the Chinese intact."""

import csv
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from kg import export as ex
from kg import graph
from kg.vocab import TKG

import sample_kb as s

RDF_FORMATS = [("ttl", "turtle", pyoxigraph.RdfFormat.TURTLE), ("trig", "trig", pyoxigraph.RdfFormat.TRIG),
               ("jsonld", "json-ld", pyoxigraph.RdfFormat.JSON_LD), ("nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES)]


@pytest.fixture(scope="module")
def sample_graph():
    return graph.to_graph(s.make_sample_kb())


def union(ds: Dataset) -> Graph:
    g = Graph()
    for s_, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s_, p, o))
    return g


@pytest.mark.parametrize("fmt, rdflib_fmt, ox_fmt", RDF_FORMATS)
def test_rdf_exports_parse_in_rdflib_and_oxigraph_and_round_trip(tmp_path, sample_graph, fmt, rdflib_fmt, ox_fmt):
    (path,) = ex.export(sample_graph, fmt, tmp_path / f"kg.{fmt}")
    data = path.read_bytes()
    ds = Dataset()
    ds.parse(data=data, format=rdflib_fmt)
    back = union(ds)
    assert isomorphic(back, sample_graph)
    assert len(list(pyoxigraph.parse(data, format=ox_fmt))) == len(sample_graph)
    assert isomorphic(graph.load(path), sample_graph)


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld", "nt", "graphml", "gexf"])
def test_exports_are_byte_identical_for_the_same_graph(tmp_path, fmt):
    (a,) = ex.export(graph.to_graph(s.make_sample_kb()), fmt, tmp_path / f"a.{fmt}")
    kb = s.make_sample_kb()
    kb.statements.reverse()
    (b,) = ex.export(graph.to_graph(kb), fmt, tmp_path / f"b.{fmt}")
    assert a.read_bytes() == b.read_bytes()


def test_exports_are_byte_identical_across_processes(tmp_path):
    """Hash seeds change set and dict-of-set order between processes; no output may depend on it."""
    code = ("import sys, hashlib, pathlib; sys.path[:0] = [{tests!r}, {root!r}];"
            "from sample_kb import make_sample_kb; from kg import graph, export;"
            "g = graph.to_graph(make_sample_kb()); out = pathlib.Path(sys.argv[1]);"
            "[print(f, hashlib.sha256(b''.join(p.read_bytes() for p in export.export(g, f, out / ('x.' + f))))"
            ".hexdigest()) for f in ('ttl', 'trig', 'jsonld', 'nt', 'csv', 'graphml', 'gexf')]")
    code = code.format(tests=str(Path(__file__).parent), root=str(Path(__file__).parent.parent))
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].count("\n") == 7


def test_trig_has_one_named_graph_per_article_with_its_statements(tmp_path, sample_graph):
    (path,) = ex.export(sample_graph, "trig", tmp_path / "kg.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    named = {g.identifier: g for g in ds.graphs() if g.identifier != ds.default_graph.identifier}
    docs_with_facts = {ev.doc_id for ev in [*(st.evidence for st in s.make_sample_kb().statements),
                                            *(a.evidence for a in s.make_sample_kb().aggregates)]}
    assert set(named) == {graph.doc_iri(d) for d in docs_with_facts}
    for doc, g in named.items():
        statements = set(g.subjects(RDF.type, TKG.Statement)) | set(g.subjects(RDF.type, TKG.AggregateFact))
        assert statements, doc
        assert {g.value(st, PROV.wasDerivedFrom) for st in statements} == {doc}
    default = ds.default_graph
    assert not set(default.subjects(RDF.type, TKG.Statement))
    assert set(default.subjects(RDF.type, TKG.Project))
    assert (TKG.Project, RDF.type, None) in default  # the ontology is in the default graph


def read_table(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM: spreadsheets would garble the Chinese"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_keep_the_chinese_and_the_figures(tmp_path, sample_graph):
    written = ex.export(sample_graph, "csv", tmp_path / "tables")
    assert sorted(p.name for p in written) == ["companies.csv", "figures.csv", "projects.csv"]
    projects = {r["label"]: r for r in read_table(tmp_path / "tables" / "projects.csv")}
    longma = projects["龙马集团高端装备制造基地"]
    assert Decimal(longma["total_investment_cny"]) == Decimal("23100000000")
    assert longma["total_investment_text"] == "231亿元"
    assert longma["developers"] == "龙马集团"
    assert longma["located_in"] == "科尔沁区"
    assert longma["chains"] == "新能源及装备制造"
    assert projects["道老杜50万千瓦风电项目"]["part_of"] == "100万千瓦外送风电基地项目"
    companies = {r["label"]: r for r in read_table(tmp_path / "tables" / "companies.csv")}
    assert companies["通辽市青格洱新能源有限公司"]["parent"] == "国家电投集团内蒙古公司"
    assert s.HOSTILE_NAME in companies  # written as text, unchanged
    figures = read_table(tmp_path / "tables" / "figures.csv")
    assert len(figures) == len(set(sample_graph.subjects(RDF.type, TKG.Statement)))
    totals = sorted((r["original_text"], r["rank"], r["document"]) for r in figures
                    if r["entity"] == "龙马集团高端装备制造基地" and r["property"] == "totalInvestment")
    assert totals == [("185亿元", "normal", f"{s.D001}.txt"), ("231亿元", "preferred", f"{s.D000}.txt"),
                      ("约135亿元", "normal", f"{s.D004}.txt")]
    quotes = {r["quote"] for r in figures}
    assert s.E_LONGMA_135.quote in quotes  # multi-line quotes survive the CSV round trip too
    assert s.E_LONGMA_231.quote in quotes


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\")公司", "'=HYPERLINK(\"http://x\")公司"),
    ("+86公司", "'+86公司"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("龙马集团", "龙马集团"),
    ("23100000000", "23100000000"),
])
def test_csv_cells_never_start_a_formula(text, cell):
    assert ex.inert(text) == cell


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_open_in_networkx(tmp_path, sample_graph, fmt, read):
    (path,) = ex.export(sample_graph, fmt, tmp_path / f"kg.{fmt}")
    net = read(path)
    labels = {data["label"]: n for n, data in net.nodes(data=True)}
    project = labels["龙马集团高端装备制造基地"]
    assert net.nodes[project]["kind"] == "Project"
    assert net.nodes[labels[s.HOSTILE_NAME]]["kind"] == "Company"
    relations = {(net.nodes[u]["label"], net.nodes[v]["label"], d["relation"]) for u, v, d in net.edges(data=True)}
    assert ("龙马集团高端装备制造基地", "龙马集团", "developer") in relations
    assert ("道老杜50万千瓦风电项目", "100万千瓦外送风电基地项目", "partOf") in relations
    assert ("龙马集团高端装备制造基地", "新能源及装备制造", "inChain") in relations
    assert ("扎鲁特旗", "通辽市", "withinPlace") in relations  # places reached up the hierarchy
    # only what the articles mention and what it reaches: not the whole national gazetteer
    assert "三亚市" not in labels


def test_default_paths_are_under_output_but_not_the_built_graph(tmp_path, monkeypatch, sample_graph):
    monkeypatch.chdir(tmp_path)
    assert ex.export(sample_graph, "ttl") == [ex.DEFAULT_DIR / "kg.ttl"]
    assert (tmp_path / "output" / "export" / "kg.ttl").exists()
    assert not (tmp_path / "output" / "kg.ttl").exists()  # where `kg build` writes the graph
    tables = ex.export(sample_graph, "csv")
    assert {p.parent for p in tables} == {ex.DEFAULT_DIR / ex.CSV_DIR}


def test_an_unknown_format_is_an_error(tmp_path, sample_graph):
    with pytest.raises(ValueError, match="unknown export format"):
        ex.export(sample_graph, "xlsx", tmp_path / "kg.xlsx")
