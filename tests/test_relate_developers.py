"""kg/relate/developers.py: who builds a project, and how companies are related (made-up text)."""

from kg.model import DEVELOPER, PROJECT, SUBSIDIARY_OF


def pairs(s, prop: str) -> list[tuple[str, str]]:
    return sorted((s.entities[f.subject].name, s.entities[f.value].name) for f in s.facts if f.prop == prop)


def developers_in(relate_state, text: str) -> list[tuple[str, str]]:
    """(project, developer) pairs read from a one-sentence text."""
    s, c = relate_state(text)
    c.names.merge_mentions(s)
    (sent,) = s.sentences
    c.developers.sentence(s, sent, [m for m in sent.mentions if m.kind == PROJECT], None)
    return pairs(s, DEVELOPER)


def test_x_invests_in_and_builds_y(relate_state):
    assert developers_in(relate_state, "青禾新材料有限公司投资建设的年产5万吨碳纤维项目开工。") == [
        ("年产5万吨碳纤维项目", "青禾新材料有限公司")]


def test_by_x_goes_to_the_project_under_discussion(relate_state):
    s, c = relate_state("年产5万吨碳纤维项目在开鲁县开工。该项目由青禾新材料有限公司投资建设。")
    c.names.merge_mentions(s)
    current = next(m.key for m in s.sentences[0].mentions if m.kind == PROJECT)
    c.developers.sentence(s, s.sentences[1], [], current)
    assert pairs(s, DEVELOPER) == [("年产5万吨碳纤维项目", "青禾新材料有限公司")]


def test_a_wholly_owned_subsidiary(relate_state):
    s, c = relate_state("青禾新材料有限公司是青禾控股集团有限公司的全资子公司。")
    c.names.merge_mentions(s)
    c.developers.company_relations(s)
    assert pairs(s, SUBSIDIARY_OF) == [("青禾新材料有限公司", "青禾控股集团有限公司")]


def test_a_company_after_a_zone_opens_the_project_name(relate_state):
    # the zone is where the company is: "图片为" leads in, the company's name starts after the zone
    assert developers_in(relate_state, "图片为开鲁县经济开发区青禾新材料科技有限公司年产6000吨高纯石英管项目培土奠基。") == [
        ("开鲁县经济开发区青禾新材料科技有限公司年产6000吨高纯石英管项目", "青禾新材料科技有限公司")]


def test_a_company_with_its_total_before_the_project(relate_state):
    pairs_read = developers_in(relate_state, "我市签订的青禾控股集团总投资66亿元建设的青禾大健康产业基地项目落户。")
    assert ("青禾大健康产业基地项目", "青禾控股集团") in pairs_read


def test_a_list_named_by_outputs_shares_the_company_of_its_first_item(relate_state):
    found = developers_in(relate_state, "总投资15亿元的广西青禾糖业有限公司年产9.5万吨漂白蔗渣浆项目、年产20万吨文化用纸项目"
                                        "和年产30万吨精制糖项目前期工作正在开展。")
    assert found == [("年产20万吨文化用纸项目", "广西青禾糖业有限公司"), ("年产30万吨精制糖项目", "广西青禾糖业有限公司"),
                     ("广西青禾糖业有限公司年产9.5万吨漂白蔗渣浆项目", "广西青禾糖业有限公司")]


def test_a_list_item_named_by_a_brand_is_not_the_first_items(relate_state):
    found = developers_in(relate_state, "广西青禾糖业有限公司年产9.5万吨漂白蔗渣浆项目、蓝海水族观赏鱼养殖项目开工。")
    assert ("蓝海水族观赏鱼养殖项目", "广西青禾糖业有限公司") not in found


def test_a_project_opening_with_the_brand_of_a_company_the_article_names(relate_state):
    s, c = relate_state("宏泰集团董事长一行来访。宏泰医疗养老中心项目建成后将推动养老服务业发展。")
    c.names.merge_mentions(s)
    c.developers.brands_in_names(s)
    assert pairs(s, DEVELOPER) == [("宏泰医疗养老中心项目", "宏泰集团")]


def test_a_company_with_its_legal_form_after_a_zone_the_gazetteer_lacks(relate_state):
    # the name model cuts the zone off the company ("渤海新区|河北某某石化有限公司"): the company still owns the project
    from kg.model import COMPANY
    from kg.relate.state import Mention

    text = "总投资6.4亿元的渤海新区河北青禾石化有限公司渤海新区智能服务中心项目开工。"
    s, c = relate_state(text)
    project = next(m for m in s.mentions if m.kind == PROJECT)
    start = text.index("河北青禾")
    inside = Mention(COMPANY, start, text.index("渤海新区智能"), "河北青禾石化有限公司", "Company", "")
    late = Mention(COMPANY, text.index("智能"), text.index("项目"), "智能服务中心", "Company", "")
    assert c.developers.legal_inside(s, project, inside)
    assert not c.developers.legal_inside(s, project, late)


def test_companies_joined_before_the_verb_build_together(relate_state):
    assert developers_in(relate_state, "由青禾纺织集团和青山实业集团联合投资建设的纺织科技产业园项目总投资50亿元。") == [
        ("纺织科技产业园项目", "青山实业集团"), ("纺织科技产业园项目", "青禾纺织集团")]


def test_a_company_signs_with_a_zone_written_with_he(relate_state):
    assert developers_in(relate_state, "青禾能源有限公司和上饶经开区管委会签约光伏组件生产项目。") == [
        ("光伏组件生产项目", "青禾能源有限公司")]


def test_signed_written_qianding(relate_state):
    assert developers_in(relate_state, "青禾化工有限公司与经济开发区签定的年产10万吨二甲苯项目，总投资9800万美元。") == [
        ("年产10万吨二甲苯项目", "青禾化工有限公司")]


def test_the_builder_of_a_list_that_shares_its_head_word(relate_state):
    """"X投资的A、B项目": the name read is the last item's; its builder is X all the same."""
    found = developers_in(relate_state, "青禾贸易有限公司投资的新型环保、机械设备生产线项目拟投资1.2亿元。")
    assert [company for _, company in found] == ["青禾贸易有限公司"]


def test_the_subsidiary_a_group_set_up_is_the_developer_not_the_group(relate_state):
    s, c = relate_state("青禾集团通辽有限公司硅砂开采及深加工项目开工。")
    c.names.merge_mentions(s)
    project = next(e.key for e in s.entities.values() if e.kind == PROJECT)
    group = s.new_entity("Company", "青禾集团")
    sub = next(e.key for e in s.entities.values() if e.name == "青禾集团通辽有限公司")
    for company in (group.key, sub):  # both read as developers, as the learned layer may
        s.add(project, DEVELOPER, company, s.evidence(s.sentences[0]))
    c.developers.subsidiary_over_parent(s)
    assert pairs(s, DEVELOPER) == [("青禾集团通辽有限公司硅砂开采及深加工项目", "青禾集团通辽有限公司")]

