"""`kg query` as a user meets it: aligned tables with Chinese, CSV, JSON, bound parameters, clear errors."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg import graph as kg_graph
from kg import query
from kg.cli import cli

from sample_kb import D000, make_sample_kb

DAOLAODU = "道老杜50万千瓦风电项目"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("query-cli") / "kg.ttl"
    return kg_graph.write(kg_graph.to_graph(make_sample_kb()), path)


def kg_query(graph_file, *args):
    return CliRunner().invoke(cli, ["query", *args, "--graph", str(graph_file)])


def test_table_columns_line_up_with_chinese_text(graph_file):
    result = kg_query(graph_file, "projects-by-county")
    assert result.exit_code == 0, result.output
    header, rule, *rows, footer = result.output.splitlines()
    assert footer == f"({len(rows)} rows)" and rows
    project_col = query.width(header[:header.index("project")])
    rule_starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
    assert project_col in rule_starts
    line = next(r for r in rows if DAOLAODU in r)
    assert line.startswith("扎鲁特旗")
    assert query.width(line[:line.index(DAOLAODU)]) == project_col


def test_money_is_shown_in_yuan_and_yi_right_aligned(graph_file):
    result = kg_query(graph_file, "largest-projects")
    assert result.exit_code == 0, result.output
    header, rule, *rows, footer = result.output.splitlines()
    money_end = query.width(header[:header.index("total_yuan") + len("total_yuan")])
    for cell in ("23,100,000,000 (231亿元)", "18,000,000,000 (180亿元)", "3,000,000,000 (30亿元)"):
        line = next(r for r in rows if cell in r)
        assert query.width(line[:line.index(cell) + len(cell)]) == money_end


def test_csv_output(graph_file):
    result = kg_query(graph_file, "company-projects", "--param", "company=青格洱", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(query.CSV_BOM)  # spreadsheets read the Chinese as UTF-8
    rows = list(csv.reader(io.StringIO(result.output[1:])))
    assert rows[0] == ["company_name", "project", "total_yuan", "status", "county"]
    assert rows[1:] == [["通辽市青格洱新能源有限公司", DAOLAODU, "3000000000", "投产运营", "扎鲁特旗"]]


def test_json_output(graph_file):
    result = kg_query(graph_file, "article", "-p", f"doc={D000}", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"article": f"{D000}.txt", "subject": "全市计划实施建设项目", "property": "项目数", "value": 540,
            "original": "540个", "rank": None,
            "quote": next(r["quote"] for r in data if r["property"] == "项目数")} in data
    assert all(r["article"] == f"{D000}.txt" for r in data)


def test_a_parameter_with_a_question_mark_is_bound_too(graph_file):
    result = kg_query(graph_file, "company-projects", "--param", "?company=青格洱")
    assert result.exit_code == 0 and DAOLAODU in result.output


def test_a_query_file_by_path(graph_file, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("PREFIX tkg: <https://tongliao-kg.org/ns#>\nSELECT ?d WHERE { ?d a tkg:SourceDocument }\n",
                  encoding="utf-8")
    result = kg_query(graph_file, str(rq), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 1 + len(make_sample_kb().documents)


def test_a_syntax_error_names_file_line_and_column(graph_file, tmp_path):
    rq = tmp_path / "broken.rq"
    rq.write_text("# Question: broken?\n# Parameters: none\n# Columns: d\n"
                  "SELECT ?d WHERE { ?d ?p ?o } ORDER ?d\n", encoding="utf-8")
    result = kg_query(graph_file, str(rq))
    assert result.exit_code == 1
    assert f"{rq}:4:" in result.output and "syntax error" in result.output


def test_an_unused_parameter_is_an_error_naming_the_parameters(graph_file):
    result = kg_query(graph_file, "company-projects", "--param", "name=x")
    assert result.exit_code == 1
    assert "has no parameter ?name; its parameters: ?company" in result.output


def test_a_missing_parameter_is_asked_for(graph_file):
    result = kg_query(graph_file, "company-neighbourhood")
    assert result.exit_code == 1
    assert "--param company=VALUE" in result.output


def test_an_unknown_query_lists_the_names(graph_file):
    result = kg_query(graph_file, "biggest-projects")
    assert result.exit_code == 1
    assert "unknown query 'biggest-projects'" in result.output and "largest-projects" in result.output


def test_a_missing_query_file(graph_file, tmp_path):
    result = kg_query(graph_file, str(tmp_path / "nope.rq"))
    assert result.exit_code == 1 and "nope.rq: no such query file" in result.output


# ---- query forms other than SELECT, and queries that cannot run ----------------------------------

TKG_PREFIX = "PREFIX tkg: <https://tongliao-kg.org/ns#>\n"


def query_file(tmp_path, text, name="mine.rq"):
    rq = tmp_path / name
    rq.write_text(TKG_PREFIX + text + "\n", encoding="utf-8")
    return rq


@pytest.mark.parametrize("fmt,yes,no", [("table", "yes\n", "no\n"), ("csv", "\ufeffask\ntrue\n", "\ufeffask\nfalse\n"),
                                        ("json", "true\n", "false\n")])
def test_an_ask_query_answers_yes_or_no(graph_file, tmp_path, fmt, yes, no):
    asked = query_file(tmp_path, "ASK { ?d a tkg:SourceDocument }", "yes.rq")
    result = kg_query(graph_file, str(asked), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.output == yes
    asked = query_file(tmp_path, "ASK { ?d a tkg:NoSuchClass }", "no.rq")
    result = kg_query(graph_file, str(asked), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.output == no


def test_a_construct_query_prints_turtle(graph_file, tmp_path):
    from rdflib import Graph, RDF
    from kg.vocab import TKG

    rq = query_file(tmp_path, "CONSTRUCT { ?d a tkg:SourceDocument } WHERE { ?d a tkg:SourceDocument }")
    result = kg_query(graph_file, str(rq))
    assert result.exit_code == 0, result.output
    printed = Graph().parse(data=result.output, format="turtle")
    built = Graph().parse(graph_file, format="turtle")
    assert set(printed) == set(built.triples((None, RDF.type, TKG.SourceDocument))) and len(printed) > 0


def test_a_describe_query_prints_turtle(graph_file, tmp_path):
    from rdflib import RDF, Graph, URIRef
    from kg.vocab import TKG

    built = Graph().parse(graph_file, format="turtle")
    doc = sorted(built.subjects(RDF.type, TKG.SourceDocument))[0]
    rq = query_file(tmp_path, f"DESCRIBE <{doc}>")
    result = kg_query(graph_file, str(rq))
    assert result.exit_code == 0, result.output
    printed = Graph().parse(data=result.output, format="turtle")
    assert set(printed.triples((URIRef(doc), None, None))) == set(built.triples((doc, None, None)))


def one_line_error(result, *words):
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]


def test_a_service_query_that_fails_is_one_line_not_a_traceback(graph_file, tmp_path):
    # Oxigraph refuses port 9 before connecting: nothing leaves the machine.
    rq = query_file(tmp_path, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    one_line_error(kg_query(graph_file, str(rq)), str(rq))


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR DEFAULT",
                                    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    "DELETE WHERE { ?s ?p ?o }"])
def test_an_update_is_not_run_and_says_so(graph_file, tmp_path, update):
    before = graph_file.read_bytes()
    rq = query_file(tmp_path, update)
    one_line_error(kg_query(graph_file, str(rq)), str(rq), "update")
    assert graph_file.read_bytes() == before


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_both_engines_refuse_an_update(engine, tmp_path):
    g = kg_graph.to_graph(make_sample_kb())
    with pytest.raises(query.QueryError, match="update"):
        query.run("DROP ALL", g, engine=engine)
    assert len(g) > 0
