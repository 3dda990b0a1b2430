"""Untrusted text and queries: no network through SERVICE, no spreadsheet formulas, no reversed text, no
script URLs. Article text and query files come from outside; the outputs must not act on them."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import SKOS

from kg import explain as ex_mod
from kg import export as ex
from kg import graph as kg_graph
from kg import query, safe, views
from kg.cli import cli
from kg.corpus import read_sources
from kg.vocab import ID

from sample_kb import C_QINGGEER, make_sample_kb

RLO_NAME = "通辽\u202e司公限有\u202c某某\u2066新能源\u2069公司\u200f"  # right-to-left override, isolates, a mark
SHOWN_NAME = "通辽司公限有某某新能源公司"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety") / "kg.ttl"
    return kg_graph.write(kg_graph.to_graph(make_sample_kb()), path)


def run_query(graph_file, tmp_path, text, *args):
    rq = tmp_path / "q.rq"
    rq.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["query", str(rq), "--graph", str(graph_file), *args])


# ---- SERVICE ------------------------------------------------------------------------------------

SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { ?s ?p ?o . optional { service silent <http://127.0.0.1:9/sparql> { ?s ?q ?v } } }",
    "PREFIX e: <http://127.0.0.1:9/>\nSELECT ?s WHERE {\n  # a comment\n  SeRvIcE e:sparql { ?s ?p \"x\" }\n}",
]
NOT_SERVICE_QUERIES = [
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }" }',
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }",
    "SELECT ?service WHERE { ?service <http://e.org/SERVICE> ?o }",
    "PREFIX service: <http://e.org/>\nSELECT ?s WHERE { ?s service:SERVICE ?o }",
    "SELECT ?s WHERE { ?s ?p '''multi\nSERVICE <http://x/> { }\nline''' }",
]


@pytest.mark.parametrize("text", SERVICE_QUERIES)
def test_a_query_that_reaches_the_network_through_service_is_refused(graph_file, tmp_path, text):
    result = run_query(graph_file, tmp_path, text)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "SERVICE" in lines[0] and "--allow-service" in lines[0]


@pytest.mark.parametrize("text", NOT_SERVICE_QUERIES)
def test_service_in_a_string_comment_iri_or_name_is_not_a_service_call(graph_file, tmp_path, text):
    result = run_query(graph_file, tmp_path, text)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, expected", [(t, True) for t in SERVICE_QUERIES]
                         + [(t, False) for t in NOT_SERVICE_QUERIES])
def test_both_service_detectors_agree(text, expected):
    assert query.service_in_parse(text) is expected
    assert query.service_in_tokens(text) is expected


def test_allow_service_lets_the_query_through(graph_file, tmp_path):
    result = run_query(graph_file, tmp_path, SERVICE_QUERIES[0], "--allow-service")
    assert "--allow-service" not in result.output  # the engine runs it (and fails or not: no network here)


def test_the_library_refuses_service_too(graph_file):
    with pytest.raises(query.ServiceRefused):
        query.run(query.parse_query(SERVICE_QUERIES[0]), graph_file)


# ---- CSV ---------------------------------------------------------------------------------------

HOSTILE_VALUES = """SELECT ?text ?n WHERE { VALUES (?text ?n) {
  ("=1+2+cmd|' /C calc'!A0" -5) ("@SUM(A1)" 3) ("-2+3" -1.5) ("+86 公司" 0) ("\\tx" 2) ("普通公司" 1) } }"""


def test_query_csv_cells_never_start_a_formula_and_open_as_utf8(graph_file, tmp_path):
    result = run_query(graph_file, tmp_path, HOSTILE_VALUES, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeff")  # the byte order mark: spreadsheets then read UTF-8
    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert rows[0] == ["text", "n"]
    cells = {r[0] for r in rows[1:]}
    assert cells == {"'=1+2+cmd|' /C calc'!A0", "'@SUM(A1)", "'-2+3", "'+86 公司", "'\tx", "普通公司"}
    # numbers are numbers: a spreadsheet reads "-5" as minus five, never as a formula
    assert {r[1] for r in rows[1:]} == {"-5", "3", "-1.5", "0", "2", "1"}


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("-1+1", "'-1+1"), ("-5", "-5"), ("-2.5E3", "-2.5E3"), ("+5", "'+5"), ("\r=1", "'\r=1"),
    ("报价\n", "报价"), ("  引文 \n\n", "  引文"),
])
def test_one_csv_cell_rule_for_query_and_export(text, cell):
    assert safe.csv_cell(text) == cell
    assert ex.inert is safe.csv_cell or ex.inert(text) == cell


def test_quote_cells_do_not_end_with_a_line_break(seed_build, tmp_path):
    _, out = seed_build
    graph = kg_graph.load(out / "kg.ttl")
    written = ex.export(graph, "csv", tmp_path / "tables")
    figures = next(p for p in written if p.name == "figures.csv")
    with open(figures, encoding="utf-8-sig", newline="") as fh:
        quotes = [r["quote"] for r in csv.DictReader(fh)]
    assert quotes and all(q == q.rstrip() for q in quotes)
    assert any("\n" in q for q in quotes)  # line breaks inside a quote are the article's: kept
    text = query.run_and_format("article", out / "kg.ttl", {"doc": "000"}, "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows and all(r["quote"] == r["quote"].rstrip() for r in rows)


# ---- bidi controls -----------------------------------------------------------------------------


def hostile_graph():
    g = kg_graph.to_graph(make_sample_kb())
    g.add((ID[C_QINGGEER], SKOS.altLabel, Literal(RLO_NAME, lang="zh")))
    return g


def test_views_show_no_bidi_controls(tmp_path):
    pages = views.write_views(hostile_graph(), tmp_path / "views", focus="青格洱")
    texts = [p.read_text(encoding="utf-8") for p in pages]
    assert any(SHOWN_NAME in t for t in texts)
    for t in texts:
        assert not set(t) & safe.BIDI_CONTROLS


def test_query_table_and_explain_show_no_bidi_controls(tmp_path):
    path = kg_graph.write(hostile_graph(), tmp_path / "kg.ttl")
    rq = tmp_path / "q.rq"
    rq.write_text("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                  "SELECT ?alt WHERE { ?c skos:altLabel ?alt }", encoding="utf-8")
    text = query.run_and_format(rq, path, {}, "table")
    assert SHOWN_NAME in text and not set(text) & safe.BIDI_CONTROLS
    shown = ex_mod.explain(kg_graph.load(path), "通辽市青格洱新能源有限公司")
    assert SHOWN_NAME in shown and not set(shown) & safe.BIDI_CONTROLS
    data = json.loads(query.run_and_format(rq, path, {}, "json"))
    assert RLO_NAME in {r["alt"] for r in data}  # JSON is data: the text as the graph holds it


# ---- URLs --------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>通辽市重点项目建设观摩</title>
<link rel="canonical" href="{url}"></head><body><article><p>通辽市科尔沁区龙马集团高端装备制造基地项目总投资231亿元，
今年计划完成投资42亿元。</p></article></body></html>"""


@pytest.mark.parametrize("url, kept", [
    ("javascript:alert(document.cookie)", None), (" JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None), ("vbscript:msgbox(1)", None),
    ("file:///etc/passwd", None), ("//evil.example/x", None),
    ("https://example.org/news/1", "https://example.org/news/1"), ("HTTP://example.org/a", "HTTP://example.org/a"),
])
def test_only_web_addresses_become_the_articles_url(tmp_path, url, kept):
    (tmp_path / "page.html").write_text(PAGE.format(url=url), encoding="utf-8")
    (tmp_path / "plain.txt").write_text("通辽市科尔沁区龙马集团高端装备制造基地项目总投资231亿元。", encoding="utf-8")
    (tmp_path / "plain.txt.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    sources, _ = read_sources([tmp_path])
    assert [s.meta.url for s in sources] == [kept, kept]
