"""The query library: every queries/*.rq (found by glob) on the sample graph and the seed graph.

Each question has its expected rows on the hand-made sample knowledge base (tests/sample_kb.py); both
engines (Oxigraph and rdflib) must give the same rows; every `*-violation.rq` returns nothing on a good
graph and fires on a graph broken on purpose.
"""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg import graph as kg_graph
from kg import paths, query
from kg.query import QueryError
from kg.vocab import ID, PLACE, TKG

from conftest import GOLD
from sample_kb import (
    C_QINGGEER, D000, D004, HOSTILE_NAME, K_NAIMAN_A, P_DAOLAODU, P_JINGAN, P_LONGMA, make_sample_kb, yuan,
)

QUERY_FILES = sorted(paths.QUERIES_DIR.glob("*.rq"))
NAMES = [p.stem for p in QUERY_FILES]
CHECKS = [n for n in NAMES if n.endswith("-violation")]
QUESTIONS = [n for n in NAMES if not n.endswith("-violation")]

LONGMA = "龙马集团高端装备制造基地"
JINGAN = "经安129万吨不锈钢、轧钢酸洗项目"
DAOLAODU = "道老杜50万千瓦风电项目"
WIND_BASE = "100万千瓦外送风电基地项目"
QINGGEER = "通辽市青格洱新能源有限公司"
SPIC = "国家电投集团内蒙古公司"
NAIMAN_A = "奈曼工业园区A区循环经济产业园"
NEW_ENERGY = "新能源及装备制造"
NICKEL = "镍基循环新材料"

# Parameters the sample-graph tests bind, per query.
SAMPLE_PARAMS = {
    "company-projects": {"company": "青格洱"},
    "company-neighbourhood": {"company": "青格洱"},
    "entity": {"name": LONGMA},
    "article": {"doc": D000},
    "find": {"text": "青格洱"},
}

# (query, parameters, rows that must be in the result: every given column equal).
SAMPLE_ROWS = [
    ("find", {"text": "青格洱"}, {"type": "Company", "name": QINGGEER, "sources": 2}),
    ("find", {"text": "QINGGE"}, {"type": "Company", "name": QINGGEER}),  # its transliteration, any case
    ("find", {"text": "horqin"}, {"type": "Place", "name": "科尔沁区", "english": "Horqin District"}),
    ("find", {"text": "镍基"}, {"type": "IndustryChain", "name": NICKEL}),
    ("investment-by-chain", {}, {"chain": NEW_ENERGY, "projects": 3, "with_investment": 2,
                                 "total_yuan": yuan("231") + yuan("30")}),
    ("investment-by-chain", {}, {"chain": NICKEL, "projects": 1, "total_yuan": yuan("180")}),
    ("projects-by-county", {}, {"county": "扎鲁特旗", "project": DAOLAODU, "status": "投产运营"}),
    ("projects-by-county", {}, {"county": "扎鲁特旗", "project": WIND_BASE, "total_yuan": None}),
    ("projects-by-county", {}, {"county": "奈曼旗", "project": JINGAN, "park": NAIMAN_A}),
    ("projects-by-county", {}, {"county": "科尔沁区", "project": LONGMA, "total_yuan": yuan("231")}),
    ("company-projects", {"company": "青格洱"}, {"company_name": QINGGEER, "project": DAOLAODU,
                                                "total_yuan": yuan("30"), "county": "扎鲁特旗"}),
    ("company-projects", {"company": "河北毕氏实业集团有限公司"}, {"project": JINGAN, "county": "奈曼旗"}),
    ("largest-projects", {}, {"project": LONGMA, "total_yuan": yuan("231"), "county": "科尔沁区",
                              "status": "在建", "articles": 3}),
    ("disagreements", {}, {"entity": LONGMA, "property": "totalInvestment", "value_a": yuan("231"),
                           "text_a": "231亿元", "value_b": yuan("185"), "gap_pct": Decimal("19.9")}),
    ("disagreements", {}, {"entity": LONGMA, "value_a": yuan("135"), "text_a": "约135亿元",
                           "value_b": yuan("231"), "article_b": f"{D000}.txt"}),
    ("entity", {"name": LONGMA}, {"subject": LONGMA, "property": "totalInvestment", "value": yuan("185"),
                                  "rank": "normal", "article": "001_347c5c036ba7c81d.txt"}),
    ("entity", {"name": LONGMA}, {"subject": LONGMA, "property": "altLabel", "value": "龙马高端装备制造基地"}),
    ("entity", {"name": "龙马集团"}, {"subject": LONGMA, "property": "developer", "value": "龙马集团"}),
    ("entity", {"name": "道老杜苏木"}, {"subject": DAOLAODU, "property": "locatedIn", "value": "道老杜苏木",
                                       "rank": "preferred"}),
    ("chain-by-county", {}, {"county": "扎鲁特旗", "chain": NEW_ENERGY, "projects": 2, "total_yuan": yuan("30")}),
    ("chain-by-county", {}, {"county": "奈曼旗", "chain": NICKEL, "projects": 1, "total_yuan": yuan("180")}),
    ("chains-per-county", {}, {"county": "扎鲁特旗", "chains": 1, "projects": 2}),
    ("companies-per-chain", {}, {"chain": NEW_ENERGY, "company": "龙马集团", "projects": 1,
                                 "total_yuan": yuan("231")}),
    ("companies-per-chain", {}, {"chain": NEW_ENERGY, "company": QINGGEER, "total_yuan": yuan("30")}),
    ("projects-by-status", {}, {"status": "在建", "projects": 1, "total_yuan": yuan("231")}),
    ("projects-by-status", {}, {"status": "未知", "projects": 2}),
    ("projects-by-year", {}, {"year": "2025", "event": "completion", "project": LONGMA}),
    ("parent-groups", {}, {"parent": SPIC, "company": QINGGEER, "project": DAOLAODU, "total_yuan": yuan("30")}),
    ("parent-groups", {}, {"parent": SPIC, "company": SPIC, "project": None}),
    ("parks-and-projects", {}, {"park": NAIMAN_A, "county": "奈曼旗", "project": JINGAN}),
    ("parks-and-projects", {}, {"park": "霍林郭勒高新技术产业开发区", "county": "霍林郭勒市", "project": None}),
    ("projects-without-investment", {}, {"project": WIND_BASE, "county": "扎鲁特旗", "articles": 1}),
    ("article", {"doc": D000}, {"subject": LONGMA, "property": "totalInvestment", "value": yuan("231"),
                                "original": "231亿元", "rank": "preferred"}),
    ("article", {"doc": D000}, {"subject": "全市计划实施建设项目", "property": "总投资", "value": yuan("1660")}),
    ("plan-figures", {}, {"year": "2022", "place": "通辽市", "figure": "年度计划投资", "value": yuan("518"),
                          "unit": "CNY", "original": "518亿元"}),
    ("company-neighbourhood", {"company": "青格洱"}, {"company_name": QINGGEER, "relation": "parent",
                                                     "other": SPIC}),
    ("company-neighbourhood", {"company": "青格洱"}, {"relation": "supplier", "other": HOSTILE_NAME}),
    ("company-neighbourhood", {"company": SPIC}, {"relation": "subsidiary", "other": QINGGEER}),
    ("articles", {}, {"article": f"{D000}.txt", "date": "2022-11-15", "reposts": 0}),
    ("articles", {}, {"article": f"{D004}.txt", "reposts": 1}),
    ("capacities", {}, {"project": JINGAN, "product": "不锈钢", "amount": 1_290_000, "unit": "t/a"}),
]

# (query, parameters, rows that must NOT be in the result).
SAMPLE_ABSENT = [
    ("projects-without-investment", {}, {"project": LONGMA}),
    ("article", {"doc": D000}, {"value": yuan("185")}),  # stated in another article
    ("company-projects", {"company": "青格洱"}, {"project": LONGMA}),
    ("disagreements", {}, {"property": "locatedIn"}),  # only numbers can be 1% apart
    ("multi-county-companies", {}, {"company": QINGGEER}),  # one county only
]


def records(columns, rows):
    """Rows as dicts of plain values: numbers as numbers, everything else as its text."""
    out = []
    for row in rows:
        rec = {}
        for c, v in zip(columns, row):
            n = query.number(v) if v is not None else None
            rec[c] = None if v is None else n if n is not None else str(v)
        out.append(rec)
    return out


def matches(record, wanted):
    return all(record.get(k) == v for k, v in wanted.items())


@pytest.fixture(scope="module")
def sample_graph():
    return kg_graph.to_graph(make_sample_kb())


@pytest.fixture(scope="module")
def sample_engine(sample_graph):
    """Oxigraph, the default engine; rdflib gives the same rows (test_both_engines_give_the_same_rows)."""
    return query.open_engine(sample_graph, "oxigraph")


def copy_of(g):
    out = Graph()
    out += g
    return out


def statements_of(g, entity_id, prop):
    subject = kg_graph.entity_iri(entity_id)
    return sorted(s for s in g.objects(subject, TKG.hasStatement) if g.value(s, TKG.property) == TKG[prop])


# ---- the files themselves -----------------------------------------------------------------------


def test_the_library_asks_the_analysts_questions():
    wanted = {"investment-by-chain", "projects-by-county", "company-projects", "largest-projects",
              "disagreements", "entity", "chain-by-county", "chains-per-county", "companies-per-chain",
              "projects-by-status", "projects-by-year", "multi-county-companies", "parent-groups",
              "parks-and-projects", "projects-without-investment", "article", "plan-figures",
              "company-neighbourhood", "statement-without-source-violation", "preferred-count-violation",
              "money-negative-violation"}
    assert wanted <= set(NAMES)
    assert len(QUESTIONS) >= 15


@pytest.mark.parametrize("path", QUERY_FILES, ids=NAMES)
def test_every_query_opens_with_question_parameters_and_columns(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Question: ")
    assert re.search(r"^# Parameters: (none|\?\w+ \(.+\))$", text, re.M)
    assert re.search(r"^# Columns: \w+", text, re.M)
    q = query.parse_query(text, path.stem, str(path))
    assert "?" in q.question and q.declared and q.columns


@pytest.mark.parametrize("name", QUESTIONS)
def test_every_question_has_expected_rows_on_the_sample(name):
    """A new query file must come with expectations here, so that none can rot unnoticed."""
    assert name in {q for q, _, _ in SAMPLE_ROWS} | {q for q, _, _ in SAMPLE_ABSENT}
    params = query.load_query(name).parameters
    assert set(params) == set(SAMPLE_PARAMS.get(name, {}))


# ---- results on the sample graph ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_columns_are_the_declared_ones(name, sample_engine):
    columns, _ = query.run(name, sample_engine, SAMPLE_PARAMS.get(name, {}))
    assert tuple(columns) == query.load_query(name).columns


@pytest.mark.parametrize("name", NAMES)
def test_both_engines_give_the_same_rows(name, sample_graph):
    params = SAMPLE_PARAMS.get(name, {})
    ox_cols, ox_rows = query.run(name, sample_graph, params, engine="oxigraph")
    rl_cols, rl_rows = query.run(name, sample_graph, params, engine="rdflib")
    assert ox_cols == rl_cols
    assert records(ox_cols, ox_rows) == records(rl_cols, rl_rows)


@pytest.mark.parametrize("name,params,wanted", SAMPLE_ROWS,
                         ids=[f"{q}-{i}" for i, (q, _, _) in enumerate(SAMPLE_ROWS)])
def test_expected_rows_on_the_sample(name, params, wanted, sample_engine):
    found = records(*query.run(name, sample_engine, params))
    assert any(matches(r, wanted) for r in found), found


@pytest.mark.parametrize("name,params,unwanted", SAMPLE_ABSENT,
                         ids=[f"{q}-{i}" for i, (q, _, _) in enumerate(SAMPLE_ABSENT)])
def test_rows_that_must_not_appear(name, params, unwanted, sample_engine):
    found = records(*query.run(name, sample_engine, params))
    assert not [r for r in found if matches(r, unwanted)]


def test_disagreements_pair_every_two_articles_once(sample_engine):
    found = records(*query.run("disagreements", sample_engine))
    pairs = {frozenset((r["value_a"], r["value_b"])) for r in found if r["entity"] == LONGMA}
    assert pairs == {frozenset(p) for p in [(yuan("231"), yuan("185")), (yuan("231"), yuan("135")),
                                            (yuan("185"), yuan("135"))]}
    assert len(found) == len(pairs)


def test_largest_projects_come_largest_first(sample_engine):
    totals = [r["total_yuan"] for r in records(*query.run("largest-projects", sample_engine))]
    assert totals == sorted(totals, reverse=True) and totals


def test_a_part_is_not_counted_again_when_its_whole_has_a_total(sample_graph):
    g = copy_of(sample_graph)
    g.add((kg_graph.entity_iri("project/100万千瓦外送风电基地项目"), TKG.totalInvestment, Literal(Decimal("6e9"))))
    found = records(*query.run("investment-by-chain", g))
    energy = next(r for r in found if r["chain"] == NEW_ENERGY)
    assert energy["total_yuan"] == yuan("231") + yuan("60")


SUMS = ["investment-by-chain", "companies-per-chain", "chain-by-county", "projects-by-status"]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", SUMS)
def test_a_sum_with_no_known_figure_is_unknown_not_zero(name, engine, sample_graph):
    """With no total investment known, a sum reads as unknown (unbound), never as 0亿元, and the count of
    projects with a figure says why."""
    g = copy_of(sample_graph)
    g.remove((None, TKG.totalInvestment, None))
    found = records(*query.run(name, g, engine=engine))
    assert found
    for r in found:
        assert r["total_yuan"] is None and r["with_investment"] == 0, r


@pytest.mark.parametrize("name", SUMS)
def test_a_sum_counts_the_projects_with_a_figure(name, sample_engine):
    found = records(*query.run(name, sample_engine))
    assert any(r["total_yuan"] is not None for r in found)
    for r in found:
        assert 0 <= r["with_investment"] <= r["projects"]
        assert (r["total_yuan"] is None) == (r["with_investment"] == 0), r


def test_a_company_in_two_counties_through_a_subsidiary(sample_graph):
    g = copy_of(sample_graph)
    other = ID["project/test-second-county"]
    g.add((other, TKG.developer, kg_graph.entity_iri(C_QINGGEER)))
    g.add((other, TKG.locatedIn, PLACE["奈曼旗"]))
    found = records(*query.run("multi-county-companies", g))
    assert {"company": SPIC, "counties": 2, "projects": 2} in found
    assert {"company": QINGGEER, "counties": 2, "projects": 2} in found


def test_neighbours_on_a_shared_project_in_the_same_park_and_county(sample_graph):
    g = copy_of(sample_graph)
    newcomer, plant = ID["company/test-newcomer"], ID["project/test-plant"]
    g.add((newcomer, RDF.type, TKG.Company))
    g.add((newcomer, SKOS.prefLabel, Literal("测试新材料有限公司", lang="zh")))
    g.add((kg_graph.entity_iri(P_JINGAN), TKG.developer, newcomer))
    g.add((plant, TKG.developer, newcomer))
    g.add((plant, TKG.inPark, kg_graph.entity_iri(K_NAIMAN_A)))
    found = records(*query.run("company-neighbourhood", g, {"company": "河北毕氏"}))
    other = "测试新材料有限公司"
    assert {"company_name": "河北毕氏实业集团有限公司", "relation": "partner", "other": other, "via": JINGAN} in found
    assert {"company_name": "河北毕氏实业集团有限公司", "relation": "same park", "other": other,
            "via": NAIMAN_A} in found
    assert {"company_name": "河北毕氏实业集团有限公司", "relation": "same county", "other": other,
            "via": "奈曼旗"} in found


# ---- parameters are bound, not pasted ----------------------------------------------------------


@pytest.mark.parametrize("value", ['") } UNION { ?c ?p ?o } #', "' . } #", "\\\"", "青格洱\n}"])
def test_hostile_parameter_values_are_only_values(value, sample_engine):
    columns, rows = query.run("company-projects", sample_engine, {"company": value})
    assert columns and rows == []


def test_a_hostile_company_name_is_found_by_its_exact_name(sample_engine):
    found = records(*query.run("company-neighbourhood", sample_engine, {"company": HOSTILE_NAME}))
    assert {"company_name": HOSTILE_NAME, "relation": "customer", "other": QINGGEER, "via": None} in found


def test_the_bound_parameter_is_not_a_column(sample_engine):
    columns, _ = query.run("company-projects", sample_engine, {"company": "青格洱"})
    assert "company" not in columns


def test_an_unknown_parameter_names_the_query_parameters(sample_graph):
    with pytest.raises(QueryError, match=r"company-projects has no parameter \?firm; its parameters: \?company"):
        query.run("company-projects", sample_graph, {"firm": "x"})
    with pytest.raises(QueryError, match=r"its parameters: none"):
        query.run("largest-projects", sample_graph, {"company": "x"})


def test_a_missing_parameter_is_asked_for(sample_graph):
    with pytest.raises(QueryError, match=r"entity needs a value for \?name"):
        query.run("entity", sample_graph, {})


def test_query_text_binds_any_projected_variable(sample_graph):
    text = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "SELECT ?label ?e WHERE { ?e skos:prefLabel ?label }")
    columns, rows = query.run(text, sample_graph, {"label": Literal(QINGGEER, lang="zh")})
    assert columns == ["e"] and rows == [(kg_graph.entity_iri(C_QINGGEER),)]


def test_an_unknown_query_lists_the_available_ones():
    with pytest.raises(QueryError) as err:
        query.load_query("largest-project")
    assert "largest-projects" in str(err.value) and "investment-by-chain" in str(err.value)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_syntax_error_names_file_line_and_column(tmp_path, engine, sample_graph):
    bad = tmp_path / "bad.rq"
    bad.write_text("# Question: broken?\n# Parameters: none\n# Columns: x\n\nSELECT ?x WHERE { ?x ?y ?z } ORDER ?x\n",
                   encoding="utf-8")
    with pytest.raises(QueryError, match=rf"^{re.escape(str(bad))}:5:\d+: syntax error"):
        query.run(bad, sample_graph, engine=engine)


# ---- checks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHECKS)
def test_checks_pass_on_the_sample(name, sample_engine):
    assert query.run(name, sample_engine)[1] == []


def _drop_source(g):
    stmt = statements_of(g, P_LONGMA, "totalInvestment")[0]
    g.remove((stmt, PROV.wasDerivedFrom, None))


def _two_preferred(g):
    for stmt in statements_of(g, P_LONGMA, "totalInvestment"):
        g.set((stmt, TKG.rank, TKG.PreferredRank))
        g.add((kg_graph.entity_iri(P_LONGMA), TKG.totalInvestment, g.value(stmt, TKG.value)))


def _none_preferred(g):
    for stmt in statements_of(g, P_DAOLAODU, "status"):
        g.set((stmt, TKG.rank, TKG.NormalRank))
    g.remove((kg_graph.entity_iri(P_DAOLAODU), TKG.status, None))


def _negative_money(g):
    stmt = statements_of(g, P_DAOLAODU, "totalInvestment")[0]
    subject = kg_graph.entity_iri(P_DAOLAODU)
    minus = Literal("-3000000000.0", datatype=XSD.decimal)
    g.set((stmt, TKG.value, minus))
    g.set((subject, TKG.totalInvestment, minus))


def _no_direct_value(g):
    g.remove((kg_graph.entity_iri(P_LONGMA), TKG.totalInvestment, None))


BREAKAGES = [
    ("statement-without-source-violation", _drop_source, "no source article"),
    ("preferred-count-violation", _two_preferred, "several preferred statements"),
    ("preferred-count-violation", _none_preferred, "no preferred statement"),
    ("money-negative-violation", _negative_money, "totalInvestment"),
    ("direct-value-violation", _no_direct_value, "preferred statement without a direct value"),
]


@pytest.mark.parametrize("name,breakage,phrase", BREAKAGES, ids=[b[1].__name__ for b in BREAKAGES])
def test_checks_fire_on_a_broken_graph(name, breakage, phrase, sample_graph):
    g = copy_of(sample_graph)
    breakage(g)
    lines = query.violations(g)
    assert any(line.startswith(f"{name}: ") and phrase in line for line in lines), lines


def test_the_direct_value_check_names_every_statement_property(sample_graph):
    """Its MINUS names the statement properties (so that it does not hash every triple of the graph): both lists
    must be one list, holding every property a statement of the sample has."""
    text = (paths.QUERIES_DIR / "direct-value-violation.rq").read_text(encoding="utf-8")
    lists = [set(re.findall(r"tkg:(\w+)", m)) for m in re.findall(r"VALUES \?p \{([^}]*)\}", text)]
    assert len(lists) == 2 and lists[0] == lists[1]
    used = {str(p).rsplit("#", 1)[1] for p in sample_graph.objects(None, TKG.property)}
    assert used and used <= lists[0]


def test_every_check_is_exercised_by_a_breakage():
    assert {b[0] for b in BREAKAGES} == set(CHECKS)


def test_violations_is_empty_on_the_sample(sample_graph):
    assert query.violations(sample_graph) == []


# ---- output -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [("ab", 2), ("龙马", 4), ("龙马A区", 7), ("ＡＢ", 4), ("（）", 4), ("", 0)])
def test_display_width_counts_wide_characters_double(text, expected):
    assert query.width(text) == expected


@pytest.mark.parametrize("yuan_value,expected", [
    (Decimal("23100000000"), "231亿元"), (Decimal("350000000"), "3.5亿元"), (Decimal("5000000"), "0.05亿元"),
    (Decimal("13500000000.0"), "135亿元"), (Decimal("0"), "0亿元"),
])
def test_yi(yuan_value, expected):
    assert query.yi(yuan_value) == expected


def test_table_aligns_wide_characters_and_right_aligns_numbers():
    columns = ["project", "total_yuan"]
    rows = [(Literal(LONGMA), Literal(Decimal("23100000000.0"))), (Literal("ab"), Literal(Decimal("3e9"))),
            (Literal("龙马A"), None)]
    header, rule, first, second, unbound, footer = query.format_table(columns, rows).splitlines()
    assert footer == "(3 rows)"
    assert first.endswith("23,100,000,000 (231亿元)") and second.endswith("3,000,000,000 (30亿元)")
    assert header.startswith("project") and header.endswith("total_yuan")
    assert query.width(header) == query.width(rule) == query.width(first) == query.width(second)
    assert unbound == "龙马A"
    start = query.width(first[:first.index("23,1")])
    assert query.width(second[:second.index("3,0")]) == start + 2  # right-aligned: "2" and "1" shorter


def test_csv_and_json_keep_full_values(sample_engine):
    columns, rows = query.run("largest-projects", sample_engine)
    table = list(csv.reader(io.StringIO(query.format_csv(columns, rows))))
    assert table[0] == columns
    assert [LONGMA, "23100000000", "科尔沁区", "在建", "3"] in table
    data = json.loads(query.format_json(columns, rows))
    assert {"project": LONGMA, "total_yuan": 23100000000, "county": "科尔沁区", "status": "在建",
            "articles": 3} in data


def test_table_clips_long_text_that_csv_keeps_whole():
    quote = "项目全部建成投产后，" * 10
    table = query.format_table(["quote"], [(Literal(quote),)])
    clipped = table.splitlines()[2]
    assert clipped.endswith("…") and query.width(clipped) <= query.MAX_CELL_WIDTH
    assert query.format_csv(["quote"], [(Literal(quote),)]) == f"quote\n{quote}\n"


def test_csv_writes_full_iris():
    text = query.format_csv(["e"], [(URIRef(str(ID) + "project/x"),)])
    assert text == f"e\n{ID}project/x\n"


def test_run_and_format_reads_a_graph_file(tmp_path, sample_graph):
    path = kg_graph.write(sample_graph, tmp_path / "kg.ttl")
    out = query.run_and_format("company-projects", path, {"company": "青格洱"}, "json")
    assert json.loads(out)[0]["project"] == DAOLAODU
    with pytest.raises(QueryError, match="run `kg build` first"):
        query.run_and_format("largest-projects", tmp_path / "missing.ttl", {}, "table")


# ---- the seed graph (needs the extraction stages) -----------------------------------------------

SEED_PARAMS = {
    "company-projects": {"company": "内蒙古金玉锋生物科技有限公司"},
    "company-neighbourhood": {"company": "金玉锋"},
    "entity": {"name": "龙马"},
    "article": {"doc": "000_547114241c6e0ba6"},
    "find": {"text": "科尔沁"},
}


@pytest.fixture(scope="module")
def seed_engine(seed_graph):
    return query.open_engine(seed_graph)


@pytest.mark.parametrize("name", QUESTIONS)
def test_every_question_answers_on_the_seed_graph(name, seed_engine):
    columns, rows = query.run(name, seed_engine, SEED_PARAMS.get(name, {}))
    assert tuple(columns) == query.load_query(name).columns


@pytest.mark.parametrize("name", CHECKS)
def test_checks_pass_on_the_seed_graph(name, seed_engine):
    assert query.run(name, seed_engine)[1] == []


def test_seed_longma_has_three_disagreeing_totals(seed_engine):
    found = records(*query.run("entity", seed_engine, {"name": "龙马"}))
    totals = {r["value"] for r in found if r["property"] == "totalInvestment" and "龙马" in r["subject"]}
    assert {yuan("231"), yuan("185"), yuan("135")} <= totals
    pairs = records(*query.run("disagreements", seed_engine))
    longma = [r for r in pairs if "龙马" in r["entity"] and r["property"] == "totalInvestment"]
    assert {yuan("231"), yuan("185"), yuan("135")} <= {r["value_a"] for r in longma} | {r["value_b"] for r in longma}


def test_seed_new_energy_chain_has_investment(seed_engine):
    found = records(*query.run("investment-by-chain", seed_engine))
    assert any(r["chain"] == NEW_ENERGY and r["total_yuan"] > 0 for r in found), found


def test_seed_company_projects_lists_the_company_projects(seed_engine):
    company = "内蒙古金玉锋生物科技有限公司"
    gold = json.loads((GOLD / "seeds.json").read_text(encoding="utf-8"))
    names = {n for p in gold["projects"] if company in p["companies"] for n in [p["name"], *p["aliases"]]}
    found = records(*query.run("company-projects", seed_engine, {"company": company}))
    assert found and all(company in r["company_name"] for r in found)
    assert any(r["project"] in names or any(n in r["project"] for n in names) for r in found), found


def test_seed_largest_project_is_a_real_one(seed_engine):
    found = records(*query.run("largest-projects", seed_engine))
    assert found and found[0]["total_yuan"] >= yuan("180")
