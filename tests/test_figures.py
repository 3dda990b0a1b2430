"""Figures of projects: which figure a sentence gives, to which project, in which currency. Sentences are
from the holdout articles (marked h, simplified script) or made up in the genre with invented names (m)."""

from decimal import Decimal

import pytest
from rdflib.namespace import SKOS

from kg import graph, lexicon, resolve
from kg.evaluate import read_nodes
from kg.model import Document, DocumentMeta, Quantity
from kg.nlp import make_nlp
from kg.relate import relate
from kg.vocab import TKG


@pytest.fixture(scope="module")
def lex():
    return lexicon.load()


@pytest.fixture(scope="module")
def run(lex):
    nlp = make_nlp(lex, model_dir=None)  # the rules alone: the learned layer is tested in test_learn and the accuracy tests

    def run(text: str):
        meta = DocumentMeta(doc_id="t", path="t.txt", date="2025")
        return relate(Document(meta, text, text, list(range(len(text) + 1))), nlp(text), lex)

    return run


def figures(result, prop: str) -> list[tuple[str, str, str]]:
    """(project name, value, unit) of one property's figures."""
    names = {e.key: e.name for e in result.entities}
    return sorted({(names[f.subject], str(f.value.value), f.value.unit)
                   for f in result.facts if f.prop == prop and isinstance(f.value, Quantity)})


HENGRUI = ("江苏恒锐重工集团投资建设的风电主轴及齿轮箱精密锻件项目，总投资1.5亿美元（约合人民币10.8亿元），"
           "主要生产5兆瓦以上大型风电机组主轴、齿圈等精密锻件。")  # h


@pytest.mark.parametrize("text, expected", [
    # a foreign amount keeps its currency; the yuan amount beside it is the same figure in yuan
    (HENGRUI, [("风电主轴及齿轮箱精密锻件项目", "1080000000", "CNY"),
               ("风电主轴及齿轮箱精密锻件项目", "150000000", "USD")]),
    ("外资项目中，德国诺林格集团投资的锂电池湿法隔膜项目总投资1.2亿美元（约合人民币8.6亿元），由其在榆林高新区设立的"
     "公司建设运营。",  # h
     [("锂电池湿法隔膜项目", "120000000", "USD"), ("锂电池湿法隔膜项目", "860000000", "CNY")]),
    ("青禾果汁项目总投资2亿欧元，折合人民币15.6亿元。",  # m
     [("青禾果汁项目", "1560000000", "CNY"), ("青禾果汁项目", "200000000", "EUR")]),
    # a phase in a list of phases ("：一期…，投资…；二期…") is not the project's
    ("青禾煤制烯烃项目总投资约268亿元，分两期实施：一期建设年产40万吨煤制烯烃装置，投资152亿元，计划2026年建成投产；"
     "二期再建设40万吨。", [("青禾煤制烯烃项目", "26800000000", "CNY")]),  # m
    # who invests in the project, then a weak 投资
    ("定远县盐化工业园内，安徽青禾化工集团年产30万吨离子膜烧碱项目正加紧建设。项目由青禾化工投资21.3亿元兴建，"
     "利用定远县丰富的岩盐资源。", [("安徽青禾化工集团年产30万吨离子膜烧碱项目", "2130000000", "CNY")]),  # h
    # "该产业园…": the project just named
    ("在赣州经济技术开发区，江西青禾稀土功能材料有限公司稀土永磁产业园项目同步启动。该产业园总投资60亿元，分三期建设，"
     "其中首个子项目——年产3000吨高性能钕铁硼永磁材料项目投资15亿元，力争年底建成投产。",  # h
     [("年产3000吨高性能钕铁硼永磁材料项目", "1500000000", "CNY"),
      ("江西青禾稀土功能材料有限公司稀土永磁产业园项目", "6000000000", "CNY")]),
    # a company invests a figure and its clause goes on to build the project (holdout4 ot3, "有机" kept whole)
    ("根据协议，楚鑫集团将在枝江经济开发区姚家港化工园投资36亿元，建设年产10万吨电子级湿电子化学品项目，主要产品包括电子级硫酸。",
     [("年产10万吨电子级湿电子化学品项目", "3600000000", "CNY")]),  # h
    ("瑞硅新材将投资11亿元建设有机硅深加工项目，年产硅橡胶、硅油等有机硅下游产品8万吨。",
     [("有机硅深加工项目", "1100000000", "CNY")]),  # h
    ("骏途智能拟投资5亿元，在枝江高新区建设智能物流装备生产基地，主要生产自动化立体仓库。",
     [("智能物流装备生产基地", "500000000", "CNY")]),  # h
    # after a named project, what its clause builds is the project's content, not another project
    ("青禾铝业项目总投资8亿元，建设年产5万吨铝箔生产线。", [("青禾铝业项目", "800000000", "CNY")]),  # m
    # "投资建设的X项目" names the subject; X is no component of another project (holdout4 tl1)
    ("由通辽开禾新能源有限公司投资建设的开鲁县30万千瓦风电项目年内实现全容量并网，项目总投资约18.2亿元。",
     [("开鲁县30万千瓦风电项目", "1820000000", "CNY")]),  # h
])
def test_total_investment(run, text, expected):
    assert figures(run(text), "totalInvestment") == expected


def test_fields_under_a_project_heading_are_its_figures(run):
    """holdout3 ot3 (招商推介): a heading names the project, the lines below are its fields."""
    text = ("（二）中宁县枸杞精深加工及冷链物流项目\n建设地点：中宁县枸杞产业园\n"
            "建设内容：拟建枸杞原浆、枸杞多糖提取生产线，配套建设2万吨冷库。\n投资估算：3.5亿元\n合作方式：合资、合作\n"
            "（三）海原县10万只滩羊标准化养殖及屠宰加工项目\n建设地点：海原县三河镇\n投资估算：4.2亿元\n")
    assert figures(run(text), "totalInvestment") == [
        ("中宁县枸杞精深加工及冷链物流项目", "350000000", "CNY"), ("海原县10万只滩羊标准化养殖及屠宰加工项目", "420000000", "CNY")]


def test_a_yuan_equivalent_says_it_is_one(run):
    [fact] = [f for f in run(HENGRUI).facts if f.prop == "totalInvestment" and f.value.unit == "CNY"]
    assert fact.qualifiers == ("约", "折合")


@pytest.mark.parametrize("text, prop, expected", [
    # a place's or a park's figure, a cluster's figure, a phase's figure
    ("青禾铝箔项目已投产，园区2023年实现工业总产值302亿元。", "outputValue", []),  # m
    ("青禾医疗器械产业园项目总投资约20亿元，建成后将形成年产值50亿元的产业集群。", "outputValue", []),  # m
    ("云南青禾新能源材料有限公司年产10万吨磷酸锰铁锂正极材料项目，一期投产后年可实现产值40亿元。", "outputValue", []),  # m
    # jobs need a word that says so
    ("在青禾煤制烯烃项目建设现场，3000多名建设者正在抢抓入冬前的最后窗口期。", "jobs", []),  # m
    ("青禾再生铝项目达产后年可实现产值42亿元、税收1.2亿元，新增就业岗位320个。", "jobs",  # h
     [("青禾再生铝项目", "320", "person")]),
    # a production rate in a clause is a capacity; an emission rate is none
    ("青禾果汁项目总投资3亿元，建成后年产40万吨果汁。", "capacity", [("青禾果汁项目", "400000", "t/a")]),  # m
    ("郴州青禾环保科技有限公司危险废物综合利用处置中心项目总投资32000万元，年处置危险废物10万吨。", "capacity",  # h
     [("郴州青禾环保科技有限公司危险废物综合利用处置中心项目", "100000", "t/a")]),
    # seed 002: a capacity that a clause gives the whole place ("装机容量增至") is no project's
    ("霍煤鸿骏火电灵活性改造、道老杜50万千瓦风电项目并网发电，新能源装机容量增至256.5万千瓦；", "capacity",
     [("道老杜50万千瓦风电项目", "500000", "kW")]),
])
def test_other_figures(run, text, prop, expected):
    assert figures(run(text), prop) == expected


@pytest.mark.parametrize("text, product", [
    ("内蒙古青禾铝业有限公司年产20万吨再生铝及铝合金扁锭项目开工。", "再生铝及铝合金扁锭"),  # h: a name joins two
    ("青禾镍业项目开工，建设年产120万吨镍铁合金和60万吨硅锰合金生产线。", "镍铁合金"),  # m: up to the next number
    ("青禾制氢一体化项目开工，配套年产1.2万吨的电解水制氢装置。", "电解水制氢装置"),  # m
    ("年产2万吨尼龙56切片及纤维项目签约。", "尼龙56切片及纤维"),  # m: a digit in the product
])
def test_capacity_product(run, text, product):
    r = run(text)
    assert [f.value.product for f in r.facts if f.prop == "capacity"][:1] == [product]


def test_foreign_amounts_are_statements_but_never_direct_values(run, lex):
    """The direct total is in yuan; a dollar amount stays a statement of normal rank, which evaluation does
    not read as yuan; the graph is valid."""
    kb = resolve.resolve([run(HENGRUI + "青禾光纤预制棒项目总投资2.8亿美元。")], lex)
    g = graph.to_graph(kb, lex)
    label = {s: str(g.value(e, SKOS.prefLabel)) for e, s in g.subject_objects(TKG.hasStatement)}
    ranks = sorted((label[s], str(g.value(s, TKG.unit)), str(g.value(s, TKG.rank)).rpartition("#")[2])
                   for s in g.subjects(TKG.property, TKG.totalInvestment))
    assert ranks == [("青禾光纤预制棒项目", "USD", "NormalRank"),
                     ("风电主轴及齿轮箱精密锻件项目", "CNY", "PreferredRank"),
                     ("风电主轴及齿轮箱精密锻件项目", "USD", "NormalRank")]
    assert [str(v) for v in g.objects(None, TKG.totalInvestment)] == ["1080000000.0"]
    scored = {n.labels[0]: [v for v, _ in n.investments] for n in read_nodes(g, "projects")}
    assert scored == {"风电主轴及齿轮箱精密锻件项目": [Decimal("1080000000.0")], "青禾光纤预制棒项目": []}
    assert graph.validate(g) == []
