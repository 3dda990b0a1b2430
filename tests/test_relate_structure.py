"""kg/relate/structure.py: what headings, section headers, tour legs and the main venue say about the
sentences after them (made-up text in the genre)."""

import pytest

from kg.relate import Discourse


def read_structure(relate_state, text: str, current: str | None = None) -> tuple[Discourse, dict]:
    """The Discourse after the structure component read every sentence; and entity key -> name."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    d = Discourse(current=current)
    for sent in s.sentences:
        c.structure.sentence(s, sent, d)
        d.venue = c.structure.venue_place(s, sent) or d.venue
    return d, {k: e.name for k, e in s.entities.items()}


@pytest.mark.parametrize("text, place", [
    ("三、儋州市政府\n儋州市今年新开工项目32个。", "儋州市"),  # a numbered heading naming a place and its government
    ("（二）开鲁县分会场\n现场签约项目12个。", "开鲁县"),
    ("开鲁县：打造绿色农畜产品加工基地。", "开鲁县"),  # a section header
    ("观摩团走进霍林郭勒市，实地察看了5个项目。", "霍林郭勒市"),  # a tour leg
    # a paragraph that opens with a date and a county holding its sub-venue
    ("海南省第四批项目集中开工。\n7月13日，万宁市举办集中开工分会场活动，开工8个项目。\n这8个项目包括青禾壹号项目。", "万宁市"),
    # a story's lead on a newspaper page: the county right after it is the story's; the next story's list none
    ("某县新闻。\n本报讯（通讯员 李某）12月27日，潼南区一批重点项目签约、开工。", "潼南区"),
    ("本报讯（通讯员 李某）12月27日，潼南区一批重点项目签约。\n本报讯（记者 王某）12月27日，南岸区、江北区签下18个项目。",
     None),
])
def test_a_section_sets_the_place_of_what_follows(relate_state, text, place):
    d, names = read_structure(relate_state, text)
    assert names.get(d.section_place) == place


def test_a_heading_ends_the_project_under_discussion(relate_state):
    d, _ = read_structure(relate_state, "二、招商引资成效显著", current="project:1")
    assert d.current is None


def test_a_page_running_header_changes_nothing(relate_state):
    d, _ = read_structure(relate_state, "通辽日报 2025年4月10日 星期四 要闻", current="project:1")
    assert (d.current, d.section_place) == ("project:1", None)


def test_the_main_venue_is_remembered(relate_state):
    d, names = read_structure(relate_state, "全市重大项目集中开工仪式主会场设在郸城县。各分会场同步举行。")
    assert names.get(d.venue) == "郸城县"


def test_a_dated_county_without_a_venue_sets_no_section(relate_state):
    d, _ = read_structure(relate_state, "7月13日，万宁市召开会议，研究项目建设。\n这8个项目包括青禾壹号项目。")
    assert d.section_place is None
