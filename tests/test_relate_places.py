"""kg/relate/places.py: where projects, parks and the article are (made-up text in the genre)."""

import pytest

from kg.model import IN_PARK, LOCATED_IN, PROJECT
from kg.relate import Discourse


def places(s, prop: str) -> list[tuple[str, str, str]]:
    return sorted((s.entities[f.subject].name, s.entities[f.value].name, f.note) for f in s.facts if f.prop == prop)


def read_places(relate_state, text: str, d: Discourse | None = None):
    """The state after places read each project name in its sentence."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    for sent in s.sentences:
        for m in [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]:
            c.places.project_mention(s, m, sent, d or Discourse())
    return s, c


@pytest.mark.parametrize("text, expected", [
    # a round-up writes where, then what
    ("在奈曼旗青禾新材料产业园，年产5万吨碳纤维项目正加紧建设。",
     [("年产5万吨碳纤维项目", "奈曼旗", "place alone in the clause before")]),
    # a route's place is the end that holds the other ends
    ("榆林至府谷高速公路项目开工。", [("榆林至府谷高速公路项目", "榆林市", "route in the name")]),
    # a route between two cities, neither holding the other, is neither's
    ("南昌至九江高速公路项目开工。", []),
    # a city in the name, one of its counties named before it: the county
    ("此外，兰州市城关区政府与香港青禾实业有限公司合作，建设兰州明珠城市综合体项目。",
     [("兰州明珠城市综合体项目", "城关区", "county named before it, in the city found")]),
])
def test_the_place_of_a_project_from_its_sentence(relate_state, text, expected):
    s, _ = read_places(relate_state, text)
    assert places(s, LOCATED_IN) == expected


def test_the_park_opening_the_sentence(relate_state):
    s, _ = read_places(relate_state, "在奈曼旗青禾新材料产业园，年产5万吨碳纤维项目正加紧建设。")
    assert [(p, park) for p, park, _ in places(s, IN_PARK)] == [("年产5万吨碳纤维项目", "奈曼旗青禾新材料产业园")]


def test_the_section_place_when_the_sentence_gives_none(relate_state):
    s, c = relate_state("开鲁县：年产5万吨碳纤维项目开工。")
    c.names.merge_mentions(s)
    d = Discourse()
    (sent,) = s.sentences
    c.structure.sentence(s, sent, d)
    project = next(m for m in sent.mentions if m.kind == PROJECT)
    c.places.project_mention(s, project, sent, d)
    assert places(s, LOCATED_IN) == [("年产5万吨碳纤维项目", "开鲁县", "section or tour leg")]


def test_a_project_without_a_place_is_in_the_county_the_article_is_about(relate_state):
    s, c = read_places(relate_state, "泗水县召开重点项目推进会。青禾食品饮料项目开工。泗水县今年已签约项目20个。")
    doc_place = c.article_place.document_place(s)
    assert s.entities[doc_place].name == "泗水县"
    c.places.fallback_places(s, doc_place)
    assert places(s, LOCATED_IN) == [("青禾食品饮料项目", "泗水县", "the place the article is about")]


ROUND_UP = ("记者从市发改委了解到，全市重点项目完成投资99亿元。其中，桐城青禾薄膜、太湖富印光学材料、岳西乘风中药产业园、"
            "望江旭众装备、宿松红爱服饰、桐城中一包装设备等项目进展顺利。桐城抽水蓄能电站开工。桐城市加快建设。安庆市加快建设。"
            "青禾物流园项目开工。")


@pytest.mark.parametrize("text, place", [
    # 长沙经开区 lies in 长沙县: the city's name in the park's name does not outweigh the county the article names
    ("长沙经开区长沙县一批重大项目集中开工\n长沙经开区、长沙县重大项目集中开工活动在长沙经开区举行。"
     "长沙经开区、长沙县将抓项目、兴产业。青禾智造基地项目开工。", "长沙县"),
    # a city's round-up is the city's, though one county recurs; without the city's own words, the county's
    (ROUND_UP, "安庆市"),
    (ROUND_UP.replace("记者从市发改委了解到，全市", "今年"), "桐城市"),
    # a city written before its county is the county's address
    ("衡水市冀州区举行项目集中开工仪式。衡水市冀州区在工业园区举行开工仪式。青禾新材料项目开工。"
     "衡水市冀州区今年签约项目20个。衡水市领导出席。", "冀州区"),
    # a province-level city in the headline is the article's city; not where it is only where investors come from
    ("重庆市工业重点项目建设进展顺利\n重庆市经信委聚焦项目引进，全市工业项目进展顺利。青禾电子显示器项目投产。"
     "重庆市签约项目90个。", "重庆市"),
    ("青禾电子显示器项目投产。\n上海市青禾集团投资建设。上海市客商来访。", None),
    # the paper that reports (保定日报) is no place of the article, and the lead's county outranks one in passing
    ("来源：保定日报\n保定日报讯 望都县2021年第三批重点项目集中开工仪式近日举行，共涉及7个项目。"
     "此次集中开工项目包括青禾智能控制设备零部件项目。今年以来，望都县紧抓雄安新区未来大规模开发建设的机遇。", "望都县"),
    # a city named only inside company names is not the article's
    ("阿拉善盟投资促进中心组织企业赴江苏、山东等地开展招商。签约项目包括青禾精细化学品项目，"
     "由七洲绿色化工（济宁）有限公司投资，济宁市青松化工有限公司参与。", "阿拉善盟"),
    # a province's round-up: its capital named most is not every project's city
    ("江西省重点项目建设完成投资1352亿元\n据了解，南昌市、九江市、赣州市重点项目进展顺利，南昌市完成投资最多，南昌市领先。"
     "建成投产项目有青禾实业有限公司高分子塑料制品生产项目。", None),
    ("据了解，南昌市、九江市、赣州市重点项目进展顺利，南昌市完成投资最多，南昌市领先。"
     "建成投产项目有青禾实业有限公司高分子塑料制品生产项目。", "南昌市"),
    # a county named once with its suffix, then by its stem alone, outweighs the city named twice
    ("记者从临汾市了解到，永和县青禾食品加工园已入驻企业12户。永和结合资源优势打起红枣牌，青禾红枣深加工项目已投产。"
     "永和正迎来发展机遇。临汾市有关负责人说，园区前景好。", "永和县"),
    # a headline joining two cities (a metropolitan area) is neither's; a park named after two cities is no join
    ("前5月银川—石嘴山都市圈重点项目开工率达86%\n人民网银川6月26日电 银川—石嘴山都市圈重点项目稳步推进，银川市完成投资最多，银川市、银川市领先。"
     "青禾算力中心项目加快建设。", None),
    ("阜阳合肥现代产业园区项目建设快速推进\n阜阳合肥现代产业园区新开工项目10个。阜阳市加快建设。青禾食品项目开工。",
     "阜阳市"),
])
def test_the_place_an_article_is_about(relate_state, text, place):
    s, c = read_places(relate_state, text)
    found = c.article_place.document_place(s)
    assert (s.entities[found].name if found else None) == place


def test_a_municipality_the_article_names_far_more_than_any_city_is_its_place(relate_state):
    # a list with the municipality in most project names and one investor's city in a brand: the municipality
    text = ("记者获悉，今年一批重大项目加快建设，名单如下。\n序号 | 项目名称\n1 | 上海光源二期 | 在建\n2 | 上海激光装置项目 | 在建\n"
            "3 | 宁德青禾未来能源基地项目 | 开工\n4 | 上海硅片生产研发项目 | 开工\n")
    s, c = read_places(relate_state, text)
    assert s.entities[c.article_place.document_place(s)].name == "上海市"


def test_a_city_opening_a_project_name_is_the_investors_in_an_article_about_another_place(relate_state):
    text = ("洪湖市重点项目建设提速。本次集中签约项目6个，包括武汉东方胜天包装装饰新材料项目等。"
            "洪湖市将做好服务。洪湖市今年签约项目20个。")
    s, c = read_places(relate_state, text)
    doc_place = c.article_place.document_place(s)
    c.places.investor_cities(s, doc_place)
    c.places.fallback_places(s, doc_place)
    assert places(s, LOCATED_IN) == [("武汉东方胜天包装装饰新材料项目", "洪湖市",
                                      "the place the article is about (the city opening the name is the investor's)")]


def test_a_city_opening_a_project_name_stays_where_the_article_names_it_on_its_own(relate_state):
    text = ("洪湖市重点项目建设提速。本次集中签约项目6个，包括武汉东方胜天包装装饰新材料项目等。"
            "武汉市领导出席。洪湖市将做好服务。")
    s, c = read_places(relate_state, text)
    doc_place = c.article_place.document_place(s)
    c.places.investor_cities(s, doc_place)
    assert ("武汉东方胜天包装装饰新材料项目", "武汉市", "place in the name") in places(s, LOCATED_IN)


def test_a_short_county_name_in_brackets_in_a_project_name_is_its_place(relate_state):
    # the county's short name needs its city named: 郴州 is, and the bracket opens a name
    s, _ = read_places(relate_state, "郴州市举行重点项目集中开工。青禾铸管绿色智能铸造（嘉禾）产业园项目开工。")
    assert places(s, LOCATED_IN) == [("青禾铸管绿色智能铸造（嘉禾）产业园项目", "嘉禾县", "place in the name")]


def test_each_signing_in_a_list_names_its_own_place(relate_state):
    text = ("项目分别是：平鲁区人民政府和青禾绝缘材料有限公司签署管道生产制造项目、吕梁经济技术开发区管委会和"
            "青山医疗设备有限公司签署智能洗肺机生产项目。")
    s, _ = read_places(relate_state, text)
    found = {p: place for p, place, _ in places(s, LOCATED_IN)}
    assert found == {"管道生产制造项目": "平鲁区", "智能洗肺机生产项目": "吕梁市"}


def test_a_municipality_does_not_outvote_the_one_district_the_article_names(relate_state):
    text = ("北京开发区星网工业园汇聚了通信企业。2010年初，北京市委、市政府推动大兴区和北京经济技术开发区整合，"
            "建设北京南部高技术制造业聚集区。北京南部新区发展蓝图。青禾高端新材料生产研发基地项目签约。")
    s, c = read_places(relate_state, text)
    assert s.entities[c.article_place.document_place(s)].name == "大兴区"


def test_a_county_opening_a_list_of_names_is_the_first_items_not_the_paragraphs(relate_state):
    from kg.relate import walk

    s, c = relate_state("第二批名单中新增的2个项目为：\n汝城县青禾电子智能科技产业园项目、郴州市200万头生猪标准化养殖项目。")
    c.names.merge_mentions(s)
    walk(s, c)
    assert places(s, LOCATED_IN) == [("汝城县青禾电子智能科技产业园项目", "汝城县", "place in the name"),
                                     ("郴州市200万头生猪标准化养殖项目", "郴州市", "place in the name")]


def test_a_county_with_how_many_projects_it_has_places_the_projects_after_it(relate_state):
    text = ("新签约项目中，50亿元以上工业项目4个，其中桐城市2个，分别为总投资120亿元的青禾年产30GW动力电池项目和"
            "总投资107亿元的青山太阳能产业基地项目。迎江区1个，为总投资110亿元的青峰锂电池隔膜生产项目。")
    s, _ = read_places(relate_state, text)
    found = {p: (place, note) for p, place, note in places(s, LOCATED_IN)}
    assert found == {"青禾年产30GW动力电池项目": ("桐城市", "place alone in the clause before"),
                     "青山太阳能产业基地项目": ("桐城市", "place alone in the clause before"),
                     "青峰锂电池隔膜生产项目": ("迎江区", "place alone in the clause before")}


def test_a_dateline_starts_a_story_about_its_place(relate_state):
    """Two stories on one page: each dateline's place holds for its story, even where the dateline writes the
    county short (天台 is also a word) and the story names it in full."""
    from kg.relate import walk

    text = ("本报宁波11月17日电 (记者 青禾) 17日上午，宁波市奉化区重大项目集中开工活动举行。\n"
            "本报天台11月17日电 (记者 青山) 11月17日上午，天台县12个重大项目集中开工。\n"
            "同时开工的还有青峰年产2000万平方米无纺布生产线项目等。")
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    walk(s, c)
    assert places(s, LOCATED_IN) == [("青峰年产2000万平方米无纺布生产线项目", "天台县", "section or tour leg")]


@pytest.mark.parametrize("zone, county", [("沈抚新区", "沈抚改革创新示范区"), ("曹妃甸新区", "曹妃甸区"),
                                          ("杨凌示范区", "杨陵区"), ("大通湖区", "大通湖区")])
def test_a_functional_zone_the_province_counts_as_county_level_is_a_county(relate_state, zone, county):
    s, _ = read_places(relate_state, f"{zone}青禾智慧科技园项目开工。")
    assert places(s, LOCATED_IN) == [(f"{zone}青禾智慧科技园项目", county, "place in the name")]


def test_a_location_cue_opening_a_clause_places_the_project_of_the_clause_before(relate_state):
    s, c = relate_state("总投资2.6亿元的“青禾生物质发电项目”，选址在开鲁县工业园区，年发电2亿千瓦时。")
    c.names.merge_mentions(s)
    d = Discourse()
    for sent in s.sentences:
        named = [m for m in sent.mentions if m.kind == PROJECT and m.label == "Project" and m.key]
        c.places.located_by_verb(s, sent, named, [], None)
    assert [(p, place) for p, place, _ in places(s, LOCATED_IN)] == [("青禾生物质发电项目", "开鲁县")]
