"""The scoring rules of `kg eval` on real names from the gold files, and on graphs built from the gold."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.evaluate import GoldError, evaluate, format_report, name_score, normalize, read_gold
from kg.vocab import CHAIN, ID, PLACE, TKG

GOLD = Path(__file__).resolve().parent / "data" / "gold"
SEED_PLACES = read_gold(GOLD / "seeds.json").places


def gold_data(corpus: str) -> dict:
    return json.loads((GOLD / f"{corpus}.json").read_text(encoding="utf-8"))


def gold_subset(tmp_path: Path, corpus: str, projects=(), companies=(), parks=()) -> Path:
    """A gold file with only the named entries of a real gold file (and all its places)."""
    data = gold_data(corpus)
    wanted = {"projects": projects, "companies": companies, "parks": parks}
    subset = {kind: [e for e in data[kind] if e["id"] in ids] for kind, ids in wanted.items()}
    subset["places"] = data["places"]
    path = tmp_path / f"{corpus}-subset.json"
    path.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    return path


def entity(g: Graph, rdf_type, key: str, *labels: str):
    node = ID[key]
    g.add((node, RDF.type, rdf_type))
    g.add((node, SKOS.prefLabel, Literal(labels[0], lang="zh")))
    for label in labels[1:]:
        g.add((node, SKOS.altLabel, Literal(label, lang="zh")))
    return node


def place(g: Graph, name: str, level: str, *short: str):
    node = PLACE[name]
    g.add((node, RDF.type, TKG.Place))
    g.add((node, TKG.level, Literal(level)))
    g.add((node, SKOS.prefLabel, Literal(name, lang="zh")))
    for s in short:
        g.add((node, SKOS.altLabel, Literal(s, lang="zh")))
    return node


def investment(g: Graph, project, yuan, doc: str, n: int = 0):
    st = ID[f"statement/{project.split('/')[-1]}/{doc}/{n}"]
    g.add((project, TKG.hasStatement, st))
    g.add((st, TKG.property, TKG.totalInvestment))
    g.add((st, TKG.value, Literal(Decimal(yuan), datatype=XSD.decimal)))
    g.add((st, PROV.wasDerivedFrom, ID[f"doc/{doc}"]))
    g.add((ID[f"doc/{doc}"], TKG.fileName, Literal(doc)))


def gold_graph(corpus: str) -> Graph:
    """The gold answers written as a graph in the project's vocabulary, every surface a label."""
    data = gold_data(corpus)
    g = Graph()
    levels = {p["name"]: p["level"] for p in data["places"]}
    companies = {}
    for c in data["companies"]:
        node = entity(g, TKG.Company, f"company/{c['id']}", c["name"], *c["aliases"])
        companies.update((name, node) for name in [c["name"], *c["aliases"]])
    for p in data["parks"]:
        entity(g, TKG.IndustrialPark, f"park/{p['id']}", p["name"], *p["aliases"])
    for p in data["projects"]:
        surfaces = [s for m in p["mentions"] for s in [m["surface"], *m.get("also_written", [])]]
        node = entity(g, TKG.Project, f"project/{p['id']}", p["name"], *p["aliases"], *surfaces)
        if p["county"]:
            g.add((node, TKG.locatedIn, place(g, p["county"], levels.get(p["county"], "county"))))
        for c in p["companies"]:
            g.add((node, TKG.developer, companies[c]))
        for chain in p["chains"]:
            g.add((node, TKG.inChain, CHAIN[chain]))
            g.add((CHAIN[chain], SKOS.prefLabel, Literal(chain, lang="zh")))
        for m in p["mentions"]:
            if m["total_investment_cny"] is not None:
                investment(g, node, m["total_investment_cny"], m["doc"])
    return g


# ---- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, gold", [
    ("内蒙古(奈曼)经安有色金属材料有限公司", "内蒙古（奈曼）经安有色金属材料有限公司"),
    ("天阳新材料(内蒙古)有限公司", "天阳新材料（内蒙古）有限公司"),
    ("長江造型100萬噸硅砂深加工項目", "长江造型100万吨硅砂深加工项目"),
    ("廈門士蘭微電12吋特色工藝晶圓生產線項目", "厦门士兰微电12吋特色工艺晶圆生产线项目"),
    ("创源金属１５万吨绿色新能源汽车零部件材料项目", "创源金属15万吨绿色新能源汽车零部件材料项目"),
    ("创源金属 15万吨绿色新能源汽车零部件材料项目", "创源金属15万吨绿色新能源汽车零部件材料项目"),
    ("扎鲁特——山东青州±800千伏特高压直流输电工程", "扎鲁特—山东青州±800千伏特高压直流输电工程"),
    ("百万亩“粮改饲”", "百万亩粮改饲"),
    ("现代中医药（蒙医药）", "现代中医药【蒙医药】"),
    ("瑞昌市经开区", "瑞昌市經(jīng)開區(qū)"),  # r20: the gold keeps the pinyin readings as written
    ("瑞昌市经开区", "瑞昌市經（jīng）開區（qū）"),
])
def test_normalize_makes_variants_equal(written, gold):
    assert normalize(written) == normalize(gold)


@pytest.mark.parametrize("extracted, gold, matches", [
    ("内蒙古(奈曼)经安有色金属材料有限公司", "内蒙古（奈曼）经安有色金属材料有限公司", True),
    ("内蒙古创源金属", "创源金属", True),  # same short name with the province in front
    ("经安不锈钢", "经安129万吨不锈钢、轧钢酸洗项目", False),  # not contained as written
    ("经安不锈钢", "经安不锈钢轧钢酸洗", True),
    ("明阳", "奈曼旗明阳智慧能源建设项目", True),  # company short name is the core
    ("龙马集团高端装备制造基地项目总投资", "龙马集团高端装备制造基地", True),  # the longer one may be extracted
    ("创源金属15万吨绿色新能源汽车零部件材料项目", "内蒙古创源合金有限公司年产40万吨轻质高强铝合金项目", False),
    ("创源金属", "内蒙古创源合金有限公司", False),
    ("奈曼旗", "奈曼旗明阳智慧能源建设项目", False),  # a place alone
    ("15万吨项目", "创源金属15万吨绿色新能源汽车零部件材料项目", False),  # a capacity alone
    ("风电项目", "道老杜50万千瓦风电项目", False),  # a sector alone
    ("新能源装备制造", "龙马新能源装备制造产业园", False),
    ("有限公司", "内蒙古创源合金有限公司", False),
])
def test_name_rule(extracted, gold, matches):
    assert (name_score(extracted, gold, SEED_PLACES) > 0) is matches
    assert name_score(gold, extracted, SEED_PLACES) == name_score(extracted, gold, SEED_PLACES)


def test_equal_names_outscore_contained_ones():
    contained = name_score("龙马", "龙马集团高端装备制造基地", SEED_PLACES)
    assert 0 < contained < name_score("龙马集团高端装备制造基地", "龙马集团高端装备制造基地", SEED_PLACES) == 1.0


# ---- whole evaluation ----------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_graph_of_the_gold_scores_perfectly(corpus):
    result = evaluate(gold_graph(corpus), GOLD / f"{corpus}.json")
    scores = result["scores"]
    assert {k: v for k, v in scores.items() if k not in ("split", "merged")} == {
        k: 1.0 for k in scores if k not in ("split", "merged")}
    assert scores["split"] == scores["merged"] == 0
    data = gold_data(corpus)
    assert result["entities"]["projects"]["tp"] == sum(not p.get("borderline") for p in data["projects"])
    assert result["figures"]["tp"] == sum(
        len({m["total_investment_cny"] for m in p["mentions"]} - {None})
        for p in data["projects"] if not p.get("borderline"))


@pytest.mark.parametrize("found", [True, False])
def test_borderline_entity_is_neither_hit_nor_miss(tmp_path, found):
    gold = gold_subset(tmp_path, "seeds", projects=["wind-solar-storage-h2-nh3-10gw", "spic-chp"])
    g = Graph()
    entity(g, TKG.Project, "project/p1", "国电投热电联产")
    if found:
        entity(g, TKG.Project, "project/p2", "风光储氢氨项目")
    projects = evaluate(g, gold)["entities"]["projects"]
    assert (projects["tp"], projects["fp"], projects["fn"]) == (1, 0, 0)
    assert projects["borderline_found"] == int(found)


def test_duplicate_node_is_a_false_positive_and_a_split(tmp_path):
    gold = gold_subset(tmp_path, "seeds", projects=["longma-wind-equipment-base"])
    g = Graph()
    entity(g, TKG.Project, "project/a", "龙马集团高端装备制造基地", "龙马集团高端装备制造基地项目")
    entity(g, TKG.Project, "project/b", "龙马新能源装备制造产业园")
    result = evaluate(g, gold)
    projects = result["entities"]["projects"]
    assert (projects["tp"], projects["fp"], projects["fn"]) == (1, 1, 0)
    assert result["resolution"]["split"] == [{"kind": "projects", "gold": "龙马集团高端装备制造基地",
                                              "nodes": ["龙马集团高端装备制造基地", "龙马新能源装备制造产业园"]}]


def test_node_naming_two_gold_entities_is_merged(tmp_path):
    gold = gold_subset(tmp_path, "seeds",
                       projects=["chuangyuan-15wt-nev-parts-material", "chuangyuan-hejin-40wt-alloy"])
    g = Graph()
    entity(g, TKG.Project, "project/cy", "内蒙古创源合金有限公司年产40万吨轻质高强铝合金项目",
           "创源金属15万吨绿色新能源汽车零部件材料项目", "创源")
    result = evaluate(g, gold)
    projects = result["entities"]["projects"]
    assert (projects["tp"], projects["fp"], projects["fn"]) == (1, 0, 1)
    assert [m["gold"] for m in result["resolution"]["merged"]] == [[
        "创源金属15万吨绿色新能源汽车零部件材料项目", "内蒙古创源合金有限公司年产40万吨轻质高强铝合金项目"]]


def test_short_name_shared_by_several_projects_is_no_merge(tmp_path):
    gold = gold_subset(tmp_path, "seeds", projects=[
        "chuangyuan-high-precision-foil", "chuangyuan-102wt-green-al", "chuangyuan-hejin-40wt-alloy"])
    g = Graph()
    entity(g, TKG.Project, "project/cy", "创源102万吨绿色铝基新材料项目", "创源")
    result = evaluate(g, gold)
    assert result["resolution"]["merged"] == []
    assert result["misses"]["projects"]["matched"] == [
        {"node": "创源102万吨绿色铝基新材料项目", "gold": "创源102万吨绿色铝基新材料项目"}]


def test_shared_surface_goes_to_the_entity_more_labels_name(tmp_path):
    """dev.json gives both roads the coordinated surface; the node's own name decides."""
    gold = gold_subset(tmp_path, "dev", projects=["kzhq-s305-upgrade", "kzhq-road-207-upgrade"])
    g = Graph()
    entity(g, TKG.Project, "project/a", "省道305线升级改造项目", "省道305線、207線升級改造項目")
    entity(g, TKG.Project, "project/b", "207线升级改造项目", "省道305線、207線升級改造項目")
    result = evaluate(g, gold)
    assert sorted((m["node"], m["gold"]) for m in result["misses"]["projects"]["matched"]) == [
        ("207线升级改造项目", "207线升级改造项目"), ("省道305线升级改造项目", "省道305线升级改造项目")]


def test_contained_matches_are_listed(tmp_path):
    gold = gold_subset(tmp_path, "seeds", projects=["mingyang-naiman-integrated-demo"])
    g = Graph()
    entity(g, TKG.Project, "project/my", "明阳智慧能源建设项目")
    result = evaluate(g, gold)
    assert result["entities"]["projects"]["tp"] == 1
    assert result["misses"]["projects"]["contained"] == [
        {"node": "明阳智慧能源建设项目", "gold": "奈曼旗明阳智慧能源建设项目"}]
    assert "明阳智慧能源建设项目  ~ 奈曼旗明阳智慧能源建设项目" in format_report(result, misses=True)


def test_unknown_node_is_spurious(tmp_path):
    gold = gold_subset(tmp_path, "seeds", companies=["jingan"])
    g = Graph()
    entity(g, TKG.Company, "company/a", "内蒙古(奈曼)经安有色金属材料有限公司")
    entity(g, TKG.Company, "company/b", "通辽市发展改革委")
    result = evaluate(g, gold)
    assert (result["entities"]["companies"]["tp"], result["entities"]["companies"]["fp"]) == (1, 1)
    assert result["misses"]["companies"]["spurious"] == ["通辽市发展改革委"]


@pytest.mark.parametrize("graph_yuan, hit", [
    ("23100000000", True),
    ("23192400000", True),  # +0.4 %
    ("22990000000", True),  # -0.47 %
    ("23238600000", False),  # +0.6 %
    ("2310000000", False),  # 23.1亿 instead of 231亿
])
def test_figures_match_within_half_a_percent(tmp_path, graph_yuan, hit):
    gold = gold_subset(tmp_path, "seeds", projects=["longma-wind-equipment-base"])
    g = Graph()
    node = entity(g, TKG.Project, "project/lm", "龙马集团高端装备制造基地")
    investment(g, node, graph_yuan, "000_547114241c6e0ba6.txt")
    figures = evaluate(g, gold)["figures"]
    assert (figures["tp"], figures["fp"], figures["fn"]) == ((1, 0, 2) if hit else (0, 1, 3))


def test_every_statement_counts_not_only_the_preferred(tmp_path):
    gold = gold_subset(tmp_path, "seeds", projects=["longma-wind-equipment-base"])
    g = Graph()
    node = entity(g, TKG.Project, "project/lm", "龙马集团高端装备制造基地")
    investment(g, node, "23100000000", "000_547114241c6e0ba6.txt")
    investment(g, node, "18500000000", "001_347c5c036ba7c81d.txt")
    investment(g, node, "4200000000", "000_547114241c6e0ba6.txt", n=1)  # the annual plan, not the total
    result = evaluate(g, gold)
    assert (result["figures"]["tp"], result["figures"]["fp"], result["figures"]["fn"]) == (2, 1, 1)
    assert result["misses"]["figures"]["spurious"][0]["yuan"] == 4200000000
    assert result["misses"]["figures"]["missed"] == [{"project": "龙马集团高端装备制造基地", "yuan": 13500000000}]


def county_links(g: Graph, project, shape: str):
    """Link `project` to places the way `shape` says."""
    kzhq = place(g, "科尔沁左翼后旗", "county", "科左后旗")
    if shape == "county":
        g.add((project, TKG.locatedIn, kzhq))
    elif shape == "township":
        town = place(g, "甘旗卡镇", "township")
        g.add((town, TKG.withinPlace, kzhq))
        g.add((project, TKG.locatedIn, town))
    elif shape == "park":
        park = entity(g, TKG.IndustrialPark, "park/kzhq", "科左后旗产业园区")
        g.add((park, TKG.locatedIn, kzhq))
        g.add((project, TKG.inPark, park))
    elif shape == "two counties":
        g.add((project, TKG.locatedIn, kzhq))
        g.add((project, TKG.locatedIn, place(g, "开鲁县", "county")))
    elif shape == "other county":
        g.add((project, TKG.locatedIn, place(g, "开鲁县", "county")))
    elif shape == "city":
        g.add((project, TKG.locatedIn, place(g, "通辽市", "city")))


@pytest.mark.parametrize("corpus, project_id, label, shape, agrees", [
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "county", True),
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "township", True),
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "park", True),
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "two counties", False),
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "other county", False),
    ("seeds", "tianyang-silica-sand-processing", "天阳新材料（内蒙古）有限公司综合性硅砂深加工项目", "none", False),
    ("seeds", "kangnaier-project", "康乃尔项目", "none", True),  # both empty
    ("seeds", "kangnaier-project", "康乃尔项目", "county", False),
    ("dev", "tongliao-airport-expansion", "通辽机场改扩建工程", "city", True),  # the gold writes the city
    ("dev", "tongliao-airport-expansion", "通辽机场改扩建工程", "county", False),
])
def test_county_agreement(tmp_path, corpus, project_id, label, shape, agrees):
    gold = gold_subset(tmp_path, corpus, projects=[project_id])
    g = Graph()
    county_links(g, entity(g, TKG.Project, "project/p", label), shape)
    county = evaluate(g, gold)["attributes"]["county"]
    assert (county["agree"], county["total"]) == (int(agrees), 1)


@pytest.mark.parametrize("developers, agrees", [
    ([["河北毕氏实业集团有限公司"], ["内蒙古（奈曼）经安有色金属材料有限公司"]], True),
    ([["河北毕氏实业集团有限公司"], ["经安"]], True),  # the gold company's alias
    ([["毕氏实业", "河北毕氏实业集团有限公司"], ["经安"]], True),
    ([["河北毕氏实业集团有限公司"]], False),
    ([["河北毕氏实业集团有限公司"], ["经安"], ["龙马集团"]], False),
    ([["内蒙古创源合金有限公司"], ["经安"]], False),
])
def test_companies_agreement(tmp_path, developers, agrees):
    gold = gold_subset(tmp_path, "seeds", projects=["jingan-129wt-stainless-steel"],
                       companies=["bishi-group", "jingan"])
    g = Graph()
    project = entity(g, TKG.Project, "project/ja", "经安129万吨不锈钢、轧钢酸洗项目")
    for i, labels in enumerate(developers):
        g.add((project, TKG.developer, entity(g, TKG.Company, f"company/{i}", *labels)))
    companies = evaluate(g, gold)["attributes"]["companies"]
    assert (companies["agree"], companies["total"]) == (int(agrees), 1)


@pytest.mark.parametrize("project_id, label, chains, expected", [
    ("changjiang-zaoxing-1mt-silica-sand", "长江造型100万吨硅砂深加工项目", ["硅砂新材料"], (1, 1)),
    ("changjiang-zaoxing-1mt-silica-sand", "长江造型100万吨硅砂深加工项目", ["硅砂新材料", "玉米生物"], (0, 1)),
    ("changjiang-zaoxing-1mt-silica-sand", "长江造型100万吨硅砂深加工项目", [], (0, 1)),
    ("kzhq-general-aviation-airport", "通用机场", [], (1, 1)),
    ("xianyou-green-fiber", "仙游县绿色纤维生产项目", ["新能源及装备制造"], (0, 0)),  # Putian: no chains scored
])
def test_chains_agreement(tmp_path, project_id, label, chains, expected):
    gold = gold_subset(tmp_path, "dev", projects=[project_id])
    g = Graph()
    project = entity(g, TKG.Project, "project/p", label)
    for chain in chains:
        g.add((project, TKG.inChain, CHAIN[chain]))
        g.add((CHAIN[chain], SKOS.prefLabel, Literal(chain, lang="zh")))
    result = evaluate(g, gold)["attributes"]["chains"]
    assert (result["agree"], result["total"]) == expected


@pytest.mark.parametrize("content, complaint", [
    ("{not json", "not valid JSON"),
    ("[]", "expected a JSON object"),
    ('{"companies": [], "parks": []}', "'projects' must be a list of objects"),
    ('{"projects": [{"name": "查草高速"}], "companies": [], "parks": []}', "projects[0]: 'id' must be"),
    ('{"projects": [{"id": "a", "name": "查草高速", "mentions": [{"surface": "查草高速", '
     '"total_investment_cny": "30亿元"}]}], "companies": [], "parks": []}',
     "projects[0].mentions[0]: 'total_investment_cny' must be a number of yuan"),
    ('{"projects": [], "companies": [{"id": "a", "name": "蒙牛"}, {"id": "a", "name": "梅花生物"}], '
     '"parks": []}', "companies[1]: id 'a' is used twice"),
    ('{"projects": [], "companies": [], "parks": [{"id": "a", "name": "开鲁工业园区", "borderline": "yes"}]}',
     "parks[0]: 'borderline' must be true or false"),
])
def test_malformed_gold_says_which_file_and_what(tmp_path, content, complaint):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as err:
        evaluate(Graph(), path)
    assert str(path) in str(err.value) and complaint in str(err.value)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read the gold file"):
        evaluate(Graph(), tmp_path / "absent.json")


def test_report_text_json_and_misses(tmp_path):
    gold = gold_subset(tmp_path, "seeds", projects=["longma-wind-equipment-base", "spic-chp"])
    g = Graph()
    node = entity(g, TKG.Project, "project/lm", "龙马集团高端装备制造基地")
    investment(g, node, "23100000000", "000_547114241c6e0ba6.txt")
    result = evaluate(g, gold)
    text = format_report(result)
    assert "projects" in text and "国电投热电联产" not in text
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines()[2:6]}
    assert lines["projects"] == ["1", "0", "1", "1.000", "0.500", "0.667"]
    assert lines["figures"] == ["1", "0", "2", "1.000", "0.333", "0.500"]
    with_misses = format_report(result, misses=True)
    assert "projects: missed (1):\n  国电投热电联产" in with_misses
    assert "龙马集团高端装备制造基地: 185亿元" in with_misses and "龙马集团高端装备制造基地: 135亿元" in with_misses
    assert json.loads(format_report(result, as_json=True))["scores"] == result["scores"]
    assert "misses" not in json.loads(format_report(result, as_json=True))
    assert json.loads(format_report(result, misses=True, as_json=True))["misses"] == result["misses"]


def test_graph_written_by_kg_graph_reads_back(tmp_path):
    """The sample knowledge base through kg.graph's Turtle: its projects and figures are all found."""
    from sample_kb import make_sample_kb

    from kg.graph import load, to_graph, write

    kb = make_sample_kb()
    path = write(to_graph(kb), tmp_path / "kg.ttl")
    result = evaluate(load(path), GOLD / "seeds.json")
    projects = [e for e in kb.entities.values() if e.kind == "Project"]
    assert (result["entities"]["projects"]["tp"], result["entities"]["projects"]["fp"]) == (len(projects), 0)
    assert result["figures"]["fp"] == 0 and result["figures"]["tp"] > 0


def test_cli_eval(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.graph import write

    graph = write(gold_graph("seeds"), tmp_path / "kg.ttl")
    args = ["eval", "--gold", str(GOLD / "seeds.json"), "--graph", str(graph), "--json"]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    assert set(json.loads(run.output)["scores"].values()) <= {1.0, 0}
    bad = tmp_path / "gold.json"
    bad.write_text('{"projects": {}, "companies": [], "parks": []}', encoding="utf-8")
    run = CliRunner().invoke(cli, ["eval", "--gold", str(bad), "--graph", str(graph)])
    assert run.exit_code == 1
    assert f"Error: {bad}: 'projects' must be a list of objects." in run.output


# ---- the figures beyond total investment, and a gold file restricted to some articles ------------------

REAL = Path(__file__).resolve().parent / "data" / "real"


def statement(g: Graph, node, prop, value, unit: str | None = None, n: int = 0):
    st = ID[f"statement/{node.split('/')[-1]}/{prop.split('#')[-1]}/{n}"]
    g.add((node, TKG.hasStatement, st))
    g.add((st, TKG.property, prop))
    g.add((st, TKG.value, value if not isinstance(value, (int, float, str)) or isinstance(value, str) and
           value.startswith("http") else Literal(Decimal(str(value)), datatype=XSD.decimal)))
    if unit:
        g.add((st, TKG.unit, Literal(unit)))


def test_restricted_gold_keeps_only_what_the_articles_say():
    full = read_gold(REAL / "shared-n" / "gold.json")
    part = read_gold(REAL / "shared-n" / "gold.json", docs={"n02.txt"})
    names = {g.name for g in part.entities["projects"]}
    assert "铝加工设备制造及维修项目" in names and len(names) == 5
    assert len(full.entities["projects"]) > 100
    assert {g.name for g in part.entities["companies"]} == {"河北诚达设备制造公司"}


def test_facts_are_scored_over_matched_projects(tmp_path):
    # n02's parent project: output 20亿元, tax 1.5亿元, 500 jobs, under construction; its 三期 makes 10万吨 a year
    g = Graph()
    parent = entity(g, TKG.Project, "project/a", "铝加工设备制造及维修项目")
    statement(g, parent, TKG.outputValue, 2_000_000_000, "CNY")
    statement(g, parent, TKG.tax, 15_000_000, "CNY")  # a tenth of the gold: wrong
    statement(g, parent, TKG.jobs, 500, "person")
    g.add((parent, TKG.hasStatement, ID["statement/s"]))
    g.add((ID["statement/s"], TKG.property, TKG.status))
    g.add((ID["statement/s"], TKG.value, ID["status/under_construction"]))
    result = evaluate(g, REAL / "shared-n" / "gold.json", docs={"n02.txt"})
    facts = result["facts"]
    assert (facts["output_value"]["tp"], facts["output_value"]["fp"]) == (1, 0)
    assert (facts["tax"]["tp"], facts["tax"]["fp"], facts["tax"]["fn"]) == (0, 1, 1)
    assert facts["jobs"]["f1"] == 1.0 and facts["status"]["tp"] == 1
    assert "tax: gold and graph disagree" in format_report(result, misses=True)


def test_capacity_compares_by_base_unit():
    # n14: 宏储源 is 100 MW of power and 200 MWh of storage; a rate of tonnes is tonnes
    g = Graph()
    store = entity(g, TKG.Project, "project/a", "宏储源100MW/200MWh光伏储能项目")
    statement(g, store, TKG.capacity, 100_000, "kW")
    statement(g, store, TKG.capacity, 200_000, "kW", n=1)  # the right number in the wrong unit
    lime = entity(g, TKG.Project, "project/b", "鼎诚工贸年产10万吨活性石灰项目")
    statement(g, lime, TKG.capacity, 100_000, "t/a")
    capacity = evaluate(g, REAL / "shared-n" / "gold.json", docs={"n14.txt"})["facts"]["capacity"]
    assert (capacity["tp"], capacity["fp"], capacity["fn"]) == (2, 1, 1)


def test_gold_without_structured_figures_is_not_scored_on_them(seed_graph):
    result = evaluate(seed_graph, GOLD / "seeds.json")
    assert result["facts"]["capacity"] is None and result["facts"]["developers"] is not None
    assert "capacity n/a" in format_report(result)


def test_boundary_exact_counts_a_contained_match_as_a_miss():
    g = Graph()
    entity(g, TKG.Project, "project/a", "现场、北坡西路片区棚户区改造项目")  # a lead-in swallowed
    result = evaluate(g, REAL / "shared-n" / "gold.json", docs={"n12.txt"})
    assert result["entities"]["projects"]["tp"] == 1
    assert result["exact"]["projects"]["tp"] == 0 and result["exact"]["projects"]["fp"] == 1


def test_a_province_level_city_is_a_projects_city():
    from kg.evaluate import _counties
    g = Graph()
    project = entity(g, TKG.Project, "project/p", "青禾电子显示器项目")
    g.add((project, TKG.locatedIn, place(g, "重庆市", "province")))
    assert _counties(g, project) == (("重庆市",),)
    g2 = Graph()  # another province is no city
    project = entity(g2, TKG.Project, "project/p", "青禾电子显示器项目")
    g2.add((project, TKG.locatedIn, place(g2, "四川省", "province")))
    assert _counties(g2, project) == ()


def test_a_county_renamed_or_shortened_is_the_same_place():
    from kg.evaluate import same_place

    assert same_place("邵东县", ["邵东市"])  # 邵东县 became 邵东市 in 2019
    assert same_place("海西州", ["海西蒙古族藏族自治州"])
    assert not same_place("开鲁县", ["科尔沁区"])
