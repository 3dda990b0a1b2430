"""kg/relate/parts.py: project names that are parts of another project, or no project (made-up text)."""

from kg.model import PART_OF, PROJECT


def test_a_component_named_by_capacity_and_sector_is_no_project(relate_state):
    s, c = relate_state("青禾新材料有限公司建设年产10万吨乳酸项目，配套建设30万千瓦风电项目。")
    c.names.merge_mentions(s)
    c.parts.drop_components(s)
    assert [e.name for e in s.entities.values() if e.kind == PROJECT] == ["年产10万吨乳酸项目"]


def test_a_project_introduced_with_qizhong_is_a_part_of_the_one_before(relate_state):
    s, c = relate_state("青禾煤化工项目总投资80亿元，其中青禾甲醇项目投资30亿元。")
    c.names.merge_mentions(s)
    (sent,) = s.sentences
    named = [m for m in sent.mentions if m.kind == PROJECT]
    parts = c.parts.sub_projects(s, sent, named, None)
    names = {k: e.name for k, e in s.entities.items()}
    assert [names[k] for k in parts] == ["青禾甲醇项目"]
    assert [(names[f.subject], names[f.value]) for f in s.facts if f.prop == PART_OF] == [("青禾甲醇项目", "青禾煤化工项目")]
