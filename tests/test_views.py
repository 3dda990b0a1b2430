"""The HTML views: which pages exist, what each shows, escaping of article text, offline assets,
focus lookup and byte-identical output. The browser side is in test_views_browser.py."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg import views
from kg.vocab import CHAIN, ID, PLACE, SCHEMA, STATUS, TKG

HOSTILE = "<img src=x onerror=alert(1)>公司"

# (kind, id, label, alt labels, extra (predicate, object) pairs)
ENTITIES = [
    (TKG.Project, "project/龙马集团高端装备制造基地", "龙马集团高端装备制造基地", ["龙马高端装备制造基地"],
     [(TKG.totalInvestment, Literal(Decimal("23100000000"), datatype=XSD.decimal)),
      (TKG.status, STATUS.under_construction)]),
    (TKG.Project, "project/经安129万吨不锈钢项目", "经安129万吨不锈钢项目", [],
     [(TKG.totalInvestment, Literal(Decimal("18000000000"), datatype=XSD.decimal))]),
    (TKG.Project, "project/100万千瓦外送风电基地项目", "100万千瓦外送风电基地项目", [], []),
    (TKG.Project, "project/道老杜50万千瓦风电项目", "道老杜50万千瓦风电项目", [],
     [(TKG.totalInvestment, Literal(Decimal("3000000000"), datatype=XSD.decimal)),
      (TKG.status, STATUS.in_operation)]),
    (TKG.Company, "company/龙马集团", "龙马集团", ["龙马"], []),
    (TKG.Company, "company/河北毕氏实业集团有限公司", "河北毕氏实业集团有限公司", [], []),
    (TKG.Company, "company/国家电投集团内蒙古公司", "国家电投集团内蒙古公司", [], []),
    (TKG.Company, "company/通辽市青格洱新能源有限公司", "通辽市青格洱新能源有限公司", ["青格洱新能源"], []),
    (TKG.Company, "company/hostile", HOSTILE, [], []),
    (TKG.IndustrialPark, "park/奈曼工业园区", "奈曼工业园区", [], []),
]
PLACES = [  # (name, level, within)
    ("通辽市", "city", None), ("科尔沁区", "county", "通辽市"), ("奈曼旗", "county", "通辽市"),
    ("扎鲁特旗", "county", "通辽市"), ("开鲁县", "county", "通辽市"), ("道老杜苏木", "township", "扎鲁特旗"),
]
UNMENTIONED = {"开鲁县", "通辽市"}  # gazetteer places: 通辽市 is shown as a county's city, 开鲁县 not at all
CHAINS = [("new-energy-equipment", "新能源及装备制造"), ("nickel", "镍基循环新材料"), ("corn-bio", "玉米生物")]
LONGMA, JINGAN, WIND, DAOLAODU = (ID[e[1]] for e in ENTITIES[:4])
C_LONGMA, C_BISHI, C_SPIC, C_QGE, C_HOSTILE = (ID[e[1]] for e in ENTITIES[4:9])
PARK = ID["park/奈曼工业园区"]
RELATIONS = [
    (LONGMA, TKG.developer, C_LONGMA), (LONGMA, TKG.locatedIn, PLACE["科尔沁区"]),
    (LONGMA, TKG.inChain, CHAIN["new-energy-equipment"]),
    (JINGAN, TKG.developer, C_BISHI), (JINGAN, TKG.inPark, PARK), (JINGAN, TKG.inChain, CHAIN["nickel"]),
    (PARK, TKG.locatedIn, PLACE["奈曼旗"]),
    (WIND, TKG.locatedIn, PLACE["扎鲁特旗"]), (WIND, TKG.inChain, CHAIN["new-energy-equipment"]),
    (DAOLAODU, TKG.partOf, WIND), (DAOLAODU, TKG.developer, C_QGE), (DAOLAODU, TKG.locatedIn, PLACE["道老杜苏木"]),
    (C_QGE, TKG.subsidiaryOf, C_SPIC), (C_HOSTILE, TKG.supplies, C_QGE),
]
# (subject, property, value, original text, product, quote, preferred, doc)
STATEMENTS = [
    (LONGMA, TKG.totalInvestment, Decimal("23100000000"), "231亿元", None,
     "这个项目总投资 231亿元，2022\n\n年计划完成投资42亿元。", True, "d000"),
    (LONGMA, TKG.totalInvestment, Decimal("13500000000"), "约135亿元", None,
     "炎炎夏日,通辽市科尔沁区总投资约135亿元的龙马高端装备制造基地建设现场一片火热。", False, "d004"),
    (LONGMA, TKG.capacity, Decimal("1000000"), "铸造100万吨", "铸造", "一期项目投产后将达到铸造100万吨的生产能力",
     True, "d001"),
    (DAOLAODU, TKG.totalInvestment, Decimal("3000000000"), "30亿元", None,
     "该项目由通辽市青格洱新能源有限公司开发建设，计划总投资30亿元，场址位于道老杜苏木境内。", True, "d001"),
    (C_HOSTILE, TKG.supplies, C_QGE, None, None, HOSTILE + "为通辽市青格洱新能源有限公司供应风机塔筒。", True, "hostile"),
]
DOCS = {  # doc id: (title, date, url); a javascript: address must never become a link
    "d000": ("通辽重大项目巡礼", "2022-11-15", "https://example.org/news/1"),
    "d001": ("2022年重大项目亮点", "2022", None),
    "d004": ("“一切围着项目转”", "2022-08", None),
    "hostile": (HOSTILE, None, "javascript:alert(1)"),
}


def hand_graph(order: int = 1) -> Graph:
    """A small graph in kg.graph's vocabulary; `order=-1` adds the same triples in reverse."""
    triples = []
    for kind, id_, label, alts, extra in ENTITIES:
        s = ID[id_]
        triples += [(s, RDF.type, kind), (s, SKOS.prefLabel, Literal(label, lang="zh"))]
        triples += [(s, SKOS.altLabel, Literal(a, lang="zh")) for a in alts]
        triples += [(s, p, o) for p, o in extra] + [(s, TKG.mentionedIn, ID["doc/d000"])]
    for name, level, within in PLACES:
        p = PLACE[name]
        triples += [(p, RDF.type, TKG.Place), (p, SKOS.prefLabel, Literal(name, lang="zh")),
                    (p, TKG.level, Literal(level))]
        triples += [(p, TKG.mentionedIn, ID["doc/d000"])] if name not in UNMENTIONED else []
        if within:
            triples.append((p, TKG.withinPlace, PLACE[within]))
    for key, label in CHAINS:
        triples += [(CHAIN[key], RDF.type, SKOS.Concept), (CHAIN[key], RDF.type, TKG.IndustryChain),
                    (CHAIN[key], SKOS.prefLabel, Literal(label, lang="zh"))]
    triples += RELATIONS
    for i, (s, prop, value, text, product, quote, preferred, doc) in enumerate(STATEMENTS):
        st = ID[f"stmt/{i}"]
        triples += [(s, TKG.hasStatement, st), (st, RDF.type, TKG.Statement), (st, TKG.property, prop),
                    (st, TKG.value, value if isinstance(value, URIRef) else Literal(value, datatype=XSD.decimal)),
                    (st, TKG.quote, Literal(quote)), (st, PROV.wasDerivedFrom, ID[f"doc/{doc}"]),
                    (st, TKG.rank, TKG.PreferredRank if preferred else TKG.NormalRank)]
        triples += [(st, TKG.originalText, Literal(text))] if text else []
        triples += [(st, TKG.product, Literal(product))] if product else []
    for key, (title, date, url) in DOCS.items():
        d = ID[f"doc/{key}"]
        triples += [(d, RDF.type, TKG.SourceDocument), (d, DCTERMS.title, Literal(title, lang="zh"))]
        triples += [(d, DCTERMS.date, Literal(date))] if date else []
        triples += [(d, SCHEMA.url, URIRef(url))] if url else []
    g = Graph()
    for t in triples[::order]:
        g.add(t)
    return g


def page_data(path: Path) -> dict:
    """The JSON block a page draws from."""
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(block)


def page_labels(path: Path) -> set[str]:
    """Full names of the nodes a page shows (the first tooltip line)."""
    return {n["title"].split("\n")[0] for n in page_data(path)["nodes"]}


def entity_iris(g: Graph) -> set[str]:
    """Entities mentioned or with statements, and those their relations lead to."""
    rows = g.query("""SELECT DISTINCT ?e WHERE {
        VALUES ?t { tkg:Project tkg:Company tkg:IndustrialPark tkg:Place tkg:IndustryChain }
        ?x (tkg:mentionedIn|tkg:hasStatement) ?any .
        ?x (tkg:developer|tkg:locatedIn|tkg:inPark|tkg:partOf|tkg:subsidiaryOf|tkg:supplies|tkg:inChain
            |tkg:withinPlace)* ?e .
        ?e a ?t }""", initNs={"tkg": TKG})
    return {str(r.e) for r in rows}


@pytest.fixture(scope="module")
def graph():
    return hand_graph()


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    return out, views.write_views(graph, out)


def by_title(pages: list[Path], title: str) -> Path:
    (page,) = [p for p in pages if f"<h1>{html.escape(title)}</h1>" in p.read_text(encoding="utf-8")]
    return page


def test_one_page_per_chain_with_projects_and_per_county_with_contents(graph, written):
    out, pages = written
    chains = {str(r.l) for r in graph.query(
        "SELECT DISTINCT ?l WHERE { ?p tkg:inChain ?c . ?c skos:prefLabel ?l }", initNs={"tkg": TKG, "skos": SKOS})}
    counties = {str(r.l) for r in graph.query(
        """SELECT DISTINCT ?l WHERE { ?x (tkg:locatedIn|tkg:inPark|tkg:withinPlace|tkg:partOf)+ ?c .
           ?c tkg:level "county" ; skos:prefLabel ?l }""", initNs={"tkg": TKG, "skos": SKOS})}
    assert pages[0] == out / "index.html"
    for title in ["总览", *(f"产业链：{c}" for c in chains), *(f"县区：{c}" for c in counties)]:
        by_title(pages[1:], title)
    assert len(pages) == 2 + len(chains) + len(counties)
    assert all(p.exists() for p in pages)


def test_index_links_every_page_with_counts_and_names_empty_chains(written):
    out, pages = written
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', index)
    assert sorted(links) == sorted(p.name for p in pages[1:])
    for p in pages[1:]:
        data = page_data(p)
        assert f'{len(data["nodes"])} 个节点 · {len(data["edges"])} 条关系' in index
    assert "无项目的产业链：玉米生物" in index


def test_file_names_are_readable_and_safe(written):
    _, pages = written
    for p in pages:
        assert re.fullmatch(r"(index|overview|(chain|place|focus)-[\w-]+-[0-9a-f]{8})\.html", p.name), p.name
    assert any(p.name.startswith("chain-新能源及装备制造-") for p in pages)


def test_overview_draws_every_entity_and_relation(graph, written):
    out, _ = written
    data = page_data(out / "overview.html")
    assert {n["id"] for n in data["nodes"]} == entity_iris(graph)
    assert {(e["from"], e["to"]) for e in data["edges"]} == {(str(s), str(o)) for s, _, o in RELATIONS} | {
        (str(PLACE[n]), str(PLACE[w])) for n, _, w in PLACES if w and n not in UNMENTIONED}
    assert {str(PLACE["开鲁县"]), str(CHAIN["corn-bio"])}.isdisjoint(n["id"] for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


@pytest.mark.parametrize("title, shown, not_shown", [
    ("产业链：新能源及装备制造", {"龙马集团高端装备制造基地", "100万千瓦外送风电基地项目", "龙马集团", "科尔沁区"},
     {"经安129万吨不锈钢项目", "奈曼工业园区"}),
    ("产业链：镍基循环新材料", {"经安129万吨不锈钢项目", "河北毕氏实业集团有限公司", "奈曼工业园区"},
     {"龙马集团高端装备制造基地"}),
    ("县区：扎鲁特旗", {"道老杜50万千瓦风电项目", "道老杜苏木", "100万千瓦外送风电基地项目", "通辽市青格洱新能源有限公司"},
     {"龙马集团高端装备制造基地", "奈曼旗"}),
    ("县区：奈曼旗", {"经安129万吨不锈钢项目", "奈曼工业园区", "河北毕氏实业集团有限公司"}, {"科尔沁区", "龙马集团"}),
])
def test_chain_and_county_pages_show_their_projects_and_neighbours(written, title, shown, not_shown):
    _, pages = written
    labels = page_labels(by_title(pages, title))
    assert shown <= labels
    assert not labels & not_shown


@pytest.mark.parametrize("label, lines", [
    ("龙马集团高端装备制造基地", ["类型：项目", "别名：龙马高端装备制造基地", "总投资：231亿元", "产能：铸造100万吨",
                       "状态：在建", "所在县区：科尔沁区", "来源：「这个项目总投资231亿元，2022年计划完成投资42亿元。」（通辽重大项目巡礼）"]),
    ("道老杜50万千瓦风电项目", ["总投资：30亿元", "状态：投产运营", "所在县区：扎鲁特旗"]),
    ("经安129万吨不锈钢项目", ["总投资：180亿元", "所在县区：奈曼旗"]),
    ("道老杜苏木", ["类型：地点", "层级：乡镇级行政区", "所在县区：扎鲁特旗"]),
    ("新能源及装备制造", ["类型：产业链", "项目：2 个"]),
    (HOSTILE, ["类型：企业", f"来源：「{HOSTILE}为通辽市青格洱新能源有限公司供应风机塔筒。」（{HOSTILE}）"]),
])
def test_tooltips_are_plain_text_with_key_figures_and_quote(written, label, lines):
    out, _ = written
    (node,) = [n for n in page_data(out / "overview.html")["nodes"] if n["title"].split("\n")[0] == label]
    assert set(lines) <= set(node["title"].split("\n"))


def test_edges_carry_the_ontology_relation_names(written):
    out, _ = written
    data = page_data(out / "overview.html")
    names = {(e["from"], e["to"]): e["label"] for e in data["edges"]}
    assert names[(str(LONGMA), str(C_LONGMA))] == "建设主体"
    assert names[(str(DAOLAODU), str(PLACE["道老杜苏木"]))] == "位于"
    assert names[(str(C_QGE), str(C_SPIC))] == "子公司隶属于"


def test_node_size_grows_with_investment_on_a_log_scale(written):
    out, _ = written
    size = {n["title"].split("\n")[0]: n["size"] for n in page_data(out / "overview.html")["nodes"]}
    assert size["龙马集团高端装备制造基地"] > size["经安129万吨不锈钢项目"] > size["道老杜50万千瓦风电项目"] > size["龙马集团"]
    # log scale: 231亿 is 7.7 times 30亿 but not 7.7 times the size
    assert size["龙马集团高端装备制造基地"] < 2 * size["道老杜50万千瓦风电项目"]


def details(path: Path, iri) -> dict:
    return page_data(path)["details"][str(iri)]


def test_details_give_every_statement_with_its_value_quote_article_and_date(written):
    out, _ = written
    facts = details(out / "overview.html", LONGMA)["facts"]
    assert [(f["p"], f["v"], f["pref"], f["q"], f["d"], f["t"]) for f in facts] == [
        ("totalInvestment", "231亿元", True, "这个项目总投资231亿元，2022年计划完成投资42亿元。", "d000", "2022-11-15"),
        ("capacity", "铸造100万吨", True, "一期项目投产后将达到铸造100万吨的生产能力", "d001", "2022"),
        ("totalInvestment", "135亿元（原文：约135亿元）", False,
         "炎炎夏日,通辽市科尔沁区总投资约135亿元的龙马高端装备制造基地建设现场一片火热。", "d004", "2022-08"),
    ]


def test_details_cite_articles_by_title_and_link_only_web_addresses(written):
    out, _ = written
    docs = page_data(out / "overview.html")["docs"]
    assert docs["d000"] == {"title": "通辽重大项目巡礼", "date": "2022-11-15", "url": "https://example.org/news/1"}
    assert docs["hostile"] == {"title": HOSTILE, "date": "", "url": ""}


@pytest.mark.parametrize("iri, link", [
    (LONGMA, ["out", "developer", str(C_LONGMA), "龙马集团"]),
    (LONGMA, ["out", "inChain", str(CHAIN["new-energy-equipment"]), "新能源及装备制造"]),
    (C_QGE, ["in", "supplies", str(C_HOSTILE), HOSTILE]),
    (PLACE["奈曼旗"], ["in", "locatedIn", str(PARK), "奈曼工业园区"]),
])
def test_details_list_relations_both_ways(written, iri, link):
    out, _ = written
    assert link in details(out / "overview.html", iri)["links"]


def test_a_relation_statement_names_the_edge_it_stands_for(written):
    """The page script finds an edge's sources among its subject's facts by relation and target."""
    out, _ = written
    data = page_data(out / "overview.html")
    (edge,) = [e for e in data["edges"] if e["from"] == str(C_HOSTILE) and e["to"] == str(C_QGE)]
    (fact,) = [f for f in data["details"][str(C_HOSTILE)]["facts"] if f["p"] == edge["rel"] and f["o"] == edge["to"]]
    assert fact["q"] == HOSTILE + "为通辽市青格洱新能源有限公司供应风机塔筒。"
    assert data["names"][edge["rel"]] == edge["label"] == "供应"


@pytest.mark.parametrize("iri, titles", [
    (LONGMA, ["县区：科尔沁区", "产业链：新能源及装备制造"]),  # its county's and its chain's pages
    (DAOLAODU, ["县区：扎鲁特旗"]),  # the county of its township and of its parent project
    (PLACE["奈曼旗"], ["县区：奈曼旗"]),  # its own page
    (C_BISHI, []),
])
def test_details_link_the_chain_and_county_pages_an_entity_belongs_to(written, iri, titles):
    out, pages = written
    links = details(out / "overview.html", iri)["pages"]
    assert [title for _, title in links] == titles
    for file, title in links:
        assert by_title(pages, title) == out / file


@pytest.mark.parametrize("page, label, tier", [
    ("总览", "新能源及装备制造", 1),
    ("总览", "科尔沁区", 1),
    ("总览", "通辽市", 2),  # a city
    ("总览", "龙马集团高端装备制造基地", 1),  # among the largest projects
    ("总览", "奈曼工业园区", 2),
    ("总览", "100万千瓦外送风电基地项目", 3),  # no investment known
    ("总览", "龙马集团", 3),
    ("总览", "道老杜苏木", 3),
    ("产业链：镍基循环新材料", "镍基循环新材料", 0),  # the page's centre
    ("县区：奈曼旗", "奈曼旗", 0),
])
def test_names_are_offered_room_landmarks_first(written, page, label, tier):
    _, pages = written
    nodes = page_data(by_title(pages, page))["nodes"]
    assert {n["title"].split("\n")[0]: n["tier"] for n in nodes}[label] == tier
    ranks = sorted((n["tier"], n["rank"]) for n in nodes)
    assert [r for _, r in ranks] == list(range(len(nodes)))  # ranks follow the tiers


def test_larger_investments_are_named_first_within_a_tier(written):
    out, _ = written
    rank = {n["id"]: n["rank"] for n in page_data(out / "overview.html")["nodes"]}
    assert rank[str(LONGMA)] < rank[str(JINGAN)] < rank[str(DAOLAODU)]


def test_only_the_largest_projects_join_the_chains_and_counties(graph, tmp_path, monkeypatch):
    monkeypatch.setattr(views, "TOP_PROJECTS", 1)
    views.write_views(graph, tmp_path)
    tier = {n["id"]: n["tier"] for n in page_data(tmp_path / "overview.html")["nodes"]}
    assert (tier[str(LONGMA)], tier[str(JINGAN)], tier[str(DAOLAODU)]) == (1, 3, 3)


def test_no_two_nodes_of_the_seed_views_overlap_and_the_overview_is_landscape(seed_build):
    _, out = seed_build
    pages = sorted((out / "views").glob("*-*.html")) + [out / "views" / "overview.html"]
    for page in pages:
        nodes = page_data(page)["nodes"]
        xy = [(n["x"], n["y"], n["size"]) for n in nodes]
        for i, (x, y, r) in enumerate(xy):
            for x2, y2, r2 in xy[i + 1:]:
                assert (x - x2) ** 2 + (y - y2) ** 2 >= (r + r2) ** 2, page.name
    nodes = page_data(out / "views" / "overview.html")["nodes"]
    width = max(n["x"] for n in nodes) - min(n["x"] for n in nodes)
    height = max(n["y"] for n in nodes) - min(n["y"] for n in nodes)
    assert width > height


class Markup(HTMLParser):
    """The elements, attributes and heading/title texts of a page, as a browser would parse them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.texts, self._open = [], {}, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open in ("title", "h1", "a"):
            self.texts.setdefault(self._open, []).append(data)


PAGE_TAGS = {"html", "head", "meta", "title", "link", "body", "header", "h1", "h2", "p", "a", "input", "span",
             "main", "div", "aside", "ul", "li", "b", "br", "script"}


@pytest.mark.parametrize("hostile", [
    HOSTILE,
    "</script><script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "&lt;b&gt;已转义&amp;",
    "<!--注释",
])
def test_article_text_never_becomes_markup(tmp_path, hostile):
    g = hand_graph()
    renamed = {str(C_HOSTILE): hostile, str(CHAIN["nickel"]): "产业链" + hostile, str(PLACE["奈曼旗"]): hostile + "旗"}
    for iri, label in renamed.items():
        g.set((URIRef(iri), SKOS.prefLabel, Literal(label, lang="zh")))
    pages = views.write_views(g, tmp_path, focus=hostile)
    texts = {}
    for p in pages:
        text = p.read_text(encoding="utf-8")
        for raw in ("<img", "<svg", "<script>alert", "<!--"):
            assert raw not in text, (p.name, raw)
        markup = Markup(text)
        assert {tag for tag, _ in markup.tags} <= PAGE_TAGS, p.name
        assert not [a for _, attrs in markup.tags for a in attrs if a.startswith("on")], p.name
        for key, parts in markup.texts.items():
            texts.setdefault(key, []).extend(parts)
        if p.name != "index.html":
            nodes = page_data(p)["nodes"]
            assert all(n["title"].split("\n")[0] == renamed[n["id"]] for n in nodes if n["id"] in renamed)
    assert set(renamed.values()) <= page_labels(tmp_path / "overview.html")
    assert f"焦点：{hostile}（2 跳）" in texts["h1"]
    assert f"产业链：产业链{hostile} · 知识图谱" in texts["title"]
    assert f"县区：{hostile}旗" in texts["a"]


def test_pages_load_nothing_from_the_network(written):
    out, pages = written
    for p in pages:
        text = p.read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"]+)"', text)
        assert refs, p.name
        for ref in refs:
            assert "://" not in ref and not ref.startswith("//"), (p.name, ref)
            assert (out / unquote(ref)).exists(), (p.name, ref)
        assert "default-src 'none'" in text
    for css in (out / "lib").glob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert all(u.startswith("data:") for u in urls), css.name
        assert "@import" not in css.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, expected", [
    ("龙马", C_LONGMA),  # exact alt label beats the substring matches
    ("龙马集团", C_LONGMA),
    ("经安", JINGAN),  # unique substring
    ("青格洱新能源", C_QGE),
    ("  道老杜苏木 ", PLACE["道老杜苏木"]),
    ("ONERROR", C_HOSTILE),  # case-insensitive
    (str(PLACE["奈曼旗"]), PLACE["奈曼旗"]),  # an IRI
])
def test_find_entity(graph, name, expected):
    assert views.find_entity(views.read_model(graph), name) == str(expected)


@pytest.mark.parametrize("name, message", [
    ("公司", ["matches 4 entities", "国家电投集团内蒙古公司 (企业)", "Give a longer name"]),
    ("风电", ["matches 2 entities", "道老杜50万千瓦风电项目 (项目)"]),
    ("龙马集团高端装配制造基地", ["no entity is named", "Similar names: 龙马集团高端装备制造基地"]),
    ("完全无关", ["no entity is named", "kg query"]),
])
def test_ambiguous_or_unknown_focus_is_an_error_naming_candidates(graph, tmp_path, name, message):
    with pytest.raises(views.ViewError) as err:
        views.write_views(graph, tmp_path / "views", focus=name)
    for part in message:
        assert part in str(err.value)
    assert not (tmp_path / "views").exists()


@pytest.mark.parametrize("depth, shown, not_shown", [
    (1, {"通辽市青格洱新能源有限公司", "道老杜50万千瓦风电项目", "国家电投集团内蒙古公司", HOSTILE},
     {"道老杜苏木", "100万千瓦外送风电基地项目"}),
    (2, {"道老杜苏木", "100万千瓦外送风电基地项目"}, {"通辽市", "龙马集团", "新能源及装备制造"}),
])
def test_focus_view_shows_entities_within_depth(graph, tmp_path, depth, shown, not_shown):
    pages = views.write_views(graph, tmp_path, focus="青格洱", depth=depth)
    focus = by_title(pages, f"焦点：通辽市青格洱新能源有限公司（{depth} 跳）")
    assert focus.name.startswith("focus-通辽市青格洱新能源有限公司-")
    labels = page_labels(focus)
    assert shown <= labels
    assert not labels & not_shown


def test_large_views_are_capped_and_say_so(graph, tmp_path, monkeypatch):
    monkeypatch.setattr(views, "MAX_NODES", 6)
    pages = views.write_views(graph, tmp_path, focus="通辽市青格洱新能源有限公司", depth=5)
    overview = tmp_path / "overview.html"
    data = page_data(overview)
    assert len(data["nodes"]) == 6
    assert f"只显示 6 / {len(entity_iris(graph))} 个节点" in overview.read_text(encoding="utf-8")
    kept = {n["id"] for n in data["nodes"]}
    # the largest investment with all its neighbours, then the next largest
    assert {str(LONGMA), str(C_LONGMA), str(PLACE["科尔沁区"]), str(CHAIN["new-energy-equipment"]), str(JINGAN)} <= kept
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert kept == linked  # no kept node is left without a relation
    focus = page_data(next(p for p in pages if p.name.startswith("focus-")))
    assert str(C_QGE) in {n["id"] for n in focus["nodes"]}  # the centre is always kept


def test_same_graph_gives_byte_identical_pages(tmp_path):
    """Another process, another hash seed and the triples added in reverse: the same bytes."""
    a = views.write_views(hand_graph(), tmp_path / "a", focus="龙马")
    here = Path(__file__).resolve().parent
    script = ("import sys; from test_views import hand_graph; from kg import views; "
              "print('\\n'.join(p.name for p in views.write_views(hand_graph(order=-1), sys.argv[1], focus='龙马')))")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": os.pathsep.join([str(here), str(here.parent)])}
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "b")], env=env, capture_output=True,
                         text=True, check=True)
    assert [p.name for p in a] == run.stdout.split()
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_views_of_a_built_graph_show_the_articles_entities_not_the_whole_gazetteer(tmp_path):
    import sample_kb
    from kg import graph as graph_mod

    kb = sample_kb.make_sample_kb()
    g = graph_mod.to_graph(kb)
    pages = views.write_views(g, tmp_path)
    shown = page_data(tmp_path / "overview.html")["nodes"]
    assert {n["id"] for n in shown} == entity_iris(g)
    assert {e.label for e in kb.entities.values()} <= {n["title"].split("\n")[0] for n in shown}
    gazetteer = {str(p) for p in g.subjects(RDF.type, TKG.Place)}
    assert str(PLACE["通辽市"]) in gazetteer  # the city holding the articles' counties, but no entity of them
    assert str(PLACE["库伦旗"]) not in {n["id"] for n in shown}
    chains = {s.value for s in kb.statements if s.prop == "inChain"}
    assert len([p for p in pages if p.name.startswith("chain-")]) == len(chains)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "无项目的产业链：" in index and "玉米生物" in index


def test_kg_viz_prints_the_pages_and_explains_an_ambiguous_focus(tmp_path):
    from click.testing import CliRunner

    from kg import graph as graph_mod
    from kg.cli import cli

    ttl = graph_mod.write(hand_graph(), tmp_path / "kg.ttl")
    out = tmp_path / "views"
    ok = CliRunner().invoke(cli, ["viz", "--graph", str(ttl), "-o", str(out), "--focus", "青格洱", "--depth", "1"])
    assert ok.exit_code == 0, ok.output
    printed = [Path(line) for line in ok.output.splitlines()]
    assert printed[0] == out / "index.html" and all(p.exists() for p in printed)
    assert any(p.name.startswith("focus-通辽市青格洱新能源有限公司-") for p in printed)
    bad = CliRunner().invoke(cli, ["viz", "--graph", str(ttl), "-o", str(out), "--focus", "风电"])
    assert bad.exit_code == 1
    assert "'风电' matches 2 entities: 100万千瓦外送风电基地项目 (项目); 道老杜50万千瓦风电项目 (项目)" in bad.output


def test_a_graph_without_entities_still_gets_an_index_and_an_empty_overview(tmp_path):
    pages = views.write_views(Graph(), tmp_path)
    assert [p.name for p in pages] == ["index.html", "overview.html"]
    assert page_data(tmp_path / "overview.html")["nodes"] == []
    with pytest.raises(views.ViewError, match="no entity is named"):
        views.write_views(Graph(), tmp_path, focus="龙马")


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def without_naiman(g: Graph) -> Graph:
    """The hand graph after an article is dropped: nothing lies in 奈曼旗 any more."""
    g = Graph() + g
    g.remove((PARK, TKG.locatedIn, PLACE["奈曼旗"]))
    g.remove((PLACE["奈曼旗"], TKG.mentionedIn, None))
    return g


def test_views_replace_the_folder_an_earlier_run_wrote(tmp_path):
    out = tmp_path / "views"
    first = views.write_views(hand_graph(), out, focus="龙马")
    stale = {p.name for p in first if p.name.startswith(("focus-", "place-奈曼旗-"))}
    assert len(stale) == 2
    second = views.write_views(without_naiman(hand_graph()), out)
    assert set(files_under(out)) == {p.name for p in second} | {f"lib/{f.name}" for f in views.LIB_FILES}
    assert not stale & set(files_under(out))
    assert [p.name for p in tmp_path.iterdir()] == ["views"]  # no staging folder left beside it


def test_a_failed_run_leaves_the_previous_views_as_they_were(tmp_path, monkeypatch):
    out = tmp_path / "views"
    views.write_views(hand_graph(), out, focus="龙马")
    before = files_under(out)

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(views, "render_index", fail)  # after every other page is written
    with pytest.raises(OSError, match="disk full"):
        views.write_views(without_naiman(hand_graph()), out)
    assert files_under(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["views"]


@pytest.mark.parametrize("name, folder", [("kg.ttl", False), ("notes", True), ("index.html.bak", False)])
def test_a_folder_holding_other_files_is_not_replaced(tmp_path, name, folder):
    out = tmp_path / "out"
    out.mkdir()
    if folder:
        (out / name).mkdir()
    else:
        (out / name).write_text("mine", encoding="utf-8")
    before = files_under(out)
    with pytest.raises(views.ViewError, match=re.escape(name)):
        views.write_views(hand_graph(), out)
    assert files_under(out) == before and (out / name).exists()


def test_kg_viz_into_an_earlier_views_folder_drops_its_stale_pages(tmp_path):
    from click.testing import CliRunner

    from kg import graph as graph_mod
    from kg.cli import cli

    old = graph_mod.write(hand_graph(), tmp_path / "old.ttl")
    new = graph_mod.write(without_naiman(hand_graph()), tmp_path / "new.ttl")
    out = tmp_path / "views"
    assert CliRunner().invoke(cli, ["viz", "--graph", str(old), "-o", str(out), "--focus", "龙马"]).exit_code == 0
    assert any(out.glob("place-奈曼旗-*.html")) and any(out.glob("focus-*.html"))
    ok = CliRunner().invoke(cli, ["viz", "--graph", str(new), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert not any(out.glob("place-奈曼旗-*.html"))
    assert len(list(out.glob("focus-*.html"))) == 1  # the earlier focus is kept, drawn again from the new graph
    assert sorted(out.glob("*.html")) == sorted(Path(line) for line in ok.output.splitlines())
    cleared = CliRunner().invoke(cli, ["viz", "--graph", str(new), "-o", str(out), "--clear-focus"])
    assert cleared.exit_code == 0 and not any(out.glob("focus-*.html")) and not (out / "focus.json").exists()
    refused = CliRunner().invoke(cli, ["viz", "--graph", str(new), "-o", str(tmp_path)])
    assert refused.exit_code == 1 and "holds files that are not views" in refused.output
