"""kg/relate/names.py: which mentions are one entity (made-up text in the genre, invented names)."""

import pytest

from kg.model import COMPANY, PROJECT


def entities(relate_state, text: str, kind: str) -> list[list[str]]:
    """The surfaces of each entity of a kind, once names merged them."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    c.names.short_names(s)
    return sorted(sorted(e.surfaces) for e in s.entities.values() if e.kind == kind)


@pytest.mark.parametrize("text, kind, expected", [
    # the short name an article gives a company is that company, also where the nlp did not read it as one
    ("湖北青禾化工集团有限公司（以下简称“湖化”）在开鲁县投资建设年产10万吨玉米淀粉项目。湖化表示，项目明年投产。",
     COMPANY, [["湖化", "湖北青禾化工集团有限公司"]]),
    # a project's shorter name joins the longer one ending with it
    ("青禾集团投资建设年产50万吨大豆深加工项目。大豆深加工项目建成后年产值可达30亿元。",
     PROJECT, [["大豆深加工项目", "年产50万吨大豆深加工项目"]]),
    # equal names after different places: a firm and its local subsidiary stay two
    ("上海青松能源有限公司与通辽青松能源有限公司签约。", COMPANY, [["上海青松能源有限公司"], ["通辽青松能源有限公司"]]),
    # a brand is the core of the one full name once its trade words go (青禾农业集团 -> 青禾, 青山控股综合 -> 青山)
    ("广东青禾农业集团有限公司在克山县投资。青禾马铃薯全产业链项目开工。", COMPANY,
     [["广东青禾农业集团有限公司", "青禾"]]),
    ("青山控股综合集团在克山县投资。青山马铃薯淀粉胶囊项目开工。", COMPANY, [["青山", "青山控股综合集团"]]),
    # the same name written shorter, a few words left out (旧, 跨境): one project
    ("10万吨/年废旧矿物油循环再生综合利用项目开工。10万吨/年废矿物油循环再生综合利用项目总投资2亿元。", PROJECT,
     [["10万吨/年废旧矿物油循环再生综合利用项目", "10万吨/年废矿物油循环再生综合利用项目"]]),
    ("青禾网辽宁东北亚跨境数字贸易总部基地项目签约。青禾网东北亚数字贸易总部基地将于明年建成。", PROJECT,
     [["青禾网东北亚数字贸易总部基地", "青禾网辽宁东北亚跨境数字贸易总部基地项目"]]),
])
def test_mentions_merge_into_entities(relate_state, text, kind, expected):
    assert entities(relate_state, text, kind) == expected


def test_an_apposition_names_the_project_under_discussion_again(relate_state):
    s, c = relate_state("青禾碳纤维项目正式开工。该项目系全国首个“零碳”示范项目。")
    c.names.merge_mentions(s)
    current = next(m.key for m in s.sentences[0].mentions if m.kind == PROJECT)
    (other,) = [m for m in s.sentences[1].mentions if m.kind == PROJECT and m.label == "Project"]
    assert c.names.apposition(s, s.sentences[1], other, current)
    assert other.key == current and "“零碳”示范项目" in s.entities[current].surfaces


def test_a_lead_in_before_a_company_named_elsewhere_is_cut(relate_state):
    from kg.model import PLACE
    from kg.relate.state import Mention

    text = "既有青禾东集团投资。青禾东集团表示。河北青禾东集团也来了。"
    s, c = relate_state(text)
    s.mentions = [m for m in s.mentions if m.kind not in (COMPANY, PLACE)] + [
        Mention(COMPANY, 0, 7, "既有青禾东集团"), Mention(COMPANY, 10, 15, "青禾东集团"),
        Mention(PLACE, 18, 20, "河北", "province"), Mention(COMPANY, 18, 25, "河北青禾东集团")]
    c.names.trim_lead_ins(s)
    assert [m.text for m in s.mentions if m.kind == COMPANY] == ["青禾东集团", "青禾东集团", "河北青禾东集团"]
    assert [m.start for m in s.mentions if m.kind == COMPANY] == [2, 10, 18]


@pytest.mark.parametrize("text, kept", [
    ("要谋新项目、盯大项目、攻慢项目、啃难项目，强化项目调度。", []),  # slogans: no noun before 项目
    ("青禾公司投资3000万美元的硅胶项目开工。", ["硅胶项目"]),  # a product, written short
    ("东莞拓展项目施工现场一片繁忙。", ["东莞拓展项目"]),  # a place before it makes it a name
])
def test_a_slogan_ending_in_project_is_no_project(relate_state, text, kept):
    s, _ = relate_state(text)
    assert [m.text for m in s.mentions if m.kind == PROJECT and m.label == "Project"] == kept
