"""kg/relate/figures.py: which figure a sentence gives, to which project, or to a set of projects; statuses
and dates (made-up sentences in the genre, invented names)."""

from decimal import Decimal

import pytest

from kg.model import CAPACITY, PROJECT, START_DATE, STATUS, TOTAL_INVESTMENT


def read_figures(relate_state, text: str):
    """The state after the figures component read each sentence (no project under discussion before it)."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    for sent in s.sentences:
        named = [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]
        refs = [m for m in sent.mentions if m.kind == PROJECT and m.label == "ProjectRef"]
        for m in named:
            c.figures.in_name(s, m, sent)
        c.figures.sentence(s, sent, named, refs, None)
        c.statuses.sentence(s, sent, named, refs, None)
    return s


def values(s, prop: str) -> list[tuple[str, object]]:
    return sorted((s.entities[f.subject].name, f.value.value if hasattr(f.value, "value") else f.value)
                  for f in s.facts if f.prop == prop)


@pytest.mark.parametrize("text, expected", [
    # "总投资16亿元的X项目": the figure belongs to the project right after 的
    ("总投资16亿元的青禾新材料项目在开鲁县开工。", [("青禾新材料项目", Decimal("1600000000"))]),
    # a phase's figure is not the project's
    ("青禾煤制烯烃项目总投资约268亿元，分两期实施：一期建设年产40万吨煤制烯烃装置，投资152亿元。",
     [("青禾煤制烯烃项目", Decimal("26800000000"))]),
    # "引进资金N亿元，建设X": the money brought in builds X; a semicolon starts the next item over
    ("青山区与香港青禾实业有限公司合作，协议引进资金40亿元人民币，建设青山明珠城市综合体项目；"
     "与青松集团合作，引进资金6亿元，建造雁白大桥项目。",
     [("雁白大桥项目", Decimal("600000000")), ("青山明珠城市综合体项目", Decimal("4000000000"))]),
    ("青山县引进9.1亿元建设青禾新材料项目。", [("青禾新材料项目", Decimal("910000000"))]),
    # "总投资N亿元的A与B签订X项目；…": the amount is the project the parties after 的 sign
    ("分别是：总投资30亿元的青山经济技术开发区管委会与青禾水务集团签订精酿啤酒项目；"
     "总投资5.8亿元的青山县人民政府与青松化工有限公司签订废矿物油综合利用项目。",
     [("废矿物油综合利用项目", Decimal("580000000")), ("精酿啤酒项目", Decimal("3000000000"))]),
    # "X公司总投资8亿元建设的Y项目", one after another: each figure to the name after it, not the one before
    ("青山集团总投资8亿元建设的青禾公路港项目，上海青松药业有限公司总投资5.5亿元建设的青松中药饮品生产项目。",
     [("青松中药饮品生产项目", Decimal("550000000")), ("青禾公路港项目", Decimal("800000000"))]),
    # "A、B等2个总投资均为5000万元的项目": each project of the list
    ("青禾电器控制器项目、青松生态园观光农业项目等2个总投资均为5000万元的项目签约落户。",
     [("青松生态园观光农业项目", Decimal("50000000")), ("青禾电器控制器项目", Decimal("50000000"))]),
    # a list whose items open with their amount: "17亿元的X项目、3亿元的Y项目"
    ("新材料类项目2个：17亿元的200MW分散式风力发电项目、3亿元的青禾铜钼矿开采项目。",
     [("200MW分散式风力发电项目", Decimal("1700000000")), ("青禾铜钼矿开采项目", Decimal("300000000"))]),
])
def test_total_investment_goes_to_its_project(relate_state, text, expected):
    assert values(read_figures(relate_state, text), TOTAL_INVESTMENT) == expected


def test_a_count_of_projects_makes_the_figures_an_aggregate(relate_state):
    s = read_figures(relate_state, "今年全市计划实施重点项目558个，总投资1762亿元。")
    assert not s.facts
    (aggregate,) = s.result.aggregates
    assert [(label, q.value) for label, q in aggregate.figures] == [("项目数", Decimal(558)),
                                                                   ("总投资", Decimal("176200000000"))]


@pytest.mark.parametrize("text, scope", [
    ("今年全市计划实施重点项目558个，总投资1762亿元。", "今年全市计划实施重点项目"),
    # the count opens its sentence: its clause says what it counts (an empty scope fails the graph's shapes)
    ("248个项目集中开工，总投资1502亿元。", "248个项目集中开工"),
    ("共计34个项目集中签约、开工，总投资167.2亿元。", "共计34个项目集中签约、开工"),
])
def test_an_aggregate_says_what_it_is_about(relate_state, text, scope):
    (aggregate,) = read_figures(relate_state, text).result.aggregates
    assert aggregate.scope == scope


def test_the_capacity_in_a_name_keeps_its_product(relate_state):
    s = read_figures(relate_state, "年产40万吨轻质高强铝合金项目开工。")
    assert [(f.value.value, f.value.product) for f in s.facts if f.prop == CAPACITY] == \
        [(Decimal(400000), "轻质高强铝合金")]


def test_a_status_with_a_date_gives_the_start_date(relate_state):
    s = read_figures(relate_state, "青禾碳纤维项目已于2023年5月开工建设。")
    assert values(s, STATUS) == [("青禾碳纤维项目", "under_construction")]
    assert values(s, START_DATE) == [("青禾碳纤维项目", "2023-05")]


@pytest.mark.parametrize("text", [
    "青禾储能设备制造项目、青松LED模组项目、青山固体饮料加工项目，总投资66.2亿元，可实现年产值123亿元。",
    "青禾储能设备制造项目、青松LED模组项目、青山固体饮料加工项目等，总投资136亿元，年产值123亿元。",
])
def test_a_figure_after_a_list_is_the_lists_not_its_last_items(relate_state, text):
    s = read_figures(relate_state, text)
    assert values(s, TOTAL_INVESTMENT) == []
    (whole,) = s.result.aggregates
    assert whole.scope == "青禾储能设备制造项目、青松LED模组项目、青山固体饮料加工项目"
    assert [label for label, _ in whole.figures] == ["总投资", "产值"]


def test_a_figure_of_the_last_item_in_its_own_clause_stays_its(relate_state):
    s = read_figures(relate_state, "青禾储能设备制造项目、青松LED模组项目开工，其中青松LED模组项目总投资5亿元。")
    assert values(s, TOTAL_INVESTMENT) == [("青松LED模组项目", Decimal("500000000"))]
