"""kg/relate/__init__.py: the walk keeps the project under discussion from sentence to sentence."""

from decimal import Decimal

import pytest

from kg.model import OUTPUT_VALUE, STATUS, TAX, TOTAL_INVESTMENT
from kg.relate import walk


def facts_of(relate_state, text: str, prop: str, after=None) -> list[tuple]:
    """(project, value) of every `prop` fact once the walk (and `after`, a whole-document step) read `text`."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    walk(s, c)
    if after:
        after(c)(s)
    return sorted((s.entities[f.subject].name, getattr(f.value, "value", f.value)) for f in s.facts if f.prop == prop)


def investments(relate_state, text: str) -> list[tuple[str, Decimal]]:
    return facts_of(relate_state, text, TOTAL_INVESTMENT)


@pytest.mark.parametrize("text, expected", [
    # "该项目" in the next sentence is the project just named
    ("青禾碳纤维项目在开鲁县开工。该项目总投资12亿元。", [("青禾碳纤维项目", Decimal("1200000000"))]),
    # naming only a part keeps the whole under discussion
    ("青禾煤化工项目开工建设。其中青禾甲醇项目年产甲醇60万吨。该项目总投资80亿元。",
     [("青禾煤化工项目", Decimal("8000000000"))]),
    # a list closed by 等 leaves no project under discussion: the next sentence's figure is the list's
    ("青禾储能设备项目、青松LED模组项目、青山固体饮料项目等。总投资达136亿元。", []),
    # a heading ends it: the figure after it has no project
    ("青禾碳纤维项目在开鲁县开工。\n二、招商引资成效显著\n全年总投资120亿元。", []),
])
def test_the_project_under_discussion(relate_state, text, expected):
    assert investments(relate_state, text) == expected


PLAN = ("青禾公司建设的玉米循环经济产业园区，计划总投资120亿元，兴建360万吨/年玉米深加工项目和2×100MW热电联产项目。"
        "项目总建设期三年，{}后，年可实现销售收入180亿元，利税16亿元。")


@pytest.mark.parametrize("cue, owner", [
    ("全部项目达产", "玉米循环经济产业园区"),  # the whole plan's figures are the parent's
    ("热电联产项目投产", "2×100MW热电联产项目"),  # without the cue they stay with the part under discussion
])
def test_the_whole_plans_figures_go_to_the_parent(relate_state, cue, owner):
    text = PLAN.format(cue)
    assert facts_of(relate_state, text, OUTPUT_VALUE) == [(owner, Decimal("18000000000"))]
    assert facts_of(relate_state, text, TAX) == [(owner, Decimal("1600000000"))]


@pytest.mark.parametrize("text, expected", [
    # a status announced before the list of names it is about, in the sentence or the one before
    ("此次新开工重大项目30个，其中包括青禾物流基地、青松商会总部等产业项目。",
     [("青松商会总部", "under_construction"), ("青禾物流基地", "under_construction")]),
    ("7月13日，青山市集中开工8个项目。这8个项目包括青禾壹号项目、青松酒店项目。",
     [("青松酒店项目", "under_construction"), ("青禾壹号项目", "under_construction")]),
    # 开复工: started or restarted
    ("近日，青禾光伏储能项目、青松钾资源深加工项目等4个项目已开复工建设。",
     [("青松钾资源深加工项目", "under_construction"), ("青禾光伏储能项目", "under_construction")]),
    # a plan to start is the status planned; a list that gives its own status keeps it
    ("今年计划开工项目30个，其中包括青禾物流基地、青松商会总部等产业项目。",
     [("青松商会总部", "planned"), ("青禾物流基地", "planned")]),
    ("今年将开工项目30个，其中包括青禾物流基地、青松商会总部等产业项目。", []),
    ("集中签约项目12个，其中青禾物流基地已经投产。", [("青禾物流基地", "in_operation")]),
    # a list whose items run on through semicolons
    ("集中开工的10个重点项目总投资44亿元，其中，产业项目3个，分别为青禾电子产业园建设项目，总投资5.2亿元；"
     "青松食品产业园建设项目，总投资5亿元；年产3000台防爆风机项目，总投资5亿元。",
     [("年产3000台防爆风机项目", "under_construction"), ("青松食品产业园建设项目", "under_construction"),
      ("青禾电子产业园建设项目", "under_construction")]),
])
def test_a_status_announced_for_a_list(relate_state, text, expected):
    assert facts_of(relate_state, text, STATUS) == expected


@pytest.mark.parametrize("text, expected", [
    # progress words of the genre: the works go on
    ("投资5亿元的青禾云计算中心项目主体封顶；青松鑫港项目进展顺利。",
     [("青松鑫港项目", "under_construction"), ("青禾云计算中心项目", "under_construction")]),
    ("青禾茶叶科技园建设等5个项目加快推进，青松水库等3个项目力争尽早开工。",
     [("青松水库", "planned"), ("青禾茶叶科技园建设", "under_construction")]),
    # the preparations go on, not the works
    ("青禾抽水蓄能电站等重大项目前期工作加快推进。", [("青禾抽水蓄能电站", "planned")]),
    ("青山县与青禾集团签订青禾物流园项目。", [("青禾物流园项目", "signed")]),
    ("今年，该旗计划实施重点项目70个，其中包括青禾物流基地、青松商会总部等产业项目。",
     [("青松商会总部", "planned"), ("青禾物流基地", "planned")]),
])
def test_status_words_of_progress_and_preparation(relate_state, text, expected):
    assert facts_of(relate_state, text, STATUS) == expected


@pytest.mark.parametrize("text, expected", [
    # a report of a signing: its projects were signed, unless the text says otherwise
    ("青山县重大项目集中签约仪式举行\n现场签约项目8个。青禾物流园项目由青禾集团投资。青松酒店项目已经投产。",
     [("青松酒店项目", "in_operation"), ("青禾物流园项目", "signed")]),
    # 签约 with a batch of projects in the opening sentence names the event too
    ("3月31日，青山县招商推介会在深圳举行，现场签约项目8个。青禾物流园项目由青禾集团投资。",
     [("青禾物流园项目", "signed")]),
    # but not a project's own parts, nor 开工 in a project's profile
    ("青禾铝基新材料项目涵盖4个子项目，2024年8月开工。青禾物流园项目由青禾集团投资。",
     [("青禾铝基新材料项目", "under_construction")]),
    # a source line between the headline and the opening sentence (real pages: r-sets); made-up
    ("青山日报讯\n2021-09-03 08:41\n青山县第三批重点项目集中开工仪式近日举行，共涉及7个项目。青禾物流园项目由青禾集团投资。",
     [("青禾物流园项目", "under_construction")]),
    # an opening that names two events says nothing for all
    ("青山县重大项目集中签约暨开工仪式举行\n青禾物流园项目由青禾集团投资。", []),
])
def test_the_event_an_article_reports_gives_its_projects_their_status(relate_state, text, expected):
    assert facts_of(relate_state, text, STATUS, after=lambda c: c.statuses.event_statuses) == expected
