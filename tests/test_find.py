"""Discoverability: `kg query --list` shows every question; `kg find TEXT` lists the entities whose name
(Chinese or English) contains TEXT, with their type, IRI and number of sources."""

import csv
import io

from click.testing import CliRunner
from rdflib import RDF
from rdflib.namespace import PROV, SKOS

from kg import paths, query
from kg.cli import cli
from kg.vocab import PLACE, TKG


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def rows_of(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output.lstrip("\ufeff"))))


def test_query_list_shows_every_query_with_its_question_and_parameters():
    result = invoke("query", "--list")
    assert result.exit_code == 0, result.output
    names = [p.stem for p in sorted(paths.QUERIES_DIR.glob("*.rq"))]
    listed = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert listed == names
    block = result.output.split("\ncompany-projects\n", 1)[1].split("\n\n", 1)[0]
    q = query.load_query("company-projects")
    assert " ".join(block.split()).startswith(" ".join(q.question.split()))
    assert "parameters: ?company (a company name, or part of one)" in block
    assert "parameters: none" in result.output.split("\nlargest-projects\n", 1)[1].split("\n\n", 1)[0]


def test_query_without_a_name_asks_for_one():
    result = invoke("query")
    assert result.exit_code == 2
    assert "kg query --list" in result.output


def sources(graph, node) -> int:
    docs = set(graph.objects(node, TKG.mentionedIn))
    docs |= {d for s in graph.subjects(TKG.value, node) for d in graph.objects(s, PROV.wasDerivedFrom)}
    return len(docs)


def test_find_lists_matching_entities_with_type_iri_and_sources(seed_build, seed_graph):
    _, out = seed_build
    result = invoke("find", "科尔沁", "--graph", str(out / "kg.ttl"), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = rows_of(result.output)
    expected = {s for kind in (TKG.Project, TKG.Company, TKG.IndustrialPark, TKG.Place, TKG.IndustryChain)
                for s in seed_graph.subjects(RDF.type, kind)
                if any("科尔沁" in str(label) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                       for label in seed_graph.objects(s, p))}
    assert {r["iri"] for r in rows} == {str(s) for s in expected}
    row = next(r for r in rows if r["iri"] == str(PLACE["科尔沁区"]))
    assert row["type"] == "Place" and row["name"] == "科尔沁区" and row["english"] == "Horqin District"
    for r in rows:
        node = next(s for s in expected if str(s) == r["iri"])
        assert int(r["sources"]) == sources(seed_graph, node)
    assert [int(r["sources"]) for r in rows] == sorted((int(r["sources"]) for r in rows), reverse=True)


def test_find_reads_english_and_pinyin_names_in_any_case(seed_build, seed_graph):
    _, out = seed_build
    result = invoke("find", "HORQIN LEFT", "--graph", str(out / "kg.ttl"), "--format", "csv")
    assert {r["name"] for r in rows_of(result.output)} == {"科尔沁左翼中旗", "科尔沁左翼后旗"} & {
        str(seed_graph.value(s, SKOS.prefLabel)) for s in seed_graph.subjects(RDF.type, TKG.Place)}
    project = sorted(seed_graph.subjects(RDF.type, TKG.Project))[0]
    pinyin = str(seed_graph.value(project, TKG.transliteration))
    result = invoke("find", pinyin.lower(), "--graph", str(out / "kg.ttl"), "--format", "csv")
    assert str(project) in {r["iri"] for r in rows_of(result.output)}


def test_find_with_no_match_says_so_and_a_missing_graph_fails_in_one_line(seed_build, tmp_path):
    _, out = seed_build
    result = invoke("find", "没有这个名字", "--graph", str(out / "kg.ttl"))
    assert result.exit_code == 0 and "(0 rows)" in result.output
    result = invoke("find", "x", "--graph", str(tmp_path / "none.ttl"))
    assert result.exit_code == 1
    assert "none.ttl does not exist" in result.output
